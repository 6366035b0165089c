"""Remembered paragraphs: the same review as matching afresh, at the right offsets, bounded."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import apologykit as ak
from apologykit.reviewer import paragraphs
from apologykit.reviewer.rules import builtin_rules, load_rules

CORPUS = Path(__file__).parent / "review_corpus"


def _forget() -> None:
    for language in ("en", "ar"):
        builtin_rules(language).paragraphs.forget()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_remembered_review_equals_a_fresh_one(language: str) -> None:
    lines = (CORPUS / f"{language}.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line]
    fresh = []
    for text in texts:
        _forget()
        fresh.append(ak.review(text, language).to_dict())
    for text in texts:  # every paragraph seen before
        ak.review(text, language)
    assert [ak.review(text, language).to_dict() for text in texts] == fresh


def test_a_paragraph_seen_in_another_reply_is_found_at_its_place_in_this_one() -> None:
    ak.review("Hi,\n\nWe apologise if you felt let down.")
    text = "Dear Sara Al-Harbi,\n\nThank you.\n\nWe apologise if you felt let down."
    finding = ak.review(text).findings[0]
    assert finding.span is not None
    assert text[finding.span.start : finding.span.end] == finding.quote == "apologise if you"
    assert ak.review(text).position(finding.span.start) == (5, 4)


def test_the_memory_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paragraphs, "MAX_KEPT", 5)
    memory = builtin_rules("en").paragraphs
    memory.forget()
    for number in range(40):
        ak.review(f"Dear customer {number},\n\nSorry, our mistake {number}.", "en")
        assert len(memory) <= 5
    long = "sorry " * (paragraphs.MAX_KEPT_CHARS // 6 + 10)
    memory.forget()
    ak.review(long, "en")
    assert len(memory) == 0


def test_company_rules_travel_without_what_they_remembered() -> None:
    rules = load_rules({"banned": [{"code": "no-x", "message": "m", "patterns": ["valued"]}]})
    assert rules is not None
    kit = ak.ReplyKit(review_rules=rules)
    kit.review("Dear valued customer, sorry; our mistake, refunded.", "en")
    copy = pickle.loads(pickle.dumps(rules))
    assert len(pickle.dumps(rules)) < 2_000
    assert ak.review("Dear valued customer.", "en", rules=copy).codes[:1] == ["no-x"]
