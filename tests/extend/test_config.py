"""``ReplyKit.from_config``: the apologykit.toml shape, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

import apologykit as ak

FULL = """\
templates = ["company_templates"]

[brand]
name = "Acme"
support_team = "Acme Care"
signature = ["Acme Care", "+966 11 000 0000"]

[defaults]
locale = "ar-SA"
digits = "arab"
timezone = "Asia/Riyadh"
"""


def config(tmp_path: Path, text: str, name: str = "apologykit.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_shape_configures_every_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "company_templates" / "en"
    templates.mkdir(parents=True)
    (templates / "_layout.j2").write_text(
        '{% extends "apologykit:en/_layout.j2" %}{% block signoff %}FROM THE CONFIG DIR'
        "{% endblock %}",
        encoding="utf-8",
    )
    path = config(tmp_path, FULL)
    monkeypatch.chdir("/")  # template paths are relative to the file, not the cwd
    kit = ak.ReplyKit.from_config(str(path))
    assert kit.brand == ak.Brand(
        name="Acme",
        support_team="Acme Care",
        signature=["Acme Care", "+966 11 000 0000"],
        timezone="Asia/Riyadh",
    )
    assert (kit.default_locale, kit.digits) == ("ar-SA", "arab")
    assert kit.template_dirs == (tmp_path / "company_templates",)
    scenario = ak.DelayedResponse.examples()[0]
    assert "FROM THE CONFIG DIR" in kit.render(scenario, "en").text
    arabic = kit.render(scenario)  # the default locale, Arabic-Indic digits
    assert arabic.locale == "ar-SA"
    assert "١١" in arabic.text


def test_only_the_brand_name_is_required(tmp_path: Path) -> None:
    kit = ak.ReplyKit.from_config(config(tmp_path, '[brand]\nname = "Acme"\n'))
    assert kit.brand == ak.Brand(name="Acme")
    assert kit.brand.timezone is None  # no zone unless the file sets one
    assert (kit.default_locale, kit.digits, kit.template_dirs) == ("en", "latn", ())
    assert (kit.calendar, kit.amounts) == ("gregorian", "words")


def test_calendar_and_amounts_from_the_file_and_overridden_by_the_caller(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        '[brand]\nname = "Acme"\n[defaults]\nlocale = "ar-SA"\n'
        'calendar = "hijri"\namounts = "symbols"\n',
    )
    kit = ak.ReplyKit.from_config(path)
    assert (kit.calendar, kit.amounts) == ("hijri", "symbols")
    delivery = kit.render(ak.scenario_class("delayed_delivery").examples()[0])
    assert "12 رمضان 1446هـ" in delivery.text and "مارس" not in delivery.text
    refund = {"type": "refund", "amount": {"amount": "349", "currency": "SAR"}}
    late = kit.render({"kind": "delayed_response", "compensation": refund})
    assert "349\xa0ر.س." in late.text
    kit = ak.ReplyKit.from_config(path, calendar="gregorian", amounts="words")
    assert (kit.calendar, kit.amounts) == ("gregorian", "words")


def test_per_language_brand_texts(tmp_path: Path) -> None:
    text = (
        '[brand]\nname = { en = "Acme", ar = "أكمي" }\n'
        'support_team = { en = "Care", ar = "رعاية" }\n'
    )
    kit = ak.ReplyKit.from_config(config(tmp_path, text))
    reply = kit.render(ak.RudeAgent.examples()[0], locale="ar")
    assert "رعاية" in reply.text


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        (
            '[brand]\nname = "Acme"\nsignatur = ["x"]\n',
            "brand.signatur",
            "brand.signatur: unknown key; known keys: greeting, name, signature, support_team",
        ),
        (
            'template = ["x"]\n[brand]\nname = "Acme"\n',
            "template",
            "template: unknown key; known keys: brand, defaults, review_rules, scenarios, "
            "server, templates",
        ),
        (
            '[brand]\nname = "Acme"\n[defaults]\nlocal = "ar"\n',
            "defaults.local",
            "defaults.local: unknown key; known keys: amounts, calendar, digits, locale, "
            "strict_language, timezone",
        ),
        ('[brand]\nsupport_team = "Care"\n', "brand.name", "brand.name: required key is missing"),
        ("templates = []\n", "brand", "brand: required key is missing"),
        ("[brand]\nname = 42\n", "brand.name", "brand.name: "),
        ('[brand]\nname = "Acme"\nsignature = ["ok", 7]\n', "brand.signature[1]", "(got 7)"),
        ('[brand]\nname = "Acme"\nsignature = "one line"\n', "brand.signature", "list"),
        ('templates = "dir"\n[brand]\nname = "Acme"\n', "templates", "list"),
        ('[brand]\nname = "Acme"\n[defaults]\ndigits = "roman"\n', "defaults.digits", "'latn'"),
        (
            '[brand]\nname = "Acme"\n[defaults]\ncalendar = "lunar"\n',
            "defaults.calendar",
            "'hijri'",
        ),
        ('[brand]\nname = "Acme"\n[defaults]\namounts = "text"\n', "defaults.amounts", "'words'"),
        (
            '[brand]\nname = "Acme"\n[defaults]\ntimezone = "Mars/Olympus"\n',
            "defaults.timezone",
            "IANA",
        ),
        ('[brand]\nname = "Acme"\n[defaults]\nlocale = "xx-!!"\n', "defaults.locale", "xx-!!"),
        ('[brand]\nname = "Acme"\n[defaults]\nlocale = 3\n', "defaults.locale", "string"),
        ('brand = "Acme"\n', "brand", "brand: "),
    ],
)
def test_unknown_keys_and_wrong_types_name_the_key(
    tmp_path: Path, text: str, key: str, expected: str
) -> None:
    path = config(tmp_path, text)
    with pytest.raises(ak.ConfigError) as caught:
        ak.ReplyKit.from_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {key}: "), message
    assert expected in message
    assert caught.value.fields[0] == key


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = '[brand]\nnme = "Acme"\n[defaults]\ndigits = "roman"\n'
    with pytest.raises(ak.ConfigError) as caught:
        ak.ReplyKit.from_config(config(tmp_path, text))
    assert set(caught.value.fields) == {"brand.nme", "brand.name", "defaults.digits"}
    assert len(str(caught.value).splitlines()) == 3


def test_a_missing_template_directory_names_the_entry(tmp_path: Path) -> None:
    path = config(tmp_path, 'templates = ["here", "not_there"]\n[brand]\nname = "Acme"\n')
    (tmp_path / "here" / "en").mkdir(parents=True)
    (tmp_path / "here" / "en" / "_layout.j2").write_text('{% extends "apologykit:en/_layout.j2" %}')
    with pytest.raises(ak.ConfigError, match=r"templates\[1\]: directory .*not_there"):
        ak.ReplyKit.from_config(path)


def test_a_default_locale_without_templates_names_the_key(tmp_path: Path) -> None:
    path = config(tmp_path, '[brand]\nname = "Acme"\n[defaults]\nlocale = "fr-FR"\n')
    with pytest.raises(ak.ConfigError, match=r"defaults\.locale: .*'fr-FR'") as caught:
        ak.ReplyKit.from_config(path)
    assert caught.value.fields == ("defaults.locale",)


def test_a_missing_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ak.ConfigError, match=f"{path}: config file not found"):
        ak.ReplyKit.from_config(path)


def test_a_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = config(tmp_path, '[brand]\nname = "Acme"\nsupport_team "Care"\n')
    with pytest.raises(ak.ConfigError) as caught:
        ak.ReplyKit.from_config(path)
    assert str(caught.value).startswith(f"{path}:3: invalid TOML: ")


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "a = " + "{ b = " * 5000 + "1" + " }" * 5000 + "\n",
        "[" + "a." * 5000 + "b]\n",
        "[brand.name" + ".x" * 300 + "]\n",
        "[brand]\nname = " + "[" * 300 + "]" * 300 + "\n",
    ],
    ids=["arrays", "inline-tables", "dotted-table", "deep-brand-name", "deep-array-value"],
)
def test_a_deeply_nested_config_is_a_clear_error(tmp_path: Path, text: str) -> None:
    path = config(tmp_path, text)
    with pytest.raises(ak.ConfigError) as caught:
        ak.ReplyKit.from_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert "nested" in message and "levels" in message
    assert len(message) < 300


def test_a_huge_config_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = config(tmp_path, '[brand]\nname = "Acme"\n' + "# padding\n" * 200_000)
    with pytest.raises(ak.ConfigError, match="larger than"):
        ak.ReplyKit.from_config(path)
