"""Locale-aware formatting of amounts, numbers, dates, times, durations, counts and lists.

One :class:`Formatter` per (locale, time zone), built once by the kit and
reused for every reply; the kit's digits, calendar and amounts settings are
fixed for its formatters. Babel does the formatting; this module adds what
Babel leaves out: real Arabic-Indic digits (Babel only swaps the separators),
exact durations (``format_timedelta`` rounds 11 days to two weeks) said the
way people say them («ساعة ونصف»), noon and midnight, amounts with the
currency in words that agree with the number, and Hijri dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format, get_time_format
from babel.lists import format_list
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
)
from babel.units import format_unit

from ..model.values import Money
from .bidi import Value, mark, strip_marks
from .calendars import Calendar, hijri_date
from .vocabulary import (
    BABEL_UNITS,
    CURRENCY_WORDS,
    DURATION_FRACTIONS,
    DURATION_UNITS,
    NOON_AND_MIDNIGHT,
    PART_OF_AN_HOUR,
    TEAM_NAMES,
)
from .zones import zone_name

Digits = Literal["latn", "arab"]
#: ``words``: «349 ريالًا سعوديًا», "349 Saudi riyals"; ``symbols``: Babel's «349 ر.س.», "SAR 349".
Amounts = Literal["words", "symbols"]
AMOUNTS: tuple[Amounts, ...] = get_args(Amounts)

_ARABIC_INDIC = str.maketrans("0123456789%", "٠١٢٣٤٥٦٧٨٩٪")
DateStyle = Literal["short", "medium", "long", "full"]
ListStyle = Literal["standard", "or"]
_DATE_STYLES = get_args(DateStyle)
# The day period (AM/PM) letters of a CLDR time pattern, outside quoted text.
_DAY_PERIOD = re.compile(r"a+")
#: How many whole numbers a formatter keeps the text and plural category of.
_KEPT_WHOLE = 4096


class Formatter:
    """Formats values for one locale; every result is a :class:`~apologykit.i18n.bidi.Value`."""

    def __init__(
        self,
        locale: Locale,
        language: str,
        digits: Digits,
        timezone: str | None,
        calendar: Calendar = "gregorian",
        amounts: Amounts = "words",
    ) -> None:
        self.locale = locale
        self.language = language
        #: ``None``: a datetime keeps the offset it was given.
        self.timezone = ZoneInfo(timezone) if timezone is not None else None
        self.calendar: Calendar = calendar
        self.amounts: Amounts = amounts
        self.arab = digits == "arab" and writes_arabic_digits(locale)
        self._numbering = "arab" if self.arab else "latn"
        self._units = DURATION_UNITS.get(language)
        self._fractions = DURATION_FRACTIONS.get(language, {})
        self._part_hours = PART_OF_AN_HOUR.get(language, {})
        self._noon = NOON_AND_MIDNIGHT.get(language)
        self._currencies = CURRENCY_WORDS.get(language)
        self._teams = TEAM_NAMES.get(language, {})
        # The locale's currency pattern without its fraction, for whole amounts.
        self._whole_currency = str(locale.currency_formats["standard"].pattern).replace(".00", "")
        # Whole numbers recur in every reply (list positions, counts, amounts):
        # their text and plural category are kept, up to _KEPT_WHOLE of each.
        self._whole_texts: dict[int, str] = {}
        self._numbers: dict[int, Value] = {}
        self._categories: dict[int, str] = {}
        self._currency_names: dict[tuple[str, str], str] = {}

    def _digits(self, text: str) -> Value:
        text = strip_marks(text)
        return Value(text.translate(_ARABIC_INDIC) if self.arab else text)

    def number(self, value: int | Decimal | float) -> Value:
        """``1250.5`` as the locale writes it (``1,250.5``; ``١٬٢٥٠٫٥`` with Arabic digits)."""
        if type(value) is int:
            number = self._numbers.get(value)
            if number is None:
                number = self._digits(self._whole(value))
                if len(self._numbers) < _KEPT_WHOLE:
                    self._numbers[value] = number
            return number
        return self._digits(
            format_decimal(value, locale=self.locale, numbering_system=self._numbering)
        )

    def _whole(self, value: int) -> str:
        """Babel's text for a whole number (before our digits)."""
        text = self._whole_texts.get(value)
        if text is None:
            text = format_decimal(value, locale=self.locale, numbering_system=self._numbering)
            if len(self._whole_texts) < _KEPT_WHOLE:
                self._whole_texts[value] = text
        return text

    def _category(self, value: int | Decimal) -> str:
        """The CLDR plural category of ``value``: one, two, few, many, other..."""
        if type(value) is not int:
            return str(self.locale.plural_form(value))
        category = self._categories.get(value)
        if category is None:
            category = str(self.locale.plural_form(value))
            if len(self._categories) < _KEPT_WHOLE:
                self._categories[value] = category
        return category

    def money(self, value: Money) -> Value:
        """An amount as people write it: ``349 ريالًا سعوديًا``, ``349 Saudi riyals``.

        A whole amount has no ``.00``; a fraction has the currency's own
        decimals (``149.50``, ``12.500`` dinars). With ``amounts="words"``
        Arabic takes our six plural forms for the currencies we know (Babel's
        Arabic names ignore the count) and the symbol for the rest; other
        languages take Babel's name for the count. ``amounts="symbols"`` gives
        Babel's symbol form in every language.
        """
        amount, code = value.amount, value.currency
        whole = amount == amount.to_integral_value()
        if self.amounts == "words":
            count: int | Decimal = int(amount) if whole else amount
            if self._currencies is not None:
                forms = self._currencies.get(code)
                if forms is not None:
                    # CLDR gives a fraction "other", the singular: «149.50 ريال».
                    return self._digits(self.plural_pattern(count, forms, self._amount(value)))
            else:
                return self._digits(f"{self._amount(value)} {self._currency_name(code, count)}")
        if whole:
            text = format_currency(
                amount,
                code,
                format=self._whole_currency,
                currency_digits=False,
                locale=self.locale,
                numbering_system=self._numbering,
            )
        else:
            text = format_currency(
                amount, code, locale=self.locale, numbering_system=self._numbering
            )
        if text.startswith(code) and text[len(code) : len(code) + 1].isdigit():
            text = f"{code}\xa0{text[len(code) :]}"
        return self._digits(text)

    def _currency_name(self, code: str, count: int | Decimal) -> str:
        """Babel's name of ``code`` for ``count`` ("Saudi riyals"), kept per plural category."""
        try:
            category = self._category(count)
        except (OverflowError, ValueError):  # as Babel: a number it cannot classify is "other"
            category = "other"
        key = (code, category)
        name = self._currency_names.get(key)
        if name is None:
            name = get_currency_name(code, count=count, locale=self.locale)
            if len(self._currency_names) < _KEPT_WHOLE:
                self._currency_names[key] = name
        return name

    def _amount(self, value: Money) -> str:
        """The number of an amount: ``1,250`` when whole, else the currency's decimals."""
        amount = value.amount
        if amount == amount.to_integral_value():
            return self._whole(int(amount))
        pattern = self.locale.decimal_formats[None]
        return str(
            pattern.apply(
                amount, self.locale, currency=value.currency, numbering_system=self._numbering
            )
        )

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
        """A calendar date with the locale's month names (ar-MA and ar-SA differ).

        With the Hijri calendar: «16 رمضان 1446هـ»; with both calendars:
        «16 رمضان 1446هـ الموافق 16 مارس 2025م», "16 March 2025 (16 Ramadan
        1446 AH)". A date outside the Umm al-Qura tables stays Gregorian.
        """
        _check_style(style)
        if isinstance(value, dt.datetime):
            value = self._local(value).date()
        return self._digits(self._date_text(value, style))

    def time(self, value: dt.datetime | dt.time, style: DateStyle = "short") -> Value:
        """A time of day in the reply's time zone; noon is «12:00 ظهرًا», "12:00 noon"."""
        _check_style(style)
        if isinstance(value, dt.datetime):
            value = self._local(value)
        return self._digits(self._time_text(value, style))

    def datetime(self, value: dt.datetime, style: DateStyle = "long") -> Value:
        """A date and a short time, in the reply's time zone."""
        _check_style(style)
        local = self._local(value)
        date_text = self._date_text(local.date(), style)
        time_text = self._time_text(local, "short")
        pattern = str(get_datetime_format(style, locale=self.locale)).replace("'", "")
        return self._digits(pattern.replace("{1}", date_text).replace("{0}", time_text))

    def zone(self, value: dt.datetime) -> str:
        """The time zone of ``value`` as people name it: «مكة المكرمة», "UAE time", "GMT+3".

        For «بتوقيت {{ at | zone }}» and "({{ at | zone }})". The zone is
        the customer's, else the brand's, else the offset the value was given in.
        """
        text = zone_name(self._local(value), self.locale, self.language)
        return text.translate(_ARABIC_INDIC) if self.arab else text

    def _local(self, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(self.timezone) if self.timezone is not None else value

    def _date_text(self, value: dt.date, style: DateStyle) -> str:
        if self.calendar != "gregorian":
            full = style == "full"
            gregorian = format_date(value, "long" if full else style, locale=self.locale)
            weekday = format_date(value, "EEEE", locale=self.locale) if full else None
            text = hijri_date(self.calendar, self.language, value, gregorian, weekday)
            if text is not None:
                return text
        return format_date(value, style, locale=self.locale)

    def _time_text(self, value: dt.datetime | dt.time, style: DateStyle) -> str:
        """Babel's time, with AM/PM at exactly noon and midnight said in words."""
        if (
            self._noon is not None
            and value.hour in (0, 12)
            and value.minute == 0
            and value.second == 0
        ):
            word = self._noon["noon" if value.hour == 12 else "midnight"]
            pattern = str(get_time_format(style, locale=self.locale).pattern)
            # Quoted runs of a CLDR pattern are literal text: only the rest has fields.
            parts = pattern.split("'")
            parts[::2] = [_DAY_PERIOD.sub(f"'{word}'", part) for part in parts[::2]]
            changed = "'".join(parts)
            if changed != pattern:
                return format_time(value, changed, locale=self.locale)
        return format_time(value, style, locale=self.locale)

    def count(self, value: int, unit: str) -> str:
        """``value`` of a time ``unit`` (week, day, hour, minute) with the right plural."""
        if self._units is not None:
            return self.plural(value, self._units[unit])
        text = format_unit(value, BABEL_UNITS[unit], locale=self.locale)
        return str(self._digits(text))

    def duration(self, value: dt.timedelta) -> Value:
        """An exact duration: ``11 يومًا``, ``يومين و5 ساعات``; never rounded to weeks.

        Halves and quarters of one unit read as people say them: «ساعة ونصف»,
        «نصف ساعة», "an hour and a half", "a day and a half" (up to ten units;
        longer durations stay exact).
        """
        minutes = max(1, int(value.total_seconds() // 60))
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        natural = self._natural_duration(days, hours, minutes)
        if natural is not None:
            return Value(natural)
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

    def _natural_duration(self, days: int, hours: int, minutes: int) -> str | None:
        """A half or a quarter of one unit («ساعة ونصف», "half an hour"), else ``None``."""
        if not days and not hours:
            return self._part_hours.get(minutes)
        if not days and minutes in (15, 30):
            count, key = hours, ("hour", "half" if minutes == 30 else "quarter")
        elif days and hours == 12 and not minutes:
            count, key = days, ("day", "half")
        else:
            return None
        forms = self._fractions.get(key)
        if forms is None or count > 10:
            return None
        pattern = forms.get(self._category(count))
        return pattern.replace("{n}", self.number(count)) if pattern is not None else None

    def plural(self, value: int, forms: Mapping[str, str]) -> str:
        """Pick the form for ``value``'s CLDR plural category; ``{n}`` is the number.

        Arabic has zero, one, two, few, many and other; a missing category falls
        back to ``other``.
        """
        return self.plural_pattern(value, forms, self.number(value))

    def plural_pattern(self, value: int | Decimal, forms: Mapping[str, str], number: str) -> str:
        """The form for ``value``'s plural category with ``{n}`` replaced by ``number``."""
        category = self._category(value)
        pattern = forms.get(category) or forms["other"]
        return pattern.replace("{n}", number)

    def join(self, items: Iterable[str], style: ListStyle = "standard") -> str:
        """``a, b and c`` in the locale's words, each item kept isolated."""
        return format_list([mark(item) for item in items], style=style, locale=self.locale)

    def team(self, value: str) -> Value:
        """A built-in team key in this language, or the team's own name unchanged."""
        return Value(self._teams.get(value, value))


def writes_arabic_digits(locale: Locale) -> bool:
    """Whether ``digits="arab"`` applies: Arabic-Indic digits are the locale's own.

    A locale with a region follows CLDR's default numbering for it, so ar-SA
    and ar-EG take Arabic-Indic digits while ar-MA, ar-DZ, ar-TN, ar-LY and
    ar-AE keep the Latin digits their readers use. Plain ``ar`` names no
    region, so the caller's request decides.
    """
    if locale.other_numbering_systems.get("native") != "arab":
        return False
    return locale.territory is None or locale.default_numbering_system == "arab"


def _check_style(style: object) -> None:
    # Templates pass styles as plain strings; catch a typo with a clear message.
    if style not in _DATE_STYLES:
        raise ValueError(f"date style {style!r} is not one of {', '.join(_DATE_STYLES)}")
