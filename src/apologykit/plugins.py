"""Plugins: installed packages that add scenarios and template directories.

A package declares an entry point in the ``apologykit.plugins`` group::

    [project.entry-points."apologykit.plugins"]
    acme = "acme_replies"

The entry point loads to a module or a callable. Importing it registers its
:class:`~apologykit.Scenario` subclasses (subclassing is registration). Its
template directories come from a ``template_dirs`` attribute (a path, a list
of paths, or a callable returning either) or, for a plain callable, from
calling it. Relative paths are resolved against the plugin's own module, so a
package can say ``template_dirs = ["templates"]``.

Discovery uses :mod:`importlib.metadata` only: no registry, no network.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType

from .errors import PluginError

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
    found = sorted(entry_points(group=PLUGIN_GROUP), key=lambda ep: (ep.name, ep.value))
    return [_load(ep) for ep in found]


def _load(entry_point: EntryPoint) -> Plugin:
    try:
        target = entry_point.load()
    except Exception as exc:  # third-party import code: any failure must name the plugin
        raise _error(entry_point, f"failed to load: {type(exc).__name__}: {exc}") from exc
    try:
        raw = _provided(target)
    except Exception as exc:  # a plugin's own callable failed
        raise _error(
            entry_point, f"failed to give its template directories: {type(exc).__name__}: {exc}"
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


def _provided(target: object) -> Iterable[object]:
    """The template directories ``target`` offers, as an iterable of path-like items."""
    value: object = getattr(target, "template_dirs", None)
    if value is None and callable(target) and not isinstance(target, ModuleType | type):
        value = target()
    elif callable(value):
        value = value()
    if value is None:
        return ()  # a plugin may add scenarios only
    if isinstance(value, str | os.PathLike):
        return (value,)
    if isinstance(value, Iterable):
        return list(value)
    return (value,)  # reported as not a path by the caller


def _module_dir(target: object) -> Path | None:
    module = target if isinstance(target, ModuleType) else inspect.getmodule(target)
    filename = getattr(module, "__file__", None)
    return Path(filename).resolve().parent if filename else None
