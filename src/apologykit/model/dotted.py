"""Dotted keys to nested data: ``customer.name=Sara`` and ``options.0.type=refund``.

CSV column names and the command line's ``--set`` both name fields this way;
they are keys into a scenario, never file paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ScenarioError

#: Parts in one dotted key: scenarios nest four or five levels; this is far past any of them.
MAX_KEY_PARTS = 16
#: Digits in a list position: scenario lists hold at most a few items.
MAX_POSITION_DIGITS = 4


#: Columns in a CSV header: a scenario has a few dozen fields at most.
MAX_CSV_COLUMNS = 1000


def nest(pairs: Iterable[tuple[str, str]], base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Nested data from ``customer.name=Sara``-style pairs, laid over ``base``.

    Numeric parts index lists (``options.0.type``). Values stay strings: the
    scenario model types them, so ``waited=P3D`` and ``amount=12.50`` parse as
    pydantic parses JSON strings.
    """
    tree: dict[str, Any] = {}
    for path, value in pairs:
        parts = _parts(path)
        if not all(part.strip() for part in parts):
            raise ScenarioError(f"{path!r} is not a dotted path (it has an empty part)", (path,))
        node = tree
        for depth, part in enumerate(parts[:-1]):
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                prefix = ".".join(parts[: depth + 1])
                raise ScenarioError(f"{prefix} is given both a value and fields ({path})", (path,))
            node = child
        if isinstance(node.get(parts[-1]), dict):
            raise ScenarioError(f"{path} is given both a value and fields", (path,))
        node[parts[-1]] = value
    if tree and all(_is_index(key) for key in tree):
        raise ScenarioError("a scenario's top level needs field names, not list positions")
    built = _build(tree, base, "")
    assert isinstance(built, dict)
    return built


def _parts(path: str) -> list[str]:
    """The parts of a dotted key, checked for size before any work on them."""
    shown = path if len(path) <= 60 else f"{path[:57]}..."
    if path.count(".") >= MAX_KEY_PARTS:
        raise ScenarioError(
            f"{shown!r} has {path.count('.') + 1} parts; a dotted key has at most "
            f"{MAX_KEY_PARTS} (such as customer.name or options.0.type)",
            (shown,),
        )
    parts = path.split(".")
    for part in parts:
        if _is_index(part) and len(part) > MAX_POSITION_DIGITS:
            raise ScenarioError(
                f"{shown!r}: list position {part[:12]}{'...' if len(part) > 12 else ''} is too "
                f"large; positions count from 0 and have at most {MAX_POSITION_DIGITS} digits",
                (shown,),
            )
    return parts


def _is_index(part: str) -> bool:
    return part.isascii() and part.isdigit()


def _build(node: Any, base: Any, path: str) -> Any:
    if not isinstance(node, dict):
        return node
    indexes = [_is_index(key) for key in node]
    if any(indexes) and not all(indexes):
        raise ScenarioError(f"{path} mixes list positions and field names", (path,))
    if not node or not all(indexes):
        fields = dict(base) if isinstance(base, Mapping) else {}
        for key, child in node.items():
            fields[key] = _build(child, fields.get(key), f"{path}.{key}" if path else key)
        return fields
    items = list(base) if isinstance(base, list) else []
    for index, key in sorted((int(key), key) for key in node):
        if index > len(items):
            raise ScenarioError(
                f"{path}.{index}: list positions must run 0, 1, 2... without gaps "
                f"(nothing is given for {path}.{len(items)})",
                (f"{path}.{index}",),
            )
        child = _build(node[key], items[index] if index < len(items) else None, f"{path}.{key}")
        if index < len(items):
            items[index] = child
        else:
            items.append(child)
    return items
