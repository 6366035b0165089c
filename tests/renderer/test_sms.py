"""The SMS channel: what a message costs, and English staying GSM-7.

Until the built-in SMS kinds exist these tests use a test-only kind whose
templates live in a temporary directory: ``sms_probe_test`` prints one value
as the whole message, ``sms_greeting_test`` is a short message in the built-in
SMS frame.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, Literal

import pytest

import apologykit as ak
from apologykit.model.scenario import unregister
from apologykit.renderer import sms

PROBE = "sms_probe_test"
GREETING = "sms_greeting_test"
INVISIBLE = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ue000\ue001"
LRI, PDI = "\u2066", "\u2069"

TEMPLATES = {
    f"en/{PROBE}.sms.j2": "{{ body }}\n",
    f"ar/{PROBE}.sms.j2": "{{ body }}\n",
    f"en/{GREETING}.sms.j2": (
        '{% extends "en/_sms.j2" %}\n'
        "{% block subject %}Your order{% endblock %}\n"
        "{% block message %}Hi {{ customer.name }}, order {{ order_id }} ships today."
        "{% endblock %}\n"
    ),
    f"ar/{GREETING}.sms.j2": (
        '{% extends "ar/_sms.j2" %}\n'
        "{% block message %}مرحبًا {{ customer.name }}، طلبك {{ order_id }} يُشحن اليوم."
        "{% endblock %}\n"
    ),
}


@pytest.fixture(scope="module")
def sms_kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ak.ReplyKit]:
    """A kit that finds the test-only SMS templates; the kinds are forgotten afterwards."""
    root: Path = tmp_path_factory.mktemp("sms_templates")
    for name, source in TEMPLATES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")

    class SmsProbe(ak.Scenario):
        """Test only: the message is exactly ``body``."""

        channels: ClassVar[tuple[str, ...]] = ("sms",)
        kind: Literal["sms_probe_test"] = "sms_probe_test"
        body: str

    class SmsGreeting(ak.Scenario):
        """Test only: a short message with a name and an order number."""

        channels: ClassVar[tuple[str, ...]] = ("sms",)
        kind: Literal["sms_greeting_test"] = "sms_greeting_test"
        order_id: str

    try:
        yield ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[root])
    finally:
        unregister(PROBE)
        unregister(GREETING)


def _probe(kit: ak.ReplyKit, body: str, locale: str = "en-GB") -> ak.Reply:
    return kit.render({"kind": PROBE, "body": body}, locale=locale, channel="sms")


def _greeting(kit: ak.ReplyKit, name: str, locale: str = "en-GB") -> ak.Reply:
    data = {"kind": GREETING, "customer": {"name": name}, "order_id": "A-1042"}
    return kit.render(data, locale=locale, channel="sms")


# -- GSM-7 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "segments"), [(1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)]
)
def test_gsm7_limits(sms_kit: ak.ReplyKit, length: int, segments: int) -> None:
    reply = _probe(sms_kit, "a" * length)
    assert reply.text == "a" * length  # the message as sent: no final newline
    assert reply.sms_encoding == "GSM-7"
    assert reply.sms_segments == segments


@pytest.mark.parametrize("char", ["{", "}", "[", "]", "\\", "^", "~", "|", "€"])
def test_gsm7_extension_characters_count_two(sms_kit: ak.ReplyKit, char: str) -> None:
    assert _probe(sms_kit, "a" * 158 + char).sms_segments == 1  # 160 septets
    assert _probe(sms_kit, "a" * 159 + char).sms_segments == 2  # 161 septets
    assert _probe(sms_kit, char * 80).sms_segments == 1
    reply = _probe(sms_kit, char * 81)
    assert reply.sms_encoding == "GSM-7"
    assert reply.sms_segments == 2


def test_gsm7_split_does_not_cut_an_extension_character() -> None:
    # 152 septets, then an escape pair that cannot share the 153rd septet.
    text = "a" * 152 + "€" + "a" * 10
    assert sms.segments(text) == 2
    # 306 septets would fill two parts exactly, but the parts hold 152 and 152 + 2.
    assert sms.segments("a" * 152 + "€" * 77) == 3


def test_accented_letters_of_the_gsm_alphabet_stay_gsm7() -> None:
    assert sms.encoding("Café Müller, £5 @ 10:00 - ¿Qué?") == "GSM-7"
    assert sms.encoding("naïve") == "UCS-2"  # ï is not in GSM-7


# -- UCS-2 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "segments"), [(70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)]
)
def test_arabic_is_ucs2(sms_kit: ak.ReplyKit, length: int, segments: int) -> None:
    reply = _probe(sms_kit, "ب" * length, locale="ar-SA")
    assert reply.text == "ب" * length
    assert reply.sms_encoding == "UCS-2"
    assert reply.sms_segments == segments


def test_one_non_gsm_character_makes_the_whole_message_ucs2(sms_kit: ak.ReplyKit) -> None:
    reply = _probe(sms_kit, "a" * 70 + "ب")
    assert reply.sms_encoding == "UCS-2"
    assert reply.sms_segments == 2


def test_ucs2_counts_utf16_units() -> None:
    assert sms.segments("ب" * 68 + "😀") == 1  # 70 units
    assert sms.segments("ب" * 69 + "😀") == 2  # 71 units
    assert sms.segments("") == 0


# -- what the rendered SMS contains -------------------------------------------------


def test_english_sms_with_arabic_name_has_no_invisible_characters(sms_kit: ak.ReplyKit) -> None:
    reply = _greeting(sms_kit, "فاطمة")
    assert reply.text == "Hi فاطمة, order A-1042 ships today. - Acme"
    assert not set(INVISIBLE) & set(reply.text)
    # The Arabic letters alone make it UCS-2: 42 units, one segment.
    assert reply.sms_encoding == "UCS-2"
    assert reply.sms_segments == 1


def test_english_sms_with_latin_name_is_gsm7(sms_kit: ak.ReplyKit) -> None:
    reply = _greeting(sms_kit, "Sara")
    assert reply.text == "Hi Sara, order A-1042 ships today. - Acme"
    assert reply.sms_encoding == "GSM-7"


def test_english_sms_folds_typography_to_gsm7(sms_kit: ak.ReplyKit) -> None:
    reply = _probe(sms_kit, "O\u2019Brien \u201cthanks\u201d \u2013 10:30\u202fam\u2026")
    assert reply.text == 'O\'Brien "thanks" - 10:30 am...'
    assert reply.sms_encoding == "GSM-7"


def test_english_sms_drops_bidi_marks_inside_values(sms_kit: ak.ReplyKit) -> None:
    reply = _probe(sms_kit, "\u200eSara\u200f")
    assert reply.text == "Sara"
    assert reply.sms_encoding == "GSM-7"


def test_arabic_sms_isolates_only_latin_values(sms_kit: ak.ReplyKit) -> None:
    reply = _greeting(sms_kit, "فاطمة", locale="ar-SA")
    # The order number and the Latin brand stay in one piece inside the Arabic
    # sentence; the Arabic name needs no isolate; nothing else invisible is left.
    assert reply.text == f"مرحبًا فاطمة، طلبك {LRI}A-1042{PDI} يُشحن اليوم. - {LRI}Acme{PDI}"
    assert reply.sms_encoding == "UCS-2"


def test_arabic_sms_isolates_cost_units(sms_kit: ak.ReplyKit) -> None:
    # Only the Latin run is isolated: 68 characters + LRI + PDI = 70 units.
    reply = _probe(sms_kit, "ب" * 65 + " AB", locale="ar-SA")
    assert reply.text == f"{'ب' * 65} {LRI}AB{PDI}"
    assert reply.sms_segments == 1
    assert _probe(sms_kit, "ب" * 65 + " ABC", locale="ar-SA").sms_segments == 2  # 71 units


def test_arabic_sms_spends_no_isolate_on_arabic_values(sms_kit: ak.ReplyKit) -> None:
    # A date, an amount or an extension in Arabic reads right without one: 70 units, one part.
    body = "ب" * 55 + " في 3 مارس 2025"
    reply = _probe(sms_kit, body, locale="ar-SA")
    assert reply.text == body
    assert reply.sms_segments == 1


def test_sms_has_no_subject(sms_kit: ak.ReplyKit) -> None:
    assert _greeting(sms_kit, "Sara").subject is None


def test_kind_without_sms_lists_its_channels(kit: ak.ReplyKit) -> None:
    with pytest.raises(ak.ChannelError, match=r"'sms'.*email, chat"):
        kit.render(ak.DelayedResponse.examples()[0], channel="sms")


def _builtin_sms_cases() -> list[tuple[str, str]]:
    return [
        (kind, locale)
        for kind in ak.scenario_kinds()
        if ak.scenario_class(kind).__module__.startswith("apologykit")
        and "sms" in ak.scenario_class(kind).channels
        for locale in ("en-GB", "ar-SA")
    ]


@pytest.mark.parametrize(("kind", "locale"), _builtin_sms_cases())
def test_builtin_sms_fit_two_segments(kit: ak.ReplyKit, kind: str, locale: str) -> None:
    reply = kit.render(ak.scenario_class(kind).examples()[0], locale, "sms")
    assert reply.subject is None
    assert reply.sms_segments <= 2
    if locale == "en-GB":
        assert reply.sms_encoding == "GSM-7", reply.text
    else:
        assert not set(INVISIBLE.replace(LRI, "").replace(PDI, "")) & set(reply.text)


def test_an_sms_record_says_what_it_costs(kit: ak.ReplyKit) -> None:
    late = ak.scenario_class("delayed_delivery").examples()[0]
    sms = kit.render(late, locale="ar-SA", channel="sms")
    record = sms.to_dict()
    assert record["sms_segments"] == sms.sms_segments >= 1
    assert "sms_segments" not in kit.render(late, locale="ar-SA", channel="email").to_dict()
