"""Each kind's JSON Schema (what `apologykit schema` prints) accepts its examples and
rejects what the model rejects, so other tools can validate before calling us."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

import apologykit as ak

BUILTIN = [
    k for k in ak.scenario_kinds() if ak.scenario_class(k).__module__.startswith("apologykit")
]


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = ak.scenario_class(kind).model_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("kind", BUILTIN)
def test_every_example_validates_against_its_schema(kind: str) -> None:
    check = validator(kind)
    for example in ak.scenario_class(kind).examples():
        data: dict[str, Any] = example.model_dump(mode="json", exclude_none=True)
        errors = [error.message for error in check.iter_errors(data)]
        assert errors == [], f"{kind}: {errors}"


def test_team_keys_and_names_both_validate() -> None:
    check = validator("rude_agent")
    for team in ("legal", "Payments desk", {"en": "people team", "ar": "فريق الموارد البشرية"}):
        assert check.is_valid({"kind": "rude_agent", "escalated_to": team})


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "rude_agent", "customer": {"gender": "f"}},
        {"kind": "rude_agent", "escalated_to": ""},
        {"kind": "rude_agent", "escalated_to": {"english": "x"}},
        {"kind": "rude_agent", "extra": 1},
    ],
)
def test_the_schema_rejects_what_the_model_rejects(bad: dict[str, Any]) -> None:
    assert not validator("rude_agent").is_valid(bad)
    with pytest.raises(ak.ScenarioError):
        ak.parse_scenario(bad)


def test_names_may_be_given_per_language_but_stay_short() -> None:
    check = validator("repeated_transfers")
    base = ak.RepeatedTransfers.examples()[0].model_dump(mode="json", exclude_none=True)
    per_language = {"en": "Lina", "ar": "لينا"}
    named = {**base, "agent": {"name": per_language}, "owner": {"name": per_language}}
    named["customer"] = {"name": {"en": "Abdullah", "ar": "عبدالله"}, "gender": "male"}
    assert check.is_valid(named)
    ak.parse_scenario(named)
    too_long = {**named, "agent": {"name": {"ar": "ل" * 201}}}
    assert not check.is_valid(too_long)
    with pytest.raises(ak.ScenarioError):
        ak.parse_scenario(too_long)


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("reason", "x" * 2001, 2000),
        ("reason", {"en": "x" * 2001, "ar": "ب"}, 2000),
        ("ticket_id", "x" * 201, 200),
        ("ticket_id", "x" * 100 + "\n" + "y" * 100, 200),  # one line of 201 once joined
    ],
)
def test_a_value_still_too_long_once_cleaned_is_refused_naming_its_field(
    field: str, value: object, limit: int
) -> None:
    data = {**ak.CompensationOptions.examples()[0].model_dump(mode="json"), field: value}
    with pytest.raises(ak.ScenarioError) as caught:
        ak.parse_scenario(data)
    message = str(caught.value)
    assert f"should have at most {limit} items after validation, not {limit + 1}" in message
    assert caught.value.fields[0].startswith(field)
    # Spaces the cleaning removes do not count: the same text, padded, is accepted.
    padded = {**data, field: " " + "x" * limit + "   "}
    assert ak.parse_scenario(padded) is not None
