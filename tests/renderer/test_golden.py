"""Golden outputs: what a reviewer reads before a wording change ships.

- ``<kind>/<lang>.<channel>.txt``: every kind x language x channel, from the
  kind's first example; ``.female``/``.male``/``.unknown``: the Arabic genders.
  The examples give every name per language ({"en": "Noura", "ar": "نورة"}), so
  Arabic replies greet and sign in Arabic.
- ``<kind>/<lang>.<channel>.latin.txt``: the same with every name in Latin letters
  only, as a helpdesk that stores one spelling sends it.
- ``greeting/<register>/<lang>.<channel>.<who>.txt``: both greeting registers for
  every gender, with and without a name.

After a deliberate wording change, regenerate them with ``make golden`` (or
``APOLOGYKIT_REGEN_GOLDEN=1 pytest tests/renderer/test_golden.py``) and read the diff;
regenerating also deletes files no case produces any more.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import apologykit as ak
from apologykit.model.people import Greeting

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("APOLOGYKIT_REGEN_GOLDEN") == "1"
LANGUAGES = {"en": "en-GB", "ar": "ar-SA"}
GENDERS = ("female", "male", "unknown")
# Arabic-script names for the gender variants, so a reviewer reads a natural greeting.
NAMES = {"female": "نورة", "male": "فيصل", "unknown": "منى"}
# Who the greeting variants address: (gender, name) per file suffix.
GREETED = {
    "ar": {
        "female": ("female", "نورة"),
        "male": ("male", "خالد"),
        "unknown": (None, "منى"),
        "female.noname": ("female", None),
        "male.noname": ("male", None),
        "unknown.noname": (None, None),
    },
    "en": {"named": ("female", "Noura"), "noname": (None, None)},
}
GREETING_KIND = "delayed_delivery"


class Case(NamedTuple):
    """One golden file: which scenario, rendered how, by a kit with which greeting."""

    name: str
    data: dict[str, Any]
    locale: str
    channel: str
    greeting: Greeting = "formal"
    #: ReplyKit keyword arguments (calendar, amounts, timezone), as sorted pairs.
    options: tuple[tuple[str, str], ...] = ()
    #: "txt" is the subject and text, "html" the HTML body.
    form: str = "txt"

    @property
    def path(self) -> Path:
        return GOLDEN / f"{self.name}.{self.form}"


def _builtin_kinds() -> list[str]:
    return [
        kind
        for kind in ak.scenario_kinds()
        if ak.scenario_class(kind).__module__.startswith("apologykit")
    ]


def _example(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = ak.scenario_class(kind).examples()[0].model_dump(mode="json")
    return data


def _with_gender(kind: str, gender: str) -> dict[str, Any]:
    data = _example(kind)
    data["customer"]["gender"] = None if gender == "unknown" else gender
    data["customer"]["name"] = NAMES[gender]
    return data


def _with_latin_names(kind: str) -> dict[str, Any]:
    data = _example(kind)
    for person in ("customer", "agent", "owner"):
        name = (data.get(person) or {}).get("name")
        if isinstance(name, dict):
            data[person]["name"] = name["en"]
    return data


def _greeted(kind: str, gender: str | None, name: str | None) -> dict[str, Any]:
    data = _example(kind)
    data["customer"] = {"name": name, "gender": gender}
    return data


def _no_customer_zone(kind: str, at: str) -> dict[str, Any]:
    data = _example(kind)
    data["customer"]["timezone"] = None
    data["callback_at"] = at
    return data


# The formatting settings: one golden per setting, kind, language and channel, and the HTML email.
SETTINGS: dict[str, tuple[dict[str, str], dict[str, dict[str, Any]]]] = {
    "calendar-both": (
        {"calendar": "both"},
        {kind: _example(kind) for kind in ("callback_scheduled", "delayed_delivery")},
    ),
    "calendar-hijri": ({"calendar": "hijri"}, {"delayed_delivery": _example("delayed_delivery")}),
    "amounts-symbols": (
        {"amounts": "symbols"},
        {"compensation_options": _example("compensation_options")},
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


def _cases() -> list[Case]:
    cases: list[Case] = []
    for kind in _builtin_kinds():
        for channel in ak.scenario_class(kind).channels:
            for language, locale in LANGUAGES.items():
                cases.append(Case(f"{kind}/{language}.{channel}", _example(kind), locale, channel))
            for gender in GENDERS:
                name = f"{kind}/ar.{channel}.{gender}"
                cases.append(Case(name, _with_gender(kind, gender), "ar-SA", channel))
            for language, locale in LANGUAGES.items():
                name = f"{kind}/{language}.{channel}.latin"
                cases.append(Case(name, _with_latin_names(kind), locale, channel))
    registers: tuple[Greeting, ...] = ("formal", "warm")
    for register in registers:
        for channel in ak.scenario_class(GREETING_KIND).channels:
            for language, people in GREETED.items():
                for who, (greeted_gender, person) in people.items():
                    path = f"greeting/{register}/{language}.{channel}.{who}"
                    data = _greeted(GREETING_KIND, greeted_gender, person)
                    locale = LANGUAGES[language]
                    cases.append(Case(path, data, locale, channel, register))
                    if channel == "email":
                        cases.append(Case(path, data, locale, channel, register, form="html"))
    for setting, (options, scenarios) in SETTINGS.items():
        pairs = tuple(sorted(options.items()))
        for kind, data in scenarios.items():
            for channel in ak.scenario_class(kind).channels:
                for language, locale in LANGUAGES.items():
                    name = f"settings/{setting}/{kind}.{language}.{channel}"
                    cases.append(Case(name, data, locale, channel, options=pairs))
                    if channel == "email":
                        cases.append(Case(name, data, locale, channel, options=pairs, form="html"))
    return cases


CASES = _cases()


@functools.cache
def _kit(greeting: Greeting, options: tuple[tuple[str, str], ...] = ()) -> ak.ReplyKit:
    brand = ak.Brand(name="Acme", support_team="Acme Care", greeting=greeting)
    return ak.ReplyKit(brand=brand, **dict(options))  # type: ignore[arg-type]


def _document(reply: ak.Reply) -> str:
    head = f"Subject: {reply.subject}\n\n" if reply.subject is not None else ""
    return head + reply.text


def _render(case: Case) -> str:
    kit = _kit(case.greeting, case.options)
    reply = kit.render(case.data, locale=case.locale, channel=case.channel)
    return _document(reply) if case.form == "txt" else reply.html


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden(case: Case) -> None:
    document = _render(case)
    if REGENERATE:
        case.path.parent.mkdir(parents=True, exist_ok=True)
        case.path.write_text(document, encoding="utf-8")
    assert case.path.exists(), f"{case.path} is missing; run `make golden` and review it"
    assert document == case.path.read_text(encoding="utf-8")


def test_no_golden_file_is_left_from_an_old_case() -> None:
    expected = {case.path for case in CASES}
    stale = sorted(path for path in GOLDEN.rglob("*.*") if path not in expected)
    if REGENERATE:
        for path in stale:
            path.unlink()
        for directory in sorted(GOLDEN.rglob("*"), reverse=True):
            if directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()
        return
    assert not stale, f"no case writes {stale}; run `make golden` to delete them"


def test_genders_give_three_different_arabic_texts(kit: ak.ReplyKit) -> None:
    for kind in _builtin_kinds():
        texts = {
            kit.render(_with_gender(kind, g), locale="ar", channel="email").text for g in GENDERS
        }
        assert len(texts) == 3, f"{kind}: female, male and unknown must read differently"


def _rendered() -> list[tuple[str, str]]:
    """Every golden case as (file name, subject and text): what a customer would read."""
    return [(case.name, _render(case)) for case in CASES if case.form == "txt"]


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


def test_no_reply_promises_what_nobody_can_keep() -> None:
    found = [
        f"{name}: {phrase!r}"
        for name, document in _rendered()
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
    "مرحبًا بكم",
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


def test_no_reply_reads_as_a_translation() -> None:
    found = [
        f"{name}: {phrase!r}"
        for name, document in _rendered()
        for phrase in TRANSLATION_TRACES
        if phrase in document.lower()
    ]
    assert not found, "translation traces:\n" + "\n".join(found)


def test_no_arabic_sentence_starts_with_wa_right_after_a_question() -> None:
    # «هل زالت المشكلة؟ وإن كانت...» reads as one run-on sentence; a question ends its thought.
    found = [name for name, document in _rendered() if re.search("؟\\s+و", document)]
    assert not found, found
