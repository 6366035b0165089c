"""``apologykit batch``: stream records in, write one JSON line out per record, in order.

Input is read lazily (JSON Lines or CSV), so memory stays flat however long the
file is. Every record gives exactly one output record, a reply or an error: a
bad record never stops the batch and is never dropped. ``--jobs N`` renders in
N processes with a bounded number of chunks in flight, so the output order is
the input order and a fast reader cannot fill memory ahead of slow workers.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from types import FrameType
from typing import IO, Any, Literal, NamedTuple, TextIO

from .errors import ApologyKitError, InputError, ScenarioError
from .kit import ReplyKit
from .scenario import Scenario, parse_scenario

InputFormat = Literal["jsonl", "csv"]

#: File extensions that name an input format.
FORMATS_BY_SUFFIX: dict[str, InputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
}

#: Records sent to a worker at once: large enough to amortise pickling.
CHUNK_SIZE = 128
#: Chunks in flight per worker: enough to keep workers busy, small enough for flat memory.
CHUNKS_IN_FLIGHT = 4


class Record(NamedTuple):
    """One input record as read: a JSON line or CSV cells, parsed where it is rendered.

    Parsing in the worker keeps the reading process light, so ``--jobs``
    scales; ``error`` is set when the record could not even be read.
    """

    line: int
    text: str | None = None
    pairs: list[tuple[str, str]] | None = None
    error: dict[str, Any] | None = None


class Chunk(NamedTuple):
    """Consecutive output records, serialised (in the worker, to share the cost)."""

    rendered: int
    failed: int
    text: str


@dataclass(frozen=True)
class Settings:
    """What every record shares: how to build the kit, the default locale and channel.

    ``make_kit`` must be picklable (a module-level function or a
    :func:`functools.partial`): each worker process calls it once.
    """

    make_kit: Callable[[], ReplyKit]
    locale: str | None = None
    channel: str | None = None


# -- dotted paths ----------------------------------------------------------------


def nest(pairs: Iterable[tuple[str, str]], base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Nested data from ``customer.name=Sara``-style pairs, laid over ``base``.

    Numeric parts index lists (``options.0.type``). Values stay strings: the
    scenario model types them, so ``waited=P3D`` and ``amount=12.50`` parse as
    pydantic parses JSON strings.
    """
    tree: dict[str, Any] = {}
    for path, value in pairs:
        parts = path.split(".")
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


# -- reading ---------------------------------------------------------------------


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


def read_records(lines: Lines, input_format: InputFormat) -> Iterator[Record]:
    """The records of a JSON Lines or CSV stream, lazily, numbered by input line."""
    return _read_jsonl(lines) if input_format == "jsonl" else _read_csv(lines)


def _error(line: int, message: str) -> Record:
    return Record(line, error=InputError(message).to_dict())


def _read_jsonl(lines: Lines) -> Iterator[Record]:
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue  # a blank line is not a record
        bad = lines.bad(number, number)
        yield _error(number, bad) if bad else Record(number, text=text)


def _json_type(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _read_csv(lines: Lines) -> Iterator[Record]:
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
            yield Record(start, pairs=pairs)


def _check_header(row: list[str], line: int) -> list[str]:
    header = [name.strip() for name in row]
    for position, name in enumerate(header, 1):
        if not name:
            raise InputError(f"CSV header (line {line}): column {position} has no name")
        if header.index(name) != position - 1:
            raise InputError(f"CSV header (line {line}): column {name!r} appears twice")
    return header


# -- rendering -------------------------------------------------------------------


def default_channel(scenario: type[Scenario]) -> str:
    """E-mail when the kind has it, else its first channel."""
    return "email" if "email" in scenario.channels else scenario.channels[0]


def _payload(record: Record) -> tuple[dict[str, Any], str | None, str | None]:
    """The scenario data of a record, and its own ``locale`` and ``channel`` if it has them."""
    if record.pairs is not None:
        data = nest(record.pairs)
    else:
        try:
            data = json.loads(record.text or "")
        except json.JSONDecodeError as exc:
            raise InputError(
                f"line {record.line} is not valid JSON: {exc.msg} at column {exc.colno}"
            ) from None
        if not isinstance(data, dict):
            raise InputError(f"line {record.line} must be a JSON object, not {_json_type(data)}")
    overrides: list[str | None] = []
    for key in ("locale", "channel"):
        value = data.pop(key, None)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{key} must be a string, not {_json_type(value)}", (key,))
        overrides.append(value or None)
    return data, overrides[0], overrides[1]


def render_record(kit: ReplyKit, record: Record, settings: Settings) -> tuple[bool, str]:
    """Whether ``record`` rendered, and its output line; any failure is an error record."""
    if record.error is not None:
        return False, _dump(record.line, False, "error", record.error)
    try:
        data, locale, channel = _payload(record)
        scenario = parse_scenario(data)
        channel = channel or settings.channel or default_channel(type(scenario))
        reply = kit.render(scenario, locale=locale or settings.locale, channel=channel)
        return True, _dump(record.line, True, "reply", reply.to_dict())
    except ApologyKitError as exc:
        return False, _dump(record.line, False, "error", exc.to_dict())
    except Exception as exc:  # a batch never stops at one record
        error = {"type": type(exc).__name__, "message": str(exc) or repr(exc), "fields": []}
        return False, _dump(record.line, False, "error", error)


# One encoder for every record: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dump(line: int, ok: bool, key: str, value: Any) -> str:
    return _ENCODER.encode({"line": line, "ok": ok, key: value}) + "\n"


def render_chunk(kit: ReplyKit, records: Iterable[Record], settings: Settings) -> Chunk:
    """Render consecutive records into one block of JSON Lines."""
    rendered = failed = 0
    lines: list[str] = []
    for record in records:
        ok, line = render_record(kit, record, settings)
        lines.append(line)
        if ok:
            rendered += 1
        else:
            failed += 1
    return Chunk(rendered, failed, "".join(lines))


_WORKER: tuple[ReplyKit, Settings] | None = None


def _start_worker(settings: Settings) -> None:
    """Build the worker's kit once; leave interrupts to the parent, which cleans up."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = (settings.make_kit(), settings)


def _render_in_worker(records: list[Record]) -> Chunk:
    assert _WORKER is not None, "worker started without _start_worker"
    kit, settings = _WORKER
    return render_chunk(kit, records, settings)


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK_SIZE)):
        yield chunk


def render_all(records: Iterable[Record], settings: Settings, jobs: int = 1) -> Iterator[Chunk]:
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
def atomic_output(path: Path) -> Iterator[TextIO]:
    """A file beside ``path`` renamed onto it at the end: a crash leaves no half file."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def exit_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into ``SystemExit(143)`` so temporary files are removed on the way out."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class Summary:
    """What a batch did, for the summary line and the exit status."""

    rendered: int = 0
    failed: int = 0


def run(
    lines: Lines,
    input_format: InputFormat,
    out: TextIO,
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Render every record of ``lines`` into ``out`` as JSON Lines; count the outcomes."""
    summary = Summary()
    shown = 0
    for chunk in render_all(read_records(lines, input_format), settings, jobs):
        out.write(chunk.text)
        summary.rendered += chunk.rendered
        summary.failed += chunk.failed
        if progress is not None and lines.position != shown:
            progress(lines.position - shown)
            shown = lines.position
    return summary
