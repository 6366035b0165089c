"""The Jinja environment every kit uses: strict, sandboxed, with the formatting filters.

Filters and ``g()`` read the reply being rendered from a context variable
rather than from the template context, so macro files imported without
context (and cached by Jinja) still format for the right locale and gender.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, NamedTuple

from jinja2 import BaseLoader, Environment, StrictUndefined, Undefined
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import bidi
from .context import View
from .errors import TemplateError
from .formatting import Formatter


def _finalize(value: Any) -> Any:
    """Mark data values for isolation; refuse values that would print as Python."""
    if isinstance(value, bidi.Value):
        return bidi.mark(value)
    if type(value) is str or type(value) is int or isinstance(value, Undefined):
        return value  # template text, a loop counter; StrictUndefined raises itself
    if value is None:
        raise TemplateError("a template printed a missing (None) value; guard it with {% if ... %}")
    if isinstance(value, str):
        return value
    raise TemplateError(
        f"a template printed a raw {type(value).__name__}; print one of its fields or format "
        "it with a filter (money, number, percent, date, time, datetime, duration, zone, "
        "join_list)"
    )


class RenderState(NamedTuple):
    formatter: Formatter
    gender: str | None


# The formatter and gender of the reply being rendered. A context variable, not
# a template variable, so imported macro files (cached, without context) see it.
RENDER_STATE: ContextVar[RenderState] = ContextVar("apologykit_render_state")


def _formatter_filter(method: str) -> Callable[..., Any]:
    def apply(value: Any, *args: Any, **kwargs: Any) -> Any:
        return getattr(RENDER_STATE.get().formatter, method)(value, *args, **kwargs)

    apply.__name__ = method
    return apply


def _plural(value: int, **forms: str) -> str:
    """``{{ n | plural(one="...", two="...", few="{n} ...", other="{n} ...") }}``."""
    return RENDER_STATE.get().formatter.plural(value, forms)


def _by_gender(female: str, male: str, neutral: str) -> str:
    """``{{ g("لكِ", "لك", "لكم") }}``: the form agreeing with the customer."""
    gender = RENDER_STATE.get().gender
    if gender == "female":
        return female
    if gender == "male":
        return male
    return neutral


class KitSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with a fast path for the data views apologykit builds.

    Immutable, so a template cannot append to a list or update a mapping it
    makes itself. The data views are read-only on their own.

    A :class:`~apologykit.context.View` has no methods, so reading one of its
    public fields means exactly what the sandbox's generic path would return,
    without its checks; everything else goes through them unchanged.
    """

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # g() is ours and takes three strings: skip the generic callable checks.
        if __obj is _by_gender and not kwargs:
            return _by_gender(*args)
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is View and attribute[:1] != "_" and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def make_environment(loader: BaseLoader, *, sandbox: bool = True) -> Environment:
    """A strict environment: a missing value is an error, data prints isolated."""
    cls = KitSandbox if sandbox else Environment
    env = cls(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
        auto_reload=False,
        cache_size=-1,
    )
    for name in ("money", "number", "percent", "date", "time", "datetime", "duration", "zone"):
        env.filters[name] = _formatter_filter(name)
    env.filters["join_list"] = _formatter_filter("join")
    env.filters["team"] = _formatter_filter("team")
    env.filters["plural"] = _plural
    # Kept tiny on purpose: globals are copied into every render's context.
    env.globals = {"g": _by_gender}
    return env
