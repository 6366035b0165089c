"""The eight situations beyond the seed examples, read the way a customer would read them.

Counts must read right in Arabic for 2, 3, 11 and 100 (dual, few, many,
other); a call time must be the customer's local time; an SMS must fit in two
segments; and nothing a customer sees may be a raw value, a blank or a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

import apologykit as ak

SITUATIONS = (
    "delayed_delivery",
    "inaccurate_information",
    "repeated_transfers",
    "callback_scheduled",
    "feedback_received",
    "compensation_options",
    "follow_up",
    "resolution_thanks",
)
WITH_SMS = ("delayed_delivery", "callback_scheduled", "follow_up", "resolution_thanks")
LOCALES = ("en-GB", "en-US", "ar-SA")
GENDERS: tuple[str | None, ...] = ("female", "male", None)

# The GSM 03.38 basic alphabet, as far as an English message can use it; the
# extension characters ({, }, [, ], ~, |, ^, \, €) cost two septets and are not
# expected in built-in text.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


def _plain(text: str) -> str:
    """The text as it reads on screen: isolates dropped, narrow spaces as spaces."""
    return re.sub("[\u2066-\u2069]", "", text).replace("\u202f", " ")


def _with_gender(scenario: ak.Scenario, gender: str | None) -> ak.Scenario:
    data: dict[str, Any] = scenario.model_dump(mode="json")
    data["customer"]["gender"] = gender
    return ak.parse_scenario(data)


def _transfers(count: int, gender: str | None = "female") -> dict[str, Any]:
    return {
        "kind": "repeated_transfers",
        "customer": {"name": "Sara", "gender": gender},
        "transfer_count": count,
        "teams": ["billing", "technical"],
        "owner": {"name": "Lina"},
    }


def _options(count: int, gender: str | None = "female") -> ak.CompensationOptions:
    """A scenario with ``count`` options; past the model's 2..5 limit only for plural checks."""
    return ak.CompensationOptions.model_construct(
        customer=ak.Customer(name="Sara", gender=gender),
        reason="وصول الطلب تالفًا",
        options=[ak.Replacement() for _ in range(count)],
    )


# -- registration -------------------------------------------------------------


def test_every_situation_is_registered_and_exported() -> None:
    for kind in SITUATIONS:
        cls = ak.scenario_class(kind)
        assert getattr(ak, cls.__name__) is cls
        assert cls.summary(), f"{kind} needs a docstring saying when to use it"
        assert cls.examples(), f"{kind} needs at least one example"


def test_sms_kinds_declare_the_sms_channel() -> None:
    for kind in SITUATIONS:
        channels = ak.scenario_class(kind).channels
        assert ("sms" in channels) == (kind in WITH_SMS), kind


def test_a_kind_without_sms_says_which_channels_it_has(kit: ak.ReplyKit) -> None:
    example = ak.InaccurateInformation.examples()[0]
    with pytest.raises(ak.ChannelError, match="it has: email, chat"):
        kit.render(example, locale="en", channel="sms")


# -- every example, every language, every channel ------------------------------


@pytest.mark.parametrize("kind", SITUATIONS)
def test_every_example_renders_in_both_languages_and_every_channel(
    kit: ak.ReplyKit, kind: str
) -> None:
    cls = ak.scenario_class(kind)
    for example in cls.examples():
        for channel in cls.channels:
            for locale in LOCALES:
                reply = kit.render(example, locale=locale, channel=channel)
                assert reply.language == locale[:2]
                assert reply.text.strip()
                for leftover in ("None", "{{", "}}", "[", "]"):
                    assert leftover not in reply.text, (kind, channel, locale, leftover)
                if channel == "email":
                    assert reply.subject
                    assert "Acme Care" in reply.text  # the sign-off
                else:
                    assert reply.subject is None
                    assert "Kind regards" not in reply.text
                    assert "مع خالص التحية" not in reply.text


