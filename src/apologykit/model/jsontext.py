"""One JSON object from untrusted text, within limits checked before the parsing work.

Batch lines and ``render --json`` both read scenarios this way. The limits are
far above any real scenario (a few kilobytes, four levels deep) and far below
what would hurt: Python's parser recurses once per level, converting a long
digit string to ``int`` is quadratic (Python refuses past 4,300 digits), and a
huge value costs memory in every later step.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from ..errors import InputError

#: Largest JSON text, in characters (a batch line is also limited in bytes, before decoding).
MAX_JSON_CHARS = 1 << 20
#: Deepest nesting of arrays and objects.
MAX_DEPTH = 32
#: Longest number, in characters: any amount or count fits many times over.
MAX_NUMBER_CHARS = 100

# A string (running to the end if unclosed, so scanning stays linear) or a bracket.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\Z)|[\[\]{}]', re.DOTALL)
_DEPTH_CHANGE = {"[": 1, "{": 1, "]": -1, "}": -1}


class _NumberTooLong(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.length = len(text)


class _NotANumber(Exception):
    pass


def _number(convert: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        if len(text) > MAX_NUMBER_CHARS:
            raise _NumberTooLong(text)
        return convert(text)

    return parse


def _constant(name: str) -> Any:
    raise _NotANumber(name)


_PARSE_INT = _number(int)
_PARSE_FLOAT = _number(float)


def json_object(text: str, where: str) -> dict[str, Any]:
    """The JSON object in ``text``; ``where`` ("line 4", "stdin") names it in errors."""
    if len(text) > MAX_JSON_CHARS:
        raise InputError(
            f"{where} is larger than {MAX_JSON_CHARS:,} characters ({len(text):,}); "
            "a scenario is a few kilobytes: check that this is the right input"
        )
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise InputError(
            f"{where} is nested {depth} levels deep; a scenario is nested at most "
            f"{MAX_DEPTH} levels: check the input's brackets"
        )
    try:
        data = json.loads(
            text, parse_int=_PARSE_INT, parse_float=_PARSE_FLOAT, parse_constant=_constant
        )
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if exc.lineno == 1 else f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"{where} is not valid JSON: {exc.msg} ({at})") from None
    except _NumberTooLong as exc:
        raise InputError(
            f"{where} has a number of {exc.length:,} digits; numbers have at most "
            f"{MAX_NUMBER_CHARS} digits"
        ) from None
    except _NotANumber as exc:
        raise InputError(
            f"{where} holds {exc}, which is not a JSON number; give a number"
        ) from None
    if not isinstance(data, dict):
        raise InputError(f"{where} must hold one JSON object (a scenario), not {json_type(data)}")
    return data


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON ``text`` (brackets inside strings ignored).

    Counting brackets is cheap, so the exact scan runs only when there are more
    brackets than the limit allows levels.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    changes = (_DEPTH_CHANGE.get(token, 0) for token in _TOKEN.findall(text))
    return max(accumulate(changes), default=0)


#: JSON's types as an error message names them; bool comes before int, its base class.
_JSON_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a boolean"),
    ((int, float), "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "an object"),
    (type(None), "null"),
)


def json_type(value: object) -> str:
    """How ``value``'s type reads in an error message.

    A JSON value gets its JSON type; anything else (a record handed to the
    library from Python) its Python type name, so the message never names a
    type the value does not have.
    """
    for kind, name in _JSON_TYPES:
        if isinstance(value, kind):
            return name
    return f"a value of Python type {type(value).__qualname__}"
