"""Batch input as numbered text lines: UTF-8 checked, each line bounded in bytes.

A file in another encoding is refused as a whole, with one message that says
what it looks like, instead of one confusing error per record: UTF-16 and
UTF-32 (byte-order marks, NUL bytes) and the 8-bit Latin-1 / Windows-1252
family (mostly invalid UTF-8 and no valid multi-byte text, judged on the first
64 KiB). A UTF-8 file with a byte-order mark is fine; a UTF-8 file with one
corrupt line gets one error record for that line.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..model.jsontext import MAX_JSON_CHARS

#: Longest input line in bytes; a longer one is skipped unread and becomes an error record.
MAX_LINE_BYTES = MAX_JSON_CHARS
#: Longest line skipped before the input is called something else (``/dev/zero``, a binary).
MAX_SKIPPED_BYTES = 64 * MAX_LINE_BYTES
#: How much of the start of the input is looked at to tell its encoding.
SAMPLE_BYTES = 64 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32, little-endian, with a byte-order mark"),
    (codecs.BOM_UTF32_BE, "UTF-32, big-endian, with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "UTF-16, little-endian, with a byte-order mark"),
    (codecs.BOM_UTF16_BE, "UTF-16, big-endian, with a byte-order mark"),
)


class Lines:
    """Decoded lines of a binary stream, counting bytes (for progress) and bad lines."""

    def __init__(self, stream: IO[bytes], name: str = "the input") -> None:
        self._stream = stream
        self.name = name
        self.position = 0
        self.number = 0
        #: Line number -> why it cannot be read (not UTF-8, too long), until a record uses it.
        self.problems: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        raw_lines = self._raw_lines()
        sample: list[bytes | None] = []
        size = 0
        for raw in raw_lines:
            sample.append(raw)
            size += MAX_LINE_BYTES if raw is None else len(raw)
            if size >= SAMPLE_BYTES:
                break
        problem = foreign_encoding([raw for raw in sample if raw is not None])
        if problem is not None:
            raise InputError(f"{self.name} is not UTF-8 ({problem}); re-save it as UTF-8")
        for raw in sample:
            yield self._decode(raw)
        for raw in raw_lines:
            yield self._decode(raw)

    def _raw_lines(self) -> Iterator[bytes | None]:
        """Each line's bytes, or None for a line past the limit (read through, not kept)."""
        readline = self._stream.readline
        number = 0
        while raw := readline(MAX_LINE_BYTES + 1):
            number += 1
            self.position += len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                skipped = len(raw)
                while (rest := readline(SAMPLE_BYTES)) and not rest.endswith(b"\n"):
                    skipped += len(rest)
                    if skipped > MAX_SKIPPED_BYTES:
                        raise InputError(
                            f"{self.name}: line {number} runs past "
                            f"{MAX_SKIPPED_BYTES:,} bytes without a line break; "
                            "this is not JSON Lines or CSV"
                        )
                self.position += skipped - len(raw) + len(rest)
                yield None
            else:
                yield raw

    def _decode(self, raw: bytes | None) -> str:
        self.number += 1
        if raw is None:
            self.problems[self.number] = (
                f"line {self.number} is larger than {MAX_LINE_BYTES:,} bytes; "
                "a record is a few kilobytes: check that this is the right input"
            )
            return "\n"
        if self.number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problems[self.number] = (
                f"line {self.number} is not UTF-8 (byte 0x{raw[exc.start]:02x} "
                f"at column {exc.start + 1}); save the file as UTF-8"
            )
            return raw.decode("utf-8", "replace")

    def bad(self, first: int, last: int) -> str | None:
        """Why a line in ``first..last`` cannot be read; None when all of them can."""
        found = None
        for number in range(first, last + 1):
            found = self.problems.pop(number, None) or found
        return found


def foreign_encoding(sample: list[bytes]) -> str | None:
    """What the start of a file looks like when it is clearly not UTF-8; None otherwise."""
    if not sample:
        return None
    first = sample[0]
    for bom, name in _BOMS:
        if first.startswith(bom):
            return f"it looks like {name}"
    head = b"".join(sample)[:SAMPLE_BYTES]
    if head.count(0) * 16 >= len(head):  # ASCII in UTF-16 is half zero bytes
        return f"it looks like {_wide_encoding(head)}"
    bad = multibyte = 0
    example = ""
    for number, raw in enumerate(sample, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad += 1
            if not example:
                byte = raw[exc.start : exc.start + 1]
                example = (
                    f"; byte 0x{byte[0]:02x} on line {number} would be "
                    f"{byte.decode('cp1252', 'replace')!r}"
                )
        else:
            multibyte += not text.isascii()
    if bad >= 2 and bad > multibyte:
        return f"it looks like Latin-1 or Windows-1252{example}"
    return None


def _wide_encoding(head: bytes) -> str:
    """UTF-16 or UTF-32 without a byte-order mark, from where ASCII's zero bytes fall."""
    zeros = [head[offset::4].count(0) for offset in range(4)]
    if zeros[1] and zeros[2] and zeros[3] and not zeros[0]:
        return "UTF-32, little-endian"
    if zeros[0] and zeros[1] and zeros[2] and not zeros[3]:
        return "UTF-32, big-endian"
    even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
    return "UTF-16, little-endian" if odd >= even else "UTF-16, big-endian"
