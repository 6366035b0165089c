"""The labelled review corpus: every text gets exactly its labelled findings.

Each line of ``tests/review_corpus/<language>.jsonl`` is a text written for
this corpus, the error and warning codes it must get (no more, no fewer), and
the apology components it must be found to contain.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import apologykit as ak
from apologykit.reviewer import COMPONENTS, builtin_rules

CORPUS = Path(__file__).parent / "review_corpus"


def _load(language: str) -> list[dict[str, Any]]:
    path = CORPUS / f"{language}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _cases() -> list[Any]:
    return [
        pytest.param(language, record, id=record["id"])
        for language in ("en", "ar")
        for record in _load(language)
    ]


@pytest.mark.parametrize(("language", "record"), _cases())
def test_corpus_text_gets_its_labelled_findings(language: str, record: dict[str, Any]) -> None:
    review = ak.review(record["text"], language)
    found = sorted({f.code for f in review.findings if f.severity != "info"})
    assert found == record["codes"]
    missing = [name for name in record["components"] if review.components[name] is None]
    assert missing == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_corpus_covers_every_code_and_component(language: str) -> None:
    records = _load(language)
    labelled = {code for record in records for code in record["codes"]}
    defined = {r.code for r in builtin_rules(language).findings if r.severity != "info"}
    assert defined <= labelled
    components = {name for record in records for name in record["components"]}
    assert components == set(COMPONENTS)
    good = [record for record in records if not record["codes"]]
    assert len(good) >= 20, "good apologies keep the rules from flagging everything"


def test_auto_detection_agrees_with_the_corpus_language() -> None:
    for language in ("en", "ar"):
        for record in _load(language):
            assert ak.review(record["text"]).language == language, record["id"]
