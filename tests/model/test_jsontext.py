"""How :func:`json_type` names a value's type in error messages."""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest

from apologykit.errors import InputError
from apologykit.model.jsontext import json_object, json_type


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"a": 1}, "an object"),
        ([1, 2], "an array"),
        ("text", "a string"),
        (3, "a number"),
        (3.5, "a number"),
        (True, "a boolean"),
        (False, "a boolean"),
        (None, "null"),
    ],
)
def test_a_json_value_is_named_by_its_json_type(value: object, expected: str) -> None:
    assert json_type(value) == expected


@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        (decimal.Decimal("1.5"), "Decimal"),
        ((1, 2), "tuple"),
        ({1, 2}, "set"),
        (b"bytes", "bytes"),
        (Path("x"), type(Path("x")).__qualname__),
        (object(), "object"),
    ],
)
def test_a_value_json_cannot_hold_is_named_by_its_python_type(
    value: object, type_name: str
) -> None:
    name = json_type(value)
    assert type_name in name
    assert "number" not in name


@pytest.mark.parametrize(
    ("text", "expected"), [("[1]", "an array"), ('"x"', "a string"), ("null", "null")]
)
def test_a_json_text_that_is_not_an_object_says_what_it_holds(text: str, expected: str) -> None:
    with pytest.raises(InputError, match=f"not {expected}$"):
        json_object(text, "stdin")
