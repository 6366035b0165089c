"""Text the rules can match, and the way back to the characters a person wrote.

Arabic is written with and without diacritics, with tatweel, and with
interchangeable letters (ى/ي, ة/ه, أ/إ/آ/ا, ؤ/ئ/ء); rendered replies carry bidi
isolates; English comes in any case; e-mail is wrapped, so a sentence runs over
line breaks. Rules are matched on a folded copy: those characters removed,
variants made one, everything lower case, and each run of whitespace one
character: a line break if it holds a blank line (a new paragraph, which ends
a sentence), else a space. Each kept character stays one character, so every
folded offset maps back to exactly one original offset (through the positions
of the removed characters).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
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

# Whitespace the folded text does not keep as it is: a character other than a
# space, or a run of two or more. A run holding two line breaks is a paragraph.
_SPACING_RE = re.compile(r"\s{2,}|[^\S ]")
_PARAGRAPH_RE = re.compile(r"\s*\n\s*\n\s*")
_RUN_TAIL_RE = re.compile(r"\s(\s+)")
# Stands for a paragraph break between the two substitutions (never kept: it is
# a control character, and the text had its own removed or made a space).
_PARAGRAPH_MARK = "\x00"

_DROPPED_CHARS = frozenset(
    chr(code)
    for low, high in ((0x064B, 0x065F), (0x06D6, 0x06ED), (0x200B, 0x200F), (0x202A, 0x202E),
                      (0x2066, 0x2069))
    for code in range(low, high + 1)
) | frozenset("\u0670\u0640\u061c\u00ad\ufeff")  # fmt: skip
_FOLD_CHARS = frozenset(_FOLDED)
# Whitespace other than space and line break (folded through the general path),
# and the runs of ordinary whitespace that need it too.
_ODD_SPACES = frozenset(char for char in map(chr, range(0x3001)) if char.isspace()) - {" ", "\n"}
_ODD_RUNS = ("  ", " \n", "\n ", "\n\n\n", _PARAGRAPH_MARK)
_SPECIAL = _DROPPED_CHARS | _FOLD_CHARS | _ODD_SPACES | {_PARAGRAPH_MARK}
# A scan for them: set(text) would build a string for every Arabic letter.
_SPECIAL_RE = re.compile("[" + "".join(re.escape(char) for char in sorted(_SPECIAL)) + "]")


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


def _one_per_run(text: str) -> tuple[str, list[int]]:
    """Each whitespace run as one character, and the offsets of the others in ``text``.

    The first character of a run is the one kept; it becomes a line break when
    the run holds a blank line, else a space.
    """
    if not _SPACING_RE.search(text):
        return text, []
    removed = [
        offset
        for match in _RUN_TAIL_RE.finditer(text)
        for offset in range(match.start(1), match.end(1))
    ]
    text = text.replace(_PARAGRAPH_MARK, " ")
    marked = _PARAGRAPH_RE.sub(_PARAGRAPH_MARK, text)
    return _SPACING_RE.sub(" ", marked).replace(_PARAGRAPH_MARK, "\n"), removed


def _line_breaks(text: str) -> tuple[str, list[int]]:
    """:func:`_one_per_run` for text whose only odd spacing is ``\\n`` and ``\\n\\n``."""
    removed: list[int] = []
    at = text.find("\n\n")
    while at != -1:
        removed.append(at + 1)
        at = text.find("\n\n", at + 2)
    if removed:
        text = text.replace("\n\n", _PARAGRAPH_MARK)
    return text.replace("\n", " ").replace(_PARAGRAPH_MARK, "\n"), removed


def _offsets(text: str, chars: Iterable[str]) -> list[int]:
    """Every offset in ``text`` of any of ``chars``, in order."""
    found: list[int] = []
    for char in chars:
        at = text.find(char)
        while at != -1:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


def fold(text: str) -> Folded:
    """Fold ``text`` for matching; see the module docstring for what changes.

    Built from ``str`` methods (C loops): regular expressions over Arabic text
    cost several times more. The rare odd cases take the general path.
    """
    present = set(_SPECIAL_RE.findall(text))
    dropped = present & _DROPPED_CHARS
    removed = _offsets(text, dropped) if dropped else []
    kept = text
    for char in dropped:
        kept = kept.replace(char, "")
    if present & _ODD_SPACES or any(odd in kept for odd in _ODD_RUNS):
        spaced, spaces = _one_per_run(kept)
    elif "\n" in kept:
        spaced, spaces = _line_breaks(kept)
    else:
        spaced, spaces = kept, []
    if spaces:
        # Offsets in ``kept`` back to the original, then both lists as one.
        before = [position - index for index, position in enumerate(removed)]
        removed = sorted([*removed, *(at + bisect_right(before, at) for at in spaces)])
    for char in present & _FOLD_CHARS:
        spaced = spaced.replace(char, _FOLDED[char])
    before_kept = tuple(position - index for index, position in enumerate(removed))
    return Folded(text, _lower(spaced), before_kept)


def fold_pattern(pattern: str) -> str:
    """A rule's pattern as it must be written to match folded text.

    Rule authors write natural Arabic (with hamza, ة, even diacritics); the
    pattern is folded the same way as the text, except for case: escapes
    such as ``\\S`` must keep theirs, so built-in patterns are written in lower
    case and company patterns match ignoring case.
    """
    pattern = unicodedata.normalize("NFC", pattern)
    return _DROPPED_RE.sub("", pattern).translate(_TABLE)
