"""The ``template-example`` directive: a template snippet and what it prints, rendered now.

    ```{template-example}
    :kind: delayed_response
    :locales: en-GB ar-SA

    {{ waited | duration }}
    ```

The snippet becomes the kind's whole template in a throwaway company
directory; the kind's first example is rendered through it in each locale
(and, with ``:genders:``, for each customer gender), and the page shows the
snippet and each output. Nothing shown is pasted: it is the library's answer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

import apologykit as ak

from .direction import directed_block
from .replies import DOCS_BRAND

#: How a gender is named in the captions.
GENDER_CAPTIONS = {"female": "female", "male": "male", "none": "gender not given"}


def render_snippet(
    snippet: str, kind: str, locale: str, gender: str | None = None, example: int = 0
) -> ak.Reply:
    """Render ``kind``'s example through a template that is only ``snippet``."""
    scenario = ak.scenario_class(kind).examples()[example]
    if gender is not None:
        customer = scenario.customer.model_copy(
            update={"gender": None if gender == "none" else gender}
        )
        scenario = scenario.model_copy(update={"customer": customer})
    with tempfile.TemporaryDirectory(prefix="apologykit-docs-") as directory:
        language = locale.split("-")[0].split("_")[0]
        (Path(directory) / language).mkdir()
        (Path(directory) / language / f"{kind}.j2").write_text(snippet + "\n", encoding="utf-8")
        kit = ak.ReplyKit(brand=DOCS_BRAND, template_dirs=[directory], plugins=False)
        return kit.render(scenario, locale=locale, channel="chat")


class TemplateExampleDirective(SphinxDirective):
    """Show a snippet and its real output per locale (and per gender)."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "kind": directives.unchanged_required,
        "locales": directives.unchanged,
        "genders": directives.unchanged,
        "example": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        snippet = "\n".join(self.content).strip("\n")
        kind = self.options["kind"]
        locales = self.options.get("locales", "en-GB ar-SA").split()
        genders: list[str | None] = list(self.options.get("genders", "").split()) or [None]
        source = nodes.literal_block(snippet, snippet, language="jinja")
        source["classes"].append("template-source")
        result: list[nodes.Node] = [source]
        for locale in locales:
            for gender in genders:
                try:
                    reply = render_snippet(
                        snippet, kind, locale, gender, self.options.get("example", 0)
                    )
                except (ak.ApologyKitError, IndexError) as exc:
                    raise self.error(f"template-example ({kind}, {locale}): {exc}") from None
                text = reply.text.rstrip("\n")
                caption = f"{locale}" + (f", {GENDER_CAPTIONS[gender]}" if gender else "")
                literal = nodes.literal_block(text, text, language="text")
                literal["classes"].append("reply-text")
                label = nodes.paragraph("", "", nodes.strong(caption, caption))
                label["classes"].append("reply-caption")
                result.append(directed_block(reply.language, label, literal, classes=("reply",)))
        return [nodes.container("", *result, classes=["template-example"])]
