"""Batch input records: JSON Lines or CSV, lazily, one numbered record at a time.

A record is read but not parsed here: parsing happens where it is rendered
(in a worker process with ``--jobs``). A line that cannot be read at all
becomes a record carrying its error, so nothing is dropped.

A quoted CSV cell may span lines, up to :data:`MAX_CSV_RECORD_LINES` lines
and :data:`~apologykit.batch.lines.MAX_LINE_BYTES` characters per record. A record
that runs past either (almost always an unclosed quote) becomes one error
record naming the line it started on, and reading starts again on the next
line, so one stray quote cannot swallow the rest of the file.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

from ..errors import InputError
from ..model.dotted import MAX_CSV_COLUMNS
from .lines import MAX_LINE_BYTES, Lines

InputFormat = Literal["jsonl", "csv"]

#: File extensions that name an input format.
FORMATS_BY_SUFFIX: dict[str, InputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
}

#: Physical lines one CSV record may span (a quoted cell with line breaks).
MAX_CSV_RECORD_LINES = 100


class InputRecord(NamedTuple):
    """One input record as read: a JSON line or CSV cells, parsed where it is rendered.

    Parsing in the worker keeps the reading process light, so ``--jobs``
    scales; ``error`` is set when the record could not even be read.
    """

    line: int
    text: str | None = None
    pairs: list[tuple[str, str]] | None = None
    error: dict[str, Any] | None = None


def read_records(lines: Lines, input_format: InputFormat) -> Iterator[InputRecord]:
    """The records of a JSON Lines or CSV stream, lazily, numbered by input line."""
    return _read_jsonl(lines) if input_format == "jsonl" else _read_csv(lines)


def _error(line: int, message: str) -> InputRecord:
    return InputRecord(line, error=InputError(message).to_dict())


def _read_jsonl(lines: Lines) -> Iterator[InputRecord]:
    for number, text in enumerate(lines, 1):
        bad = lines.bad(number, number)
        if bad:
            yield _error(number, bad)
        elif text.strip():  # a blank line is not a record
            yield InputRecord(number, text=text)


class _RecordTooLong(Exception):
    """Raised from inside the CSV reader when one record has read too much."""


class _Replay:
    """Numbered lines for the CSV reader, keeping those of the record being read so
    that, when it runs too long, all but its first line can be read again."""

    def __init__(self, lines: Lines) -> None:
        self._source = iter(lines)
        self._again: deque[tuple[int, str]] = deque()
        self._read = 0
        self.record: list[tuple[int, str]] = []
        self._chars = 0
        #: The input ended in the middle of the current record: inside a quoted cell.
        self.ended_inside = False

    def __iter__(self) -> _Replay:
        return self

    def __next__(self) -> str:
        if self._again:
            number, text = self._again.popleft()
        else:
            try:
                text = next(self._source)
            except StopIteration:
                self.ended_inside = bool(self.record)
                raise
            self._read += 1
            number = self._read
        self.record.append((number, text))
        self._chars += len(text)
        if len(self.record) > MAX_CSV_RECORD_LINES or self._chars > MAX_LINE_BYTES:
            raise _RecordTooLong
        return text

    def start_record(self) -> None:
        self.record = []
        self._chars = 0

    def read_again_after_first(self) -> None:
        """Put back every line of the current record but its first."""
        self._again.extendleft(reversed(self.record[1:]))
        self.record = self.record[:1]


def _read_csv(lines: Lines) -> Iterator[InputRecord]:
    feed = _Replay(lines)
    rows = _csv_rows(feed)
    header: list[str] | None = None
    for first, last, row, problem in rows:
        if header is None:
            if problem is not None:
                raise InputError(f"CSV header (line {first}): {problem}")
            if row:
                header = _check_header(row, first)
            continue
        bad = lines.bad(first, last)
        if bad:
            yield _error(first, bad)
        elif problem is not None:
            yield _error(first, f"line {first} is not valid CSV: {problem}")
        elif not row:
            continue  # a blank line is not a record
        elif len(row) != len(header):
            yield _error(first, f"line {first} has {len(row)} cells; the header has {len(header)}")
        else:
            pairs = [(name, cell) for name, cell in zip(header, row, strict=True) if cell != ""]
            yield InputRecord(first, pairs=pairs)


def _csv_rows(feed: _Replay) -> Iterator[tuple[int, int, list[str], str | None]]:
    """(first line, last line, cells, problem) for each CSV row; after a problem, reading
    starts again on the line after the row's first, with a fresh reader."""
    reader = csv.reader(feed)
    while True:
        feed.start_record()
        problem: str | None = None
        try:
            row = next(reader)
        except StopIteration:
            return
        except _RecordTooLong:
            problem = (
                f"a quoted cell opened on this line is still open after "
                f"{len(feed.record) - 1} lines; close the quote (reading goes on at the next line)"
            )
            row = []
        except csv.Error as exc:
            problem, row = str(exc), []
        if feed.ended_inside:
            feed.ended_inside = False
            problem = (
                "a quoted cell opened on this line is still open at the end of the file; "
                "close the quote (reading goes on at the next line)"
            )
        first, last = feed.record[0][0], feed.record[-1][0]
        if problem is not None:
            feed.read_again_after_first()
            reader = csv.reader(feed)
        yield first, last, row, problem


def _check_header(row: list[str], line: int) -> list[str]:
    if len(row) > MAX_CSV_COLUMNS:
        raise InputError(
            f"CSV header (line {line}) has {len(row)} columns; a scenario needs at most "
            f"{MAX_CSV_COLUMNS}: check that this is the right file"
        )
    header = [name.strip() for name in row]
    seen: set[str] = set()
    for position, name in enumerate(header, 1):
        if not name:
            raise InputError(f"CSV header (line {line}): column {position} has no name")
        if name in seen:
            raise InputError(f"CSV header (line {line}): column {name!r} appears twice")
        seen.add(name)
    return header
