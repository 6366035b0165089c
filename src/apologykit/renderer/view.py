"""What a template sees: the scenario's fields resolved to one language, read-only.

Texts given per language are resolved here (a missing language is an error
naming the field), every string is cleaned and becomes a
:class:`~apologykit.i18n.bidi.Value` so it prints isolated, nested models and
mappings become :class:`View` objects, lists become tuples, and typed values
that need a locale (money, dates, durations) are left for the template's
filters.

This is the boundary for strings: the built-in kinds clean theirs at
validation, but a company kind may declare a field as plain ``str`` (or a
mapping, or anything whose ``str()`` is printed), so every string is cleaned
again here, whatever its declared type. Cleaning an already clean value is a
few quick tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, Literal, NoReturn, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel
from pydantic_core import PydanticCustomError

from ..errors import ScenarioError
from ..i18n.bidi import Value
from ..model.people import Brand
from ..model.scenario import Scenario
from ..model.text import CLEANERS, MAX_VALUE, Translations, clean, text_for
from ..model.values import Money


class View:
    """A nested model or mapping as a template sees it: its fields, and nothing else.

    ``customer.name`` and ``customer["name"]`` read a field; a view has no
    methods a template could reach (``items`` is always a field called
    ``items``, with the sandbox and without it) and cannot be changed, so a
    cached view (the brand's) is the same for every reply. Iterating gives the
    field names, as a mapping would.
    """

    __slots__ = ("_fields",)
    _fields: dict[Any, Any]

    def __init__(self, fields: dict[Any, Any]) -> None:
        _set_fields(self, fields)

    def __getattr__(self, name: str) -> Any:
        # Only reached when normal lookup fails: for every field name.
        if name[:1] == "_":
            raise AttributeError(name)
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: Any) -> Any:
        return self._fields[key]

    def __contains__(self, key: object) -> bool:
        return key in self._fields

    def __iter__(self) -> Iterator[Any]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a template view is read-only (tried to set {name!r})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"a template view is read-only (tried to delete {name!r})")

    def __repr__(self) -> str:
        return f"View({', '.join(map(str, self._fields))})"


# Building a view without a Python-level __init__ (a render builds several).
_set_fields = View.__dict__["_fields"].__set__
_new = object.__new__
#: A view's fields, read without a Python-level call (the sandbox's fast path).
view_fields: Callable[[View], dict[Any, Any]] = View.__dict__["_fields"].__get__


def _view(fields: dict[Any, Any]) -> View:
    view = _new(View)
    _set_fields(view, fields)
    return view


# Values passed through untouched: filters format them for the locale.
_TYPED = (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta, Money)

# Per model class: each field's name, and whether validation already cleaned
# every string it can hold (so the view need not clean them again). Built once
# per class: pydantic's ``model_fields`` builds its answer on every access.
_FIELDS: dict[type[BaseModel], tuple[tuple[str, bool], ...]] = {}


def _fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(
            (name, _cleaned_by_validation(field.annotation, field.metadata))
            for name, field in cls.model_fields.items()
        )
    return found


def _cleaned_by_validation(annotation: Any, metadata: Sequence[Any] = ()) -> bool:
    """Whether every string a field of this type holds went through a cleaning validator.

    True for :data:`~apologykit.model.text.Text`, ``CleanStr``, ``ShortStr``, literals,
    models (their own fields are looked at when they are converted) and
    containers of these; False for a plain ``str``, a mapping (its keys) or
    anything unknown, which the view cleans itself. A value set without
    validation (``model_construct``, ``model_copy(update=...)``) is taken as
    its type promises, as pydantic itself does.
    """
    if any(isinstance(item, AfterValidator) and item.func in CLEANERS for item in metadata):
        return True
    origin = get_origin(annotation)
    arguments = get_args(annotation)
    if origin is Annotated:
        return _cleaned_by_validation(arguments[0], annotation.__metadata__)
    if origin is Literal or annotation is type(None):
        return True
    if origin in (Union, UnionType, list, tuple, set, frozenset):
        return all(_cleaned_by_validation(item) for item in arguments if item is not Ellipsis)
    if isinstance(annotation, type) and not issubclass(annotation, str):
        return issubclass(annotation, (BaseModel, *_TYPED))
    return False


def _text(value: str, path: tuple[str | int, ...]) -> Value:
    try:
        return Value(clean(value, MAX_VALUE))
    except PydanticCustomError:
        where = ".".join(map(str, path))
        raise ScenarioError(
            f"{where}: a value a template prints is at most {MAX_VALUE} characters, "
            f"this one has {len(value)}. Shorten it, or declare the field with a length "
            "limit (apologykit.Text allows 2000).",
            fields=(where,),
        ) from None


def convert(value: Any, language: str, path: tuple[str | int, ...], cleaned: bool = False) -> Any:
    """Resolve ``value`` for ``language``; ``path`` names it in errors.

    ``cleaned`` says validation already cleaned every string in ``value``.
    """
    if type(value) is str:  # the common case first
        return Value(value) if cleaned else _text(value, path)
    if value is None or isinstance(value, _TYPED):
        return value
    if isinstance(value, str):
        return _text(value, path)
    if isinstance(value, Translations):
        found = text_for(value, language, ".".join(map(str, path)))
        return Value(found) if cleaned else _text(found, path)
    if isinstance(value, BaseModel):
        return _view(
            {
                name: convert(getattr(value, name), language, (*path, name), trusted)
                for name, trusted in _fields(type(value))
            }
        )
    if isinstance(value, list | tuple):
        return tuple(
            convert(item, language, (*path, index), cleaned) for index, item in enumerate(value)
        )
    if isinstance(value, Mapping):
        return _view(
            {
                (_text(key, path) if isinstance(key, str) else key): convert(
                    item, language, (*path, key)
                )
                for key, item in value.items()
            }
        )
    return _text(str(value), path)


# The types the quick conversion passes through as they are (exact types:
# a subclass takes the careful path, which tests with isinstance).
_TYPED_EXACT = frozenset({type(None), *_TYPED, dt.datetime})


def _quick(value: Any, language: str, cleaned: bool) -> Any:
    """:func:`convert` for the common shapes, without the paths only errors need.

    Any error (a missing translation, an over-long value) is raised without
    its path; :func:`scenario_view` then converts again the careful way, whose
    error names the field.
    """
    kind = type(value)
    if kind is str:
        return Value(value) if cleaned else Value(clean(value, MAX_VALUE))
    if kind in _TYPED_EXACT:
        return value
    if isinstance(value, Translations):
        found = value.root[language]
        return Value(found) if cleaned else Value(clean(found, MAX_VALUE))
    if isinstance(value, BaseModel) and not isinstance(value, Money):
        fields = value.__dict__
        view: dict[str, Any] = {}
        for name, trusted in _fields(kind):
            view[name] = _quick(fields[name], language, trusted)
        return _view(view)
    if kind is list or kind is tuple:
        return tuple([_quick(item, language, cleaned) for item in value])
    # Subclasses of the typed values (and of Money) and of str, mappings, the
    # rest: the careful path, which passes typed values through as they are.
    return convert(value, language, (), cleaned)


def scenario_view(scenario: Scenario, language: str) -> dict[str, Any]:
    """The scenario's fields, top level, ready for a template."""
    fields = scenario.__dict__
    view: dict[str, Any] = {}
    try:
        for name, trusted in _fields(type(scenario)):
            view[name] = _quick(fields[name], language, trusted)
        return view
    except Exception:  # the careful way again, for an error that names the field
        pass
    return {
        name: convert(getattr(scenario, name), language, (name,), trusted)
        for name, trusted in _fields(type(scenario))
    }


def brand_view(brand: Brand, language: str) -> View:
    """The brand's settings resolved to ``language``."""
    view: View = convert(brand, language, ("brand",))
    return view
