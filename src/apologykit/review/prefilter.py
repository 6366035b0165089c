"""Literal words a pattern cannot match without, to skip most patterns cheaply.

Python's regular expressions scan slowly from a word boundary or an optional
prefix (``\\b[وف]?نعتذر``), but ``"عتذر" in text`` is a fast C search. For each
pattern we find a set of literal strings one of which every match contains;
a text holding none of them is not searched at all.
"""

from __future__ import annotations

import re
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

#: Shorter literals filter too little to be worth the test.
MIN_ANCHOR = 2


def _sequence(items: Any) -> set[str] | None:
    """The best anchor set of a sequence: its longest literal run or best group."""
    best: set[str] | None = None

    def better(candidate: set[str] | None) -> None:
        nonlocal best
        if not candidate or min(map(len, candidate)) < MIN_ANCHOR:
            return
        if best is None or min(map(len, candidate)) > min(map(len, best)):
            best = candidate

    run: list[str] = []
    for op, value in items:
        if op is constants.LITERAL:
            run.append(chr(value))
            continue
        better({"".join(run)} if run else None)
        run = []
        if op is constants.SUBPATTERN:
            better(_sequence(value[-1]))
        elif op is constants.BRANCH:
            better(_branch(value[1]))
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT) and value[0] >= 1:
            better(_sequence(value[2]))
    better({"".join(run)} if run else None)
    return best


def _branch(alternatives: Any) -> set[str] | None:
    found: set[str] = set()
    for alternative in alternatives:
        anchors = _sequence(alternative)
        if not anchors:
            return None
        found |= anchors
    return found


def anchors(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literals one of which every match of ``pattern`` contains; None when unknown."""
    try:
        parsed = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # the pattern compiled, so this is only a parser difference
        return None
    found = _sequence(parsed)
    if not found:
        return None
    if pattern.flags & re.IGNORECASE:
        found = {anchor.lower() for anchor in found}
    return tuple(sorted(found))


def may_match(text: str, literals: tuple[str, ...] | None) -> bool:
    """False only when ``text`` lacks every literal, so the pattern cannot match."""
    return literals is None or any(literal in text for literal in literals)
