"""Matching every pattern of a rule set against one text, each only where it can match.

:class:`PatternIndex` is built once per rule set (see :mod:`.prefilter` for the
anchors). :meth:`PatternIndex.scan` finds every anchor of every pattern in one
pass over a folded text; the :class:`Scan` it returns gives a pattern's first
match or every match, as ``re.search`` and ``re.finditer`` would over each
paragraph, trying the pattern only in paragraphs holding one of its anchors
and only from a few characters before it. No pattern spans a blank line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .prefilter import Anchor, anchors, literal_finder

#: Up to this many possible starts in a paragraph, a pattern is tried at each
#: one; beyond, it is searched from the first to the paragraph's end.
FEW_STARTS = 6


@dataclass(frozen=True, eq=False)
class Matcher:
    """A compiled pattern and its anchors (None: searched in every paragraph)."""

    pattern: re.Pattern[str]
    anchors: tuple[Anchor, ...] | None

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Matcher:
        return cls(pattern, anchors(pattern))


class PatternIndex:
    """The anchors of a rule set's patterns, and one finder for them all."""

    def __init__(self, matchers: Iterable[Matcher]) -> None:
        unique = list(dict.fromkeys(matchers))
        self.unanchored = frozenset(m for m in unique if m.anchors is None)
        #: The patterns each literal is an anchor of.
        self.anchor_of: dict[str, list[Matcher]] = {}
        for matcher in unique:
            for anchor in matcher.anchors or ():
                patterns = self.anchor_of.setdefault(anchor.literal, [])
                if matcher not in patterns:
                    patterns.append(matcher)
        literals = set(self.anchor_of)
        self.finder = literal_finder(literals)
        # The finder reports the longest literal at an offset; the shorter
        # ones there are its prefixes.
        self.prefixes: dict[str, tuple[str, ...]] = {
            literal: tuple(shorter for shorter in literals if literal.startswith(shorter))
            for literal in literals
        }

    def scan(self, text: str) -> Scan:
        """Every anchor in ``text`` (a folded text), ready to match patterns."""
        return Scan(self, text)


class Scan:
    """Where each anchor is in one text; a pattern's matches are found when asked."""

    def __init__(self, index: PatternIndex, text: str) -> None:
        self.text = text
        #: Each literal found, and its offsets.
        self.found: dict[str, list[int]] = {}
        found = self.found
        prefixes = index.prefixes
        for match in index.finder.finditer(text):
            at = match.start()
            for literal in prefixes[match.group(1)]:
                offsets = found.get(literal)
                if offsets is None:
                    found[literal] = [at]
                else:
                    offsets.append(at)
        #: The patterns that can match: one of their anchors is in the text.
        self.live: set[Matcher] = set(index.unanchored)
        for literal in found:
            self.live.update(index.anchor_of[literal])
        ends = [at for at in _offsets(text, "\n")]
        ends.append(len(text))
        #: Where each paragraph ends (a folded text keeps one ``\n`` per blank line).
        self._ends = ends

    def first(self, matcher: Matcher) -> re.Match[str] | None:
        """The first match, or None."""
        if matcher not in self.live:
            return None
        return next(self._matches(matcher), None)

    def every(self, matcher: Matcher) -> list[re.Match[str]]:
        """Every match, in text order, as ``finditer`` gives them."""
        if matcher not in self.live:
            return []
        return list(self._matches(matcher))

    def _matches(self, matcher: Matcher) -> Iterator[re.Match[str]]:
        pattern, text, ends = matcher.pattern, self.text, self._ends
        if matcher.anchors is None:
            begin = 0
            for end in ends:
                yield from pattern.finditer(text, begin, end)
                begin = end + 1
            return
        # Per paragraph holding an anchor: the first offset a match may start
        # at, and every such offset while they are few (None: too many).
        begins: dict[int, int] = {}
        starts: dict[int, set[int] | None] = {}
        for anchor in matcher.anchors:
            for at in self.found.get(anchor.literal, ()):
                number = bisect_right(ends, at - 1)
                begin = max(ends[number - 1] + 1 if number else 0, at - anchor.most)
                begins[number] = min(begins.get(number, begin), begin)
                tried = starts.get(number, set())
                if tried is not None and anchor.most - anchor.fewest < FEW_STARTS:
                    tried.update(range(begin, at - anchor.fewest + 1))
                    starts[number] = tried if len(tried) <= FEW_STARTS else None
                else:
                    starts[number] = None
        for number in sorted(begins):
            tried = starts[number]
            if tried is None:
                yield from pattern.finditer(text, begins[number], ends[number])
                continue
            after = -1
            for start in sorted(tried):
                if start >= after:
                    match = pattern.match(text, start, ends[number])
                    if match is not None:
                        yield match
                        after = max(match.end(), start + 1)


def _offsets(text: str, char: str) -> Iterator[int]:
    at = text.find(char)
    while at != -1:
        yield at
        at = text.find(char, at + 1)
