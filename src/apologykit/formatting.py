"""Locale-aware formatting of amounts, numbers, dates, durations, counts and lists.

One :class:`Formatter` per (locale, digits, time zone), built once by the kit
and reused for every reply. Babel does the formatting; this module adds what
Babel leaves out: real Arabic-Indic digits (Babel only swaps the separators),
exact durations (``format_timedelta`` rounds 11 days to two weeks) and Arabic
unit plurals that CLDR gets wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit

from .bidi import Value, mark, strip_marks
from .values import Money
from .vocabulary import BABEL_UNITS, DURATION_UNITS, TEAM_NAMES

Digits = Literal["latn", "arab"]

_ARABIC_INDIC = str.maketrans("0123456789%", "٠١٢٣٤٥٦٧٨٩٪")
DateStyle = Literal["short", "medium", "long", "full"]
ListStyle = Literal["standard", "or"]
_DATE_STYLES = get_args(DateStyle)


class Formatter:
    """Formats values for one locale; every result is a :class:`~apologykit.bidi.Value`."""

    def __init__(self, locale: Locale, language: str, digits: Digits, timezone: str) -> None:
        self.locale = locale
        self.language = language
        self.timezone = ZoneInfo(timezone)
        # Arabic-Indic digits only where they are the locale's native digits.
        self.arab = digits == "arab" and locale.other_numbering_systems.get("native") == "arab"
        self._numbering = "arab" if self.arab else "latn"
        self._units = DURATION_UNITS.get(language)
        self._teams = TEAM_NAMES.get(language, {})

    def _digits(self, text: str) -> Value:
        text = strip_marks(text)
        return Value(text.translate(_ARABIC_INDIC) if self.arab else text)

    def number(self, value: int | Decimal | float) -> Value:
        """``1250.5`` as the locale writes it (``1,250.5``; ``١٬٢٥٠٫٥`` with Arabic digits)."""
        return self._digits(
            format_decimal(value, locale=self.locale, numbering_system=self._numbering)
        )

    def money(self, value: Money) -> Value:
        """An amount with its currency symbol, in the locale's order and digits.

        Where the locale has no symbol for the currency, Babel glues the ISO
        code to the number (``SAR1,250.50``); a no-break space separates them.
        """
        text = format_currency(
            value.amount, value.currency, locale=self.locale, numbering_system=self._numbering
        )
        code = value.currency
        if text.startswith(code) and text[len(code) : len(code) + 1].isdigit():
            text = f"{code}\xa0{text[len(code) :]}"
        return self._digits(text)

    def percent(self, value: int | Decimal | float) -> Value:
        """``15`` as ``15%`` (the locale's sign and digits); decimals are kept, not rounded."""
        fraction = Decimal(str(value)) / 100
        return self._digits(
            format_percent(
                fraction,
                locale=self.locale,
                numbering_system=self._numbering,
                decimal_quantization=False,
            )
        )

    def date(self, value: dt.date, style: DateStyle = "long") -> Value:
        """A calendar date with the locale's month names (ar-MA and ar-SA differ)."""
        _check_style(style)
        if isinstance(value, dt.datetime):
            value = self._local(value).date()
        return self._digits(format_date(value, style, locale=self.locale))

    def time(self, value: dt.datetime | dt.time, style: DateStyle = "short") -> Value:
        """A time of day in the customer's time zone."""
        _check_style(style)
        if isinstance(value, dt.datetime):
            value = self._local(value)
        return self._digits(format_time(value, style, locale=self.locale))

    def datetime(self, value: dt.datetime, style: DateStyle = "long") -> Value:
        """A date and a short time, in the customer's time zone."""
        _check_style(style)
        local = self._local(value)
        date_text = format_date(local.date(), style, locale=self.locale)
        time_text = format_time(local, "short", locale=self.locale)
        pattern = str(get_datetime_format(style, locale=self.locale)).replace("'", "")
        return self._digits(pattern.replace("{1}", date_text).replace("{0}", time_text))

    def _local(self, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(self.timezone)

    def count(self, value: int, unit: str) -> str:
        """``value`` of a time ``unit`` (week, day, hour, minute) with the right plural."""
        if self._units is not None:
            return self.plural(value, self._units[unit])
        text = format_unit(value, BABEL_UNITS[unit], locale=self.locale)
        return str(self._digits(text))

    def duration(self, value: dt.timedelta) -> Value:
        """An exact duration: ``11 يومًا``, ``يومين و5 ساعات``; never rounded to weeks."""
        minutes = max(1, int(value.total_seconds() // 60))
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        parts: list[str] = []
        if days and not rest and days % 7 == 0:
            parts.append(self.count(days // 7, "week"))
        elif days:
            parts.append(self.count(days, "day"))
        if hours:
            parts.append(self.count(hours, "hour"))
        if minutes:
            parts.append(self.count(minutes, "minute"))
        return Value(format_list(parts, locale=self.locale))

    def plural(self, value: int, forms: Mapping[str, str]) -> str:
        """Pick the form for ``value``'s CLDR plural category; ``{n}`` is the number.

        Arabic has zero, one, two, few, many and other; a missing category falls
        back to ``other``.
        """
        category = self.locale.plural_form(value)
        pattern = forms.get(category) or forms["other"]
        return pattern.replace("{n}", self.number(value))

    def join(self, items: Iterable[str], style: ListStyle = "standard") -> str:
        """``a, b and c`` in the locale's words, each item kept isolated."""
        return format_list([mark(item) for item in items], style=style, locale=self.locale)

    def team(self, value: str) -> Value:
        """A built-in team key in this language, or the team's own name unchanged."""
        return Value(self._teams.get(value, value))


def _check_style(style: object) -> None:
    # Templates pass styles as plain strings; catch a typo with a clear message.
    if style not in _DATE_STYLES:
        raise ValueError(f"date style {style!r} is not one of {', '.join(_DATE_STYLES)}")
