"""Generated batch records for the scale tests and benchmarks: every kind, both languages,
bad records mixed in, as CSV rows of dotted columns and as JSON objects."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import apologykit as ak

NAMES = [("Sara", "female"), ("Omar", "male"), ("Huda", "female"), ("Ziad", "male"), ("Noor", "")]

#: Every BAD_EVERY-th record is bad, in one of these ways (as CSV cells).
BAD: list[dict[str, str]] = [
    {"kind": "no_such_kind"},
    {"kind": "rude_agent", "customer.gender": "robot"},
    {"kind": "rude_agent", "locale": "not a locale!"},
    {"kind": "rude_agent", "channel": "fax"},
    {"kind": "rude_agent", "options.1.type": "refund"},
    {"kind": "delayed_delivery", "customer.name": "Sara"},
]
BAD_EVERY = 7


def flat(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Dotted (path, text) pairs of JSON-like data, as a batch CSV header spells them."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from flat(child, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from flat(child, f"{prefix}.{index}")
    elif isinstance(value, bool):
        yield prefix, "true" if value else "false"
    elif value is not None:
        yield prefix, str(value)


def examples() -> list[dict[str, str]]:
    """Each built-in kind's examples as flat rows."""
    rows = []
    for kind in ak.scenario_kinds():
        for example in ak.scenario_class(kind).examples():
            rows.append(dict(flat(example.model_dump(mode="json", exclude_none=True))))
            rows[-1]["kind"] = kind
    return rows


def rows(count: int) -> list[dict[str, str]]:
    """``count`` flat records: examples with other names, locales and channels, some bad."""
    good = examples()
    out = []
    for number in range(count):
        if number % BAD_EVERY == BAD_EVERY - 1:
            out.append(dict(BAD[number // BAD_EVERY % len(BAD)]))
            continue
        row = dict(good[number % len(good)])
        name, gender = NAMES[number % len(NAMES)]
        for spelling in [key for key in row if key.startswith("customer.name.")]:
            del row[spelling]  # the example's name per language gives way to this one
        row["customer.name"] = f"{name} {number}"
        row["customer.gender"] = gender
        row["locale"] = "ar-SA" if number % 2 else "en-GB"
        if number % 3 == 0:
            row["channel"] = "chat"
        out.append(row)
    return out


def write_csv(records: list[dict[str, str]], path: Path) -> None:
    """The records as a batch CSV: one column per dotted path any record has."""
    header = sorted({key for record in records for key in record})
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, header, restval="")
        writer.writeheader()
        writer.writerows(records)


def write_jsonl(records: list[dict[str, Any]], path: Path) -> None:
    """The records as batch JSON Lines."""
    with path.open("w", encoding="utf-8") as file:
        for record in records:
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
