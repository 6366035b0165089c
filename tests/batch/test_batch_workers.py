"""``batch --jobs N`` when workers die, hang, or the whole process group is told to stop.

Each case runs the installed command in a subprocess. The waits below are
bounds on a hang, not timings: every assertion is about what the user gets.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from apologykit.batch import run as batch

SCRIPT = Path(sys.executable).parent / "apologykit"
GOOD = {"kind": "rude_agent", "customer": {"name": "Sara", "gender": "female"}}

#: A company scenario module (loaded with --scenarios) that makes chosen records
#: misbehave inside the worker rendering them, as a hostile template could.
SABOTAGE = """
import os, signal, time
from apologykit.renderer.kit import ReplyKit

_render = ReplyKit.render

def render(self, scenario, *args, **kwargs):
    name = getattr(getattr(scenario, "customer", None), "name", "")
    if name == "KILL":
        os.kill(os.getpid(), signal.SIGKILL)
    if name == "HANG":
        time.sleep(600)
    if name == "PAUSE":  # keeps the batch busy long enough to kill a worker
        time.sleep(3)
    return _render(self, scenario, *args, **kwargs)

ReplyKit.render = render
"""


def write_tickets(path: Path, names: list[str]) -> Path:
    lines = [json.dumps({**GOOD, "customer": {"name": name}}) for name in names]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sabotage(tmp_path: Path) -> Path:
    module = tmp_path / "sabotage.py"
    module.write_text(SABOTAGE, encoding="utf-8")
    return module


def out_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_batch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *map(str, args)], capture_output=True, text=True, check=False, timeout=300
    )


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def wait_for(condition: Any, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert process.poll() is None, f"the batch ended before {what}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


# -- a worker that dies ------------------------------------------------------------------


def test_a_worker_killed_mid_batch_loses_nothing(tmp_path: Path) -> None:
    count = 3_000
    names = [f"Customer {n}" for n in range(count)]
    names[1_000] = "PAUSE"
    source = write_tickets(tmp_path / "big.jsonl", names)
    output = tmp_path / "drafts.jsonl"
    process = subprocess.Popen(
        [str(SCRIPT), "--scenarios", str(sabotage(tmp_path)), "batch", str(source),
         "-o", str(output), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    parts = f".{output.name}.*.part"
    wait_for(lambda: any(p.stat().st_size for p in tmp_path.glob(parts)), process, "output")
    workers = children(process.pid)
    assert workers, "no worker processes"
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()
    out = out_records(output)
    assert [r["line"] for r in out] == list(range(1, count + 1))
    assert all(r["ok"] for r in out)


def test_a_record_that_kills_its_worker_twice_costs_only_its_chunk(tmp_path: Path) -> None:
    size = batch.CHUNK_SIZE
    names = [f"Customer {n}" for n in range(size * 3)]
    killer = size + 5  # in the second chunk
    names[killer] = "KILL"
    source = write_tickets(tmp_path / "tickets.jsonl", names)
    output = tmp_path / "drafts.jsonl"
    result = run_batch(
        "--scenarios", sabotage(tmp_path), "batch", source, "-o", output, "--jobs", "2"
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    out = out_records(output)
    assert [r["line"] for r in out] == list(range(1, size * 3 + 1))
    failed = [r["line"] for r in out if not r["ok"]]
    assert failed == list(range(size + 1, 2 * size + 1))  # exactly the lines of that chunk
    error = out[killer]["error"]
    assert error["type"] == "BatchWorkerError"
    assert "died twice" in error["message"] and "SIGKILL" in error["message"]


# -- a record that hangs -------------------------------------------------------------------


def test_a_record_past_the_timeout_gets_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    names = [f"Customer {n}" for n in range(300)]
    names[10] = "HANG"
    names[200] = "HANG"
    source = write_tickets(tmp_path / "tickets.jsonl", names)
    output = tmp_path / "drafts.jsonl"
    result = run_batch(
        "--scenarios", sabotage(tmp_path), "batch", source, "-o", output,
        "--jobs", "2", "--timeout", "1",
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    out = out_records(output)
    assert [r["line"] for r in out] == list(range(1, 301))
    assert [r["line"] for r in out if not r["ok"]] == [11, 201]
    assert "took longer than 1 s" in out[10]["error"]["message"]
    assert "--timeout" in out[200]["error"]["message"]


def test_timeout_must_be_positive(tmp_path: Path) -> None:
    source = write_tickets(tmp_path / "tickets.jsonl", ["Sara"])
    result = run_batch("batch", source, "--timeout", "0")
    assert result.returncode == 2
    assert "--timeout" in result.stderr


# -- stopping the whole group ---------------------------------------------------------------

PARTS = ".drafts.jsonl.*.part"


def live_members(group: int) -> list[int]:
    """Processes of a process group that are still running (zombies are finished)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_sigterm_to_the_process_group_always_exits_and_cleans_up(tmp_path: Path) -> None:
    source = write_tickets(tmp_path / "big.jsonl", [f"Customer {n}" for n in range(100_000)])
    output = tmp_path / "drafts.jsonl"
    for run in range(6):
        output.write_text("previous run\n", encoding="utf-8")
        process = subprocess.Popen(
            [str(SCRIPT), "batch", str(source), "-o", str(output), "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        wait_for(lambda: list(tmp_path.glob(PARTS)), process, "the temporary output")
        time.sleep(0.1 * run)  # stop it at different moments
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"run {run}: the batch did not exit after SIGTERM")
        assert process.returncode == 128 + signal.SIGTERM, run
        assert not list(tmp_path.glob(PARTS)), run
        assert output.read_text(encoding="utf-8") == "previous run\n"
        assert live_members(process.pid) == [], run  # no worker left behind
