"""Hostile and careless input to ``batch`` and ``render``: each gives a clear error, never a
traceback, and in a batch every other record still gets its output record.

Each case runs the installed command in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(sys.executable).parent / "apologykit"
GOOD = {"kind": "rude_agent", "customer": {"name": "Sara", "gender": "female"}}
GOOD_LINE = json.dumps(GOOD)


def command(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(SCRIPT), *map(str, args)], input=stdin, capture_output=True, check=False, timeout=300
    )


def output_records(data: bytes) -> list[dict[str, Any]]:
    """The output's records; the output must be strict UTF-8 JSON Lines."""
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def no_traceback(result: subprocess.CompletedProcess[bytes]) -> str:
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    return stderr


def one_error_line(result: subprocess.CompletedProcess[bytes], *fragments: str) -> str:
    stderr = no_traceback(result)
    assert result.returncode == 1, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stderr
    for fragment in fragments:
        assert fragment in errors[0], stderr
    return errors[0]


# -- text that cannot be encoded -------------------------------------------------------

SURROGATE_LINES = [
    GOOD_LINE,
    '{"kind": "rude_agent", "customer": {"name": "Sa\\ud800ra"}}',
    '{"kind": "rude_agent", "customer": {"name": "Sara"}, "locale": "ar\\udfff"}',
    '{"kind": "rude\\ud800", "customer": {"name": "Sara"}}',
    GOOD_LINE,
]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("to_stdout", [True, False])
def test_lone_surrogates_cost_at_most_their_own_record(
    tmp_path: Path, jobs: str, to_stdout: bool
) -> None:
    source = tmp_path / "tickets.jsonl"
    source.write_text("\n".join(SURROGATE_LINES) + "\n", encoding="utf-8")
    output = tmp_path / "drafts.jsonl"
    args = ["batch", source, "--jobs", jobs] + ([] if to_stdout else ["-o", output])
    result = command(*args)
    no_traceback(result)
    written = result.stdout if to_stdout else output.read_bytes()
    out = output_records(written)  # strict UTF-8: no surrogate reached the output
    assert [r["line"] for r in out] == [1, 2, 3, 4, 5]
    assert out[0]["ok"] and out[4]["ok"]
    assert not out[2]["ok"] and not out[3]["ok"]  # a bad locale, an unknown kind
    assert "\ud800" not in json.dumps(out[1], ensure_ascii=False)


def test_render_json_with_a_lone_surrogate_is_a_reply_or_one_clear_error() -> None:
    stdin = b'{"customer": {"name": "Sa\\ud800ra"}}'
    result = command("render", "rude_agent", "--json", "-", stdin=stdin)
    stderr = no_traceback(result)
    if result.returncode == 0:
        assert "Sa" in result.stdout.decode("utf-8")  # strict: the reply is valid UTF-8
    else:
        assert result.returncode == 1 and "U+D800" in stderr
