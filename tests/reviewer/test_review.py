"""The apology reviewer: its contract, Arabic folding, spans, company rules, built-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

import apologykit as ak
from apologykit.errors import ConfigError, InputError
from apologykit.model.intent import expected_parts, is_apology
from apologykit.reviewer import COMPONENTS, WEIGHTS, builtin_rules

GOLDEN = Path(__file__).resolve().parents[1] / "renderer" / "golden"


def test_a_good_english_apology_has_its_parts_and_no_finding() -> None:
    text = (
        "I'm sorry we charged you twice; the mistake was ours. "
        "We have refunded the second payment, and we will make sure it does not happen again. "
        "Thank you for telling us."
    )
    review = ak.review(text)
    assert review.language == "en"
    assert review.ok
    assert [f.code for f in review.findings] == []
    present = {name for name, span in review.components.items() if span}
    assert {"regret", "responsibility", "repair", "repentance", "thanks"} <= present
    assert set(review.components) == set(COMPONENTS)


def test_a_conditional_apology_is_an_error_at_its_words() -> None:
    text = "Hello,\nWe apologise if you felt let down."
    review = ak.review(text)
    assert not review.ok
    finding = review.findings[0]
    assert finding.code == "conditional-apology"
    assert finding.severity == "error"
    assert finding.span is not None
    assert text[finding.span.start : finding.span.end] == finding.quote
    assert finding.quote.startswith("apologise if you")
    assert review.position(finding.span.start) == (2, 4)
    assert finding.suggestion


def test_arabic_is_detected_and_matched_with_or_without_diacritics() -> None:
    plain = "نعتذر إن كنت قد شعرت بالاستياء."
    marked = "نَعْتَذِرُ إنْ كُنْتَ قَدْ شَعَرْتَ بالاستياء."
    for text in (plain, marked):
        review = ak.review(text)
        assert review.language == "ar"
        assert "conditional-apology" in review.codes


@pytest.mark.parametrize(
    "text",
    [
        "لن يتكرر ذلك أبدا",  # ى written as ا-less variant, no hamza
        "لن يتكرّر ذلك أبدًا",
        "لن يتـــكرر ذلك أبدًا",  # tatweel
        "لَنْ يَتَكَرَّرَ ذَلِكَ أَبَدًا",
    ],
)
def test_arabic_spelling_variants_find_the_same_promise(text: str) -> None:
    assert "absolute-promise" in ak.review(text, "ar").codes


@pytest.mark.parametrize(
    "text",
    ["كان عليكِ قراءة الشروط.", "كان عليكَ قراءة الشروط.", "كان عليكم قراءة الشروط."],
)
def test_blame_is_found_in_every_gender(text: str) -> None:
    assert "blames-customer" in ak.review(text).codes


@pytest.mark.parametrize("word", ["مسؤولية", "مسئولية", "مسؤوليه"])
def test_hamza_and_ta_marbuta_variants_count_as_responsibility(word: str) -> None:
    review = ak.review(f"نعتذر إليكِ عن التأخير، ونتحمّل {word} ذلك كاملة.")
    assert review.components["responsibility"] is not None


def test_spans_point_at_the_original_characters_through_isolates_and_diacritics() -> None:
    text = "عزيزتي \u2066Sara\u2069،\nنَأْسَفُ لِشُعُورِكِ بالاستياء."
    review = ak.review(text)
    finding = next(f for f in review.findings if f.code == "sorry-you-feel")
    assert finding.span is not None
    assert finding.quote == text[finding.span.start : finding.span.end]
    assert finding.quote == "نَأْسَفُ لِشُعُورِكِ"
    assert review.position(finding.span.start) == (2, 1)
    regret = review.components["regret"]
    assert regret is not None and text[regret.start : regret.end] == "نَأْسَفُ"


def test_score_follows_the_documented_weights() -> None:
    review = ak.review("I'm sorry; the mistake was ours, and we have refunded you.")
    assert review.ok
    assert review.score == WEIGHTS["regret"] + WEIGHTS["responsibility"] + WEIGHTS["repair"]
    assert WEIGHTS["responsibility"] > WEIGHTS["repair"] > WEIGHTS["regret"]
    assert WEIGHTS["regret"] == WEIGHTS["explanation"] == WEIGHTS["repentance"]
    assert WEIGHTS["repentance"] > WEIGHTS["forgiveness"]
    assert sum(WEIGHTS.values()) == 100
    worse = ak.review("Sorry if you were upset, but our policy does not allow refunds.")
    assert worse.score < review.score


def test_a_text_with_no_apology_is_an_error_unless_it_is_not_meant_as_one() -> None:
    text = "Your parcel arrives tomorrow. Thank you for your patience."
    assert "no-apology" in ak.review(text).codes
    assert "no-apology" not in ak.review(text, apology=False).codes


def test_a_rendered_reply_reviews_itself() -> None:
    reply = ak.render({"kind": "rude_agent", "customer": {"name": "Sara"}}, locale="ar-SA")
    review = reply.review()
    assert review.language == "ar"
    assert review.ok
    assert review.components["regret"] is not None


def test_company_rules_ban_phrases_and_require_a_ticket_reference(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        "[[banned]]\n"
        'code = "no-valued-customer"\n'
        'severity = "warning"\n'
        "message = \"We don't write 'valued customer'.\"\n"
        'suggestion = "Use the name."\n'
        "patterns = ['valued customer', 'عميلنا المميز']\n"
        "\n[[required]]\n"
        'code = "missing-ticket"\n'
        'message = "Every reply quotes the ticket reference."\n'
        "pattern = 'CS-\\d{5}'\n",
        encoding="utf-8",
    )
    text = "Dear valued customer, I'm sorry; our mistake. We have refunded you."
    review = ak.review(text, rules=rules)
    assert review.codes == ["no-valued-customer", "missing-ticket"]
    assert not review.ok
    assert ak.review(text + " Ticket CS-30117.", rules=rules).codes == ["no-valued-customer"]
    kit = ak.ReplyKit(review_rules=rules)
    reply = kit.render({"kind": "rude_agent", "customer": {"name": "Sara"}}, locale="en")
    assert "missing-ticket" in reply.review().codes
    assert "missing-ticket" in kit.review("Sorry, our mistake; we will refund you.").codes


def test_a_bad_company_rule_names_the_file_entry_and_fix(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[[banned]]\ncode = 'x'\nmessage = 'm'\npatterns = ['(unclosed']\n")
    with pytest.raises(ConfigError) as caught:
        ak.ReplyKit(review_rules=rules)
    message = str(caught.value)
    assert "rules.toml" in message and "banned[0].patterns[0]" in message
    assert "not a valid regular expression" in message


def test_a_huge_text_is_refused_before_matching() -> None:
    with pytest.raises(InputError, match="at most"):
        ak.review("sorry " * 20_000)


def test_an_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="'fr'"):
        ak.review("Désolé", "fr-FR")


def test_every_code_is_defined_in_both_languages() -> None:
    english = {rule.code for rule in builtin_rules("en").findings}
    arabic = {rule.code for rule in builtin_rules("ar").findings}
    assert english == arabic
    assert {"no-apology", "conditional-apology", "blames-customer", "missing-repair"} <= english


def _goldens() -> list[Path]:
    return sorted(GOLDEN.rglob("*.txt"))


def _kind_and_channel(path: Path) -> tuple[str, str]:
    if path.parent.parent.name == "greeting":  # test_golden.GREETING_KIND in each register
        return "delayed_delivery", path.name.split(".")[1]
    if path.parent.parent.name == "settings":
        kind, _language, channel, *_ = path.name.split(".")
        return kind, channel
    return path.parent.name, path.name.split(".")[1]


@pytest.mark.parametrize("path", _goldens(), ids=lambda p: str(p.relative_to(GOLDEN)))
def test_every_built_in_reply_is_what_its_kind_declares(path: Path) -> None:
    kind, channel = _kind_and_channel(path)
    cls = ak.scenario_class(kind)
    intent = cls.intent(channel)
    review = ak.review(path.read_text(encoding="utf-8"), apology=is_apology(intent))
    errors = [(f.code, f.quote) for f in review.findings if f.severity == "error"]
    assert errors == []
    missing = [
        group
        for group in expected_parts(intent, cls.company_at_fault)
        if not any(review.components[name] for name in group)
    ]
    assert missing == []


def test_a_config_file_names_the_company_review_rules(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(
        "[[required]]\ncode = 'missing-ticket'\nmessage = 'Quote the ticket.'\n"
        "pattern = 'CS-\\d+'\n",
        encoding="utf-8",
    )
    config = tmp_path / "apologykit.toml"
    config.write_text('review_rules = "rules.toml"\n[brand]\nname = "Acme"\n', encoding="utf-8")
    kit = ak.ReplyKit.from_config(config)
    reply = kit.render({"kind": "rude_agent", "customer": {"name": "Sara"}}, locale="en")
    assert "missing-ticket" in reply.review().codes
    config.write_text('review_rules = "nope.toml"\n[brand]\nname = "Acme"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="review_rules") as caught:
        ak.ReplyKit.from_config(config)
    assert "nope.toml does not exist" in str(caught.value)
