"""Records per second and peak memory per worker: Dask LocalCluster with 1 and 2 worker
processes against ``apologykit batch --jobs 1`` and ``--jobs 2``, on the same CSV, in one run.

The records are generated (every kind, both languages, one in seven bad; see
``tests/scale_records.py``) and written once as a batch CSV. Each engine reads
that file and writes its drafts to disk:

- ``batch --jobs J``: the command, in a child process; peak memory is the
  largest resident size of any of its processes (the reader or a worker);
- ``dask W``: ``dd.read_csv`` -> ``render_frame`` -> ``to_csv`` on a fresh
  ``LocalCluster(n_workers=W, processes=True, threads_per_worker=1)``; peak
  memory is the largest resident size of any worker process. Cluster start-up
  is not timed.

The issue asks for 1M records; at a few thousand records per second that is
over five minutes per engine here, so the default is 20,000 (200,000 took
about three minutes for all four runs): pass ``--records 1000000`` on a
machine with the time. A Dask worker's memory follows its partition size, not
the number of records: raise ``--partitions`` with ``--records`` to keep it flat.

    python benchmarks/bench_dask.py [--records N] [--partitions P]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dask.dataframe
from dask.distributed import Client, LocalCluster

import apologykit as ak
from apologykit.dask import render_frame

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from scale_records import rows, write_csv

#: Runs the batch command and prints the largest resident size (KiB) of it or any worker.
BATCH_WRAPPER = """\
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "apologykit", "batch", *sys.argv[1:]], check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_batch(source: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak MiB of one ``apologykit batch --jobs`` run."""
    started = time.perf_counter()
    ran = subprocess.run(
        [sys.executable, "-c", BATCH_WRAPPER, str(source), "-o", str(out), "--jobs", str(jobs)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    return seconds, int(ran.stdout.split()[-1]) / 1024


def peak_mib() -> float:
    """This process's largest resident size so far, in MiB (run on each worker)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(source: Path, out: Path, workers: int, partitions: int) -> tuple[float, float]:
    """Seconds and the largest worker's peak MiB of one Dask run on a fresh cluster."""
    with (
        LocalCluster(
            n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        size = source.stat().st_size
        frame = dask.dataframe.read_csv(
            source, dtype=str, keep_default_na=False, blocksize=max(size // partitions, 1 << 16)
        )
        started = time.perf_counter()
        drafts = render_frame(frame, ak.ReplyKit(), fields=["locale", "subject", "text"])
        drafts["error"] = drafts["error"].map(json.dumps, meta=("error", object))
        drafts.to_csv(str(out / "part-*.csv"), index=False)
        seconds = time.perf_counter() - started
        peaks = client.run(peak_mib)
    return seconds, max(peaks.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--partitions", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        source = directory / "tickets.csv"
        write_csv(rows(args.records), source)
        print(f"{args.records:,} records ({source.stat().st_size / 2**20:.1f} MiB of CSV)")
        print(f"{'engine':<16}{'seconds':>9}{'records/s':>11}{'speed-up':>10}{'peak MiB':>10}")
        results: dict[str, tuple[float, float]] = {}
        for jobs in (1, 2):
            results[f"batch --jobs {jobs}"] = run_batch(source, directory / "batch.jsonl", jobs)
        for workers in (1, 2):
            out = directory / f"dask-{workers}"
            out.mkdir()
            results[f"dask {workers} worker{'s' * (workers > 1)}"] = run_dask(
                source, out, workers, args.partitions
            )
        baselines = {"batch": results["batch --jobs 1"][0], "dask": results["dask 1 worker"][0]}
        for name, (seconds, peak) in results.items():
            speed_up = baselines[name.split()[0]] / seconds
            print(
                f"{name:<16}{seconds:>9.1f}{args.records / seconds:>11,.0f}"
                f"{speed_up:>9.2f}x{peak:>10.0f}"
            )


if __name__ == "__main__":
    main()
