"""Batch worker processes that can die or hang without costing more than their records.

``concurrent.futures`` loses every pending result when one worker dies
(``BrokenProcessPool``) and can hang on shutdown when a signal takes the
workers down; a worker stuck in a render cannot be stopped at all. This pool
runs one part (consecutive records) per worker at a time over its own pipe, so
the parent always knows which records a worker holds:

- a worker that dies (``kill -9``, the OOM killer) is replaced and its part
  runs again once; if that worker dies too, those records get error records;
- each worker says which record it is on through shared memory, so a record
  that renders longer than ``timeout`` gets an error record, its worker is
  killed and replaced, and the rest of its part runs in the new worker;
- closing the pool kills every worker without waiting on any of them.

A new worker warms up before it says it is ready (see
:func:`.rendering.warm_up`): each kind's validator built, its template
compiled, its example rendered. So the timeout measures a record, never the
one-time work its worker had left to do. A warm-up that stays on one kind
for ``WARM_UP_TIMEOUTS`` times ``timeout`` (a hang, not a busy machine) or
kills its worker is not tried again: the workers started after it go
without, and the kind at fault fails on its own records.

Workers are forked (the parent has no threads), and close every pipe end
that is not theirs, so a worker sees its pipe close when the parent dies.
SIGTERM and SIGINT are blocked while a worker is forked: one that arrives
then is handled once the parent knows the new worker (and can stop it),
and the worker gets it too, instead of living on outside a batch that has
ended. A worker also stops warming up as soon as its parent is gone.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import signal
import struct
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkProcess
from typing import Any

from ..errors import BatchWorkerError
from .readers import InputRecord
from .results import Chunk, Settings, failed_chunk, joined, render_chunk, warm_up

#: How often the parent looks at the workers' progress when no result arrives.
POLL_SECONDS = 0.2
#: Workers that may die before ever being ready before the batch gives up.
MAX_DEATHS_BEFORE_READY = 5
#: Timeouts one kind's warm-up may take (a validator build, a compile and a render,
#: each slower than a record) before the worker is replaced and warm-ups stop.
WARM_UP_TIMEOUTS = 10
#: The signals a batch stops on, held back while a worker is forked.
_STOP_SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT})
#: Where a worker is: (part serial << 20) | record index, one 8-byte slot per worker;
#: serial 0 while it warms up (the index is then the kind's), -1 while it builds its kit.
_SLOT = struct.Struct("q")
_INDEX_BITS = 20


@dataclass(eq=False)
class _Part:
    """Consecutive records of one chunk, rendered by one worker."""

    records: list[InputRecord]
    retried: bool = False
    result: Chunk | None = None


@dataclass(eq=False)
class _Chunk:
    """One chunk of input, in output order; its parts split when a record times out."""

    parts: list[_Part]

    def done(self) -> bool:
        return all(part.result is not None for part in self.parts)

    def output(self) -> Chunk:
        return joined(part.result for part in self.parts if part.result is not None)


@dataclass(eq=False)
class _Worker:
    slot: int
    process: ForkProcess
    conn: Connection
    ready: bool = False
    part: _Part | None = None
    chunk: _Chunk | None = None
    serial: int = 0
    seen: int = -1
    seen_at: float = field(default_factory=time.monotonic)


class WorkerPool:
    """``jobs`` forked workers rendering parts of chunks; results come back in input order."""

    def __init__(
        self, jobs: int, settings: Settings, timeout: float | None, in_flight: int
    ) -> None:
        self._settings = settings
        self._timeout = timeout
        self._in_flight = in_flight
        self._progress = mmap.mmap(-1, _SLOT.size * jobs)
        self._context = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []
        self._serial = 0
        self._deaths_before_ready = 0
        #: Whether new workers warm up; off once a warm-up hung or killed its worker.
        self._warm_up = True
        for slot in range(jobs):
            self._start(slot)

    # -- the parent's side ----------------------------------------------------------

    def render(self, chunks: Iterable[list[InputRecord]]) -> Iterator[Chunk]:
        """Every chunk's output, in input order, with at most ``in_flight`` chunks read ahead."""
        source = iter(chunks)
        ordered: deque[_Chunk] = deque()
        waiting: deque[tuple[_Chunk, _Part]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(ordered) < self._in_flight:
                records = next(source, None)
                if records is None:
                    exhausted = True
                    break
                chunk = _Chunk([_Part(records)])
                ordered.append(chunk)
                waiting.append((chunk, chunk.parts[0]))
            for worker in self._workers:
                if worker.ready and worker.part is None and waiting:
                    self._assign(worker, *waiting.popleft())
            while ordered and ordered[0].done():
                yield ordered.popleft().output()
            if exhausted and not ordered:
                return
            self._wait(waiting)

    def close(self) -> None:
        """Stop every worker now: nothing they hold is needed any more."""
        for worker in self._workers:
            self._stop(worker)
        self._workers = []
        self._progress.close()

    def _assign(self, worker: _Worker, chunk: _Chunk, part: _Part) -> None:
        self._serial += 1
        worker.serial, worker.part, worker.chunk = self._serial, part, chunk
        worker.seen, worker.seen_at = -1, time.monotonic()
        with suppress(OSError):  # it died: the wait sees its sentinel and runs the part again
            worker.conn.send((self._serial, part.records))

    def _wait(self, waiting: deque[tuple[_Chunk, _Part]]) -> None:
        by_handle: dict[Any, _Worker] = {}
        for worker in self._workers:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        for handle in wait(list(by_handle), timeout=POLL_SECONDS):
            worker = by_handle[handle]
            if worker not in self._workers:
                continue  # already replaced through its other handle
            if handle is worker.conn or worker.conn.poll():
                self._receive(worker, waiting)
            else:
                self._died(worker, waiting)
        if self._timeout is not None:
            for worker in list(self._workers):
                self._check_time(worker, waiting)

    def _receive(self, worker: _Worker, waiting: deque[tuple[_Chunk, _Part]]) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._died(worker, waiting)
            return
        if isinstance(message, BatchWorkerError):  # the worker could not build its kit
            raise message
        if message is None:
            worker.ready = True
            self._deaths_before_ready = 0
            return
        if worker.part is not None:
            worker.part.result = message
        worker.part = worker.chunk = None

    def _died(self, worker: _Worker, waiting: deque[tuple[_Chunk, _Part]]) -> None:
        """Replace a dead worker; run its part once more, or fail exactly those records."""
        part, chunk = worker.part, worker.chunk
        worker.process.join(timeout=5)  # for its exit status
        if not worker.ready:
            if _warming(self._where(worker)):
                self._warm_up = False
            self._deaths_before_ready += 1
            if self._deaths_before_ready > MAX_DEATHS_BEFORE_READY:
                raise BatchWorkerError(
                    f"batch workers keep dying while they start ({_how(worker.process.exitcode)}); "
                    "try --jobs 1 to see why"
                )
        self._replace(worker)
        if part is None or chunk is None:
            return
        if not part.retried:
            part.retried = True
            waiting.appendleft((chunk, part))
            return
        first, last = part.records[0].line, part.records[-1].line
        part.result = failed_chunk(
            part.records,
            BatchWorkerError(
                f"the worker process rendering lines {first}-{last} died twice "
                f"({_how(worker.process.exitcode)}); these records were not rendered. "
                "Run them again on their own to find the one that kills it"
            ),
        )

    def _where(self, worker: _Worker) -> int:
        (where,) = _SLOT.unpack_from(self._progress, worker.slot * _SLOT.size)
        return int(where)

    def _check_time(self, worker: _Worker, waiting: deque[tuple[_Chunk, _Part]]) -> None:
        if not worker.ready:
            self._check_warm_up(worker)
            return
        part, chunk = worker.part, worker.chunk
        if part is None or chunk is None or self._timeout is None:
            return
        where = self._where(worker)
        now = time.monotonic()
        if where != worker.seen:
            worker.seen, worker.seen_at = where, now
            return
        serial, index = where >> _INDEX_BITS, where & ((1 << _INDEX_BITS) - 1)
        if serial != worker.serial or index >= len(part.records):
            return  # not started yet (building its kit), or done and sending
        if now - worker.seen_at <= self._timeout:
            return
        self._replace(worker)
        slow = part.records[index]
        timed_out = _Part(
            [slow],
            result=failed_chunk(
                [slow],
                BatchWorkerError(
                    f"line {slow.line} took longer than {self._timeout:g} s to render "
                    "(--timeout); its worker was stopped and the batch went on"
                ),
            ),
        )
        before, after = part.records[:index], part.records[index + 1 :]
        pieces = [_Part(before)] if before else []
        pieces.append(timed_out)
        pieces += [_Part(after)] if after else []
        at = chunk.parts.index(part)
        chunk.parts[at : at + 1] = pieces
        for piece in reversed(pieces):
            if piece.result is None:
                waiting.appendleft((chunk, piece))

    def _check_warm_up(self, worker: _Worker) -> None:
        """Replace a worker stuck on one kind of its warm-up; the next ones skip it."""
        where, now = self._where(worker), time.monotonic()
        if where != worker.seen:
            worker.seen, worker.seen_at = where, now
            return
        if self._timeout is None or not _warming(where):
            return
        if now - worker.seen_at <= self._timeout * WARM_UP_TIMEOUTS:
            return
        self._warm_up = False
        self._replace(worker)

    # -- starting and stopping workers ---------------------------------------------

    def _start(self, slot: int) -> None:
        _SLOT.pack_into(self._progress, slot * _SLOT.size, -1)
        parent_end, child_end = self._context.Pipe()
        others = [worker.conn for worker in self._workers] + [parent_end]
        process = self._context.Process(
            target=_work,
            args=(
                child_end, others, self._progress, slot, self._settings, self._warm_up,
                os.getpid(),
            ),
            daemon=True,
        )  # fmt: skip
        worker = _Worker(slot, process, parent_end)
        self._workers.append(worker)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        child_end.close()

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker)
        self._workers.remove(worker)
        self._start(worker.slot)

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.process.pid is not None:  # started
            if worker.process.exitcode is None:
                worker.process.kill()
            worker.process.join(timeout=5)
        worker.conn.close()


