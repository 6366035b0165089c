"""Text the rules can match, and the way back to the characters a person wrote.

Arabic is written with and without diacritics, with tatweel, and with
interchangeable letters (ى/ي, ة/ه, أ/إ/آ/ا, ؤ/ئ/ء); rendered replies carry bidi
isolates; English comes in any case. Rules are matched on a folded copy:
those characters removed, variants made one, everything lower case. Each kept
character stays one character, so every folded offset maps back to exactly
one original offset (through the positions of the removed characters).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Removed: Arabic diacritics (harakat, shadda, sukun, dagger alif, Quranic marks),
# tatweel, bidi controls, zero-width characters, soft hyphen and BOM.
_DROPPED = (
    "\u064b-\u065f\u06d6-\u06ed\u0670\u0640\u061c\u00ad\ufeff"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069"
)
_DROPPED_RE = re.compile(f"[{_DROPPED}]")
_ISOLATES = frozenset("\u2066\u2067\u2068\u2069")

# One character for another: letter variants, typographic apostrophes and dashes.
_FOLDED = {
    "ى": "ي",
    "ة": "ه",
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "ء",
    "ئ": "ء",
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
}
_TABLE = str.maketrans(_FOLDED)


@dataclass(frozen=True)
class Folded:
    """A folded text, and where its removed characters were in the original."""

    original: str
    text: str
    #: For the j-th removed character, the folded offset of the next kept one.
    _removed_before: tuple[int, ...]

    def offset(self, folded: int) -> int:
        """The original offset of the character at folded offset ``folded``."""
        return folded + bisect_right(self._removed_before, folded)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of folded ``[start, end)``, with trailing marks."""
        if start >= end:
            at = self.offset(start) if start < len(self.text) else len(self.original)
            return at, at
        first = self.offset(start)
        last = self.offset(end - 1) + 1
        # A diacritic or tatweel right after the last letter belongs to it.
        while (
            last < len(self.original)
            and self.original[last] not in _ISOLATES
            and _DROPPED_RE.match(self.original, last)
        ):
            last += 1
        return first, last


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower to two (İ): keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str) -> Folded:
    """Fold ``text`` for matching; see the module docstring for what changes."""
    removed = [match.start() for match in _DROPPED_RE.finditer(text)]
    folded = _DROPPED_RE.sub("", text) if removed else text
    before = tuple(position - index for index, position in enumerate(removed))
    return Folded(text, _lower(folded.translate(_TABLE)), before)


def fold_pattern(pattern: str) -> str:
    """A rule's pattern as it must be written to match folded text.

    Rule authors write natural Arabic (with hamza, ة, even diacritics); the
    pattern is folded the same way as the text, except for case: escapes
    such as ``\\S`` must keep theirs, so built-in patterns are written in lower
    case and company patterns match ignoring case.
    """
    pattern = unicodedata.normalize("NFC", pattern)
    return _DROPPED_RE.sub("", pattern).translate(_TABLE)
