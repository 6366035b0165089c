"""Reading batch input: JSON Lines or CSV, lazily, one numbered record at a time.

A record is read but not parsed here: parsing happens where it is rendered
(in a worker process with ``--jobs``). A line that cannot be read at all
becomes a record carrying its error, so nothing is dropped.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from typing import IO, Any, Literal, NamedTuple

from .errors import InputError

InputFormat = Literal["jsonl", "csv"]

#: File extensions that name an input format.
FORMATS_BY_SUFFIX: dict[str, InputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
}


class InputRecord(NamedTuple):
    """One input record as read: a JSON line or CSV cells, parsed where it is rendered.

    Parsing in the worker keeps the reading process light, so ``--jobs``
    scales; ``error`` is set when the record could not even be read.
    """

    line: int
    text: str | None = None
    pairs: list[tuple[str, str]] | None = None
    error: dict[str, Any] | None = None


class Lines:
    """Decoded lines of a binary stream, counting bytes (for progress) and bad UTF-8."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.position = 0
        self.number = 0
        #: Line number -> why it is not UTF-8, until the record using it is built.
        self.undecodable: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        for raw in self._stream:
            self.number += 1
            self.position += len(raw)
            if self.number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.undecodable[self.number] = (
                    f"line {self.number} is not UTF-8 (byte 0x{raw[exc.start]:02x} "
                    f"at column {exc.start + 1}); save the file as UTF-8"
                )
                yield raw.decode("utf-8", "replace")

    def bad(self, first: int, last: int) -> str | None:
        """Why a line in ``first..last`` is not UTF-8; None when all of them are."""
        found = None
        for number in range(first, last + 1):
            found = self.undecodable.pop(number, None) or found
        return found


def read_records(lines: Lines, input_format: InputFormat) -> Iterator[InputRecord]:
    """The records of a JSON Lines or CSV stream, lazily, numbered by input line."""
    return _read_jsonl(lines) if input_format == "jsonl" else _read_csv(lines)


def _error(line: int, message: str) -> InputRecord:
    return InputRecord(line, error=InputError(message).to_dict())


def _read_jsonl(lines: Lines) -> Iterator[InputRecord]:
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue  # a blank line is not a record
        bad = lines.bad(number, number)
        yield _error(number, bad) if bad else InputRecord(number, text=text)


def _read_csv(lines: Lines) -> Iterator[InputRecord]:
    reader = csv.reader(lines)
    header: list[str] | None = None
    while header is None:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"CSV header (line {reader.line_num}): {exc}") from None
        if row:
            header = _check_header(row, reader.line_num)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _error(start, f"line {start} is not valid CSV: {exc}")
            continue
        if not row:
            continue  # a blank line is not a record
        bad = lines.bad(start, reader.line_num)
        if bad:
            yield _error(start, bad)
        elif len(row) != len(header):
            yield _error(start, f"line {start} has {len(row)} cells; the header has {len(header)}")
        else:
            pairs = [(name, cell) for name, cell in zip(header, row, strict=True) if cell != ""]
            yield InputRecord(start, pairs=pairs)


def _check_header(row: list[str], line: int) -> list[str]:
    header = [name.strip() for name in row]
    for position, name in enumerate(header, 1):
        if not name:
            raise InputError(f"CSV header (line {line}): column {position} has no name")
        if header.index(name) != position - 1:
            raise InputError(f"CSV header (line {line}): column {name!r} appears twice")
    return header


def json_object(text: str, where: str) -> dict[str, Any]:
    """The JSON object in ``text``; ``where`` ("line 4", "stdin") names it in errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if exc.lineno == 1 else f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"{where} is not valid JSON: {exc.msg} ({at})") from None
    if not isinstance(data, dict):
        raise InputError(f"{where} must hold one JSON object (a scenario), not {json_type(data)}")
    return data


def json_type(value: object) -> str:
    """How a JSON value's type reads in an error message."""
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
