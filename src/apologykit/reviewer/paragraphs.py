"""What a rule set's patterns find in one paragraph, remembered per rule set.

No pattern spans a blank line, so a paragraph's matches do not depend on the
rest of the text. Rendered replies repeat most of their paragraphs word for
word from one customer to the next (only the greeting, names and amounts
change), so each rule set keeps the matches of the paragraphs it has seen:
a batch reviews each template paragraph once. The memory is bounded: long
paragraphs are not kept, and a full memory starts again empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scan import Matcher, PatternIndex, Scan

#: Paragraphs longer than this are matched every time (a reply's are far shorter).
MAX_KEPT_CHARS = 1_000
#: Paragraphs kept per rule set before the memory starts again.
MAX_KEPT = 4_096

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ParagraphMatches:
    """Offsets within one paragraph: each component's first match, each rule's matches.

    A pattern rule has every non-empty match; a required rule that matched has
    one empty span. Components and rules that found nothing are left out.
    """

    components: tuple[tuple[str, tuple[int, int]], ...]
    #: ``(rule number, spans)`` of the rules that matched, in the rule set's order.
    findings: tuple[tuple[int, Spans], ...]


class ParagraphMemory:
    """Match one paragraph at a time, remembering the results per paragraph text."""

    def __init__(
        self,
        index: PatternIndex,
        components: dict[str, tuple[Matcher, ...]],
        findings: tuple[tuple[tuple[Matcher, ...], bool], ...],
    ) -> None:
        self._index = index
        #: What each pattern counts for: a component (name, its place among the
        #: component's patterns, which breaks ties) or a finding rule (number,
        #: required or not). Only the patterns found in a paragraph are looked at.
        self._component_of: dict[Matcher, list[tuple[str, int]]] = {}
        for name, matchers in components.items():
            for order, matcher in enumerate(matchers):
                self._component_of.setdefault(matcher, []).append((name, order))
        self._rule_of: dict[Matcher, list[tuple[int, bool]]] = {}
        for number, (patterns, required) in enumerate(findings):
            for matcher in patterns:
                self._rule_of.setdefault(matcher, []).append((number, required))
        self._kept: dict[str, ParagraphMatches] = {}

    def __len__(self) -> int:
        return len(self._kept)

    def forget(self) -> None:
        """Start again empty (to measure, or after a long run of one-off texts)."""
        self._kept.clear()

    def matches(self, paragraph: str) -> ParagraphMatches:
        """What the patterns find in ``paragraph`` (a folded paragraph, no line break)."""
        kept = self._kept.get(paragraph)
        if kept is not None:
            return kept
        found = self._match(self._index.scan(paragraph))
        if len(paragraph) <= MAX_KEPT_CHARS:
            if len(self._kept) >= MAX_KEPT:
                self._kept.clear()
            self._kept[paragraph] = found
        return found

    def _match(self, scan: Scan) -> ParagraphMatches:
        best: dict[str, tuple[int, int, int]] = {}  # name: (start, order, end)
        spans: dict[int, list[tuple[int, int]]] = {}
        for matcher in scan.live:
            for name, order in self._component_of.get(matcher, ()):
                match = scan.first(matcher)
                if match is not None:
                    candidate = (match.start(), order, match.end())
                    if name not in best or candidate < best[name]:
                        best[name] = candidate
            for number, required in self._rule_of.get(matcher, ()):
                if required:
                    if scan.first(matcher) is not None:
                        spans.setdefault(number, []).append((0, 0))
                    continue
                for match in scan.every(matcher):
                    if match.end() > match.start():
                        spans.setdefault(number, []).append(match.span())
        components = tuple((name, (start, end)) for name, (start, _, end) in best.items())
        findings = tuple((number, tuple(spans[number])) for number in sorted(spans))
        return ParagraphMatches(components, findings)
