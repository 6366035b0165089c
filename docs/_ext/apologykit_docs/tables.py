"""Markdown tables for the generated reference pages: cells, defaults, rows, and the
``key: text`` descriptions a page gives a directive."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .type_names import code


def markdown_cell(text: str) -> str:
    """Text safe inside one Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of a Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(markdown_cell(cell) for cell in row) + " |")
    return lines


def default_text(field: FieldInfo, rst: bool = False) -> str:
    """A field's default as JSON in code (MyST, or reStructuredText), or ``required``."""
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        made = field.default_factory()  # type: ignore[call-arg]
        value: Any = {} if isinstance(made, BaseModel) else made
    else:
        value = field.default
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json")
    return code(json.dumps(value, ensure_ascii=False), rst)


def parse_descriptions(lines: list[str]) -> dict[str, str]:
    """``key: text`` entries; an indented line continues the previous one."""
    found: dict[str, str] = {}
    key = None
    for line in lines:
        if not line.strip():
            continue
        if line[:1].isspace() and key is not None:
            found[key] += " " + line.strip()
            continue
        key, separator, text = line.partition(":")
        if not separator:
            raise ValueError(f"expected 'key: description', got {line!r}")
        key = key.strip()
        if key in found:
            raise ValueError(f"{key!r} is described twice")
        found[key] = text.strip()
    return found
