"""A field's type as a reader of the docs says it: ``FreeText``, ``date``, ``"email" | "chat"``.

pydantic keeps the runtime annotation, in which a public alias such as
:data:`apologykit.FreeText` has dissolved into ``Annotated[...]``. Public
aliases are recognised by equality with the objects ``apologykit`` exports,
and link to their API reference; everything else is named by its base type.
"""

from __future__ import annotations

import datetime as dt
import decimal
import types
import typing
from typing import Any

from pydantic import BaseModel, HttpUrl

import apologykit as ak

_PLAIN = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    decimal.Decimal: "decimal",
    dt.date: "date",
    dt.datetime: "datetime",
    dt.timedelta: "duration",
    type(None): "null",
    HttpUrl: "URL",
}


def _public_aliases() -> list[tuple[Any, str]]:
    """The typing aliases ``apologykit`` exports (``FreeText``, ``Team``, ...)."""
    found = []
    for name in ak.__all__:
        value = getattr(ak, name)
        if typing.get_origin(value) is not None:
            found.append((value, name))
    return found


_ALIASES = _public_aliases()
# A required field loses some of its alias's metadata to pydantic's FieldInfo;
# a union alias (Offer: one of the remedies) is still known by its members.
_UNION_ALIASES = [
    (typing.get_args(alias)[0], name)
    for alias, name in _ALIASES
    if typing.get_origin(typing.get_args(alias)[0]) in (typing.Union, types.UnionType)
]


def _link(name: str, rst: bool) -> str:
    if rst:
        return f":py:obj:`{name} <apologykit.{name}>`"
    return f"{{py:obj}}`{name} <apologykit.{name}>`"


def code(text: str, rst: bool = False) -> str:
    """``text`` as inline code, in MyST or reStructuredText."""
    return f"``{text}``" if rst else f"`{text}`"


def type_name(annotation: Any, rst: bool = False) -> str:
    """Inline text naming ``annotation`` (MyST, or reStructuredText); public names are links."""
    for alias, name in _ALIASES:
        if annotation == alias:
            return _link(name, rst)
    for base, name in _UNION_ALIASES:
        if annotation == base:
            return _link(name, rst)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0], rst)
    if origin is typing.Literal:
        return " | ".join(
            code(f'"{value}"' if isinstance(value, str) else str(value), rst) for value in args
        )
    if origin in (typing.Union, types.UnionType):
        names = [type_name(arg, rst) for arg in args if arg is not type(None)]
        optional = len(names) < len(args)
        return " | ".join(names) + (f" | {code('null', rst)}" if optional else "")
    if origin in (list, tuple, set, frozenset):
        return f"list of {type_name(args[0], rst)}" if args else "list"
    if origin is dict:
        return f"mapping of {type_name(args[0], rst)} to {type_name(args[1], rst)}"
    if isinstance(annotation, type):
        if annotation in _PLAIN:
            return _PLAIN[annotation]
        if issubclass(annotation, BaseModel) and annotation.__name__ in ak.__all__:
            return _link(annotation.__name__, rst)
        return annotation.__name__
    return str(annotation)
