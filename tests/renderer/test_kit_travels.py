"""A pickled kit is rebuilt in another process from its settings and renders the same bytes."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import apologykit as ak
from apologykit.model.scenario import unregister

#: Company kind in a scenarios file: the receiving process must import it to render it.
KIND_MODULE = '''\
from typing import Literal

from pydantic import ConfigDict

import apologykit as ak


class ParcelAstray(ak.Scenario):
    """A parcel went to the wrong depot."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"parcel_id": "P-7"}]})

    kind: Literal["parcel_astray"] = "parcel_astray"
    parcel_id: str
'''

TEMPLATES = {
    "en": '{% extends "en/_layout.j2" %}{% block subject %}Parcel {{ parcel_id }}{% endblock %}'
    "{% block apologise %}Parcel {{ parcel_id }} went astray.{% endblock %}",
    "ar": '{% extends "ar/_layout.j2" %}{% block subject %}الطرد {{ parcel_id }}{% endblock %}'
    "{% block apologise %}ضلّ الطرد {{ parcel_id }} طريقه.{% endblock %}",
}


def every_example(kit: ak.ReplyKit) -> list[str]:
    """Every registered kind's examples in both languages on every channel, as JSON text."""
    replies = []
    for kind in ak.scenario_kinds():
        cls = ak.scenario_class(kind)
        for example in cls.examples():
            for locale in ("en-GB", "ar-SA"):
                for channel in cls.channels:
                    reply = kit.render(example, locale=locale, channel=channel)
                    replies.append(json.dumps(reply.to_dict(), ensure_ascii=False))
    return replies


def rebuilt_replies(pickled: bytes) -> list[str]:
    """In a fresh process: unpickle the kit and render every example."""
    return every_example(pickle.loads(pickled))


def in_fresh_process(kit: ak.ReplyKit) -> list[str]:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(rebuilt_replies, (pickle.dumps(kit),))


@pytest.fixture
def company(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "kinds").mkdir()
    (tmp_path / "kinds" / "astray.py").write_text(KIND_MODULE, encoding="utf-8")
    for language, text in TEMPLATES.items():
        (tmp_path / "templates" / language).mkdir(parents=True)
        (tmp_path / "templates" / language / "parcel_astray.j2").write_text(text, encoding="utf-8")
    config = tmp_path / "apologykit.toml"
    config.write_text(
        'templates = ["templates"]\nscenarios = ["kinds/astray.py"]\n'
        '[brand]\nname = "Acme"\n'
        '[defaults]\nlocale = "ar-SA"\ndigits = "arab"\n',
        encoding="utf-8",
    )
    yield config
    unregister("parcel_astray")
    for name in [name for name in sys.modules if name.startswith("apologykit_scenarios_")]:
        del sys.modules[name]


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"digits": "arab", "calendar": "both", "amounts": "symbols", "default_locale": "ar-SA"},
        {"brand": {"name": {"en": "Acme", "ar": "أكمي"}, "greeting": "warm"}, "timezone": "UTC"},
        {"strict_language": True, "calendar": "hijri", "plugins": False},
    ],
    ids=["defaults", "arabic-digits-both-calendars", "brand", "strict-hijri"],
)
def test_a_kit_rebuilt_in_another_process_renders_the_same_bytes(
    settings: dict[str, object],
) -> None:
    kit = ak.ReplyKit(**settings)  # type: ignore[arg-type]
    here = every_example(kit)
    assert len(here) > 50
    assert in_fresh_process(kit) == here


def test_a_config_kit_brings_its_templates_and_company_kinds(company: Path) -> None:
    kit = ak.ReplyKit.from_config(company, calendar="both")
    here = every_example(kit)
    assert any("ضلّ الطرد" in reply and "P-7" in reply for reply in here)
    assert in_fresh_process(kit) == here


def test_unpickling_keeps_the_settings_and_builds_once_per_process() -> None:
    kit = ak.ReplyKit(digits="arab", default_locale="ar", amounts="symbols")
    copy = pickle.loads(pickle.dumps(kit))
    assert copy is not kit
    assert (copy.digits, copy.default_locale, copy.amounts) == ("arab", "ar", "symbols")
    assert copy.brand == kit.brand
    assert pickle.loads(pickle.dumps(kit)) is copy  # templates compile once per worker
    assert pickle.loads(pickle.dumps(copy)) is copy


COMPANY_RULES = {
    "banned": [
        {
            "code": "no-valued-customer",
            "message": "We address customers by name.",
            "patterns": ["valued customer", "عميلنا الكريم"],
        }
    ]
}
DRAFT = "Dear valued customer, I'm sorry; it was our mistake. We have refunded you."


def described(settings: object) -> dict[str, object]:
    """Every setting by name; review rules by what they find (a pattern compares by identity)."""
    values = {name: getattr(settings, name) for name in type(settings).__dataclass_fields__}
    rules = values["review_rules"]
    if rules is not None:
        values["review_rules"] = {
            language: [(rule.code, [m.pattern.pattern for m in rule.patterns]) for rule in found]
            for language, found in rules.findings.items()
        }
    return values


def settings_and_review(pickled: bytes) -> tuple[dict[str, object], list[str]]:
    """In a fresh process: the rebuilt kit's settings, and the codes of a draft's review."""
    kit = pickle.loads(pickled)
    return described(kit.settings), kit.review(DRAFT, "en").codes


def test_every_setting_survives_a_spawn_company_review_rules_included(company: Path) -> None:
    kit = ak.ReplyKit.from_config(company, calendar="both", amounts="symbols")
    kit = ak.ReplyKit(
        kit.brand,
        default_locale="ar-SA",
        digits="arab",
        template_dirs=kit.template_dirs,
        timezone="Asia/Riyadh",
        calendar="hijri",
        amounts="symbols",
        plugins=False,
        strict_language=True,
        review_rules=COMPANY_RULES,
    )
    assert "no-valued-customer" in kit.review(DRAFT, "en").codes
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        settings, codes = pool.apply(settings_and_review, (pickle.dumps(kit),))
    here = described(kit.settings)
    assert set(here) >= {"brand", "digits", "calendar", "amounts", "review_rules", "scenarios"}
    for name, value in here.items():
        assert settings[name] == value, name
    assert here["review_rules"], "the company's rules are among the settings"
    # A Dask worker reviewing a reply missed the company's banned phrases before.
    assert "no-valued-customer" in codes


def test_a_config_kit_keeps_its_file_and_scenarios_in_its_settings(company: Path) -> None:
    kit = ak.ReplyKit.from_config(company)
    copy = pickle.loads(pickle.dumps(kit))
    assert copy.settings == kit.settings
    assert kit.settings.config == company.resolve()
    assert kit.settings.scenarios == (str((company.parent / "kinds" / "astray.py").resolve()),)
    assert copy.settings.review_rules is None
