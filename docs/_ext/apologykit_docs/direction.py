"""Right-to-left content: a block with its own ``dir`` and ``lang``, and whole RTL pages.

A page whose front matter says ``language: ar`` has its content wrapped in
``<div dir="rtl" lang="ar">``, so the browser lays the guide out right to left
while the theme's navigation keeps the site's own direction.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

#: Languages written right to left (the ones apologykit renders).
RTL_LANGUAGES = frozenset({"ar"})


class directed(nodes.General, nodes.Element):
    """A block in one language and direction: ``<div dir=... lang=...>`` in HTML."""


def direction_of(language: str) -> str:
    """``rtl`` for Arabic, ``ltr`` otherwise."""
    return "rtl" if language.split("-")[0].split("_")[0] in RTL_LANGUAGES else "ltr"


def directed_block(language: str, *children: nodes.Node, classes: tuple[str, ...] = ()) -> directed:
    """Wrap ``children`` in a block written in ``language``."""
    node = directed(lang=language, dir=direction_of(language), classes=list(classes))
    node.extend(children)
    return node


def _visit_html(translator: HTML5Translator, node: directed) -> None:
    translator.body.append(translator.starttag(node, "div", "", dir=node["dir"], lang=node["lang"]))


def _depart_html(translator: HTML5Translator, node: directed) -> None:
    translator.body.append("</div>\n")


def _visit_plain(translator: Any, node: directed) -> None:
    """Other builders (text, man, latex) keep the content and ignore the direction."""


def _depart_plain(translator: Any, node: directed) -> None:
    pass


def _wrap_rtl_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    language = app.env.metadata.get(pagename, {}).get("language")
    if not isinstance(language, str) or "body" not in context:
        return
    context["body"] = (
        f'<div dir="{direction_of(language)}" lang="{language}" class="page-language">\n'
        f"{context['body']}</div>\n"
    )


def setup(app: Sphinx) -> None:
    plain = (_visit_plain, _depart_plain)
    app.add_node(
        directed,
        html=(_visit_html, _depart_html),
        text=plain,
        latex=plain,
        man=plain,
        texinfo=plain,
    )
    app.connect("html-page-context", _wrap_rtl_page)
