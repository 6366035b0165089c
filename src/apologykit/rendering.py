"""One batch record in, one encoded JSON line out: a reply, or an error naming the fix.

Used in the batch process itself (``--jobs 1``) and in each worker process.
Whatever goes wrong with a record, including text that cannot be encoded,
becomes that record's error line; nothing here stops a batch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

from .channels import Channel
from .dotted import nest
from .errors import ApologyKitError, InputError
from .jsontext import json_object, json_type
from .kit import ReplyKit
from .records import InputRecord
from .scenario import Scenario, parse_scenario


class Chunk(NamedTuple):
    """Consecutive output records, serialised and encoded (in the worker, to share the cost)."""

    rendered: int
    failed: int
    data: bytes


@dataclass(frozen=True)
class Settings:
    """What every record shares: how to build the kit, the default locale and channel.

    ``make_kit`` must be picklable (a module-level function or a
    :func:`functools.partial`): each worker process calls it once.
    """

    make_kit: Callable[[], ReplyKit]
    locale: str | None = None
    channel: str | None = None
    #: The reply fields each output record keeps (see ``REPLY_FIELDS``); ``None``: all.
    #: Without ``html`` no record pays for its markup.
    fields: frozenset[str] | None = None
    #: Add each reply's apology review (``Review.to_dict()``) to its record.
    review: bool = False


def default_channel(scenario: type[Scenario]) -> Channel:
    """E-mail when the kind has it, else its first channel."""
    return "email" if "email" in scenario.channels else scenario.channels[0]


def _payload(record: InputRecord) -> tuple[dict[str, Any], str | None, str | None]:
    """The scenario data of a record, and its own ``locale`` and ``channel`` if it has them."""
    if record.pairs is not None:
        data = nest(record.pairs)
    else:
        data = json_object(record.text or "", f"line {record.line}")
    overrides: list[str | None] = []
    for key in ("locale", "channel"):
        value = data.pop(key, None)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{key} must be a string, not {json_type(value)}", (key,))
        overrides.append(value or None)
    return data, overrides[0], overrides[1]


def render_record(kit: ReplyKit, record: InputRecord, settings: Settings) -> tuple[bool, bytes]:
    """Whether ``record`` rendered, and its output line; any failure is an error record."""
    if record.error is not None:
        return False, _dump_error(record.line, record.error)
    try:
        data, locale, channel = _payload(record)
        scenario = parse_scenario(data)
        channel = channel or settings.channel or default_channel(type(scenario))
        # Input text: render checks it against the kind's channels (a ChannelError).
        reply = kit.render(
            scenario, locale=locale or settings.locale, channel=cast(Channel, channel)
        )
        fields = settings.fields
        review = reply.review().to_dict() if settings.review else None
        if fields is None:
            return True, _dump_reply(record.line, reply.to_dict(), review)
        data = reply.to_dict(html="html" in fields)
        kept = {k: v for k, v in data.items() if k in fields}
        return True, _dump_reply(record.line, kept, review)
    except ApologyKitError as exc:
        return False, _dump_error(record.line, exc.to_dict())
    except Exception as exc:  # a batch never stops at one record
        error = {"type": type(exc).__name__, "message": str(exc) or repr(exc), "fields": []}
        return False, _dump_error(record.line, error)


# One encoder for every record: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_SURROGATE = re.compile("[\ud800-\udfff]")


def _dump_reply(line: int, reply: dict[str, Any], review: dict[str, Any] | None = None) -> bytes:
    record: dict[str, Any] = {"line": line, "ok": True, "reply": reply}
    if review is not None:
        record["review"] = review
    text = _ENCODER.encode(record) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return _dump_error(line, unencodable(exc).to_dict())


def _dump_error(line: int, error: dict[str, Any]) -> bytes:
    text = _ENCODER.encode({"line": line, "ok": False, "error": error}) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # the message quotes the bad input: show what it was
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def unencodable(exc: UnicodeEncodeError) -> InputError:
    """The error for a reply holding a lone surrogate, which no UTF-8 output can hold."""
    code = ord(exc.object[exc.start])
    return InputError(
        f"the reply holds U+{code:04X}, half of a UTF-16 surrogate pair, which is not text "
        "and cannot be written as UTF-8; remove it from the input"
    )


def render_chunk(
    kit: ReplyKit,
    records: Iterable[InputRecord],
    settings: Settings,
    starting: Callable[[int], None] | None = None,
) -> Chunk:
    """Render consecutive records into one block of JSON Lines.

    ``starting(i)`` is called before record ``i`` (and with the record count at
    the end), so a watcher in another process can tell which record is slow.
    """
    rendered = failed = 0
    lines: list[bytes] = []
    for index, record in enumerate(records):
        if starting is not None:
            starting(index)
        ok, line = render_record(kit, record, settings)
        lines.append(line)
        if ok:
            rendered += 1
        else:
            failed += 1
    if starting is not None:
        starting(len(lines))
    return Chunk(rendered, failed, b"".join(lines))


def failed_chunk(records: Iterable[InputRecord], error: ApologyKitError) -> Chunk:
    """One error line per record, all for the same reason (their worker died, say)."""
    lines = [_dump_error(record.line, error.to_dict()) for record in records]
    return Chunk(0, len(lines), b"".join(lines))


def joined(chunks: Iterable[Chunk]) -> Chunk:
    """Consecutive chunks as one."""
    parts = list(chunks)
    if len(parts) == 1:
        return parts[0]
    return Chunk(
        sum(part.rendered for part in parts),
        sum(part.failed for part in parts),
        b"".join(part.data for part in parts),
    )
