"""Literal words a pattern cannot match without, and how far before them it starts.

Python's regular expressions scan slowly from a word boundary or an optional
prefix (``\b[وف]?نعتذر``): every position of the text is tried. So, when the
rules are loaded, each pattern gets a set of anchors: literal words one of
which every match contains, each with how many characters a match can have
before it. One pass over a text finds every anchor of every pattern (see
:mod:`.scan`); a pattern is then only tried near its anchors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

#: Shorter literals filter too little to be worth the test.
MIN_ANCHOR = 2
#: Beyond this many characters between a match's start and its anchor, all
#: distances are alike: the pattern is searched from the paragraph's start.
_FAR = 24

_REPEATS = (constants.MAX_REPEAT, constants.MIN_REPEAT)


@dataclass(frozen=True)
class Anchor:
    """A literal a pattern's match may contain, and where that match starts.

    A match holding ``literal`` at offset ``p`` starts from ``p - most`` to
    ``p - fewest`` (``most`` is huge when the distance is unbounded).
    """

    literal: str
    fewest: int
    most: int


def _width(state: Any, item: Any) -> tuple[int, int]:
    low, high = parser.SubPattern(state, [item]).getwidth()
    return int(low), int(high)


class _Finder:
    """Walks a parsed pattern, keeping the best anchor set of each sequence."""

    def __init__(self, state: Any) -> None:
        self.state = state

    def sequence(self, items: Any, low: int, high: int) -> set[Anchor] | None:
        best: set[Anchor] | None = None

        def better(candidate: set[Anchor] | None) -> None:
            nonlocal best
            if not candidate or min(len(a.literal) for a in candidate) < MIN_ANCHOR:
                return
            if best is None or _strength(candidate) > _strength(best):
                best = candidate

        run: list[str] = []
        run_at = (low, high)

        def pieces() -> None:
            # Words of the run, without spaces: a literal never spans a word gap,
            # so each anchor lies inside one word of the text.
            text = "".join(run)
            for word in re.finditer(r"\S+", text):
                offset = word.start()
                better({Anchor(word.group(), run_at[0] + offset, run_at[1] + offset)})

        for item in items:
            op, value = item
            if op is constants.LITERAL:
                if not run:
                    run_at = (low, high)
                run.append(chr(value))
            else:
                pieces()
                run = []
                if op is constants.SUBPATTERN:
                    better(self.sequence(value[-1], low, high))
                elif op is constants.BRANCH:
                    better(self.branch(value[1], low, high))
                elif op in _REPEATS and value[0] >= 1:
                    better(self.sequence(value[2], low, high))
            item_low, item_high = _width(self.state, item)
            low, high = low + item_low, high + item_high
        pieces()
        return best

    def branch(self, alternatives: Any, low: int, high: int) -> set[Anchor] | None:
        found: set[Anchor] = set()
        for alternative in alternatives:
            anchors = self.sequence(alternative, low, high)
            if not anchors:
                return None
            found |= anchors
        return found


#: Words in nearly every reply: a pattern anchored on one is tried almost always.
_COMMON = (
    "a an and are be can for have i in is it it's of on our that the this to was we were "
    "will with you your في من علي الي عن ان ما لا لم هذا ذلك"
)
COMMON_WORDS = frozenset(_COMMON.split())


def _strength(anchors: set[Anchor]) -> tuple[bool, int, int]:
    """Rare words filter best, then longer ones; a near, fixed start is cheaper to try."""
    rare = not any(anchor.literal in COMMON_WORDS for anchor in anchors)
    shortest = min(len(anchor.literal) for anchor in anchors)
    spread = max(anchor.most for anchor in anchors)
    return rare, shortest, -min(spread, _FAR)


def anchors(pattern: re.Pattern[str]) -> tuple[Anchor, ...] | None:
    """Anchors one of which every match of ``pattern`` contains; None when unknown."""
    try:
        parsed = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # the pattern compiled, so this is only a parser difference
        return None
    found = _Finder(parsed.state).sequence(parsed, 0, 0)
    if not found:
        return None
    if pattern.flags & re.IGNORECASE:
        found = {Anchor(a.literal.lower(), a.fewest, a.most) for a in found}
    return tuple(sorted(found, key=lambda a: (a.literal, a.fewest, a.most)))


def literal_finder(literals: set[str]) -> re.Pattern[str]:
    """One pattern finding, at every offset, the longest of ``literals`` starting there.

    Written as a trie (``so(?:rry|…)``) inside a lookahead, so one scan of the
    text reports overlapping occurrences too; a shorter literal at the same
    offset is a prefix of the one reported.
    """
    trie: dict[str, Any] = {}
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def written(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + written(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(f"(?=({written(trie)}))" if trie else "(?!)")
