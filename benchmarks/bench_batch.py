"""What ``apologykit batch`` costs on top of the renders it does, and how it scales.

Generates N JSON Lines records (the built-in kinds' examples, English and
Arabic, e-mail and chat, unique ticket ids), then measures:

- in-process: ``kit.render(...).to_dict()`` for every record, already parsed
  into dicts before the clock starts (the same replies batch writes);
- ``apologykit batch`` as a subprocess, ``--jobs 1`` and ``--jobs 2``
  (reading, parsing, JSON output and interpreter start-up included);
- peak RSS of the batch process for N/10 and N records (streaming: it should
  not grow with the record count).

Targets from issue 5: IO overhead <= 25%, ``--jobs 2`` >= 1.7x on two cores,
peak RSS flat. Timings vary by machine; nothing here is asserted.

    python benchmarks/bench_batch.py [--records 100000] [--jobs 2]
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
from typing import Any

import apologykit as ak

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


def in_process(path: Path) -> tuple[float, float]:
    """Seconds for the renders alone, and for renders plus ``to_dict()`` (html included)."""
    kit = ak.ReplyKit()
    records = []
    with path.open(encoding="utf-8") as source:
        for line in source:
            data = json.loads(line)
            records.append((data.pop("locale"), data.pop("channel"), data))
    started = time.perf_counter()
    for locale, channel, data in records:
        kit.render(data, locale=locale, channel=channel)
    render_only = time.perf_counter() - started
    started = time.perf_counter()
    for locale, channel, data in records:
        kit.render(data, locale=locale, channel=channel).to_dict()
    return render_only, time.perf_counter() - started


def run_batch(path: Path, jobs: int) -> tuple[float, float]:
    """Wall-clock seconds and peak RSS (MiB) of one ``apologykit batch`` process."""
    output = path.with_suffix(f".out{jobs}.jsonl")
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(SCRIPT), "batch", str(path), "-o", str(output), "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"batch --jobs {jobs} exited {process.returncode}")
    output.unlink()
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def startup() -> float:
    """Seconds to start the command and build a kit: paid once per batch."""
    started = time.perf_counter()
    subprocess.run([str(SCRIPT), "kinds"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    count: int = args.records
    small_count = max(count // 10, 1)

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "records.jsonl"
        small = Path(tmp) / "small.jsonl"
        generate(big, count)
        generate(small, small_count)
        render_only, with_dict = in_process(big)
        start = startup()
        serial, rss_big = run_batch(big, 1)
        parallel, _ = run_batch(big, args.jobs)
        _, rss_small = run_batch(small, 1)

    per = 1e6 / count
    print(f"records: {count:,} (cores: {os.cpu_count()})")
    print(
        f"in-process render:            {render_only:7.2f} s  ({render_only * per:.0f} us/record)"
    )
    print(f"in-process render + to_dict:  {with_dict:7.2f} s  ({with_dict * per:.0f} us/record)")
    print(f"batch --jobs 1:               {serial:7.2f} s  ({serial * per:.0f} us/record)")
    print(f"  start-up (kinds):           {start:7.2f} s")
    print(f"IO overhead vs render+to_dict: {serial / with_dict - 1:+.1%}")
    print(f"  without start-up:            {(serial - start) / with_dict - 1:+.1%}")
    print(
        f"batch --jobs {args.jobs}:               {parallel:7.2f} s  speed-up {serial / parallel:.2f}x"
    )
    print(
        f"peak RSS --jobs 1: {rss_small:.0f} MiB at {small_count:,}, {rss_big:.0f} MiB at {count:,}"
    )


if __name__ == "__main__":
    main()