@pytest.mark.parametrize("kind", SITUATIONS)
def test_arabic_reads_differently_for_each_gender_on_every_channel(
    kit: ak.ReplyKit, kind: str
) -> None:
    cls = ak.scenario_class(kind)
    example = cls.examples()[0]
    for channel in cls.channels:
        texts = {
            kit.render(_with_gender(example, gender), locale="ar-SA", channel=channel).text
            for gender in GENDERS
        }
        assert len(texts) == 3, f"{kind} on {channel}: female, male, unknown must differ"


# -- repeated transfers: how many times, in Arabic and English -----------------


@pytest.mark.parametrize(
    ("count", "arabic", "english"),
    [
        (2, "فحُوِّلتِ مرتين بين", "transferred twice between"),
        (3, "فحُوِّلتِ 3 مرات بين", "transferred 3 times between"),
        (11, "فحُوِّلتِ 11 مرة بين", "transferred 11 times between"),
        (100, "فحُوِّلتِ 100 مرة بين", "transferred 100 times between"),
    ],
)
def test_transfer_count_reads_right(
    kit: ak.ReplyKit, count: int, arabic: str, english: str
) -> None:
    ar = _plain(kit.render(_transfers(count), locale="ar-SA").text)
    en = _plain(kit.render(_transfers(count), locale="en-GB").text)
    assert arabic in ar
    assert "بين فريق الفوترة والحسابات وفريق الدعم الفني" in ar
    assert english in en
    assert "between our billing team and technical support team" in en


def test_transfer_count_in_arabic_indic_digits() -> None:
    kit = ak.ReplyKit(digits="arab")
    text = _plain(kit.render(_transfers(11, gender=None), locale="ar-SA", channel="chat").text)
    assert "أرى أنكم حُوِّلتم ١١ مرة بين" in text


def test_transfers_name_the_new_owner_or_speak_as_the_owner(kit: ak.ReplyKit) -> None:
    other = _plain(kit.render(_transfers(2), locale="ar-SA").text)
    assert "أسندنا متابعة طلبكِ إلى Lina" in other
    data = {**_transfers(2), "agent": {"name": "Lina"}, "direct_contact": "+966 11 555 0142"}
    own = _plain(kit.render(data, locale="en-GB").text)
    assert "I will handle your request personally" in own
    assert "You can reach me directly at +966 11 555 0142." in own


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"transfer_count": 1}, "transfer_count"),
        ({"teams": ["billing"]}, "teams"),
        ({"teams": ["billing", "technical", "legal", "quality"]}, "transfer_count"),
    ],
)
def test_impossible_transfers_are_rejected(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ak.ScenarioError, match=field):
        ak.parse_scenario({**_transfers(2), **change})


# -- compensation options: how many, in Arabic and English ---------------------


@pytest.mark.parametrize(
    ("count", "arabic", "english"),
    [
        (2, "نعرض عليكِ خيارين لتختاري أنسبهما لكِ:", "Please choose one of these two options:"),
        (3, "نعرض عليكِ 3 خيارات لتختاري أنسبها لكِ:", "Please choose one of these 3 options:"),
        (11, "نعرض عليكِ 11 خيارًا لتختاري أنسبها لكِ:", "Please choose one of these 11 options:"),
        (100, "نعرض عليكِ 100 خيار لتختاري أنسبها لكِ:", "Please choose one of these 100 options:"),
    ],
)
def test_options_count_reads_right(kit: ak.ReplyKit, count: int, arabic: str, english: str) -> None:
    ar = _plain(kit.render(_options(count), locale="ar-SA").text)
    en = _plain(kit.render(_options(count), locale="en-GB").text)
    assert arabic in ar
    assert english in en
    assert f"\n{count}. منتج بديل دون أي تكلفة\n" in ar
    assert f"\n{count}. a replacement at no cost\n" in en


def test_options_count_agrees_with_an_unknown_customer(kit: ak.ReplyKit) -> None:
    text = _plain(kit.render(_options(2, gender=None), locale="ar-SA", channel="chat").text)
    assert "نعرض عليكم خيارين لتختاروا أنسبهما لكم:" in text


