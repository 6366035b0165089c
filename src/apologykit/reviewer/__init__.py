"""The apology reviewer: which parts of an apology a text has, and what undoes it.

Rules are data (``rules/codes.toml``, ``rules/en.toml``, ``rules/ar.toml``);
see docs/review.md for every finding code and a better phrasing.
"""

from __future__ import annotations

from .engine import MAX_REVIEW_CHARS, detect_language, review
from .model import COMPONENTS, PENALTIES, WEIGHTS, Finding, Review, Severity, Span
from .rules import CompanyRules, builtin_rules, load_rules

__all__ = [
    "COMPONENTS",
    "MAX_REVIEW_CHARS",
    "PENALTIES",
    "WEIGHTS",
    "CompanyRules",
    "Finding",
    "Review",
    "Severity",
    "Span",
    "builtin_rules",
    "detect_language",
    "load_rules",
    "review",
]
