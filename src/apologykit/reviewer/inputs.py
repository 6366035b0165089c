"""What ``apologykit review`` reads: one plain text, or JSON Lines of texts or batch records.

A file whose first non-blank line is a JSON object is JSON Lines: each line is
``{"text": ..., "language"?: ..., "id"?: ..., "kind"?: ..., "channel"?: ...}``
or a batch output record (``{"line": N, "ok": true, "reply": {...}}``, whose
reply names its kind and channel). Anything else is one plain
text. A bad line becomes one error item; the other lines are still reviewed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from .engine import MAX_REVIEW_CHARS

#: The longest JSON line read (a reply record with its HTML is a few kilobytes).
MAX_LINE_BYTES = 4 * MAX_REVIEW_CHARS


@dataclass(frozen=True)
class ReviewInput:
    """One text to review, or the reason a line could not give one."""

    line: int | None
    text: str = ""
    language: str | None = None
    label: str | None = None
    error: str | None = None
    #: The scenario kind and channel of a batch record (or a text that names
    #: them): the text is reviewed as what that kind declares it to be.
    kind: str | None = None
    channel: str | None = None


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where} is not UTF-8 ({exc.reason} at byte {exc.start})") from None


def _from_record(line: int, record: Any) -> ReviewInput:
    if not isinstance(record, dict):
        return ReviewInput(line, error='expected a JSON object such as {"text": "..."}')
    if "reply" in record or record.get("ok") is False:
        if record.get("ok") is False:
            return ReviewInput(line, error="a batch error record has no reply to review")
        record = record["reply"]
        if not isinstance(record, dict):
            return ReviewInput(line, error='"reply" must be an object with a "text"')
    text = record.get("text")
    if not isinstance(text, str):
        return ReviewInput(line, error='the record has no "text" string to review')
    language, kind, channel = (record.get(key) for key in ("language", "kind", "channel"))
    label = record.get("id")
    return ReviewInput(
        line,
        text,
        language if isinstance(language, str) else None,
        str(label) if label is not None else None,
        kind=kind if isinstance(kind, str) else None,
        channel=channel if isinstance(channel, str) else None,
    )


def read_inputs(stream: IO[bytes], name: str) -> Iterator[ReviewInput]:
    """The texts in ``stream`` (see the module docstring); raises ValueError for bad plain text."""
    first = stream.readline(MAX_LINE_BYTES + 1)
    while first and not first.strip():
        first = stream.readline(MAX_LINE_BYTES + 1)
    if first.lstrip().startswith((b"{", b"\xef\xbb\xbf{")):
        number = 1
        line = first
        while line:
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                _skip_rest_of_line(stream)
            if line.strip():
                yield _json_line(number, line)
            line = stream.readline(MAX_LINE_BYTES + 1)
            number += 1
        return
    rest = stream.read(MAX_REVIEW_CHARS * 4 + 1)
    data = first + rest
    if len(data) > MAX_REVIEW_CHARS * 4:
        raise ValueError(
            f"{name} is larger than {MAX_REVIEW_CHARS * 4:,} bytes; review one reply per file, "
            'or give JSON Lines of {"text": ...}'
        )
    yield ReviewInput(None, _decode(data, name).replace("\r\n", "\n"))


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    """Read past the end of an over-long line, in bounded pieces."""
    while True:
        piece = stream.readline(MAX_LINE_BYTES)
        if not piece or piece.endswith(b"\n"):
            return


def _json_line(number: int, line: bytes) -> ReviewInput:
    if len(line) > MAX_LINE_BYTES:
        return ReviewInput(number, error=f"the line is longer than {MAX_LINE_BYTES:,} bytes")
    try:
        record = json.loads(_decode(line, f"line {number}"))
    except ValueError as exc:
        return ReviewInput(number, error=f"not JSON ({exc})")
    return _from_record(number, record)
