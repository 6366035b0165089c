"""Issue 8: zones, times, durations, amounts, Hijri dates and digits as people write them.

Each test reads what a customer would see: a zone named the way a Saudi (or
Londoner) says it, noon that is not «12:00 م», «ساعة ونصف», «349 ريالًا سعوديًا»
and «16 رمضان 1446هـ الموافق 16 مارس 2025م».
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import apologykit as ak
from apologykit.i18n.formatting import Formatter

FSI, PDI = "\u2068", "\u2069"
ARABIC_INDIC = frozenset("٠١٢٣٤٥٦٧٨٩")


def _plain(text: str) -> str:
    # Babel puts a narrow no-break space before AM/PM in English.
    return text.replace(FSI, "").replace(PDI, "").replace("\u202f", " ")


def _formatter(locale: str, timezone: str | None = None, **settings: Any) -> Formatter:
    kit = ak.ReplyKit(**settings)
    return kit.formatter(kit.resolve_locale(locale)[0], timezone)


def _callback(at: str, timezone: str | None = None) -> dict[str, Any]:
    return {
        "kind": "callback_scheduled",
        "customer": {"name": "Hassan", "gender": "male", "timezone": timezone},
        "callback_at": at,
    }


# -- time zones: which one ----------------------------------------------------------


def test_a_callback_with_no_zone_anywhere_keeps_its_own_offset() -> None:
    kit = ak.ReplyKit(brand={"name": "Acme"})
    scenario = _callback("2025-03-16T10:30:00+03:00")
    ar = _plain(kit.render(scenario, locale="ar-SA").text)
    assert "الساعة 10:30 ص بتوقيت غرينتش+3" in ar
    assert "7:30" not in ar and "UTC" not in ar
    en = _plain(kit.render(scenario, locale="en-GB").text)
    assert "at 10:30 (GMT+3)" in en
    assert "07:30" not in en and "UTC" not in en


def test_a_brand_that_set_no_zone_is_no_longer_utc() -> None:
    assert ak.Brand(name="Acme").timezone is None


def test_the_brand_zone_applies_only_when_the_customer_has_none() -> None:
    kit = ak.ReplyKit(brand={"name": "Acme", "timezone": "Asia/Riyadh"})
    own = _plain(kit.render(_callback("2025-03-16T08:30:00Z"), locale="ar-SA").text)
    assert "الساعة 11:30 ص بتوقيت مكة المكرمة" in own
    theirs = kit.render(_callback("2025-03-16T08:30:00Z", "Africa/Cairo"), locale="en-GB")
    assert "at 10:30 (your local time)" in _plain(theirs.text)


def test_a_utc_callback_with_no_zone_is_named_gmt_never_utc() -> None:
    kit = ak.ReplyKit(brand={"name": "Acme"})
    scenario = _callback("2025-03-16T11:30:00Z")
    ar = _plain(kit.render(scenario, locale="ar-SA", channel="sms").text)
    assert "الساعة 11:30 ص بتوقيت غرينتش." in ar
    en = _plain(kit.render(scenario, locale="en-GB", channel="sms").text)
    assert "at 11:30 (GMT)" in en
    assert "UTC" not in ar + en


# -- time zones: how they are named -------------------------------------------------

ZONE_NAMES = [
    ("Asia/Riyadh", "مكة المكرمة", "Riyadh"),
    ("Asia/Dubai", "الإمارات", "UAE"),
    ("Asia/Kuwait", "الكويت", "Kuwait"),
    ("Asia/Qatar", "قطر", "Qatar"),
    ("Asia/Bahrain", "البحرين", "Bahrain"),
    ("Asia/Muscat", "عُمان", "Oman"),
    ("Africa/Cairo", "القاهرة", "Cairo"),
    ("Asia/Amman", "الأردن", "Jordan"),
    ("Africa/Casablanca", "المغرب", "Morocco"),
    ("Africa/Tripoli", "ليبيا", "Libya"),
    ("Asia/Kolkata", "الهند", "India"),
    ("Europe/London", "لندن", "London"),  # Babel's names, where they are right
    ("America/New_York", "نيويورك", "New York"),
    ("UTC", "غرينتش", "GMT"),
    ("Etc/GMT-3", "غرينتش+3", "GMT+3"),  # POSIX sign: Etc/GMT-3 is three hours ahead
]


@pytest.mark.parametrize(("zone", "arabic", "english"), ZONE_NAMES)
def test_zones_are_named_as_people_say_them(zone: str, arabic: str, english: str) -> None:
    moment = dt.datetime(2025, 3, 16, 8, 30, tzinfo=dt.UTC)
    assert _formatter("ar-SA", zone).zone(moment) == arabic
    place = english if english.startswith("GMT") else f"{english} time"
    assert _formatter("en-GB", zone).zone(moment) == place


@pytest.mark.parametrize(
    ("offset", "arabic", "english"),
    [
        (dt.timedelta(hours=3), "غرينتش+3", "GMT+3"),
        (dt.timedelta(hours=-5), "غرينتش-5", "GMT-5"),
        (dt.timedelta(hours=5, minutes=30), "غرينتش+5:30", "GMT+5:30"),
        (dt.timedelta(0), "غرينتش", "GMT"),
    ],
)
def test_a_bare_offset_is_named_from_greenwich(
    offset: dt.timedelta, arabic: str, english: str
) -> None:
    moment = dt.datetime(2025, 3, 16, 10, 30, tzinfo=dt.timezone(offset))
    assert _formatter("ar-SA").zone(moment) == arabic
    assert _formatter("en-GB").zone(moment) == english


def test_an_offset_follows_the_digits_setting() -> None:
    moment = dt.datetime(2025, 3, 16, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert _formatter("ar-SA", digits="arab").zone(moment) == "غرينتش+٣"


def test_no_template_prints_a_zone_id() -> None:
    for zone in ("Asia/Riyadh", "UTC", "America/Sao_Paulo", "Pacific/Chatham"):
        kit = ak.ReplyKit(brand={"name": "Acme"}, timezone=zone)
        for locale in ("ar-SA", "en-GB"):
            for channel in ("email", "chat", "sms"):
                text = kit.render(_callback("2025-03-16T11:30:00Z"), locale, channel).text
                assert zone not in text and "UTC" not in text, (zone, locale, channel)


# -- times: noon and midnight -------------------------------------------------------


def test_noon_and_midnight_are_said_not_left_to_am_pm() -> None:
    noon = dt.datetime(2025, 3, 16, 12, 0, tzinfo=dt.UTC)
    midnight = dt.datetime(2025, 3, 16, 0, 0, tzinfo=dt.UTC)
    ar = _formatter("ar-SA")
    assert ar.time(noon) == "12:00 ظهرًا"
    assert ar.time(midnight) == "12:00 منتصف الليل"
    assert ar.time(noon.replace(minute=30)) == "12:30 م"  # only the exact hour is special
    en = _formatter("en-US")
    assert _plain(en.time(noon)) == "12:00 noon"
    assert _plain(en.time(midnight)) == "12:00 midnight"
    assert _formatter("en-GB").time(midnight) == "00:00"  # a 24-hour clock is unambiguous


def test_a_callback_at_noon_reads_zuhran_in_the_reply() -> None:
    kit = ak.ReplyKit(brand={"name": "Acme"})
    reply = kit.render(_callback("2025-03-16T12:00:00+03:00", "Asia/Riyadh"), "ar-SA")
    assert "الساعة 12:00 ظهرًا" in _plain(reply.text)
    assert "12:00 م" not in reply.text


# -- durations: halves and quarters -------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "arabic", "english"),
    [
        (90, "ساعة ونصف", "an hour and a half"),
        (30, "نصف ساعة", "half an hour"),
        (15, "ربع ساعة", "15 minutes"),
        (45, "ثلاثة أرباع الساعة", "45 minutes"),
        (75, "ساعة وربع", "1 hour and 15 minutes"),
        (150, "ساعتين ونصف", "2 and a half hours"),
        (135, "ساعتين وربع", "2 hours and 15 minutes"),
        (210, "3 ساعات ونصف", "3 and a half hours"),
        (36 * 60, "يوم ونصف", "a day and a half"),
        (60 * 60, "يومين ونصف", "2 and a half days"),
        (690, "11 ساعة و30 دقيقة", "11 hours and 30 minutes"),  # long ones stay exact
        (24 * 60 + 30, "يوم واحد و30 دقيقة", "1 day and 30 minutes"),
        (60, "ساعة واحدة", "1 hour"),
    ],
)
def test_durations_read_naturally(minutes: int, arabic: str, english: str) -> None:
    value = dt.timedelta(minutes=minutes)
    assert _formatter("ar-SA").duration(value) == arabic
    assert _formatter("en-GB").duration(value) == english


def test_a_wait_of_an_hour_and_a_half_in_the_arabic_reply(kit: ak.ReplyKit) -> None:
    scenario = {"kind": "delayed_response", "customer": {"name": "سارة"}, "waited": "PT1H30M"}
    text = kit.render(scenario, "ar-SA").text
    assert "مدة ساعة ونصف" in text
    assert "30 دقيقة" not in text


# -- amounts ------------------------------------------------------------------------


def _money(formatter: Formatter, amount: str, currency: str = "SAR") -> str:
    return str(formatter.money(ak.Money(amount=Decimal(amount), currency=currency)))


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1", "ريال سعودي واحد"),
        ("2", "ريالين سعوديين"),
        ("3", "3 ريالات سعودية"),
        ("10", "10 ريالات سعودية"),
        ("11", "11 ريالًا سعوديًا"),
        ("349", "349 ريالًا سعوديًا"),
        ("349.00", "349 ريالًا سعوديًا"),  # no ".00" on a whole amount
        ("100", "100 ريال سعودي"),
        ("103", "103 ريالات سعودية"),
        ("1250.50", "1,250.50 ريال سعودي"),  # a fraction: the singular, like 100
        ("149.5", "149.50 ريال سعودي"),  # the currency's own decimals
    ],
)
def test_arabic_riyals_agree_with_the_number(amount: str, expected: str) -> None:
    assert _money(_formatter("ar-SA"), amount) == expected


@pytest.mark.parametrize(
    ("currency", "one", "two", "few", "many", "other"),
    [
        ("SAR", "ريال سعودي واحد", "ريالين سعوديين", "ريالات سعودية", "ريالًا سعوديًا", "ريال سعودي"),
        (
            "AED",
            "درهم إماراتي واحد",
            "درهمين إماراتيين",
            "دراهم إماراتية",
            "درهمًا إماراتيًا",
            "درهم إماراتي",
        ),
        (
            "KWD",
            "دينار كويتي واحد",
            "دينارين كويتيين",
            "دنانير كويتية",
            "دينارًا كويتيًا",
            "دينار كويتي",
        ),
        ("QAR", "ريال قطري واحد", "ريالين قطريين", "ريالات قطرية", "ريالًا قطريًا", "ريال قطري"),
        (
            "BHD",
            "دينار بحريني واحد",
            "دينارين بحرينيين",
            "دنانير بحرينية",
            "دينارًا بحرينيًا",
            "دينار بحريني",
        ),
        ("OMR", "ريال عُماني واحد", "ريالين عُمانيين", "ريالات عُمانية", "ريالًا عُمانيًا", "ريال عُماني"),
        ("EGP", "جنيه مصري واحد", "جنيهين مصريين", "جنيهات مصرية", "جنيهًا مصريًا", "جنيه مصري"),
        (
            "JOD",
            "دينار أردني واحد",
            "دينارين أردنيين",
            "دنانير أردنية",
            "دينارًا أردنيًا",
            "دينار أردني",
        ),
        ("MAD", "درهم مغربي واحد", "درهمين مغربيين", "دراهم مغربية", "درهمًا مغربيًا", "درهم مغربي"),
        (
            "USD",
            "دولار أمريكي واحد",
            "دولارين أمريكيين",
            "دولارات أمريكية",
            "دولارًا أمريكيًا",
            "دولار أمريكي",
        ),
        ("EUR", "يورو واحد", "يوروين", "يورو", "يورو", "يورو"),
        (
            "GBP",
            "جنيه إسترليني واحد",
            "جنيهين إسترلينيين",
            "جنيهات إسترلينية",
            "جنيهًا إسترلينيًا",
            "جنيه إسترليني",
        ),
    ],
)
def test_every_gulf_and_common_currency_has_all_arabic_forms(
    currency: str, one: str, two: str, few: str, many: str, other: str
) -> None:
    ar = _formatter("ar-SA")
    assert _money(ar, "1", currency) == one
    assert _money(ar, "2", currency) == two
    assert _money(ar, "5", currency) == f"5 {few}"
    assert _money(ar, "49", currency) == f"49 {many}"
    assert _money(ar, "200", currency) == f"200 {other}"


def test_never_us_dollar_sign_in_arabic_prose(kit: ak.ReplyKit) -> None:
    scenario = {
        "kind": "delayed_response",
        "customer": {"name": "سارة"},
        "compensation": {"type": "refund", "amount": {"amount": "49.99", "currency": "USD"}},
    }
    text = _plain(kit.render(scenario, "ar-SA").text)
    assert "سنعيد مبلغ 49.99 دولار أمريكي" in text
    assert "US$" not in text


def test_a_currency_with_no_arabic_words_keeps_babels_symbol() -> None:
    assert _money(_formatter("ar-SA"), "500", "JPY") == "500\xa0JP¥"


def test_english_amounts_in_words_name_the_currency() -> None:
    en = _formatter("en-GB")
    assert _money(en, "349") == "349 Saudi riyals"
    assert _money(en, "1") == "1 Saudi riyal"
    assert _money(en, "49.99", "USD") == "49.99 US dollars"
    assert _money(en, "12.5", "KWD") == "12.500 Kuwaiti dinars"


def test_symbols_on_request_still_drop_a_zero_fraction() -> None:
    assert _money(_formatter("en-GB", amounts="symbols"), "49", "USD") == "US$49"
    assert _money(_formatter("en-US", amounts="symbols"), "49.99", "USD") == "$49.99"
    assert _money(_formatter("ar-SA", amounts="symbols"), "349") == "349\xa0ر.س."


def test_amounts_in_words_take_arabic_digits_on_request() -> None:
    assert _money(_formatter("ar-SA", digits="arab"), "349") == "٣٤٩ ريالًا سعوديًا"


def test_a_refund_reads_in_words_in_both_languages(kit: ak.ReplyKit) -> None:
    scenario = {
        "kind": "delayed_response",
        "customer": {"name": "سارة"},
        "compensation": {"type": "refund", "amount": {"amount": "349", "currency": "SAR"}},
    }
    assert "سنعيد مبلغ 349 ريالًا سعوديًا" in _plain(kit.render(scenario, "ar-SA").text)
    assert "refund 349 Saudi riyals" in _plain(kit.render(scenario, "en-GB").text)


def test_a_bad_amounts_setting_names_the_choices() -> None:
    with pytest.raises(ValueError, match="amounts must be 'words' or 'symbols'"):
        ak.ReplyKit(amounts="letters")  # type: ignore[arg-type]


# -- Hijri dates --------------------------------------------------------------------

RAMADAN_16 = dt.date(2025, 3, 16)


def test_both_calendars_in_arabic_and_english() -> None:
    ar = _formatter("ar-SA", calendar="both")
    assert ar.date(RAMADAN_16) == "16 رمضان 1446هـ الموافق 16 مارس 2025م"
    assert ar.date(RAMADAN_16, "full") == "الأحد، 16 رمضان 1446هـ الموافق 16 مارس 2025م"
    en = _formatter("en-GB", calendar="both")
    assert en.date(RAMADAN_16) == "16 March 2025 (16 Ramadan 1446 AH)"
    assert en.date(RAMADAN_16, "full") == "Sunday, 16 March 2025 (16 Ramadan 1446 AH)"


def test_hijri_alone_is_the_hijri_part() -> None:
    assert _formatter("ar-SA", calendar="hijri").date(RAMADAN_16) == "16 رمضان 1446هـ"
    assert _formatter("en-GB", calendar="hijri").date(RAMADAN_16) == "16 Ramadan 1446 AH"
    assert _formatter("ar-SA", calendar="hijri").date(dt.date(2025, 6, 6)) == "10 ذي الحجة 1446هـ"


def test_gregorian_is_the_default() -> None:
    assert _formatter("ar-SA").date(RAMADAN_16) == "16 مارس 2025"


def test_hijri_follows_the_local_date_of_a_datetime() -> None:
    # 22:30 UTC on 16 March is already 17 March (17 Ramadan) in Riyadh.
    late = dt.datetime(2025, 3, 16, 22, 30, tzinfo=dt.UTC)
    ar = _formatter("ar-SA", "Asia/Riyadh", calendar="hijri")
    assert ar.datetime(late).startswith("17 رمضان 1446هـ")


def test_hijri_digits_follow_the_digits_setting() -> None:
    ar = _formatter("ar-SA", calendar="both", digits="arab")
    assert ar.date(RAMADAN_16) == "١٦ رمضان ١٤٤٦هـ الموافق ١٦ مارس ٢٠٢٥م"


def test_outside_umm_al_qura_a_date_is_gregorian_without_error() -> None:
    ar = _formatter("ar-SA", calendar="both")
    assert ar.date(dt.date(1900, 1, 1)) == "1 يناير 1900"
    assert ar.date(dt.date(2100, 1, 1)) == "1 يناير 2100"
    assert _formatter("en-GB", calendar="hijri").date(dt.date(2100, 1, 1)) == "1 January 2100"


def test_a_callback_in_both_calendars() -> None:
    kit = ak.ReplyKit(brand={"name": "Acme"}, calendar="both")
    scenario = _callback("2025-03-16T11:30:00Z", "Asia/Riyadh")
    ar = _plain(kit.render(scenario, "ar-SA").text)
    assert "يوم الأحد، 16 رمضان 1446هـ الموافق 16 مارس 2025م الساعة 2:30 م" in ar
    en = _plain(kit.render(scenario, "en-GB").text)
    assert "Sunday, 16 March 2025 (16 Ramadan 1446 AH) at 14:30" in en


def test_a_bad_calendar_setting_names_the_choices() -> None:
    with pytest.raises(ValueError, match="calendar must be 'gregorian', 'hijri' or 'both'"):
        ak.ReplyKit(calendar="julian")  # type: ignore[arg-type]


# -- digits -------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["ar-MA", "ar-DZ", "ar-TN", "ar-LY", "ar-AE"])
def test_arabic_digits_leave_latin_digit_locales_latin(locale: str) -> None:
    kit = ak.ReplyKit(digits="arab")
    scenario = {
        "kind": "delayed_response",
        "customer": {"name": "سارة"},
        "waited": "P11D",
        "compensation": {"type": "refund", "amount": {"amount": "349", "currency": "MAD"}},
    }
    text = kit.render(scenario, locale).text
    assert "11" in text and "349" in text
    assert not ARABIC_INDIC & set(text)


@pytest.mark.parametrize("locale", ["ar", "ar-SA", "ar-EG", "ar-JO", "ar-IQ"])
def test_arabic_digits_reach_locales_that_write_them(locale: str) -> None:
    kit = ak.ReplyKit(digits="arab")
    text = kit.render({"kind": "delayed_response", "waited": "P11D"}, locale).text
    assert "١١" in text


@pytest.mark.parametrize(
    ("locale", "digits"), [("ar-SA", "arab"), ("ar-EG", "latn"), ("en-US", "latn")]
)
def test_whole_numbers_read_the_same_every_time_and_past_the_kept_ones(
    locale: str, digits: Any
) -> None:
    """Positions and counts are kept per formatter: kept or not, a number reads the same."""
    formatter = _formatter(locale, digits=digits)
    fresh = _formatter(locale, digits=digits)
    forms = {
        "zero": "z{n}",
        "one": "o{n}",
        "two": "t{n}",
        "few": "f{n}",
        "many": "m{n}",
        "other": "{n}",
    }
    numbers = [*range(-3, 5000), 10**6, 10**15]
    first = [(formatter.number(n), formatter.plural(n, forms)) for n in numbers]
    again = [(formatter.number(n), formatter.plural(n, forms)) for n in reversed(numbers)]
    assert again[::-1] == first
    # The kept text is the same as a formatter that never saw these numbers.
    for n in (2, 11, 349, 4999, 10**6):
        assert fresh.number(n) == formatter.number(n)
        assert fresh.plural(n, forms) == formatter.plural(n, forms)
    assert fresh is not formatter
    assert formatter.number(1250) == {"ar-SA": "١٬٢٥٠", "ar-EG": "1,250", "en-US": "1,250"}[locale]
