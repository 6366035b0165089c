"""The ``reply`` directive: a real reply, rendered by the kit while the site builds.

    ```{reply}
    :kind: delayed_response
    :example: 1
    :locale: ar-SA
    :channel: chat
    ```

or with the scenario itself as JSON content. The page shows what the library
prints today, so the docs cannot drift from the templates.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

import apologykit as ak

from .direction import directed_block

#: The brand every reply in the docs is signed with.
DOCS_BRAND = ak.Brand(
    name={"en": "Acme", "ar": "أكمي"},
    support_team={"en": "Acme Care", "ar": "رعاية عملاء أكمي"},
)


@cache
def docs_kit() -> ak.ReplyKit:
    """One kit for the whole build: templates compile once."""
    return ak.ReplyKit(brand=DOCS_BRAND, plugins=False)


def shown_text(reply: ak.Reply) -> str:
    """The reply as a reader sees it in the docs: the subject line, then the text."""
    text = reply.text.rstrip("\n")
    if reply.subject:
        label = "الموضوع" if reply.language == "ar" else "Subject"
        return f"{label}: {reply.subject}\n\n{text}"
    return text


def render_shown(
    scenario: ak.Scenario | dict[str, Any], locale: str, channel: str
) -> tuple[ak.Reply, str]:
    """Render with the docs kit; the reply and the text the page shows."""
    reply = docs_kit().render(scenario, locale=locale, channel=channel)  # type: ignore[arg-type]
    return reply, shown_text(reply)


def reply_block(reply: ak.Reply, text: str, caption: str) -> nodes.Element:
    """The rendered text in a block with the reply's own language and direction."""
    literal = nodes.literal_block(text, text, language="text")
    literal["classes"].append("reply-text")
    title = nodes.paragraph("", "", nodes.strong(caption, caption))
    title["classes"].append("reply-caption")
    return directed_block(reply.language, title, literal, classes=("reply",))


class ReplyDirective(SphinxDirective):
    """Render one scenario (a kind's example, or JSON content) in one locale and channel."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "kind": directives.unchanged,
        "example": directives.nonnegative_int,
        "locale": directives.unchanged_required,
        "channel": directives.unchanged,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        locale = self.options["locale"]
        channel = self.options.get("channel", "email")
        try:
            scenario = self._scenario()
            reply, text = render_shown(scenario, locale, channel)
        except (ak.ApologyKitError, ValueError, IndexError) as exc:
            raise self.error(f"reply: {exc}") from None
        caption = self.options.get("caption") or f"{channel}, {reply.locale}"
        return [reply_block(reply, text, caption)]

    def _scenario(self) -> ak.Scenario | dict[str, Any]:
        if self.content:
            data = json.loads("\n".join(self.content))
            if not isinstance(data, dict):
                raise ValueError("the content must be one JSON object: a scenario")
            return data
        kind = self.options.get("kind")
        if not kind:
            raise ValueError("give :kind: (and :example:) or the scenario as JSON content")
        examples = ak.scenario_class(kind).examples()
        return examples[self.options.get("example", 0)]
