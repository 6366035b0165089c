"""What an SMS costs: GSM-7 or UCS-2, and how many segments.

A message in the GSM-7 alphabet fits 160 characters in one segment, 153 per
segment once it is split (the rest carries the concatenation header); the
extension table (``{``, ``€`` ...) costs two septets per character. One
character outside GSM-7 (any Arabic letter, a curly quote, an isolate) makes
the whole message UCS-2: 70 UTF-16 code units, 67 per part. That is why
English SMS text is kept strictly GSM-7 here.
"""

from __future__ import annotations

import re
from typing import Literal

from ..i18n import bidi

Encoding = Literal["GSM-7", "UCS-2"]

# 3GPP TS 23.038 default alphabet (ESC, 0x1B, is left out: it introduces the extension table).
_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each is sent as ESC + character, two septets.
_EXTENSION = frozenset("\f^{}\\[~]|€")
_GSM7 = _BASIC | _EXTENSION

SINGLE = {"GSM-7": 160, "UCS-2": 70}
PART = {"GSM-7": 153, "UCS-2": 67}

# Invisible format and control characters a handset would show as boxes or that
# would force UCS-2: C0/C1 controls except LF, soft hyphen, ALM, LRM, RLM,
# zero-width space, bidi embeddings/overrides/isolates, word joiners, BOM.
# ZWNJ/ZWJ (U+200C/U+200D) stay: they change how letters are shaped.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)

# Typography with a GSM-7 equivalent: one curly apostrophe in a name, or the
# narrow no-break space Babel puts before "am"/"pm", would otherwise make the
# whole English message UCS-2 and more than double its cost.
_TO_GSM = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006", " "),
        **dict.fromkeys("\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
        "\u2026": "...",
    }
)


def message(marked: str, direction: str) -> str:
    """The SMS text for a rendered (marked) body, without a final newline.

    Left-to-right (English) text loses every marker and control character and
    its typography is folded to GSM-7, so it costs GSM-7 rates whenever its
    letters allow. Right-to-left (Arabic) text is UCS-2 anyway; it keeps the
    FSI/PDI isolates around embedded left-to-right values (order numbers, phone
    numbers, amounts), because without them a value such as ``+966 55 123 4567``
    after Arabic words is displayed with its digit groups reversed. Each isolate
    costs one UTF-16 unit; nothing else invisible is kept.
    """
    text = _INVISIBLE.sub("", marked)
    if direction == "rtl":
        text = bidi.to_text(text, direction)
    else:
        text = bidi.unmark(text).translate(_TO_GSM)
    return text.rstrip("\n")


def encoding(text: str) -> Encoding:
    """``"GSM-7"`` when every character is in the GSM-7 tables, else ``"UCS-2"``."""
    return "GSM-7" if _GSM7.issuperset(text) else "UCS-2"


def segments(text: str) -> int:
    """How many SMS segments ``text`` is sent as (0 for an empty text).

    A split never cuts an extension character from its escape, nor a UTF-16
    surrogate pair, as senders do not; so a part may hold one unit less.
    """
    if not text:
        return 0
    enc = encoding(text)
    if enc == "GSM-7":
        units = [2 if ch in _EXTENSION else 1 for ch in text]
    else:
        units = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    if sum(units) <= SINGLE[enc]:
        return 1
    part = PART[enc]
    count, used = 1, 0
    for size in units:
        if used + size > part:
            count += 1
            used = 0
        used += size
    return count