@pytest.mark.parametrize("count", [0, 1, 6])
def test_options_outside_two_to_five_are_rejected(count: int) -> None:
    data = {
        "kind": "compensation_options",
        "reason": "the damaged parcel",
        "options": [{"type": "free_shipping"}] * count,
    }
    with pytest.raises(ak.ScenarioError) as caught:
        ak.parse_scenario(data)
    assert caught.value.fields == ("options",)
    assert "options" in str(caught.value)


# -- callback time: the customer's clock ----------------------------------------


def _callback(at: str, timezone: str | None = "Asia/Riyadh") -> dict[str, Any]:
    return {
        "kind": "callback_scheduled",
        "customer": {"name": "Hassan", "gender": "male", "timezone": timezone},
        "callback_at": at,
    }


def test_callback_is_shown_in_the_customer_time_zone(kit: ak.ReplyKit) -> None:
    scenario = _callback("2025-03-16T11:30:00Z")
    en = _plain(kit.render(scenario, locale="en").text)
    assert "we will call you on Sunday, March 16, 2025 at 2:30 PM (your local time)" in en
    assert "11:30" not in en
    ar = _plain(kit.render(scenario, locale="ar-SA").text)
    assert "يوم الأحد، 16 مارس 2025 الساعة 2:30 م بتوقيتك المحلي" in ar
    gb = _plain(kit.render(scenario, locale="en-GB", channel="sms").text)
    assert gb.startswith("We will call you on Sunday, 16 March 2025 at 14:30 (your local time)")


def test_callback_date_follows_the_customer_past_midnight(kit: ak.ReplyKit) -> None:
    reply = kit.render(_callback("2025-03-16T22:30:00+00:00"), locale="ar-SA", channel="chat")
    assert "يوم الاثنين، 17 مارس 2025 الساعة 1:30 ص" in _plain(reply.text)


def test_callback_without_a_customer_zone_uses_and_names_the_brand_zone() -> None:
    kit = ak.ReplyKit(brand={"name": "Acme"}, timezone="Africa/Cairo")
    reply = kit.render(_callback("2025-03-16T11:30:00Z", timezone=None), locale="en-GB")
    assert "on Sunday, 16 March 2025 at 13:30 (Cairo time)" in _plain(reply.text)
    assert "Africa/Cairo" not in reply.text
    assert "your local time" not in reply.text


def test_a_callback_time_without_a_zone_is_rejected_naming_the_field() -> None:
    with pytest.raises(ak.ScenarioError) as caught:
        ak.parse_scenario(_callback("2025-03-16T11:30:00"))
    assert caught.value.fields == ("callback_at",)
    message = str(caught.value)
    assert "callback_at" in message
    assert "time zone" in message
    assert "2025-03-16T11:30:00Z" in message  # the fix, spelled out


def test_a_naive_datetime_object_is_rejected_too() -> None:
    with pytest.raises(ValueError, match="callback_at"):
        ak.CallbackScheduled(callback_at=dt.datetime(2025, 3, 16, 11, 30))


# -- SMS: one short message, two segments at most -------------------------------


def _sms_cases() -> list[tuple[str, int, str]]:
    return [
        (kind, index, locale)
        for kind in WITH_SMS
        for index, _ in enumerate(ak.scenario_class(kind).examples())
        for locale in LOCALES
    ]


@pytest.mark.parametrize(("kind", "index", "locale"), _sms_cases())
def test_built_in_sms_fit_in_two_segments(
    kit: ak.ReplyKit, kind: str, index: int, locale: str
) -> None:
    example = ak.scenario_class(kind).examples()[index]
    for brand_kit in (kit, ak.default_kit()):
        name = brand_kit.brand.name
        brand = name if isinstance(name, str) else name[locale[:2]]
        for gender in GENDERS:
            reply = brand_kit.render(_with_gender(example, gender), locale=locale, channel="sms")
            text = reply.text.rstrip("\n")
            assert "\n" not in text, "an SMS is one message"
            assert not text.startswith(("Dear", "Hi", "Hello", "عزيز", "أهلًا", "مرحبًا"))
            assert _plain(text).endswith(f" - {brand}")
            if locale.startswith("en"):
                assert set(text) <= GSM7_BASIC, set(text) - GSM7_BASIC
                assert len(text) <= 306, text
            else:
                assert len(text.encode("utf-16-le")) // 2 <= 134, text


