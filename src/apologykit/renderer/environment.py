"""The Jinja environment every kit uses: strict, sandboxed, with the formatting filters.

Filters and ``g()`` read the reply being rendered from a context variable
rather than from the template context, so macro files imported without
context (and cached by Jinja) still format for the right locale and gender.
The sandbox also holds templates to the bounds in :mod:`apologykit.renderer.limits`:
it checks operators, calls, format strings and the filters that take widths
before they run, and counts loop iterations and calls.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from itertools import islice
from types import BuiltinMethodType
from typing import Any, NamedTuple, cast

from jinja2 import BaseLoader, Environment, StrictUndefined, Undefined, nodes, pass_context
from jinja2.environment import TemplateModule
from jinja2.runtime import Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import TemplateError, TemplateLimitError
from ..i18n import bidi
from ..i18n.formatting import Formatter
from . import limits
from ._jinja.layouts import merged_tree, renders_own_blocks
from ._jinja.runtime import (
    CHARGE_FILTER,
    CONCAT_FILTER,
    OWN_BLOCKS_FILTER,
    PRINT_WEIGHT,
    BoundedCodeGenerator,
    FormatHook,
    TreeHook,
    call_macro,
)
from .view import View, view_fields


def _finalize(value: Any) -> Any:
    """Mark data values for isolation; refuse values that would print as Python.

    A long value is charged its length: a loop's weight counts each printed
    value as :data:`~apologykit.renderer._jinja.runtime.PRINT_WEIGHT` characters.
    """
    if isinstance(value, bidi.Value):
        if len(value) > PRINT_WEIGHT:
            RENDER_STATE.get().steps.take(len(value))
        return bidi.mark(value)
    if type(value) is str:
        if len(value) > PRINT_WEIGHT:
            RENDER_STATE.get().steps.take(len(value))
        return value  # template text
    if type(value) is int or isinstance(value, Undefined):
        return value  # a loop counter; StrictUndefined raises itself
    if value is None:
        raise TemplateError("a template printed a missing (None) value; guard it with {% if ... %}")
    if isinstance(value, str):
        if len(value) > PRINT_WEIGHT:
            RENDER_STATE.get().steps.take(len(value))
        return value
    raise TemplateError(
        f"a template printed a raw {type(value).__name__}; print one of its fields or format "
        "it with a filter (money, number, percent, date, time, datetime, duration, zone, "
        "join_list)"
    )


class RenderState(NamedTuple):
    formatter: Formatter
    gender: str | None
    steps: limits.Steps


# The formatter and gender of the reply being rendered. A context variable, not
# a template variable, so imported macro files (cached, without context) see it.
RENDER_STATE: ContextVar[RenderState] = ContextVar("apologykit_render_state")


def _formatter_filter(method: str) -> Callable[..., Any]:
    def apply(value: Any, *args: Any, **kwargs: Any) -> Any:
        return getattr(RENDER_STATE.get().formatter, method)(value, *args, **kwargs)

    apply.__name__ = method
    return apply


def _join_list(value: Any, *args: Any, **kwargs: Any) -> Any:
    """``join_list`` over at most :data:`~apologykit.renderer.limits.MAX_JOIN_ITEMS` items."""
    items = list(islice(value, limits.MAX_JOIN_ITEMS + 1))
    if len(items) > limits.MAX_JOIN_ITEMS:
        raise TemplateLimitError(
            f"join_list was given more than {limits.MAX_JOIN_ITEMS} items; it joins at most "
            f"{limits.MAX_JOIN_ITEMS}"
        )
    _check_content(items)
    return RENDER_STATE.get().formatter.join(items, *args, **kwargs)


def _check_content(value: Any) -> None:
    """Refuse a list or tuple whose strings add up to more than a template may build."""
    if isinstance(value, list | tuple):
        size = len(value)
        for item in value:
            if isinstance(item, str):
                size += len(item)
        if size > limits.MAX_STRING:
            raise TemplateLimitError(
                f"a list holding {size} characters of text; templates are limited to "
                f"{limits.MAX_STRING}"
            )


@pass_context
def _charge(context: Context, weight: int) -> str:
    """The first statement of every loop body and macro: charge the render its weight."""
    RENDER_STATE.get().steps.take(weight)
    return ""


@pass_context
def _concat(context: Context, parts: Sequence[Any]) -> str:
    """``a ~ b``: refused when the result would be longer than a template may build."""
    for part in parts:
        if type(part) is not str:
            _check_content(part)
    text = "".join(map(str, parts))
    if len(text) > limits.MAX_STRING:
        limits.check_size(text)
    return text


# Jinja's filters that are cheap whatever their input and never make it bigger;
# every other built-in filter is checked (see _bounded_filter).
_UNCHECKED_FILTERS = frozenset(
    {
        "abs", "attr", "capitalize", "count", "d", "default", "e", "escape", "first",
        "forceescape", "last", "length", "lower", "map", "max", "min", "reject",
        "rejectattr", "reverse", "safe", "select", "selectattr", "title", "trim", "upper",
    }
)  # fmt: skip


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with its widths, input and result held to the limits."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        # The value is the first positional argument after any context Jinja passes.
        for value in args:
            if isinstance(value, Context | Environment):
                continue
            _check_content(value)
            break
        for argument in (*args[1:], *kwargs.values()):
            limits.check_width(f"the {name!r} filter", argument)
        if name == "format" and args and isinstance(args[0], str):
            limits.check_percent_format(args[0], args[1:])
        if name == "replace" and len(args) >= 3 and all(isinstance(a, str) for a in args[:3]):
            limits.check_replace(args[0], args[1], args[2])
        result = function(*args, **kwargs)
        _check_content(result)
        return limits.check_size(result)

    bounded.__name__ = function.__name__
    # Keep Jinja's pass_context / pass_environment marker, so it passes the same arguments.
    if hasattr(function, "jinja_pass_arg"):
        bounded.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
    return bounded


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


class LayoutMerging(TreeHook):
    """Compiles each kind template with its layout merged in (see ``renderer._jinja.layouts``).

    ``merged`` holds the files of the templates compiled that way (by file:
    a built-in reached as ``apologykit:en/x.j2`` is named ``en/x.j2`` too);
    with ``merge_layouts`` off, templates compile as written (the environment a
    failed merged render is repeated in, for the error's file and line).
    """

    merge_layouts: bool = True
    merged: set[str]

    def transform_tree(
        self, tree: nodes.Template, name: str | None, filename: str | None
    ) -> nodes.Template:
        if not self.merge_layouts or name is None or filename is None:
            return tree
        merged = merged_tree(self, tree)
        if merged is None:
            return tree
        self.merged.add(filename)
        return merged


class KitEnvironment(LayoutMerging, Environment):
    """The environment of a kit built with ``sandbox=False``."""


class KitSandbox(LayoutMerging, FormatHook, ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, held to apologykit's limits, with a fast path for data views.

    Immutable, so a template cannot append to a list or update a mapping it
    makes itself. The data views are read-only on their own.

    A :class:`~apologykit.renderer.view.View` has no methods, so reading one of its
    public fields means exactly what the sandbox's generic path would return,
    without its checks; everything else goes through them unchanged.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        limits.check_binop(operator, left, right)
        if operator == "%":
            _check_content(right)
        result = super().call_binop(context, operator, left, right)
        if type(result) is int:
            return limits.check_int(result)
        _check_content(result)
        return limits.check_size(result)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # g() is ours and takes three strings, and a macro is always safe to
        # call: skip the generic callable checks. Inside a block or a loop Jinja
        # adds _block_vars / _loop_vars, which only pass_context callables read.
        if __obj is _by_gender or type(__obj) is Macro:
            if kwargs:
                if len(kwargs) == 1 and next(iter(kwargs)) in _SCOPE_KWARGS:
                    kwargs = {}
                else:
                    kwargs = {k: v for k, v in kwargs.items() if k not in _SCOPE_KWARGS}
            if __obj is _by_gender:
                if not kwargs:
                    return _by_gender(*args)
            else:
                return _call_macro(__context, cast(Macro, __obj), args, kwargs)
        # Macros charge their own weight (see _jinja); every string a template
        # builds is already bounded, so only str methods need a look here.
        if type(__obj) is not BuiltinMethodType or type(__obj.__self__) is not str:
            return super().call(__context, __obj, *args, **kwargs)
        owner: str = __obj.__self__
        name = __obj.__name__
        _check_string_method(owner, name, args, kwargs)
        if name == "join" and args:
            items = list(islice(args[0], limits.MAX_STRING + 1))
            limits.check_size(items)
            limits.check_join(owner, items)
            _check_content(items)
            args = (items, *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        return limits.check_size(result)

    def check_format(self, template: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        for _, _, spec, _ in string.Formatter().parse(template):
            if spec:
                limits.check_format_spec(spec)
        for argument in (*args, *kwargs.values()):
            _check_content(argument)
            limits.check_size(argument)

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if kind is View:
            value = view_fields(obj).get(attribute, _MISSING)
            if value is not _MISSING and attribute[:1] != "_":
                return value
        # A loop's counters and an imported template's macros and variables are
        # plain values: the generic path would return them unchanged.
        if kind is LoopContext and attribute in _LOOP_FIELDS:
            return getattr(obj, attribute)
        if kind is TemplateModule and attribute[:1] != "_":
            value = obj.__dict__.get(attribute, _MISSING)
            if type(value) is Macro or type(value) is str:
                return value
        return super().getattr(obj, attribute)


# The keyword arguments Jinja adds to calls inside blocks and loops.
_SCOPE_KWARGS = frozenset({"_block_vars", "_loop_vars"})
# A loop's public counters (not its methods: cycle and changed go the generic way).
_LOOP_FIELDS = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0"}
)
_MISSING = object()


def _call_macro(
    context: Context, macro: Macro, args: tuple[Any, ...], kwargs: dict[str, Any] | None = None
) -> Any:
    """A macro call as Jinja's context makes it: macros are safe and take no context."""
    try:
        return call_macro(macro, args, kwargs)
    except StopIteration:
        return context.environment.undefined(
            "value was undefined because a callable raised a StopIteration exception"
        )


# String methods whose integer arguments are widths or counts.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def _check_string_method(owner: str, name: str, args: tuple[Any, ...], kwargs: Any) -> None:
    if name in _WIDTH_METHODS:
        for argument in (*args, *kwargs.values()):
            limits.check_width(f"str.{name}", argument)
    elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        limits.check_replace(owner, args[0], args[1])


def make_environment(
    loader: BaseLoader, *, sandbox: bool = True, merge_layouts: bool = True
) -> LayoutMerging:
    """A strict environment: a missing value is an error, data prints isolated.

    ``merge_layouts`` compiles kind templates with their layout merged in.
    """
    cls: type[LayoutMerging] = KitSandbox if sandbox else KitEnvironment
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
    env.merge_layouts = merge_layouts
    env.merged = set()
    for name in ("money", "number", "percent", "date", "time", "datetime", "duration", "zone"):
        env.filters[name] = _formatter_filter(name)
    env.filters["join_list"] = _join_list
    env.filters["team"] = _formatter_filter("team")
    env.filters["plural"] = _plural
    if sandbox:
        env.code_generator_class = BoundedCodeGenerator
        for name, function in list(env.filters.items()):
            if name not in _UNCHECKED_FILTERS and function.__module__ == "jinja2.filters":
                env.filters[name] = _bounded_filter(name, function)
    env.filters[CHARGE_FILTER] = _charge
    env.filters[CONCAT_FILTER] = _concat
    env.filters[OWN_BLOCKS_FILTER] = renders_own_blocks
    # Kept tiny on purpose: globals are copied into every render's context.
    env.globals = {"g": _by_gender}
    return env
