"""One batch record in, one encoded JSON line out: a reply, or an error naming the fix.

Used in the batch process itself (``--jobs 1``) and in each worker process.
Whatever goes wrong with a record, including text that cannot be encoded,
becomes that record's error line; nothing here stops a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import ApologyKitError
from ..model.dotted import nest
from ..model.jsontext import json_object
from ..model.scenario import scenario_class, scenario_kinds
from ..renderer.kit import ReplyKit
from ..renderer.many import (
    JSON_ENCODER,
    SURROGATE,
    default_channel,
    error_dict,
    render_scenario,
    reply_dict,
    unencodable,
)
from .readers import InputRecord

__all__ = [
    "BuiltKit",
    "Chunk",
    "Settings",
    "default_channel",
    "failed_chunk",
    "joined",
    "render_chunk",
    "render_record",
    "unencodable",
    "warm_up",
]


class Chunk(NamedTuple):
    """Consecutive output records, serialised and encoded (in the worker, to share the cost)."""

    rendered: int
    failed: int
    data: bytes


@dataclass(frozen=True)
class BuiltKit:
    """A ``make_kit`` that gives a kit already built, with the templates it compiled.

    The command line checks every template before a batch; with this, the batch
    renders with that kit instead of compiling everything again, and forked
    workers start from it (copied on write). Pickled, as for a process that is
    not forked, the kit is rebuilt from its settings.
    """

    kit: ReplyKit

    def __call__(self) -> ReplyKit:
        return self.kit


@dataclass(frozen=True)
class Settings:
    """What every record shares: how to build the kit, the default locale and channel.

    ``make_kit`` must be picklable (a module-level function, a
    :func:`functools.partial` or a :class:`BuiltKit`): each worker process calls it once.
    """

    make_kit: Callable[[], ReplyKit]
    locale: str | None = None
    channel: str | None = None
    #: The reply fields each output record keeps (see ``REPLY_FIELDS``); ``None``: all.
    #: Without ``html`` no record pays for its markup.
    fields: frozenset[str] | None = None
    #: Add each reply's apology review (``Review.to_dict()``) to its record.
    review: bool = False


def _payload(record: InputRecord) -> dict[str, Any]:
    """The data of a record: nested CSV cells, or its JSON object."""
    if record.pairs is not None:
        return nest(record.pairs)
    return json_object(record.text or "", f"line {record.line}")


def render_record(kit: ReplyKit, record: InputRecord, settings: Settings) -> tuple[bool, bytes]:
    """Whether ``record`` rendered, and its output line; any failure is an error record.

    The rendering itself is :func:`.streaming.render_scenario`, as in ``render_many``.
    """
    if record.error is not None:
        return False, _dump_error(record.line, record.error)
    try:
        reply = render_scenario(kit, _payload(record), settings.locale, settings.channel)
        review = reply.review().to_dict() if settings.review else None
        kept = reply_dict(reply, settings.fields)
    except Exception as exc:  # a batch never stops at one record
        return False, _dump_error(record.line, error_dict(exc))
    return True, _dump_reply(record.line, kept, review)


def _dump_reply(line: int, reply: dict[str, Any], review: dict[str, Any] | None = None) -> bytes:
    record: dict[str, Any] = {"line": line, "ok": True, "reply": reply}
    if review is not None:
        record["review"] = review
    text = JSON_ENCODER.encode(record) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return _dump_error(line, unencodable(exc).to_dict())


def _dump_error(line: int, error: dict[str, Any]) -> bytes:
    text = JSON_ENCODER.encode({"line": line, "ok": False, "error": error}) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # the message quotes the bad input: show what it was
        return SURROGATE.sub("\ufffd", text).encode("utf-8")


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


def warm_up(kit: ReplyKit, settings: Settings, step: Callable[[int], None] | None = None) -> None:
    """Do now the one-time work a first record of each kind would pay for.

    For every registered kind: build its validator, compile its template for
    the batch's locale and channel, and render its first example as a record
    is rendered (locale data read, formatter built, the reply's fields and,
    with ``review``, the reviewer loaded). A worker does this before it says
    it is ready, so its per-record timeout measures the record alone.
    ``step(i)`` is called before kind ``i``, for a watcher of a slow warm-up.
    A kind that fails here is left alone: its own records report the error.
    """
    for index, kind in enumerate(scenario_kinds()):
        if step is not None:
            step(index)
        with suppress(Exception):
            cls = scenario_class(kind)
            cls.model_rebuild()
            wanted = settings.channel
            channel = wanted if wanted in cls.channels else default_channel(cls)
            kit.template(kind, kit.resolve_locale(settings.locale)[1], channel)
            examples = cls.examples()
            if examples:
                reply = kit.render(examples[0], locale=settings.locale, channel=channel)
                reply_dict(reply, settings.fields)
                if settings.review:
                    reply.review().to_dict()


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
