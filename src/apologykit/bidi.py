"""Keeping embedded values in their place inside right-to-left (and left-to-right) text.

Templates print scenario values through Jinja's ``finalize`` hook, which wraps
each one in two private-use markers. After rendering, the markers become
Unicode isolates (FSI ... PDI) in plain text, where the value's direction
differs from the sentence's, and ``<bdi>`` elements in HTML. Input text is
stripped of these markers when it is validated, so only apologykit writes them.
"""

from __future__ import annotations

import re

OPEN = "\ue000"
CLOSE = "\ue001"
FSI = "\u2068"
PDI = "\u2069"

# Marks Babel puts around Arabic amounts; isolates do their job better.
_BIDI_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


class Value(str):
    """A string that came from data, not from a template: printed isolated."""

    __slots__ = ()


def strip_marks(text: str) -> str:
    """Remove LRM, RLM and ALM (Babel adds them to Arabic amounts and percentages)."""
    return text.translate(_BIDI_MARKS)


def mark(value: str) -> str:
    """Wrap ``value`` in the markers that become isolates or ``<bdi>``."""
    return f"{OPEN}{value}{CLOSE}"


# Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their presentation forms.
_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL = re.compile(f"[{_RTL_CHARS}]")
# A letter or digit outside those scripts: Latin, Greek, CJK, European digits...
_LTR = re.compile(f"(?![{_RTL_CHARS}])[^\\W_]")


def _has_ltr(value: str) -> bool:
    return _LTR.search(value) is not None


def _has_rtl(value: str) -> bool:
    return _RTL.search(value) is not None


def to_text(marked: str, direction: str) -> str:
    """Plain text: isolate values whose direction could reorder the sentence.

    In right-to-left text that is a value with Latin letters or digits; in
    left-to-right text, a value with Arabic or Hebrew letters.
    """
    if OPEN not in marked:
        return marked
    needs_isolate = _has_ltr if direction == "rtl" else _has_rtl
    head, *chunks = marked.split(OPEN)
    out = [head]
    for chunk in chunks:
        value, _, rest = chunk.partition(CLOSE)
        out.append(f"{FSI}{value}{PDI}" if needs_isolate(value) else value)
        out.append(rest)
    return "".join(out)


def unmark(marked: str) -> str:
    """The text with markers removed and nothing isolated (for SMS in GSM-7)."""
    return marked.replace(OPEN, "").replace(CLOSE, "")
