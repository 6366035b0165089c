"""``Reply.warnings``: free text that would reach the customer in the wrong language.

A single string with no Arabic letter, printed into an Arabic reply, is English
inside Arabic; the mirror holds for English replies. Ids, links, e-mail
addresses, phone numbers and names are not free text and never warn.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import apologykit as ak
from apologykit.cli import cli


def late(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = ak.DelayedDelivery.examples()[0].model_dump(mode="json")
    data.update(changes)
    return data


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


# -- what warns ------------------------------------------------------------------------


def test_english_reason_in_an_arabic_reply_warns(kit: ak.ReplyKit) -> None:
    reply = kit.render(late(reason="a backlog at our courier"), "ar-SA")
    (warning,) = reply.warnings
    assert isinstance(warning, ak.ReplyWarning)
    assert warning.code == "untranslated"
    assert warning.field == "reason"
    assert "reason" in warning.message
    assert "a backlog at our courier" in warning.message
    assert "Arabic" in warning.message
    assert '{"en": ' in warning.message and '"ar": ' in warning.message


def test_the_same_reason_in_an_english_reply_is_clean(kit: ak.ReplyKit) -> None:
    assert kit.render(late(reason="a backlog at our courier"), "en-GB").warnings == ()


def test_arabic_only_text_in_an_english_reply_warns(kit: ak.ReplyKit) -> None:
    reply = kit.render(late(reason="تكدّس الشحنات في مركز الفرز"), "en-GB")
    (warning,) = reply.warnings
    assert warning.field == "reason"
    assert "English" in warning.message


@pytest.mark.parametrize("kind", [k for k in ak.scenario_kinds() if not k.endswith("_test")])
@pytest.mark.parametrize("locale", ["ar-SA", "en-GB"])
def test_the_translated_examples_are_clean(kit: ak.ReplyKit, kind: str, locale: str) -> None:
    cls = ak.scenario_class(kind)
    if not cls.__module__.startswith("apologykit"):
        pytest.skip("a company kind")
    for example in cls.examples():
        for channel in cls.channels:
            assert kit.render(example, locale, channel).warnings == ()


def test_a_list_item_and_a_nested_offer_name_their_path(kit: ak.ReplyKit) -> None:
    fault: dict[str, Any] = ak.CustomerAtFault.examples()[0].model_dump(mode="json")
    fault["possible_causes"][1] = "the reset button being pressed"
    assert [w.field for w in kit.render(fault, "ar-SA").warnings] == ["possible_causes[1]"]

    choices: dict[str, Any] = (
        ak.scenario_class("compensation_options").examples()[0].model_dump(mode="json")
    )
    choices["options"][1] = {"type": "custom", "text": "a free month of service"}
    (warning,) = kit.render(choices, "ar-SA").warnings
    assert warning.field == "options[1].text"
    assert "options[1].text" in warning.message


# -- what does not warn --------------------------------------------------------------------


def test_names_ids_contacts_and_numbers_are_not_free_text(kit: ak.ReplyKit) -> None:
    transfers: dict[str, Any] = ak.RepeatedTransfers.examples()[0].model_dump(mode="json")
    transfers["direct_contact"] = "+966 11 555 0142 ext. 214, lina@acme.example"
    transfers["owner"] = {"name": "Lina Haddad"}
    transfers["ticket_id"] = "CS-41877"
    reply = kit.render(transfers, "ar-SA")
    assert "Lina Haddad" in reply.text and "lina@acme.example" in reply.text
    assert reply.warnings == ()
    numbers = kit.render(late(reason="3"), "ar-SA")
    assert numbers.warnings == ()


def test_mixed_scripts_are_the_writers_choice(kit: ak.ReplyKit) -> None:
    assert kit.render(late(reason="تأخر شحنة iPhone 15"), "ar-SA").warnings == ()


def test_a_value_the_template_does_not_print_does_not_warn(kit: ak.ReplyKit) -> None:
    # The Arabic SMS leaves the reason out: nothing English reaches the customer.
    reply = kit.render(late(reason="a backlog at our courier"), "ar-SA", "sms")
    assert "backlog" not in reply.text
    assert reply.warnings == ()


def test_text_given_per_language_is_the_writers_choice(kit: ak.ReplyKit) -> None:
    reason = {"en": "a backlog at our courier", "ar": "Aramex backlog"}
    assert kit.render(late(reason=reason), "ar-SA").warnings == ()


# -- strict: a warning becomes an error ---------------------------------------------------


def test_strict_language_turns_the_warning_into_an_error() -> None:
    strict = ak.ReplyKit(brand=ak.Brand(name="Acme"), strict_language=True)
    with pytest.raises(ak.LanguageError) as caught:
        strict.render(late(reason="a backlog at our courier"), "ar-SA")
    error = caught.value
    assert isinstance(error, ak.ApologyKitError)
    assert error.fields == ("reason",)
    assert "reason" in str(error) and '{"en": ' in str(error)
    assert error.warnings[0].field == "reason"
    # Clean replies render as before.
    assert strict.render(late(), "ar-SA").warnings == ()


def test_strict_language_is_read_from_the_config(tmp_path: Path) -> None:
    config = tmp_path / "apologykit.toml"
    config.write_text(
        '[brand]\nname = "Acme"\n\n[defaults]\nstrict_language = true\n', encoding="utf-8"
    )
    kit = ak.ReplyKit.from_config(config)
    assert kit.strict_language is True
    with pytest.raises(ak.LanguageError):
        kit.render(late(reason="a backlog at our courier"), "ar-SA")


def test_strict_language_in_the_config_must_be_a_boolean(tmp_path: Path) -> None:
    config = tmp_path / "apologykit.toml"
    config.write_text(
        '[brand]\nname = "Acme"\n\n[defaults]\nstrict_language = "yes"\n', encoding="utf-8"
    )
    with pytest.raises(ak.ConfigError, match=r"defaults\.strict_language"):
        ak.ReplyKit.from_config(config)


# -- where warnings travel -----------------------------------------------------------------


def test_to_dict_and_bilingual_replies_carry_the_warnings(kit: ak.ReplyKit) -> None:
    reply = kit.render(late(reason="a backlog at our courier"), "ar-SA")
    (record,) = reply.to_dict()["warnings"]
    assert record == {"code": "untranslated", "field": "reason", "message": record["message"]}
    assert kit.render(late(), "ar-SA").to_dict()["warnings"] == []

    both = kit.render_bilingual(late(reason="a backlog at our courier"))
    assert [w.field for w in both.warnings] == ["reason"]
    assert both.warnings == both.parts[0].warnings + both.parts[1].warnings


def test_render_json_carries_warnings_and_strict_fails() -> None:
    data = json.dumps(late(reason="a backlog at our courier"))
    args = ["render", "delayed_delivery", "--json", "-", "--locale", "ar-SA", "--format", "json"]
    result = run(*args, input=data)
    assert result.exit_code == 0, result.output
    (warning,) = json.loads(result.stdout)["warnings"]
    assert warning["field"] == "reason"

    strict = run(*args, "--strict-language", input=data)
    assert strict.exit_code == 1
    assert "reason" in strict.stderr and "Traceback" not in strict.output


def test_batch_records_carry_warnings_and_strict_gives_one_error_record(tmp_path: Path) -> None:
    source = tmp_path / "tickets.jsonl"
    lines = [late(), late(reason="a backlog at our courier"), late()]
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")

    result = run("batch", str(source), "--locale", "ar-SA")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["reply"]["warnings"] == [] and out[2]["reply"]["warnings"] == []
    assert [w["field"] for w in out[1]["reply"]["warnings"]] == ["reason"]

    strict = run("batch", str(source), "--locale", "ar-SA", "--strict-language")
    assert strict.exit_code == 1
    out = [json.loads(line) for line in strict.stdout.splitlines()]
    assert [r["ok"] for r in out] == [True, False, True]
    assert out[1]["error"]["type"] == "LanguageError"
    assert out[1]["error"]["fields"] == ["reason"]
