"""What a template sees: the scenario's fields resolved to one language.

Texts given per language are resolved here (a missing language is an error
naming the field), strings become :class:`~apologykit.bidi.Value` so they print
isolated, nested models become plain mappings, and typed values that need a
locale (money, dates, durations) are left for the template's filters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from .bidi import Value
from .people import Brand
from .scenario import Scenario
from .text import Translations, text_for
from .values import Money


class Record(dict[str, Any]):
    """A nested model as a template sees it: ``customer.name`` without a failed lookup.

    Jinja tries an attribute before an item; on a plain dict that attribute
    lookup raises and is caught on every access, which is most of a render.
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


# Values passed through untouched: filters format them for the locale.
_TYPED = (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta, Money)

# Field names per model class: pydantic's ``model_fields`` is a descriptor
# that builds its answer on every access.
_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _fields(cls: type[BaseModel]) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(cls.model_fields)
    return names


def convert(value: Any, language: str, path: tuple[str | int, ...]) -> Any:
    """Resolve ``value`` for ``language``; ``path`` names it in errors."""
    if type(value) is str:  # the common case first
        return Value(value)
    if value is None or isinstance(value, _TYPED):
        return value
    if isinstance(value, str):
        return Value(value)
    if isinstance(value, Translations):
        return Value(text_for(value, language, ".".join(map(str, path))))
    if isinstance(value, BaseModel):
        return Record(
            (name, convert(getattr(value, name), language, (*path, name)))
            for name in _fields(type(value))
        )
    if isinstance(value, list | tuple):
        return [convert(item, language, (*path, index)) for index, item in enumerate(value)]
    if isinstance(value, Mapping):
        return Record((key, convert(item, language, (*path, key))) for key, item in value.items())
    return Value(str(value))


def scenario_view(scenario: Scenario, language: str) -> dict[str, Any]:
    """The scenario's fields, top level, ready for a template."""
    return {
        name: convert(getattr(scenario, name), language, (name,))
        for name in _fields(type(scenario))
    }


def brand_view(brand: Brand, language: str) -> dict[str, Any]:
    """The brand's settings resolved to ``language``."""
    view: dict[str, Any] = convert(brand, language, ("brand",))
    return view
