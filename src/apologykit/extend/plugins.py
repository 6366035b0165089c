"""Plugins: installed packages that add scenarios and template directories.

A package declares an entry point in the ``apologykit.plugins`` group::

    [project.entry-points."apologykit.plugins"]
    acme = "acme_replies"

The entry point loads to a module or a callable; anything else is refused.
Importing it registers its
:class:`~apologykit.Scenario` subclasses (subclassing is registration). Its
template directories come from a ``template_dirs`` attribute (a path, a list
of paths, or a callable returning either) or, for a plain callable, from
calling it. Either way the answer is a path, a list or tuple of paths, or None
(the plugin adds scenarios only). Relative paths are resolved against the
plugin's own module, so a package can say ``template_dirs = ["templates"]``.

Third-party import code can do anything, including ``sys.exit()``: every
failure but Ctrl-C becomes a :class:`~apologykit.PluginError` naming the plugin,
so a plugin can never end a render silently.

Discovery uses :mod:`importlib.metadata` only: no registry, no network.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import PluginError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

#: The entry-point group apologykit reads plugins from.
PLUGIN_GROUP = "apologykit.plugins"


def _error(entry_point: EntryPoint, problem: str) -> PluginError:
    dist = entry_point.dist
    source = f"{dist.name} {dist.version}" if dist is not None else None
    return PluginError(entry_point.name, entry_point.value, source, problem)


@dataclass(frozen=True)
class Plugin:
    """A loaded plugin: which entry point it came from and the directories it adds."""

    name: str
    value: str
    template_dirs: tuple[Path, ...]


def load_plugins() -> list[Plugin]:
    """Import every plugin in the group, sorted by entry-point name so the order is stable."""
    from importlib.metadata import entry_points  # a kit built with plugins=False never needs it

    found = sorted(entry_points(group=PLUGIN_GROUP), key=lambda ep: (ep.name, ep.value))
    return [_load(ep) for ep in found]


def _load(entry_point: EntryPoint) -> Plugin:
    try:
        target = entry_point.load()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit too: a plugin must not end the program
        raise _error(entry_point, f"failed to load: {_describe(exc)}") from exc
    if not isinstance(target, ModuleType) and not callable(target):
        raise _error(
            entry_point,
            f"loads to {_a(target)}, which is neither a module nor a callable; "
            "point the entry point at the package or at a function returning its directories",
        )
    try:
        raw = _provided(entry_point, target)
    except PluginError:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's own callable failed, or exited
        raise _error(
            entry_point, f"failed to give its template directories: {_describe(exc)}"
        ) from exc
    base = _module_dir(target)
    dirs: list[Path] = []
    for item in raw:
        if not isinstance(item, str | os.PathLike):
            raise _error(
                entry_point,
                f"gave {item!r} as a template directory; give paths (str or pathlib.Path)",
            )
        path = Path(item)
        if not path.is_absolute() and base is not None:
            path = base / path
        if not path.is_dir():
            raise _error(entry_point, f"names template directory {path}, which does not exist")
        dirs.append(path)
    return Plugin(entry_point.name, entry_point.value, tuple(dirs))


def _provided(entry_point: EntryPoint, target: object) -> Sequence[object]:
    """The template directories ``target`` offers, as a sequence of items to check."""
    value: object = getattr(target, "template_dirs", None)
    if value is None and callable(target) and not isinstance(target, ModuleType | type):
        value = target()
    elif callable(value):
        value = value()
    if value is None:
        return ()  # a plugin may add scenarios only
    if isinstance(value, str | os.PathLike):
        return (value,)
    if isinstance(value, list | tuple):
        return value
    raise _error(
        entry_point,
        f"gave {_a(value)} for its template directories; give a path or a list of paths",
    )


def _a(value: object) -> str:
    """``an int``, ``a dict``: the type of ``value`` as an English noun phrase."""
    name = type(value).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _module_dir(target: object) -> Path | None:
    module = target if isinstance(target, ModuleType) else inspect.getmodule(target)
    filename = getattr(module, "__file__", None)
    return Path(filename).resolve().parent if filename else None
