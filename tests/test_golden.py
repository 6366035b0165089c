"""Golden outputs: every kind x language x channel, and the three Arabic genders.

The files under tests/golden/ are meant to be read by a reviewer. After a
deliberate wording change, regenerate them with ``make golden`` (or
``APOLOGYKIT_REGEN_GOLDEN=1 pytest tests/test_golden.py``) and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import apologykit as ak

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("APOLOGYKIT_REGEN_GOLDEN") == "1"
LANGUAGES = {"en": "en-GB", "ar": "ar-SA"}
GENDERS = ("female", "male", "unknown")
# Arabic-script names for the gender variants, so a reviewer reads a natural greeting.
NAMES = {"female": "نورة", "male": "فيصل", "unknown": None}


def _cases() -> list[tuple[str, str, str, str | None]]:
    cases: list[tuple[str, str, str, str | None]] = []
    for kind in ak.scenario_kinds():
        cls = ak.scenario_class(kind)
        if cls.__module__.startswith("tests") or not cls.__module__.startswith("apologykit"):
            continue
        for channel in cls.channels:
            for language in LANGUAGES:
                cases.append((kind, language, channel, None))
            for gender in GENDERS:
                cases.append((kind, "ar", channel, gender))
    return cases


def _scenario(kind: str, gender: str | None) -> ak.Scenario:
    example = ak.scenario_class(kind).examples()[0]
    if gender is None:
        return example
    data: dict[str, Any] = example.model_dump(mode="json")
    data["customer"]["gender"] = None if gender == "unknown" else gender
    data["customer"]["name"] = NAMES[gender]
    return ak.parse_scenario(data)


def _document(reply: ak.Reply) -> str:
    head = f"Subject: {reply.subject}\n\n" if reply.subject is not None else ""
    return head + reply.text


@pytest.mark.parametrize(("kind", "language", "channel", "gender"), _cases())
def test_golden(
    kit: ak.ReplyKit, kind: str, language: str, channel: str, gender: str | None
) -> None:
    reply = kit.render(_scenario(kind, gender), locale=LANGUAGES[language], channel=channel)
    suffix = f".{gender}" if gender else ""
    path = GOLDEN / kind / f"{language}.{channel}{suffix}.txt"
    document = _document(reply)
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run `make golden` and review it"
    assert document == path.read_text(encoding="utf-8")


def test_genders_give_three_different_arabic_texts(kit: ak.ReplyKit) -> None:
    for kind in ak.scenario_kinds():
        cls = ak.scenario_class(kind)
        if not cls.__module__.startswith("apologykit"):
            continue
        texts = {kit.render(_scenario(kind, g), locale="ar", channel="email").text for g in GENDERS}
        assert len(texts) == 3, f"{kind}: female, male and unknown must read differently"


def _rendered(kit: ak.ReplyKit) -> list[tuple[str, str]]:
    """Every golden case as (file name, subject and text): what a customer would read."""
    out = []
    for kind, language, channel, gender in _cases():
        reply = kit.render(_scenario(kind, gender), locale=LANGUAGES[language], channel=channel)
        suffix = f".{gender}" if gender else ""
        out.append((f"{kind}/{language}.{channel}{suffix}", _document(reply)))
    return out


# Promises nobody can keep: a reply promises effort ("we will do our best"), never an outcome.
ABSOLUTE_PROMISES = (
    "will not keep you waiting again",
    "not happen again",
    "never happen",
    "never again",
    "we guarantee",
    "لن ندع",
    "لن يتكرر",
    "لن يحدث",
    "نضمن",
    "أبدًا",
)


def test_no_reply_promises_what_nobody_can_keep(kit: ak.ReplyKit) -> None:
    found = [
        f"{name}: {phrase!r}"
        for name, document in _rendered(kit)
        for phrase in ABSOLUTE_PROMISES
        if phrase in document.lower()
    ]
    assert not found, "absolute promises:\n" + "\n".join(found)


# Wording a native reader flags as translated or wrong for the register (see ARABIC-STYLE.md),
# and the English sentences they were translated from.
TRANSLATION_TRACES = (
    "نمنحه ما يستحقه",
    "لا بد أن نقرّ",
    "إن لم تكن كذلك",
    "شيئًا ما زال",
    "سنعدّ",
    "محلولًا",
    "من المرة الأولى",
    "يسعدنا إلغاء",
    "معكِ حق",
    "معك حق",
    "معكم حق",
    "التحقق في",
    "نأمل أن تتفهّم",
    "مسؤوليتنا نحن",
    "we hope you understand our decision",
    "we have to admit",
    "marking your request as resolved",
    "neither our company nor any of our staff",
    "we will gladly",
)


def test_no_reply_reads_as_a_translation(kit: ak.ReplyKit) -> None:
    found = [
        f"{name}: {phrase!r}"
        for name, document in _rendered(kit)
        for phrase in TRANSLATION_TRACES
        if phrase in document.lower()
    ]
    assert not found, "translation traces:\n" + "\n".join(found)


# -- the formatting settings: one golden per setting, kind and channel -------------------


def _no_customer_zone(kind: str, at: str) -> ak.Scenario:
    data: dict[str, Any] = ak.scenario_class(kind).examples()[0].model_dump(mode="json")
    data["customer"]["timezone"] = None
    data["callback_at"] = at
    return ak.parse_scenario(data)


SETTINGS: dict[str, tuple[dict[str, Any], dict[str, ak.Scenario]]] = {
    "calendar-both": (
        {"calendar": "both"},
        {kind: _scenario(kind, None) for kind in ("callback_scheduled", "delayed_delivery")},
    ),
    "calendar-hijri": (
        {"calendar": "hijri"},
        {"delayed_delivery": _scenario("delayed_delivery", None)},
    ),
    "amounts-symbols": (
        {"amounts": "symbols"},
        {"compensation_options": _scenario("compensation_options", None)},
    ),
    "zone-brand": (
        {"timezone": "Asia/Dubai"},
        {"callback_scheduled": _no_customer_zone("callback_scheduled", "2025-03-16T08:00:00Z")},
    ),
    "zone-offset": (
        {},
        {
            "callback_scheduled": _no_customer_zone(
                "callback_scheduled", "2025-03-16T10:30:00+03:00"
            )
        },
    ),
}


def _setting_cases() -> list[tuple[str, str, str, str, str]]:
    cases: list[tuple[str, str, str, str, str]] = []
    for setting, (_, scenarios) in SETTINGS.items():
        for kind, scenario in scenarios.items():
            for channel in type(scenario).channels:
                for language in LANGUAGES:
                    cases.append((setting, kind, language, channel, "txt"))
            cases.extend((setting, kind, language, "email", "html") for language in LANGUAGES)
    return cases


@pytest.mark.parametrize(("setting", "kind", "language", "channel", "form"), _setting_cases())
def test_golden_settings(setting: str, kind: str, language: str, channel: str, form: str) -> None:
    options, scenarios = SETTINGS[setting]
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme", support_team="Acme Care"), **options)
    reply = kit.render(scenarios[kind], locale=LANGUAGES[language], channel=channel)
    path = GOLDEN / "settings" / setting / f"{kind}.{language}.{channel}.{form}"
    document = _document(reply) if form == "txt" else reply.html
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run `make golden` and review it"
    assert document == path.read_text(encoding="utf-8")
