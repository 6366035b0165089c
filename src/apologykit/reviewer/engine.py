"""Reviewing a text: fold it, find the parts of an apology, then the findings."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from .model import Finding, Review, Span
from .normalise import Folded, fold
from .rules import LANGUAGES, CompanyRules, FindingRule, LanguageRules, builtin_rules, load_rules

#: A text longer than this is refused before any matching (a reply is far shorter).
MAX_REVIEW_CHARS = 50_000


def detect_language(text: str) -> str:
    """``"ar"`` when Arabic letters outnumber Latin ones, else ``"en"``."""
    arabic = latin = 0
    for char in text:
        if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f":
            arabic += 1
        elif char.isascii() and char.isalpha():
            latin += 1
    return "ar" if arabic > latin else "en"


def _findings(
    folded: Folded,
    rule: FindingRule,
    spans: list[tuple[int, int]],
    components: dict[str, Span | None],
    apology: bool,
) -> list[Finding]:
    """The findings of one rule, from its matches (folded offsets) in the whole text."""
    if rule.apology_only and not apology:
        return []
    if any(components.get(name) for name in rule.unless):
        return []

    def finding(span: Span | None) -> Finding:
        quote = folded.original[span.start : span.end] if span else ""
        return Finding(rule.code, rule.severity, span, quote, rule.message, rule.suggestion)

    if rule.required:
        return [] if spans else [finding(None)]
    if not rule.patterns:
        return [finding(None)] if all(not components.get(n) for n in rule.absent) else []
    result: list[Finding] = []
    last_end = -1
    for start, end in sorted(folded.span(start, end) for start, end in spans):
        if start >= last_end:  # overlapping matches of one code are one finding
            result.append(finding(Span(start, end)))
            last_end = end
    return result


def review_with(text: str, rules: LanguageRules, *, apology: bool = True) -> Review:
    """Review ``text`` with already chosen rules (see :func:`review`)."""
    folded = fold(text)
    memory = rules.paragraphs
    first: dict[str, tuple[int, int]] = {}
    spans: list[list[tuple[int, int]]] = [[] for _ in rules.findings]
    offset = 0
    for paragraph in folded.text.split("\n"):
        found = memory.matches(paragraph)
        for name, (start, end) in found.components:
            if name not in first:  # paragraphs come in order: the first one is earliest
                first[name] = (start + offset, end + offset)
        for number, matched in found.findings:
            spans[number].extend((start + offset, end + offset) for start, end in matched)
        offset += len(paragraph) + 1
    components = {
        name: Span(*folded.span(*first[name])) if name in first else None
        for name in rules.components
    }
    findings: list[Finding] = []
    for rule, rule_spans in zip(rules.findings, spans, strict=True):
        findings.extend(_findings(folded, rule, rule_spans, components, apology))
    findings.sort(key=lambda f: (f.span.start if f.span else len(text), f.code))
    return Review(rules.language, text, components, findings)


def review(
    text: str,
    language: str | None = None,
    *,
    rules: str | os.PathLike[str] | Mapping[str, Any] | CompanyRules | None = None,
    apology: bool = True,
) -> Review:
    """Review an apology draft: which parts it has, what undoes it, a score.

    ``language`` is ``"ar"`` or ``"en"`` (a locale such as ``"ar-SA"`` works),
    detected from the script when None. ``rules`` adds a company's banned
    phrases and required elements (a TOML path or a mapping). With
    ``apology=False`` (a thank-you note, a follow-up) a missing apology is not
    a finding.

    >>> result = review("Sorry if you felt upset.")
    >>> result.ok, [finding.code for finding in result.findings if finding.severity == "error"]
    (False, ['conditional-apology'])
    """
    if not isinstance(text, str):
        raise InputError(f"review needs a string, not {type(text).__name__}", ["text"])
    if len(text) > MAX_REVIEW_CHARS:
        raise InputError(
            f"text is {len(text)} characters; a review takes at most {MAX_REVIEW_CHARS}. "
            "Review one reply at a time.",
            ["text"],
        )
    if language is None:
        language = detect_language(text)
    else:
        language = language.replace("_", "-").split("-")[0].lower()
        if language not in LANGUAGES:
            raise InputError(
                f"cannot review language {language!r}; reviews exist for {list(LANGUAGES)}",
                ["language"],
            )
    company = load_rules(rules)
    chosen = company.rules_for(language) if company else builtin_rules(language)
    return review_with(text, chosen, apology=apology)
