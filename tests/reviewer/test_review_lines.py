"""Phrases broken across lines: wrapped e-mail text matches as if written on one line.

A single line break or any run of spaces inside a sentence is one space to
the rules; a blank line (a new paragraph) still ends a sentence. Spans and
quotes point at the characters as written, line breaks included.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import apologykit as ak
from apologykit.reviewer.normalise import fold


def _finding(text: str, code: str) -> ak.Finding:
    review = ak.review(text)
    found = [finding for finding in review.findings if finding.code == code]
    assert found, review.findings
    return found[0]


def test_a_conditional_apology_wrapped_after_if_is_found_with_its_line_break() -> None:
    text = "Dear Sara,\n\nWe apologise if\nyou felt let down by our agent.\n"
    finding = _finding(text, "conditional-apology")
    assert finding.span is not None
    assert finding.quote == text[finding.span.start : finding.span.end]
    assert finding.quote == "apologise if\nyou"
    assert ak.review(text).position(finding.span.start) == (3, 4)


def test_a_run_of_spaces_tabs_and_a_line_break_is_one_space() -> None:
    text = "It  will never\t happen\n   again."
    finding = _finding(text, "absolute-promise")
    assert finding.quote == "will never\t happen\n   again"


def test_an_arabic_phrase_across_a_line_break_keeps_diacritics_and_isolates_in_its_span() -> None:
    text = "عزيزتي \u2066Sara\u2069،\nنَعْتَذِرُ إنْ\nكُنْتِ قَدْ شَعَرْتِ بالاستياء."
    finding = _finding(text, "conditional-apology")
    assert finding.span is not None
    assert finding.quote == text[finding.span.start : finding.span.end]
    assert finding.quote.startswith("نَعْتَذِرُ إنْ\nكُنْتِ")


def test_an_apology_continued_on_the_next_line_is_not_an_empty_announcement() -> None:
    wrapped = "Dear Omar,\n\nWe would like to apologise\nfor the delay to your order.\n"
    assert "announced-not-apologised" not in ak.review(wrapped).codes
    alone = "Dear Omar,\n\nWe would like to apologise.\n\nYour order ships today.\n"
    assert "announced-not-apologised" in ak.review(alone).codes


def test_a_responsibility_split_over_two_lines_counts() -> None:
    text = "I'm sorry we charged you twice; we take\nfull responsibility, and we have refunded you."
    review = ak.review(text)
    span = review.components["responsibility"]
    assert span is not None
    assert text[span.start : span.end] == "we take\nfull responsibility"
    assert review.ok


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("a\nb", "a b"),
        ("a \n  b", "a b"),
        ("a\n\nb", "a\nb"),
        ("a \n \n\t b", "a\nb"),
        ("a\u00a0\u00a0b", "a b"),
    ],
)
def test_folding_keeps_paragraphs_and_makes_other_whitespace_one_space(
    text: str, folded: str
) -> None:
    result = fold(text)
    assert result.text == folded
    for number, char in enumerate(result.text):  # each maps back to the one it came from
        original = text[result.offset(number)]
        assert original == char or (char.isspace() and original.isspace())


# Letters, the characters folding removes or changes, and every kind of spacing.
_ALPHABET = "aBz \n\t\u00a0\u2028\u2066\u2069\u064e\u0651\u0640\u0629\u0623\u0649\u2019ن"


def _folded_by_hand(text: str) -> list[tuple[int, str]]:
    """(original offset, folded character) of each kept character, one at a time."""
    table = {"\u0629": "\u0647", "\u0623": "\u0627", "\u0649": "\u064a", "\u2019": "'"}
    kept = [
        (at, char) for at, char in enumerate(text) if char not in "\u2066\u2069\u064e\u0651\u0640"
    ]
    result: list[tuple[int, str]] = []
    index = 0
    while index < len(kept):
        at, char = kept[index]
        if not char.isspace():
            result.append((at, table.get(char, char).lower()))
            index += 1
            continue
        end = index
        while end < len(kept) and kept[end][1].isspace():
            end += 1
        run = "".join(char for _, char in kept[index:end])
        result.append((at, "\n" if run.count("\n") >= 2 else " "))
        index = end
    return result


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_folding_matches_a_character_by_character_fold(text: str) -> None:
    expected = _folded_by_hand(text)
    result = fold(text)
    assert result.text == "".join(char for _, char in expected)
    assert [result.offset(n) for n in range(len(result.text))] == [at for at, _ in expected]
