"""Text the rules can match, and the way back to the characters a person wrote.

Arabic is written with and without diacritics, with tatweel, and with
interchangeable letters (ى/ي, ة/ه, أ/إ/آ/ا, ؤ/ئ/ء); rendered replies carry bidi
isolates. Rules are matched on a folded copy where each kept character is one
character, so every folded offset maps to exactly one original offset.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Removed: Arabic diacritics (harakat, shadda, sukun, dagger alif, Quranic marks),
# tatweel, bidi controls, zero-width characters, soft hyphen and BOM.
_DROPPED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u0670", "\u0640", "\u061c", "\u00ad", "\ufeff"]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

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


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, its offset in the original."""

    original: str
    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of folded ``[start, end)``, with trailing marks."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return at, at
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1
        # A diacritic or tatweel right after the last letter belongs to it.
        while last < len(self.original) and _is_mark(self.original[last]):
            last += 1
        return first, last


def _is_mark(char: str) -> bool:
    return char in _DROPPED and not ("\u2066" <= char <= "\u2069")


def fold(text: str) -> Folded:
    """Fold ``text`` for matching; see the module docstring for what changes."""
    kept: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char in _DROPPED:
            continue
        kept.append(_FOLDED.get(char, char))
        offsets.append(index)
    return Folded(text, "".join(kept), tuple(offsets))


def fold_pattern(pattern: str) -> str:
    """A rule's pattern as it must be written to match folded text.

    Rule authors write natural Arabic (with hamza, ة, even diacritics); the
    pattern is folded the same way as the text. Regular-expression syntax is
    ASCII, so it is unchanged.
    """
    return fold(unicodedata.normalize("NFC", pattern)).text
