"""``ReplyKit.render_bilingual``: one message holding both languages, each in its direction."""

from __future__ import annotations

import re

import pytest

import apologykit as ak
from test_html import Element, paragraphs, parse

DIVIDER_LINE = re.compile(r"^-{10,}$", re.MULTILINE)


@pytest.fixture(scope="module")
def scenario() -> ak.Scenario:
    return ak.DelayedResponse.examples()[0]


def _blocks(html: str) -> list[Element]:
    root = parse(html)
    assert [c for c in root.children if isinstance(c, str) and c.strip()] == []
    return root.elements()


def test_text_holds_arabic_then_english_with_a_divider(
    kit: ak.ReplyKit, scenario: ak.Scenario
) -> None:
    reply = kit.render_bilingual(scenario)
    arabic = kit.render(scenario, "ar-SA")
    english = kit.render(scenario, "en-GB")
    assert len(DIVIDER_LINE.findall(reply.text)) == 1
    before, after = DIVIDER_LINE.split(reply.text)
    assert before.strip("\n") == arabic.text.strip("\n")
    assert after.strip("\n") == english.text.strip("\n")
    # The divider is a paragraph of its own: a blank line on each side.
    assert re.search(r"\n\n-{10,}\n\n", reply.text)
    assert reply.text.endswith("\n") and not reply.text.endswith("\n\n")


def test_html_has_one_block_per_language_each_with_its_direction(
    kit: ak.ReplyKit, scenario: ak.Scenario
) -> None:
    reply = kit.render_bilingual(scenario)
    blocks = _blocks(reply.html)
    assert [b.tag for b in blocks] == ["div", "hr", "div"]
    assert blocks[0].attrs == {"dir": "rtl", "lang": "ar"}
    assert blocks[2].attrs == {"dir": "ltr", "lang": "en"}
    # Each block is that language's own reply, paragraph for paragraph.
    for block, locale in ((blocks[0], "ar-SA"), (blocks[2], "en-GB")):
        single = kit.render(scenario, locale)
        (expected,) = _blocks(single.html)
        assert [p.text() for p in paragraphs(block)] == [p.text() for p in paragraphs(expected)]
    assert "\u2068" not in reply.html and "\u2069" not in reply.html


def test_subject_locale_and_direction_come_from_the_first_language(
    kit: ak.ReplyKit, scenario: ak.Scenario
) -> None:
    reply = kit.render_bilingual(scenario)
    assert reply.subject == kit.render(scenario, "ar-SA").subject
    assert reply.subject is not None and re.search("[\u0600-\u06ff]", reply.subject)
    assert (reply.language, reply.locale, reply.direction) == ("ar", "ar-SA", "rtl")
    assert reply.fallback is False


def test_english_first_when_asked(kit: ak.ReplyKit, scenario: ak.Scenario) -> None:
    reply = kit.render_bilingual(scenario, locales=("en-GB", "ar-SA"))
    assert reply.text.startswith("Dear Fatima,")
    assert reply.subject == kit.render(scenario, "en-GB").subject
    assert (reply.language, reply.direction) == ("en", "ltr")
    blocks = _blocks(reply.html)
    assert [b.attrs.get("dir") for b in blocks] == ["ltr", None, "rtl"]


def test_chat_has_no_subject(kit: ak.ReplyKit, scenario: ak.Scenario) -> None:
    reply = kit.render_bilingual(scenario, channel="chat")
    assert reply.subject is None
    assert reply.channel == "chat"
    assert len(DIVIDER_LINE.findall(reply.text)) == 1


def test_a_dict_scenario_and_to_dict(kit: ak.ReplyKit) -> None:
    reply = kit.render_bilingual({"kind": "rude_agent", "customer": {"name": "Sara"}})
    record = reply.to_dict()
    assert record["html"] == reply.html
    assert record["html"].count("<div ") == 2
    assert record["text"] == reply.text


def test_the_same_language_twice_is_refused(kit: ak.ReplyKit, scenario: ak.Scenario) -> None:
    with pytest.raises(ValueError, match="each language once"):
        kit.render_bilingual(scenario, locales=("ar-SA", "ar-EG"))


def test_one_locale_is_refused(kit: ak.ReplyKit, scenario: ak.Scenario) -> None:
    with pytest.raises(ValueError, match="two or more locales"):
        kit.render_bilingual(scenario, locales="ar-SA")
    with pytest.raises(ValueError, match="two or more locales"):
        kit.render_bilingual(scenario, locales=("ar-SA",))


def test_an_invalid_locale_names_it(kit: ak.ReplyKit, scenario: ak.Scenario) -> None:
    with pytest.raises(ak.LocaleError, match="'xx-!!'"):
        kit.render_bilingual(scenario, locales=("ar-SA", "xx-!!"))


def test_a_channel_the_kind_lacks_lists_its_channels(
    kit: ak.ReplyKit, scenario: ak.Scenario
) -> None:
    with pytest.raises(ak.ChannelError, match="email, chat"):
        kit.render_bilingual(scenario, channel="sms")
