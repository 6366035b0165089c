"""A kit's settings are fixed when it is built; channel and direction are closed types."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

import apologykit as ak
from apologykit.model.channels import CHANNELS, Channel, Direction


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("brand", ak.Brand(name="Other")),
        ("digits", "arab"),
        ("calendar", "hijri"),
        ("amounts", "symbols"),
        ("default_locale", "ar"),
        ("template_dirs", ()),
        ("search_dirs", ()),
        ("languages", ("en",)),
        ("plugins", ()),
    ],
)
def test_setting_a_kit_setting_says_to_build_a_new_kit(name: str, value: object) -> None:
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme"))
    before = kit.render(ak.RudeAgent.examples()[0], "ar").text
    with pytest.raises(AttributeError, match=rf"ReplyKit\.{name} is read-only.*new kit"):
        setattr(kit, name, value)
    with pytest.raises(AttributeError, match="read-only"):
        delattr(kit, name)
    # Nothing changed: the same settings give the same reply.
    assert kit.render(ak.RudeAgent.examples()[0], "ar").text == before
    assert kit.brand == ak.Brand(name="Acme") and kit.digits == "latn"


def test_a_changed_brand_needs_a_new_kit_and_a_new_kit_uses_it() -> None:
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme", support_team="Acme Care"))
    scenario = ak.RudeAgent.examples()[0]
    assert "Acme Care" in kit.render(scenario, "en").text
    with pytest.raises(AttributeError):
        kit.brand = ak.Brand(name="Zenith", support_team="Zenith Care")  # type: ignore[misc]
    other = ak.ReplyKit(brand=ak.Brand(name="Zenith", support_team="Zenith Care"))
    assert "Zenith Care" in other.render(scenario, "en").text


def test_directory_settings_are_tuples_so_they_cannot_be_changed_in_place(
    tmp_path: Path,
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "rude_agent.j2").write_text(
        '{% extends "apologykit:en/rude_agent.j2" %}', encoding="utf-8"
    )
    kit = ak.ReplyKit(template_dirs=[tmp_path], plugins=False)
    assert kit.template_dirs == (tmp_path,)
    assert isinstance(kit.search_dirs, tuple) and isinstance(kit.languages, tuple)


def test_channel_and_direction_are_literal_types() -> None:
    assert typing.get_args(Channel) == ("email", "chat", "sms") == CHANNELS
    assert typing.get_args(Direction) == ("ltr", "rtl")
    hints = typing.get_type_hints(ak.Reply)
    assert hints["channel"] == Channel and hints["direction"] == Direction
    render = typing.get_type_hints(ak.ReplyKit.render)
    assert render["channel"] == Channel
    assert typing.get_type_hints(ak.ReplyKit.render_bilingual)["channel"] == Channel
    assert typing.get_type_hints(ak.render)["channel"] == Channel
    for kind in ak.scenario_kinds():
        assert set(ak.scenario_class(kind).channels) <= set(CHANNELS)
