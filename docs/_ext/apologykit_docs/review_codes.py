"""The ``review-codes`` directive: every review finding code, read from the rules' TOML files.

``codes.toml`` gives each code's severity and message; ``en.toml`` and
``ar.toml`` give the phrasing each language suggests instead. A code added to
the rules appears in the table without anyone writing it.
"""

from __future__ import annotations

import tomllib
from typing import Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from apologykit.reviewer.rules import LANGUAGES, RULES_DIR

from .tables import markdown_table


def _load(name: str) -> dict[str, Any]:
    with (RULES_DIR / name).open("rb") as stream:
        return tomllib.load(stream)


def review_codes() -> list[tuple[str, str, str, dict[str, str]]]:
    """(code, severity, message, {language: suggestion}) for every code, in file order."""
    codes = _load("codes.toml")
    findings = {language: _load(f"{language}.toml").get("findings", {}) for language in LANGUAGES}
    rows = []
    for code, entry in codes.items():
        suggestions = {
            language: str(findings[language].get(code, {}).get("suggestion", ""))
            for language in LANGUAGES
        }
        rows.append((code, str(entry["severity"]), str(entry["message"]), suggestions))
    return rows


class ReviewCodesDirective(SphinxDirective):
    """A table of the finding codes: severity, what is wrong, the better phrasing per language."""

    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        rows = [
            (
                f"`{code}`",
                severity,
                message,
                suggestions.get("en", "") or "-",
                suggestions.get("ar", "") or "-",
            )
            for code, severity, message, suggestions in review_codes()
        ]
        headers = ("code", "severity", "what is wrong", "instead (English)", "instead (Arabic)")
        container = nodes.container(classes=["review-codes"])
        self.state.nested_parse(markdown_table(headers, rows), self.content_offset, container)  # type: ignore[arg-type]
        return [container]
