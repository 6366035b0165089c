"""Keeping embedded values in their place inside right-to-left (and left-to-right) text.

Templates print scenario values through Jinja's ``finalize`` hook, which wraps
each one in two private-use markers. After rendering, each marked value is
looked at line by line and only the runs that the Unicode Bidirectional
Algorithm would misplace are isolated: in Arabic text, a run of Latin letters
or of digit groups that must read left to right (``Sara``, ``A-884213``,
``+966 11 555 0142``) gets LRI ... PDI, while Arabic words beside it, and
Arabic values with a lone number (``في 3 مارس``, ``1,250.50 ر.س.``), get
nothing: the algorithm already shows them right, and each isolate costs an SMS
character. In English text the mirror: Arabic runs get RLI ... PDI. HTML gets
the same runs as ``<bdi dir>``. Input text is stripped of the markers and of
isolates when it is validated, so only apologykit writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

OPEN = "\ue000"
CLOSE = "\ue001"
LRI = "\u2066"
RLI = "\u2067"
FSI = "\u2068"
PDI = "\u2069"

# Marks Babel puts around Arabic amounts; isolates do their job better.
_BIDI_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


class Value(str):
    """A string that came from data, not from a template: printed isolated where needed."""

    __slots__ = ()


def strip_marks(text: str) -> str:
    """Remove LRM, RLM and ALM (Babel adds them to Arabic amounts and percentages)."""
    return text.translate(_BIDI_MARKS)


def mark(value: str) -> str:
    """Wrap ``value`` in the markers that become isolates or ``<bdi>`` where needed."""
    return f"{OPEN}{value}{CLOSE}"


# Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their presentation forms.
_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# Digits: European and both Arabic-Indic sets. Within the Arabic block they are
# numbers (bidi classes EN/AN), not right-to-left letters; so are the Arabic
# percent sign and decimal and thousands separators (U+066A-066C).
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_RTL_LETTER = re.compile("[\u0590-\u065f\u066d-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+")
# A letter outside those scripts: Latin, Greek, Cyrillic, CJK ... (strong left-to-right).
_LTR_LETTER = re.compile(f"(?:(?![{_RTL_CHARS}])[^\\W\\d_])+")
# A number the algorithm keeps in one piece after Arabic letters: digits joined by
# single common separators (1,250.50  10:30  12/03/2025  1 250 with a no-break
# space). A hyphen or plus does not join them there: "555-0142" falls apart.
_NUMBER = re.compile(f"[{_DIGIT}]+(?:[.,:/\u00a0\u202f\u066b\u066c][{_DIGIT}]+)*")
# Between two numbers, only spaces, brackets, hyphens or plus signs: one number
# written in groups (+966 11 555 0142, 555-0142, 2025-03-12), which Arabic text
# shows last group first. A hyphen with spaces around it is a range (10 - 20),
# which Arabic reading order already shows right.
_GROUP_GAP = re.compile(r"[\s()\[\]+\-\u2212]+")
_RANGE_GAP = re.compile(r"\s+[\-\u2212]\s+")
# A sign before the first digit: right-to-left text would show it after the number.
_SIGNED = re.compile(f"[+\\-\u2212][{_DIGIT}]")
_OPENING = "([{"
_CLOSING = ")]}"


def _ltr_run_needed(run: str) -> bool:
    """Would right-to-left text show this run (no Arabic letters in it) out of order?

    It would when it has a Latin letter, a leading sign, or two numbers that
    are one number in groups. One number, even with Arabic words around it,
    is shown in the place Arabic reading order gives it (``15%`` as an Arabic
    reader reads it: the number, then the sign, as with ``١٥٪``).
    """
    if _LTR_LETTER.search(run) or _SIGNED.match(run):
        return True
    numbers = list(_NUMBER.finditer(run))
    return any(
        _GROUP_GAP.fullmatch(run, before.end(), after.start())
        and not _RANGE_GAP.fullmatch(run, before.end(), after.start())
        for before, after in pairwise(numbers)
    )


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``line[start:end]`` to what belongs to the run, not to the words beside it.

    A bracket whose partner is outside the run belongs to the words outside:
    in ``0142 (التحويلة 214)`` the ``(`` opens the Arabic part, and in
    ``(رقم 5) Acme`` the run is ``Acme`` alone. Spaces at either end go, and so
    does an unpaired quote. One pass over the run, so a long one costs linear time.
    """
    start, end = _inside_brackets(line, start, end)
    quotes = line.count('"', start, end)
    while start < end:
        first, last = line[start], line[end - 1]
        if first.isspace() or (first == '"' and quotes % 2):
            quotes -= first == '"'
            start += 1
        elif last.isspace() or (last == '"' and quotes % 2):
            quotes -= last == '"'
            end -= 1
        else:
            break
    return start, end


