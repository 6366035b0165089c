"""The ``template-limits`` directive: the sandbox's bounds, from ``apologykit.renderer.limits``.

Every ``MAX_*`` constant of the module, its value and the ``#:`` comment that
says what it bounds; a new limit appears on the page without anyone writing it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

from apologykit.renderer import limits

from .tables import markdown_table, parse_descriptions


def template_limits() -> list[tuple[str, int, str]]:
    """(name, value, what it bounds) for every ``MAX_*`` constant, in source order."""
    comments = ModuleAnalyzer.for_module(limits.__name__).find_attr_docs()
    rows = []
    for (scope, name), lines in comments.items():
        if scope == "" and name.startswith("MAX_"):
            value = getattr(limits, name)
            rows.append((name, value, " ".join(line.strip() for line in lines).strip()))
    missing = [
        name
        for name in vars(limits)
        if name.startswith("MAX_") and name not in {r[0] for r in rows}
    ]
    if missing:
        raise LookupError(f"apologykit.renderer.limits: no '#:' comment for {', '.join(missing)}")
    return rows


class TemplateLimitsDirective(SphinxDirective):
    """A table of the template limits: name, value, meaning.

    In another language the page gives each meaning as ``MAX_NAME: text``
    content; a limit without one (or a text for a limit that is gone) fails.
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"language": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        try:
            rows = template_limits()
            given = parse_descriptions(list(self.content)) if self.content else None
        except (LookupError, ValueError) as exc:
            raise self.error(f"template-limits: {exc}") from None
        if given is not None and set(given) != {name for name, _, _ in rows}:
            raise self.error(
                "template-limits: the page's texts and apologykit.renderer.limits disagree: "
                f"{sorted(set(given) ^ {name for name, _, _ in rows})}"
            )
        arabic = self.options.get("language") == "ar"
        headers = ("الحد", "القيمة", "ما يحدّه") if arabic else ("limit", "value", "what it bounds")
        table_rows = [
            (f"`{name}`", f"`{value:,}`", given[name] if given is not None else text)
            for name, value, text in rows
        ]
        container = nodes.container(classes=["template-limits"])
        lines = markdown_table(headers, table_rows)
        self.state.nested_parse(lines, self.content_offset, container)  # type: ignore[arg-type]
        return [container]
