"""Trying each pattern only near its anchor words finds exactly what a plain search finds.

For every pattern of both languages and every text of the labelled corpus
(and every built-in reply), the matches of :class:`~apologykit.reviewer.scan.Scan`
equal ``finditer`` over each paragraph of the folded text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import apologykit as ak
from apologykit.reviewer.normalise import fold
from apologykit.reviewer.rules import builtin_rules

CORPUS = Path(__file__).parent / "review_corpus"


def _texts(language: str) -> list[str]:
    lines = (CORPUS / f"{language}.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line]
    kit = ak.ReplyKit(plugins=False)
    locale = "ar-SA" if language == "ar" else "en"
    for kind in ak.scenario_kinds():
        cls = ak.scenario_class(kind)
        for channel in cls.channels:
            texts.append(kit.render(cls.examples()[0], locale=locale, channel=channel).text)
    return texts


def _plain(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    begin = 0
    for paragraph in text.split("\n"):
        end = begin + len(paragraph)
        found += [m.span() for m in pattern.finditer(text, begin, end)]
        begin = end + 1
    return found


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_pattern_finds_what_a_plain_search_finds(language: str) -> None:
    rules = builtin_rules(language)
    patterns = [m for matchers in rules.components.values() for m in matchers]
    patterns += [m for rule in rules.findings for m in rule.patterns]
    for text in _texts(language):
        folded = fold(text).text
        scan = rules.index.scan(folded)
        for matcher in patterns:
            expected = _plain(matcher.pattern, folded)
            assert [m.span() for m in scan.every(matcher)] == expected, (matcher, text)
            first = scan.first(matcher)
            assert (first.span() if first else None) == (expected[0] if expected else None)
