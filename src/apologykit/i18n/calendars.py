"""Hijri dates on the Umm al-Qura calendar, beside or instead of the Gregorian date.

Umm al-Qura is the calendar Saudi Arabia uses for official dates; the
``hijridate`` package converts with the published Umm al-Qura tables (no
astronomical guesswork, no network). Its range is 1343-1500 AH (1924-2077);
outside it a date stays Gregorian rather than failing a reply.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from .vocabulary import HIJRI_MONTHS, HIJRI_PATTERNS

Calendar = Literal["gregorian", "hijri", "both"]
CALENDARS: tuple[Calendar, ...] = ("gregorian", "hijri", "both")


class HijriDate(NamedTuple):
    year: int
    month: int
    day: int


def to_hijri(value: dt.date) -> HijriDate | None:
    """The Umm al-Qura date for ``value``, or ``None`` outside the calendar's tables."""
    # Imported here: only kits that write Hijri dates pay for loading the tables.
    from hijridate import Gregorian

    try:
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
    except OverflowError:
        return None
    return HijriDate(hijri.year, hijri.month, hijri.day)


def has_hijri(language: str) -> bool:
    """Whether apologykit can write Hijri dates in ``language`` (others stay Gregorian)."""
    return language in HIJRI_MONTHS


def hijri_date(
    calendar: Calendar,
    language: str,
    value: dt.date,
    gregorian: str,
    weekday: str | None,
) -> str | None:
    """``value`` in ``calendar``, or ``None`` where only the Gregorian date applies.

    ``gregorian`` is the locale's date without a weekday; ``weekday`` is the
    day's name when the style shows one, written once, before both dates:
    «الأحد، 16 رمضان 1446هـ الموافق 16 مارس 2025م».
    """
    if calendar == "gregorian" or not has_hijri(language):
        return None
    hijri = to_hijri(value)
    if hijri is None:
        return None
    patterns = HIJRI_PATTERNS[language]
    day_month_year = f"{hijri.day} {HIJRI_MONTHS[language][hijri.month - 1]} {hijri.year}"
    text = patterns[calendar].format(hijri=day_month_year, gregorian=gregorian)
    if weekday is not None:
        text = patterns["weekday"].format(weekday=weekday, date=text)
    return text
