"""``apologykit batch``: stream records in, write one JSON line out per record, in order.

Input is read lazily (JSON Lines or CSV), so memory stays flat however long the
file is. Every record gives exactly one output record, a reply or an error: a
bad record never stops the batch and is never dropped. ``--jobs N`` renders in
N processes with a bounded number of chunks in flight, so the output order is
the input order and a fast reader cannot fill memory ahead of slow workers.
"""

from __future__ import annotations

import json
import re
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from types import FrameType
from typing import Any, NamedTuple, cast

from .channels import Channel
from .dotted import nest
from .errors import ApologyKitError, InputError
from .jsontext import json_object, json_type
from .kit import ReplyKit
from .lines import Lines
from .output import Output
from .records import InputFormat, InputRecord, read_records
from .scenario import Scenario, parse_scenario

#: Records sent to a worker at once: large enough to amortise pickling.
CHUNK_SIZE = 128
#: Chunks in flight per worker: enough to keep workers busy, small enough for flat memory.
CHUNKS_IN_FLIGHT = 4


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


# -- rendering -------------------------------------------------------------------


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
        return True, _dump_reply(record.line, reply.to_dict())
    except ApologyKitError as exc:
        return False, _dump_error(record.line, exc.to_dict())
    except Exception as exc:  # a batch never stops at one record
        error = {"type": type(exc).__name__, "message": str(exc) or repr(exc), "fields": []}
        return False, _dump_error(record.line, error)


# One encoder for every record: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_SURROGATE = re.compile("[\ud800-\udfff]")


def _dump_reply(line: int, reply: dict[str, Any]) -> bytes:
    text = _ENCODER.encode({"line": line, "ok": True, "reply": reply}) + "\n"
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


def render_chunk(kit: ReplyKit, records: Iterable[InputRecord], settings: Settings) -> Chunk:
    """Render consecutive records into one block of JSON Lines."""
    rendered = failed = 0
    lines: list[bytes] = []
    for record in records:
        ok, line = render_record(kit, record, settings)
        lines.append(line)
        if ok:
            rendered += 1
        else:
            failed += 1
    return Chunk(rendered, failed, b"".join(lines))


_WORKER: tuple[ReplyKit, Settings] | None = None


def _start_worker(settings: Settings) -> None:
    """Build the worker's kit once; leave interrupts to the parent, which cleans up."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = (settings.make_kit(), settings)


def _render_in_worker(records: list[InputRecord]) -> Chunk:
    assert _WORKER is not None, "worker started without _start_worker"
    kit, settings = _WORKER
    return render_chunk(kit, records, settings)


def _chunks(records: Iterable[InputRecord]) -> Iterator[list[InputRecord]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK_SIZE)):
        yield chunk


def render_all(
    records: Iterable[InputRecord], settings: Settings, jobs: int = 1
) -> Iterator[Chunk]:
    """The output of every record, in input order, rendered in ``jobs`` processes."""
    if jobs <= 1:
        kit = settings.make_kit()
        for chunk in _chunks(records):
            yield render_chunk(kit, chunk, settings)
        return
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(settings,))
    try:
        pending: deque[Future[Chunk]] = deque()
        for chunk in _chunks(records):
            pending.append(pool.submit(_render_in_worker, chunk))
            if len(pending) >= jobs * CHUNKS_IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- writing ---------------------------------------------------------------------


@contextmanager
def batch_signals() -> Iterator[None]:
    """SIGTERM exits through ``SystemExit(143)``, so temporary files are removed on the way
    out; SIGXFSZ is ignored, so a file-size limit fails the write (EFBIG) instead of
    killing the process with its temporary file in place."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    previous_xfsz = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGXFSZ, previous_xfsz)


@dataclass
class Summary:
    """What a batch did, for the summary line and the exit status."""

    rendered: int = 0
    failed: int = 0


def run(
    lines: Lines,
    input_format: InputFormat,
    out: Output,
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Render every record of ``lines`` into ``out`` as JSON Lines; count the outcomes."""
    summary = Summary()
    shown = 0
    for chunk in render_all(read_records(lines, input_format), settings, jobs):
        out.write(chunk.data)
        summary.rendered += chunk.rendered
        summary.failed += chunk.failed
        if progress is not None and lines.position != shown:
            progress(lines.position - shown)
            shown = lines.position
    return summary
