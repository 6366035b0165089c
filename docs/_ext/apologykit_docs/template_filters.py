"""The filters and globals a template may call, listed from the kit's own Jinja environment.

``template-filters`` builds the table of apologykit's filters and globals from
a real :class:`~apologykit.ReplyKit` environment, each name linking to its
section (label ``filter-NAME``, or ``ar-filter-NAME`` in the Arabic guide). A
filter added to the environment without a section is an unresolved reference,
so the strict build fails until it is documented. ``jinja-filters`` lists
Jinja's own filters as the sandbox offers them, and which of them are held to
the template limits.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from jinja2 import Environment
from sphinx.util.docutils import SphinxDirective

import apologykit as ak
from apologykit.i18n.formatting import Formatter
from apologykit.renderer._jinja.runtime import CHARGE_FILTER, CONCAT_FILTER, OWN_BLOCKS_FILTER

from .tables import markdown_table

#: Filters the sandbox adds for its own bookkeeping; templates never write them.
INTERNAL_FILTERS = frozenset({CHARGE_FILTER, CONCAT_FILTER, OWN_BLOCKS_FILTER})
#: Filters whose work is done by a Formatter method of another name.
FORMATTER_METHODS = {"join_list": "join"}


def kit_environment() -> Environment:
    """The environment of a kit with the built-in templates only."""
    return ak.ReplyKit(plugins=False).environment


def _own(function: Callable[..., Any]) -> bool:
    """Written by apologykit (not Jinja's own, nor one of them wrapped by the sandbox)."""
    module = getattr(function, "__module__", None) or ""
    return module.startswith("apologykit") and not _bounded_builtin(function)


def apologykit_filters(environment: Environment | None = None) -> dict[str, Callable[..., Any]]:
    """apologykit's own filters (not Jinja's, not the sandbox's bookkeeping), by name."""
    environment = environment or kit_environment()
    return {
        name: function
        for name, function in sorted(environment.filters.items())
        if name not in INTERNAL_FILTERS and _own(function)
    }


def apologykit_globals(environment: Environment | None = None) -> dict[str, Callable[..., Any]]:
    """The functions every template may call (``g``)."""
    environment = environment or kit_environment()
    return {name: value for name, value in sorted(environment.globals.items()) if callable(value)}


def jinja_filters(environment: Environment | None = None) -> dict[str, bool]:
    """Jinja's built-in filters the sandbox offers, each with whether limits check it."""
    environment = environment or kit_environment()
    return {
        name: _bounded_builtin(function)
        for name, function in sorted(environment.filters.items())
        if name not in INTERNAL_FILTERS and not _own(function)
    }


def _bounded_builtin(function: Callable[..., Any]) -> bool:
    """A Jinja filter wrapped by the sandbox to hold its widths and sizes to the limits."""
    return (
        function.__module__ == "apologykit.renderer.environment"
        and function.__name__ in _JINJA_NAMES
    )


def _jinja_names() -> frozenset[str]:
    plain = Environment()
    return frozenset(function.__name__ for function in plain.filters.values())


_JINJA_NAMES = _jinja_names()


def call_form(name: str, function: Callable[..., Any], is_global: bool = False) -> str:
    """How a template calls it: ``value | date(style="long")``, ``g(female, male, neutral)``."""
    target: Callable[..., Any] = function
    method = getattr(Formatter, FORMATTER_METHODS.get(name, function.__name__), None)
    if method is not None and function.__module__ == "apologykit.renderer.environment":
        target = method
    parameters = list(inspect.signature(target).parameters.values())
    if parameters and parameters[0].name == "self":
        parameters = parameters[1:]
    if is_global:
        return f"{name}({', '.join(p.name for p in parameters)})"
    rest = []
    for parameter in parameters[1:]:
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            rest.append("zero=..., one=..., two=..., few=..., many=..., other=...")
        elif parameter.default is inspect.Parameter.empty:
            rest.append(parameter.name)
        else:
            rest.append(f"{parameter.name}={parameter.default!r}".replace("'", '"'))
    arguments = f"({', '.join(rest)})" if rest else ""
    return f"value | {name}{arguments}"


class TemplateFiltersDirective(SphinxDirective):
    """A table of every apologykit filter and global, linking to its section."""

    option_spec: ClassVar[dict[str, Any]] = {"language": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        language = self.options.get("language", "en")
        prefix = "ar-filter-" if language == "ar" else "filter-"
        headers = ("الاسم", "طريقة الاستدعاء") if language == "ar" else ("name", "call")
        rows = [
            (f"{{ref}}`{name} <{prefix}{name}>`", f"`{call_form(name, function)}`")
            for name, function in apologykit_filters().items()
        ]
        rows += [
            (f"{{ref}}`{name} <{prefix}{name}>`", f"`{call_form(name, function, True)}`")
            for name, function in apologykit_globals().items()
        ]
        container = nodes.container(classes=["template-filters"])
        self.state.nested_parse(markdown_table(headers, rows), self.content_offset, container)  # type: ignore[arg-type]
        return [container]


class JinjaFiltersDirective(SphinxDirective):
    """Jinja's built-in filters in the sandbox; the checked ones are marked."""

    option_spec: ClassVar[dict[str, Any]] = {"language": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        checked_label = "مقيّد بالحدود" if self.options.get("language") == "ar" else "checked"
        items = [
            f"`{name}`" + (f" ({checked_label})" if checked else "")
            for name, checked in jinja_filters().items()
        ]
        text = ", ".join(items) + "."
        container = nodes.container(classes=["jinja-filters"])
        self.state.nested_parse([text], self.content_offset, container)  # type: ignore[arg-type]
        return [container]