def _warming(where: int) -> bool:
    """Whether a progress slot says its worker is warming up (serial 0)."""
    return 0 <= where < 1 << _INDEX_BITS


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"killed by {signal.Signals(-exitcode).name}"
    return f"exit status {exitcode}"


# -- the worker's side -------------------------------------------------------------


def _work(
    conn: Connection,
    others: list[Connection],
    progress: mmap.mmap,
    slot: int,
    settings: Settings,
    warm: bool,
    parent: int,
) -> None:
    """A worker's life: build a kit, warm it up (when ``warm``), say it is ready, then
    render each part it is sent until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles interrupts and cleans up
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # held back by the fork
    for other in others:
        other.close()
    offset = slot * _SLOT.size
    try:
        kit = settings.make_kit()
    except Exception as exc:
        conn.send(BatchWorkerError(f"a batch worker could not build its kit: {exc}"))
        return
    serial = 0

    def starting(index: int) -> None:
        _SLOT.pack_into(progress, offset, (serial << _INDEX_BITS) | index)

    def warming(index: int) -> None:
        if os.getppid() != parent:
            os._exit(0)  # the batch is over: no one will send records
        starting(index)  # serial 0: the parent reads a kind, not a record

    if warm:
        warm_up(kit, settings, warming)
        _SLOT.pack_into(progress, offset, -1)
    try:
        conn.send(None)  # ready
    except OSError:
        os._exit(0)  # the parent is gone

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            os._exit(0)  # the parent is gone
        serial, records = message
        conn.send(render_chunk(kit, records, settings, starting))