def test_sms_reads_like_a_message(kit: ak.ReplyKit) -> None:
    example = ak.DelayedDelivery.examples()[0]
    en = kit.render(example, locale="en-GB", channel="sms").text
    assert en.startswith(
        "Sorry, your order A-884213 is late, and that is on us. It was due on 12 March 2025; "
        "we now expect it by 16 March 2025."
    )
    ar = _plain(kit.render(example, locale="ar-SA", channel="sms").text)
    assert ar.startswith("نعتذر عن تأخر طلبكِ A-884213 عن موعده في 12 مارس 2025، وهذا تقصير منّا.")
    assert "نتوقع وصوله بحلول 16 مارس 2025." in ar


# -- values a customer copies: never reformatted --------------------------------


def test_urls_and_ids_keep_their_digits_when_arabic_digits_are_on() -> None:
    kit = ak.ReplyKit(digits="arab")
    thanks = kit.render(ak.ResolutionThanks.examples()[0], locale="ar-SA", channel="sms")
    assert "https://acme.example/s/80552" in thanks.text
    late = _plain(kit.render(ak.DelayedDelivery.examples()[0], locale="ar-SA").text)
    assert "طلبكِ رقم A-884213 بحلول ١٢ مارس ٢٠٢٥" in late


def test_survey_url_is_printed_exactly(kit: ak.ReplyKit) -> None:
    data = {
        "kind": "resolution_thanks",
        "resolution": "your refund has arrived",
        "survey_url": "https://acme.example/survey?t=CS-1&lang=en",
    }
    text = kit.render(data, locale="en-GB").text
    assert "takes less than a minute: https://acme.example/survey?t=CS-1&lang=en\n" in text
    without = kit.render({**data, "survey_url": None}, locale="en-GB").text
    assert "survey" not in without


# -- wording that depends on the situation --------------------------------------


def test_feedback_pronouns_follow_the_kind_of_feedback(kit: ak.ReplyKit) -> None:
    base = {
        "kind": "feedback_received",
        "customer": {"gender": "female"},
        "routed_to": "quality",
        "reference": "FB-1",
    }
    suggestion = _plain(kit.render({**base, "feedback_type": "suggestion"}, locale="ar").text)
    assert "وقد أحلناه إلى فريق ضمان الجودة" in suggestion
    assert "على ذكره إن تواصلتِ معنا بشأنه." in suggestion
    complaint = _plain(kit.render({**base, "feedback_type": "complaint"}, locale="ar").text)
    assert "وقد أحلناها إلى فريق ضمان الجودة" in complaint
    assert "ونأسف لأن تجربتكِ معنا" in complaint
    assert "على ذكره إن تواصلتِ معنا بشأنها." in complaint
    en = kit.render({**base, "feedback_type": "suggestion"}, locale="en-GB")
    assert en.subject == "Thank you for your suggestion"
    assert "sorry" not in en.text.lower()  # nothing to apologise for in an idea


def test_delayed_delivery_without_a_new_date_promises_to_tell(kit: ak.ReplyKit) -> None:
    example = ak.DelayedDelivery.examples()[1]
    en = kit.render(example, locale="en-GB").text
    assert en.count("we will let you know the new delivery date") == 1
    with pytest.raises(ak.ScenarioError, match="new_date"):
        ak.parse_scenario(
            {
                "kind": "delayed_delivery",
                "order_id": "A-1",
                "promised_date": "2025-03-12",
                "new_date": "2025-03-10",
            }
        )


def test_follow_up_lists_every_action(kit: ak.ReplyKit) -> None:
    example = ak.FollowUp.examples()[0]
    ar = _plain(kit.render(example, locale="ar-SA").text)
    assert "وإليك ما قمنا به:\n- استبدال جهاز الراوتر\n- إعادة ضبط الخط في المقسم\n" in ar
    assert "ولم يتبقَّ سوى استرداد رسوم التركيب، وسنبلغك فور الانتهاء من ذلك." in ar