def _inside_brackets(line: str, start: int, end: int) -> tuple[int, int]:
    """The part of ``line[start:end]`` after its last unpaired closing bracket and
    before its first unpaired opening one."""
    opened: list[int] = []
    after = start
    for index in range(start, end):
        char = line[index]
        if char in _OPENING:
            opened.append(index)
        elif char in _CLOSING:
            if opened and line[opened[-1]] == _OPENING[_CLOSING.index(char)]:
                opened.pop()
            else:
                after = index + 1
                opened.clear()  # brackets opened before an unpaired close are outside too
    return after, (opened[0] if opened else end)


def _chunks(line: str, letters: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The stretches of ``line`` between letters that ``letters`` matches."""
    start = 0
    for found in letters.finditer(line):
        if found.start() > start:
            yield start, found.start()
        start = found.end()
    if start < len(line):
        yield start, len(line)


# A number and spaces just before the first Arabic letter of an Arabic run in
# English text: "12 مارس 2025" is read as one Arabic phrase.
_LEADING_NUMBER = re.compile(f"{_NUMBER.pattern}\\s+$")


def runs(line: str, direction: str) -> list[tuple[int, int]]:
    """The spans of one line of a value that need isolating in ``direction`` text.

    In right-to-left text: the stretches without Arabic letters that
    :func:`_ltr_run_needed` says would be misplaced. In left-to-right text:
    each stretch without Latin letters, from its first Arabic letter (or a
    number leading the stretch into it) to its end.
    """
    found: list[tuple[int, int]] = []
    if direction == "rtl":
        for start, end in _chunks(line, _RTL_LETTER):
            start, end = _trim(line, start, end)
            if start < end and _ltr_run_needed(line[start:end]):
                found.append((start, end))
        return found
    for start, end in _chunks(line, _LTR_LETTER):
        first = _RTL_LETTER.search(line, start, end)
        if first is None:
            continue
        lead = _LEADING_NUMBER.search(line, start, first.start())
        if lead is not None and not line[start : lead.start()].strip():
            start = lead.start()
        else:
            start = first.start()
        start, end = _trim(line, start, end)
        if start < end:
            found.append((start, end))
    return found


# What might need a left-to-right run besides a letter: a signed number, or
# two numbers with a gap that could make them one number in groups.
_NUMBER_SUSPECT = re.compile(f"(?:[{_DIGIT}][\\s()\\[\\]+\\-\u2212]+|[+\\-\u2212])[{_DIGIT}]")


def _needs_look(value: str, direction: str) -> bool:
    """A quick test: most values hold nothing that could be misplaced."""
    if direction == "rtl":
        return _LTR_LETTER.search(value) is not None or _NUMBER_SUSPECT.search(value) is not None
    return _RTL_LETTER.search(value) is not None


@lru_cache(maxsize=1024)
def isolate(value: str, direction: str) -> str:
    """``value`` with each run that needs it isolated for ``direction`` text.

    Left-to-right runs in right-to-left text get LRI ... PDI, right-to-left
    runs in left-to-right text RLI ... PDI. Runs never cross a line break: a
    line break ends every isolate anyway.
    """
    if not _needs_look(value, direction):
        return value
    opener = LRI if direction == "rtl" else RLI
    lines: list[str] = []
    for line in value.split("\n"):
        out: list[str] = []
        done = 0
        for start, end in runs(line, direction):
            out.append(f"{line[done:start]}{opener}{line[start:end]}{PDI}")
            done = end
        out.append(line[done:])
        lines.append("".join(out))
    return "\n".join(lines)


def to_text(marked: str, direction: str) -> str:
    """Plain text: markers removed, the runs that need it isolated.

    A close marker without an open one is dropped; an open marker without a
    close one marks the rest of the text.
    """
    if OPEN not in marked:
        return marked.replace(CLOSE, "")
    head, *chunks = marked.split(OPEN)
    out = [head.replace(CLOSE, "")]
    for chunk in chunks:
        value, _, rest = chunk.partition(CLOSE)
        out.append(isolate(value, direction))
        out.append(rest.replace(CLOSE, ""))
    return "".join(out)


def unmark(marked: str) -> str:
    """The text with markers removed and nothing isolated (for SMS in GSM-7)."""
    return marked.replace(OPEN, "").replace(CLOSE, "")
