"""Naming a time zone the way a reader says it: «مكة المكرمة», "UAE", «غرينتش+3».

A reply never shows an IANA id (``Asia/Riyadh``) or a bare "UTC". A zone
with a name people use gets it (our table first, then Babel's city where it
reads right); a zone known only by its offset, or one Babel cannot name in
the reply's script, is named from Greenwich.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

from .vocabulary import GREENWICH, ZONE_NAMES, ZONE_OF_PLACE

# Zones that are an offset, not a place: UTC, GMT, Etc/GMT-3 (POSIX signs are
# inverted, which is one more reason to name these from their offset).
_OFFSET_ONLY = re.compile(r"^(Etc/.*|UTC|GMT.*|UCT|Universal|Zulu|Greenwich)$")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def zone_name(value: dt.datetime, locale: Locale, language: str) -> str:
    """``value``'s time zone in ``language``: «مكة المكرمة» for «بتوقيت …», "Riyadh time", "GMT+3".

    A place's clock takes the language's own word where it has one ("Riyadh
    time"); an offset is its own name ("GMT+3", never "GMT+3 time").
    """
    tzinfo = value.tzinfo
    key = tzinfo.key if isinstance(tzinfo, ZoneInfo) else None
    if key is not None:
        name = _place_name(key, locale, language)
        if name is not None:
            return ZONE_OF_PLACE.get(language, "{}").format(name)
    return offset_name(value.utcoffset() or dt.timedelta(0), language)


def offset_name(offset: dt.timedelta, language: str) -> str:
    """``GMT+3``, ``GMT-5``, ``GMT+5:30`` and plain ``GMT`` (``غرينتش+3`` in Arabic)."""
    greenwich = GREENWICH.get(language, GREENWICH["en"])
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return greenwich
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{greenwich}{sign}{hours}" + (f":{rest:02d}" if rest else "")


@lru_cache(maxsize=1024)
def _place_name(key: str, locale: Locale, language: str) -> str | None:
    """Our name for the zone, else Babel's city where it reads right, else ``None``."""
    key = get_global("zone_aliases").get(key, key)
    if _OFFSET_ONLY.match(key):
        return None
    ours = ZONE_NAMES.get(language, {}).get(key)
    if ours is not None:
        return ours
    city = str(get_timezone_location(key, locale=locale, return_city=True))
    if city == key or "/" in city or "(" in city:
        return None  # Babel does not know the zone and echoes its id
    if language == "ar" and not _ARABIC_LETTER.search(city):
        return None  # CLDR has no Arabic spelling: a Latin city inside Arabic prose
    return city
