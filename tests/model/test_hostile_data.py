"""Hostile customer data: sizes are checked before work, and unencodable text never renders.

Each case is what an export or an attacker can put in a scenario field: a
huge value built of combining marks (normalising such runs takes time
quadratic in their length), and a lone UTF-16 surrogate such as JSON's
``"\\ud800"`` (half of an emoji a client cut in two), which no UTF-8 writer
can encode.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

import apologykit as ak
from apologykit.model import text as text_module
from apologykit.model.text import MAX_SHORT, MAX_TEXT

# A base letter followed by marks of two combining classes in the wrong
# order: NFC must reorder every pair, the slow case.
COMBINING_RUN = "a" + "\u0301\u0316" * 20_000


@pytest.fixture
def normalised_lengths(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The length of every string apologykit normalises while the test runs."""
    seen: list[int] = []
    real = unicodedata.normalize

    def spy(form: Any, value: str) -> str:
        seen.append(len(value))
        return real(form, value)

    monkeypatch.setattr(text_module.unicodedata, "normalize", spy)
    yield seen


@pytest.mark.parametrize(
    ("field", "scenario", "limit"),
    [
        ("customer.name", {"kind": "rude_agent", "customer": {"name": COMBINING_RUN}}, MAX_SHORT),
        (
            "finding",
            {"kind": "customer_at_fault", "investigated_by": "quality", "finding": COMBINING_RUN},
            MAX_TEXT,
        ),
        (
            "finding.ar",
            {
                "kind": "customer_at_fault",
                "investigated_by": "quality",
                "finding": {"en": "a", "ar": COMBINING_RUN},
            },
            MAX_TEXT,
        ),
    ],
)
def test_an_oversized_value_is_refused_before_it_is_normalised(
    normalised_lengths: list[int], field: str, scenario: dict[str, Any], limit: int
) -> None:
    with pytest.raises(ak.ScenarioError) as caught:
        ak.parse_scenario(scenario)
    (path,) = caught.value.fields
    assert set(field.split(".")) <= set(path.split(".")), path
    assert f"at most {limit} characters" in str(caught.value)
    # Nothing anywhere near the value's size was normalised.
    assert all(length <= 4 * limit for length in normalised_lengths), normalised_lengths


def test_a_decomposed_value_is_measured_after_normalising() -> None:
    # 300 code points that compose into 150 letters: within the 200 limit.
    name = "e\u0301" * 150
    scenario = ak.parse_scenario({"kind": "rude_agent", "customer": {"name": name}})
    assert scenario.customer.name == "\u00e9" * 150


@pytest.mark.parametrize(
    "raw",
    [
        '{"kind": "rude_agent", "customer": {"name": "Sara\\ud800"}}',
        '{"kind": "rude_agent", "customer": {"name": "Sa\\udfffra"}}',
        '{"kind": "rude_agent", "customer": {"name": "Sara"}, "ticket_id": "T-1\\udc00"}',
    ],
)
def test_a_lone_surrogate_is_stripped_and_every_output_encodes(raw: str) -> None:
    scenario = ak.parse_scenario(json.loads(raw))
    for locale in ("en", "ar"):
        reply = ak.render(scenario, locale=locale)
        for output in (reply.text, reply.subject or "", reply.html):
            output.encode("utf-8")  # raises on a surrogate
        assert "Sara" in reply.text


def test_a_surrogate_in_a_per_language_text_is_stripped() -> None:
    scenario = ak.parse_scenario(
        {
            "kind": "customer_at_fault",
            "investigated_by": "quality",
            "finding": {"en": "the box\ud83d was opened", "ar": "\udc00تم فتح العلبة"},
        }
    )
    for locale in ("en", "ar"):
        ak.render(scenario, locale=locale).text.encode("utf-8")


def test_a_value_of_only_surrogates_is_empty_and_says_so() -> None:
    with pytest.raises(ak.ScenarioError, match=r"customer\.name: .*must not be empty"):
        ak.parse_scenario({"kind": "rude_agent", "customer": {"name": "\ud800\udbff"}})
