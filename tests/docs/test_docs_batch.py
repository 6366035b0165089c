"""docs/batch.md runs as written: its input files, commands, summaries and records are real.

The commands run from a copy of ``docs/examples`` (so nothing is written into
the docs), in order, then the Python blocks run there as one script. A record
shown as ``"..."`` is checked for presence only: the reply texts belong to the
templates, whose own tests pin them.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from apologykit.cli import cli
from apologykit.model.scenario import unregister

DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC = DOCS / "batch.md"
EXAMPLES = DOCS / "examples"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.DOTALL | re.MULTILINE)
SUMMARY = re.compile(r"^rendered (\d+), failed (\d+), \d+\.\d\d s$")


def _fences() -> list[tuple[str, str, str]]:
    return FENCE.findall(DOC.read_text(encoding="utf-8"))


@pytest.fixture
def examples_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path / "examples")
    yield tmp_path / "examples"
    unregister("missed_appointment")
    for name in list(sys.modules):
        if name.startswith("apologykit_scenarios_"):
            del sys.modules[name]


def test_every_shown_input_file_is_the_example_file() -> None:
    shown = {
        match.group(1): body
        for _lang, info, body in _fences()
        if (match := re.search(r"file=(\S+)", info))
    }
    assert set(shown) == {"tickets.jsonl", "tickets.csv"}
    for name, body in shown.items():
        assert (EXAMPLES / name).read_text(encoding="utf-8") == body, f"{name} differs"


def test_the_commands_records_and_python_blocks_run_as_shown(examples_copy: Path) -> None:
    commands = [body for lang, _info, body in _fences() if lang == "console"]
    assert len(commands) >= 2
    for block in commands:
        command, expected = block.strip().split("\n")
        args = shlex.split(command.removeprefix("$ "))
        assert args[0] == "apologykit"
        result = CliRunner().invoke(cli, args[1:], catch_exceptions=False)
        shown = SUMMARY.match(expected)
        assert shown, expected
        assert SUMMARY.search(result.stderr), result.output
        got = SUMMARY.search(result.stderr)
        assert got is not None and got.groups() == shown.groups(), result.stderr
        assert result.exit_code == (1 if int(shown.group(2)) else 0)

    for _lang, info, body in _fences():
        match = re.search(r"record=(\S+):(\d+)", info)
        if match:
            # record=FILE:N shows the output record of input line N
            output = (examples_copy / match.group(1)).read_text(encoding="utf-8")
            records = [json.loads(line) for line in output.splitlines()]
            found = [record for record in records if record["line"] == int(match.group(2))]
            assert len(found) == 1, info
            _assert_shown(json.loads(body), found[0])

    blocks = [body for lang, info, body in _fences() if lang == "python"]
    assert blocks
    namespace: dict[str, object] = {"__name__": "batch_md"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{DOC.name} block {number}", "exec"), namespace)


def _assert_shown(shown: Any, actual: Any, path: str = "") -> None:
    """``actual`` is what the docs show, where ``"..."`` stands for any value."""
    if shown == "...":
        return
    if isinstance(shown, dict):
        assert isinstance(actual, dict) and set(shown) == set(actual), path
        for key in shown:
            _assert_shown(shown[key], actual[key], f"{path}.{key}")
    else:
        assert shown == actual, path
