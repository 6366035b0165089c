"""The greeting register (Brand.greeting) and names given per language.

A Saudi company writes formally by default; whichever register it picks, every
customer gets the same form of it, whatever their gender and whether or not we
know their name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import apologykit as ak

SALAAM = "السلام عليكم ورحمة الله وبركاته"


def _kit(greeting: str | None = None) -> ak.ReplyKit:
    brand: dict[str, Any] = {"name": "Acme"}
    if greeting is not None:
        brand["greeting"] = greeting
    return ak.ReplyKit(brand=brand)


def _scenario(name: Any = None, gender: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"kind": "delayed_response", "customer": {"name": name, "gender": gender}, **extra}


def _opening(kit: ak.ReplyKit, locale: str, channel: str = "email", **who: Any) -> str:
    """The greeting: the text before the first blank line."""
    return kit.render(_scenario(**who), locale=locale, channel=channel).text.split("\n\n")[0]


def test_a_brand_greets_formally_unless_it_asks_for_warm() -> None:
    assert ak.Brand(name="Acme").greeting == "formal"
    assert _opening(_kit(), "ar-SA", name="نورة", gender="female") == f"{SALAAM}\nالأستاذة نورة،"
    assert _opening(_kit(), "en-GB", name="Noura", gender="female") == "Dear Noura,"


@pytest.mark.parametrize(
    ("greeting", "gender", "expected"),
    [
        ("formal", "female", f"{SALAAM}\nالأستاذة منى،"),
        ("formal", "male", f"{SALAAM}\nالأستاذ منى،"),
        ("formal", None, f"{SALAAM}\nأ. منى،"),
        ("warm", "female", "مرحبًا منى،"),
        ("warm", "male", "مرحبًا منى،"),
        ("warm", None, "مرحبًا منى،"),
    ],
)
def test_every_gender_gets_the_same_form_of_the_register(
    greeting: str, gender: str | None, expected: str
) -> None:
    # Never «عزيزتي» for a known gender and «مرحبًا منى» for an unknown one.
    assert _opening(_kit(greeting), "ar-SA", name="منى", gender=gender) == expected


@pytest.mark.parametrize("greeting", ["formal", "warm"])
@pytest.mark.parametrize(
    ("gender", "dear"),
    [("female", "عميلتنا العزيزة،"), ("male", "عميلنا العزيز،"), (None, "عميلنا العزيز،")],
)
def test_without_a_name_a_letter_greets_the_customer_not_a_visitor(
    greeting: str, gender: str | None, dear: str
) -> None:
    opening = _opening(_kit(greeting), "ar-SA", gender=gender)
    assert opening.endswith(dear)
    assert "مرحبًا بكم" not in opening  # a website's welcome, not a letter's greeting


@pytest.mark.parametrize(
    ("greeting", "channel", "named", "unnamed"),
    [
        ("formal", "email", "Dear Noura,", "Dear customer,"),
        ("formal", "chat", "Hello Noura,", "Hello,"),
        ("warm", "email", "Hi Noura,", "Hello,"),
        ("warm", "chat", "Hi Noura,", "Hi there,"),
    ],
)
def test_english_has_the_matching_register(
    greeting: str, channel: str, named: str, unnamed: str
) -> None:
    kit = _kit(greeting)
    assert _opening(kit, "en-GB", channel, name="Noura", gender="female") == named
    assert _opening(kit, "en-GB", channel) == unnamed


def test_chat_uses_the_short_form_of_the_register() -> None:
    formal = _opening(_kit("formal"), "ar-SA", "chat", name="نورة", gender="female")
    warm = _opening(_kit("warm"), "ar-SA", "chat", name="نورة", gender="female")
    assert formal == "السلام عليكم أستاذة نورة،"
    assert warm == "أهلًا نورة،"


def test_the_register_comes_from_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "apologykit.toml"
    path.write_text('[brand]\nname = "Acme"\ngreeting = "warm"\n', encoding="utf-8")
    kit = ak.ReplyKit.from_config(path)
    assert kit.brand.greeting == "warm"
    assert _opening(kit, "ar-SA", name="نورة", gender="female") == "مرحبًا نورة،"
    path.write_text('[brand]\nname = "Acme"\ngreeting = "friendly"\n', encoding="utf-8")
    with pytest.raises(ak.ConfigError, match=r"brand\.greeting: .*'warm' or 'formal'"):
        ak.ReplyKit.from_config(path)


def test_an_unknown_register_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match="greeting"):
        ak.Brand(name="Acme", greeting="casual")  # type: ignore[arg-type]


# -- names per language --------------------------------------------------------


def test_an_arabic_reply_greets_and_signs_with_the_arabic_names() -> None:
    data = _scenario(
        {"en": "Noura", "ar": "نورة"}, "female", agent={"name": {"en": "Maha", "ar": "مها"}}
    )
    arabic = _kit().render(data, locale="ar-SA").text
    english = _kit().render(data, locale="en-GB").text
    assert "الأستاذة نورة،" in arabic and "\nمها\n" in arabic
    assert "Maha" not in arabic and "Noura" not in arabic
    assert english.startswith("Dear Noura,") and "\nMaha\n" in english


def test_one_name_string_serves_every_language() -> None:
    data = _scenario("Noura", "female", agent={"name": "Maha"})
    assert "Noura" in _kit().render(data, locale="ar-SA").text
    assert "Maha" in _kit().render(data, locale="en-GB").text


def test_a_name_missing_for_the_language_names_the_field() -> None:
    data = _scenario({"en": "Noura"}, "female")
    with pytest.raises(ak.ApologyKitError, match=r"customer\.name"):
        _kit().render(data, locale="ar-SA")


@pytest.mark.parametrize(
    "name",
    [{"en": "Noura", "ar": "ن" * 201}, {"english": "Noura"}, {"en": ""}, {}],
)
def test_a_name_per_language_is_short_and_keyed_by_language(name: dict[str, str]) -> None:
    with pytest.raises(ak.ScenarioError) as caught:
        ak.parse_scenario(_scenario(name))
    assert caught.value.fields[0].startswith("customer.name")


def test_a_name_per_language_stays_on_one_line() -> None:
    scenario = ak.parse_scenario(_scenario({"en": "Noura\nAl-Saud", "ar": "نورة"}))
    assert "Dear Noura Al-Saud," in _kit().render(scenario, locale="en-GB").text


@pytest.mark.parametrize(
    ("name", "field"), [(" ", "customer.name"), ({"en": "Noura", "ar": " "}, "customer.name.ar")]
)
def test_a_bad_name_names_its_field_not_pydantics_union_member(name: Any, field: str) -> None:
    with pytest.raises(ak.ScenarioError) as caught:
        ak.parse_scenario(_scenario(name))
    assert caught.value.fields == (field,) or list(caught.value.fields) == [field]
    assert str(caught.value).count(f"{field}: ") == 1
