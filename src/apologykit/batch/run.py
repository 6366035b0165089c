"""``apologykit batch``: stream records in, write one JSON line out per record, in order.

Input is read lazily (JSON Lines or CSV), so memory stays flat however long the
file is. Every record gives exactly one output record, a reply or an error: a
bad record never stops the batch and is never dropped. ``--jobs N`` renders in
N worker processes (:mod:`.workers`) with a bounded number of chunks in flight,
so the output order is the input order and a fast reader cannot fill memory
ahead of slow workers; a worker that dies or hangs costs only its records.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from types import FrameType

from ..renderer.limits import RECORD_TIMEOUT
from .lines import Lines
from .readers import InputFormat, InputRecord, read_records
from .results import (
    Chunk,
    Settings,
    default_channel,
    render_chunk,
    render_record,
    unencodable,
)
from .sinks import Output

__all__ = [
    "Chunk",
    "Settings",
    "Summary",
    "batch_signals",
    "default_channel",
    "render_all",
    "render_chunk",
    "render_record",
    "run",
    "unencodable",
]

#: Records sent to a worker at once: large enough to amortise pickling.
CHUNK_SIZE = 128
#: Chunks in flight per worker: enough to keep workers busy, small enough for flat memory.
CHUNKS_IN_FLIGHT = 4
#: Seconds one record may take to render in a worker (``--timeout``); a render takes milliseconds.
DEFAULT_TIMEOUT = RECORD_TIMEOUT


def _chunks(records: Iterable[InputRecord]) -> Iterator[list[InputRecord]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK_SIZE)):
        yield chunk


def render_all(
    records: Iterable[InputRecord],
    settings: Settings,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[Chunk]:
    """The output of every record, in input order, rendered in ``jobs`` processes.

    With ``jobs`` above 1, a record that renders longer than ``timeout`` seconds
    gets an error record and its worker is replaced (see :mod:`.workers`); in
    one process there is no one to stop it, so ``timeout`` does not apply.
    """
    if jobs <= 1:
        kit = settings.make_kit()
        for chunk in _chunks(records):
            yield render_chunk(kit, chunk, settings)
        return
    from .workers import WorkerPool  # multiprocessing loads only for --jobs 2 or more

    pool = WorkerPool(jobs, settings, timeout, in_flight=jobs * CHUNKS_IN_FLIGHT)
    try:
        yield from pool.render(_chunks(records))
    finally:
        pool.close()


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
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Summary:
    """Render every record of ``lines`` into ``out`` as JSON Lines; count the outcomes."""
    summary = Summary()
    shown = 0
    for chunk in render_all(read_records(lines, input_format), settings, jobs, timeout):
        out.write(chunk.data)
        summary.rendered += chunk.rendered
        summary.failed += chunk.failed
        if progress is not None and lines.position != shown:
            progress(lines.position - shown)
            shown = lines.position
    return summary
