"""What ``apologykit batch`` costs on top of the renders it does, and how it scales.

Generates N JSON Lines records (the built-in kinds' examples, English and
Arabic, e-mail and chat, unique ticket ids), then measures:

- in-process, per record in microseconds, each part timed alone: reading the
  JSON line, the render, the HTML (which ``to_dict()`` pays unless
  ``--fields`` leaves it out), and ``to_dict()`` with the encoded output line.
  Absolute costs, not a percentage, which rises whenever rendering gets faster;
- ``apologykit batch`` as a subprocess, ``--jobs 1`` (also with ``--fields
  text,subject``) and ``--jobs 2`` (reading, parsing, JSON output and
  interpreter start-up included);
- peak RSS of the batch process for N/10 and N records (streaming: it should
  not grow with the record count).

Targets from issue 5: IO overhead <= 25%, ``--jobs 2`` >= 1.7x on two cores,
peak RSS flat. Timings vary by machine; nothing here is asserted.

    python benchmarks/bench_batch.py [--records 100000] [--jobs 2] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

import apologykit as ak
from apologykit.batch.results import _dump_reply

SCRIPT = Path(sys.executable).parent / "apologykit"
KINDS = ("rude_agent", "delayed_response", "customer_at_fault", "missing_terms_info")
LOCALES = ("en-GB", "ar-SA", "en", "ar-EG")


def generate(path: Path, count: int) -> None:
    """``count`` varied, valid records, written as JSON Lines."""
    examples = {
        kind: ak.scenario_class(kind).examples()[0].model_dump(mode="json", exclude_unset=True)
        for kind in KINDS
    }
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            data: dict[str, Any] = dict(examples[KINDS[n % len(KINDS)]])
            data["ticket_id"] = f"CS-{n:07d}"
            data["locale"] = LOCALES[n % len(LOCALES)]
            data["channel"] = "chat" if n % 5 == 0 else "email"
            out.write(json.dumps(data, ensure_ascii=False) + "\n")


class Costs(NamedTuple):
    """Seconds for all records, for each part of what a batch does with them in-process."""

    json_in: float  # json.loads of each line
    render: float  # kit.render
    html: float  # Reply.html, paid by to_dict() unless --fields leaves it out
    json_out: float  # to_dict() and the encoded output line, html already built


def in_process(path: Path, repeat: int) -> Costs:
    """The parts of a batch record's cost, each timed alone over every record (best of repeat)."""
    kit = ak.ReplyKit()
    lines = path.read_text(encoding="utf-8").splitlines()
    best = Costs(*([float("inf")] * 4))
    for _ in range(repeat):
        started = time.perf_counter()
        records = []
        for line in lines:
            data = json.loads(line)
            records.append((data.pop("locale"), data.pop("channel"), data))
        json_in = time.perf_counter() - started
        render = html = json_out = 0.0
        for chunk in range(0, len(records), 1000):  # replies in memory a thousand at a time
            started = time.perf_counter()
            replies = [
                kit.render(data, locale=locale, channel=channel)
                for locale, channel, data in records[chunk : chunk + 1000]
            ]
            render += time.perf_counter() - started
            started = time.perf_counter()
            for reply in replies:
                reply.html  # noqa: B018 (the cached property is what is timed)
            html += time.perf_counter() - started
            started = time.perf_counter()
            for n, reply in enumerate(replies):
                _dump_reply(n, reply.to_dict())
            json_out += time.perf_counter() - started
        best = Costs(*map(min, zip(best, Costs(json_in, render, html, json_out), strict=True)))
    return best


# Runs a command and reports its time and peak RSS. A small, fresh process forks
# the batch: ru_maxrss counts the parent's memory copied at fork, before exec.
_LAUNCHER = """
import resource, subprocess, sys, time
started = time.perf_counter()
status = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, status)
"""


class Run(NamedTuple):
    seconds: float  # wall clock, best of the repeats
    cpu: float  # user + system seconds of the batch and its workers, in that run
    rss: float  # peak RSS in MiB (Linux reports KiB), largest of the repeats


def run_batch(path: Path, jobs: int, repeat: int, *options: str) -> Run:
    """Time, CPU and peak memory of ``apologykit batch`` in a fresh process."""
    output = path.with_suffix(f".out{jobs}.jsonl")
    command = [str(SCRIPT), "batch", str(path), "-o", str(output), "--jobs", str(jobs), *options]
    best = Run(float("inf"), 0.0, 0.0)
    for _ in range(repeat):
        report = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, *command], check=True, capture_output=True
        )
        elapsed, cpu, rss, status = report.stdout.split()
        if int(status) != 0:
            raise SystemExit(f"batch --jobs {jobs} exited {int(status)}")
        if float(elapsed) < best.seconds:
            best = Run(float(elapsed), float(cpu), best.rss)
        best = best._replace(rss=max(best.rss, int(rss) / 1024))
    output.unlink()
    return best


def startup() -> float:
    """Seconds to start the command and build a kit: paid once per batch."""
    started = time.perf_counter()
    subprocess.run([str(SCRIPT), "kinds"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--repeat", type=int, default=1, help="Runs per measurement; the best counts."
    )
    args = parser.parse_args()
    count: int = args.records
    small_count = max(count // 10, 1)

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "records.jsonl"
        small = Path(tmp) / "small.jsonl"
        generate(big, count)
        generate(small, small_count)
        start = startup()
        costs = in_process(big, args.repeat)
        serial = run_batch(big, 1, args.repeat)
        no_html = run_batch(big, 1, args.repeat, "--fields", "text,subject")
        parallel = run_batch(big, args.jobs, args.repeat)
        small_run = run_batch(small, 1, 1)

    per = 1e6 / count
    with_dict = sum(costs)
    rows = [
        ("per record, in-process: JSON in", f"{costs.json_in * per:6.1f} us"),
        ("  render", f"{costs.render * per:6.1f} us"),
        ("  html", f"{costs.html * per:6.1f} us"),
        ("  to_dict and JSON out", f"{costs.json_out * per:6.1f} us"),
        ("  all four", f"{with_dict * per:6.1f} us"),
        ("batch --jobs 1", f"{serial.seconds:.2f} s ({serial.seconds * per:.1f} us/record)"),
        ("  of which start-up (kinds)", f"{start:.2f} s"),
        (
            "  beyond the four parts, without start-up",
            f"{((serial.seconds - start) - with_dict) * per:+.1f} us/record",
        ),
        (
            "batch --jobs 1 --fields text,subject",
            f"{no_html.seconds:.2f} s ({no_html.seconds * per:.1f} us/record)",
        ),
        (
            f"batch --jobs {args.jobs}",
            f"{parallel.seconds:.2f} s, speed-up {serial.seconds / parallel.seconds:.2f}x",
        ),
        # Wall-clock speed-up needs idle cores; CPU seconds show the cost of the
        # processes themselves, whatever else the machine is doing.
        ("CPU seconds --jobs 1", f"{serial.cpu:.2f} s"),
        (f"CPU seconds --jobs {args.jobs} (all processes)", f"{parallel.cpu:.2f} s"),
        (f"peak RSS --jobs 1, {small_count:,} records", f"{small_run.rss:.0f} MiB"),
        (f"peak RSS --jobs 1, {count:,} records", f"{serial.rss:.0f} MiB"),
        (f"peak RSS --jobs {args.jobs}, {count:,} records", f"{parallel.rss:.0f} MiB (largest)"),
    ]
    print(f"records: {count:,}, cores: {os.cpu_count()}, best of {args.repeat}")
    for label, value in rows:
        print(f"{label:<40} {value}")


if __name__ == "__main__":
    main()
