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


# -- CSV that is not what it claims ---------------------------------------------------

CSV_HEADER = "kind,customer.name,customer.gender\n"
CSV_ROW = "rude_agent,Sara,female\n"


def test_an_unclosed_quote_costs_one_record_and_reading_resynchronises(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    rows = 20_000
    source.write_text(
        CSV_HEADER + CSV_ROW + 'rude_agent,"Sara,female\n' + CSV_ROW * rows, encoding="utf-8"
    )
    result = command("batch", source)
    assert result.returncode == 1
    out = output_records(result.stdout)
    assert [r["line"] for r in out] == list(range(2, rows + 4))
    assert out[0]["ok"]
    assert not out[1]["ok"]
    message = out[1]["error"]["message"]
    assert "line 3" in message and "quote" in message
    assert all(r["ok"] for r in out[2:])


def test_an_unclosed_quote_near_the_end_costs_one_record(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    source.write_text(CSV_HEADER + 'rude_agent,"Sara,female\n' + CSV_ROW * 30, encoding="utf-8")
    out = output_records(command("batch", source).stdout)
    assert [(r["line"], r["ok"]) for r in out] == [(2, False)] + [(n, True) for n in range(3, 33)]
    assert "end of the file" in out[0]["error"]["message"]


def test_a_quoted_cell_may_span_lines_within_the_limit(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    note = "\n".join(f"line {n}" for n in range(40))
    source.write_text(
        "kind,finding,investigated_by\n"
        f'customer_at_fault,"{note}",technical\n' + "customer_at_fault,short,technical\n",
        encoding="utf-8",
    )
    result = command("batch", source, "--channel", "chat")
    out = output_records(result.stdout)
    assert [(r["line"], r["ok"]) for r in out] == [(2, True), (42, True)], out


def test_a_huge_csv_header_is_one_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    source.write_text(",".join(f"c{n}" for n in range(100_000)) + "\nx\n", encoding="utf-8")
    one_error_line(command("batch", source), "100000 columns", "at most")


def test_a_duplicate_column_in_a_wide_header_is_named(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    names = [f"c{n}" for n in range(900)] + ["c17"]
    source.write_text(",".join(names) + "\n", encoding="utf-8")
    one_error_line(command("batch", source), "'c17' appears twice")


def test_a_utf8_csv_with_a_byte_order_mark_works(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    source.write_bytes(b"\xef\xbb\xbf" + (CSV_HEADER + CSV_ROW).encode("utf-8"))
    result = command("batch", source)
    assert result.returncode == 0, result.stderr
    assert output_records(result.stdout)[0]["ok"]


LEGACY = [
    ("utf-16", "tickets.csv", "UTF-16"),  # Excel's "Unicode text", with a byte-order mark
    ("utf-16-le", "tickets.csv", "UTF-16"),  # no byte-order mark
    ("utf-16-be", "tickets.jsonl", "UTF-16"),
    ("utf-32", "tickets.jsonl", "UTF-32"),
    ("latin-1", "tickets.csv", "Latin-1"),
    ("cp1252", "tickets.jsonl", "Latin-1"),
]


@pytest.mark.parametrize(("encoding", "name", "named"), LEGACY)
def test_a_file_that_is_not_utf8_is_one_clear_message(
    tmp_path: Path, encoding: str, name: str, named: str
) -> None:
    source = tmp_path / name
    people = ["José", "Zoë", "Renée", "André"]
    if name.endswith(".csv"):
        text = CSV_HEADER + "".join(f"rude_agent,{p},female\n" for p in people)
    else:
        text = "".join(
            json.dumps({**GOOD, "customer": {"name": p}}, ensure_ascii=False) + "\n" for p in people
        )
    source.write_bytes(text.encode(encoding))
    output = tmp_path / "drafts.jsonl"
    error = one_error_line(command("batch", source, "-o", output), "not UTF-8", named)
    assert "re-save it as UTF-8" in error
    assert not output.exists()


def test_a_utf8_file_with_one_bad_line_still_reports_only_that_line(tmp_path: Path) -> None:
    source = tmp_path / "tickets.jsonl"
    arabic = json.dumps({**GOOD, "customer": {"name": "سارة"}}, ensure_ascii=False).encode()
    source.write_bytes(arabic + b"\n" + b'{"kind": "rude_agent", "x": "\xe9"}\n' + arabic + b"\n")
    result = command("batch", source)
    out = output_records(result.stdout)
    assert [(r["line"], r["ok"]) for r in out] == [(1, True), (2, False), (3, True)]
    assert "line 2 is not UTF-8" in out[1]["error"]["message"]


# -- JSON and dotted keys past any sensible size ----------------------------------------

DEEP = "[" * 10_000 + "]" * 10_000
BIG_INT = "9" * 5_000


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"customer": ' + DEEP + "}", "nested"),
        ('{"customer": {"name": ' + BIG_INT + "}}", "digits"),
        ('{"customer": {"name": "' + "x" * 2_000_000 + '"}}', "larger than"),
        ('{"waited": NaN}', "NaN"),
    ],
)
def test_render_json_past_the_limits_is_one_clear_error(text: str, fragment: str) -> None:
    result = command("render", "rude_agent", "--json", "-", stdin=text.encode())
    one_error_line(result, fragment)


def test_batch_lines_past_the_limits_are_error_records(tmp_path: Path) -> None:
    lines = [
        GOOD_LINE,
        '{"kind": "rude_agent", "customer": ' + DEEP + "}",
        '{"kind": "rude_agent", "customer": {"name": ' + BIG_INT + "}}",
        '{"kind": "rude_agent", "customer": {"name": "' + "x" * 2_000_000 + '"}}',
        GOOD_LINE,
    ]
    source = tmp_path / "tickets.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = command("batch", source)
    no_traceback(result)
    out = output_records(result.stdout)
    assert [(r["line"], r["ok"]) for r in out] == [
        (1, True),
        (2, False),
        (3, False),
        (4, False),
        (5, True),
    ]
    assert "nested" in out[1]["error"]["message"]
    assert "digits" in out[2]["error"]["message"]
    assert "larger than" in out[3]["error"]["message"]


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        (".".join(["a"] * 5_000), "parts"),
        ("options." + BIG_INT + ".type", "list position"),
    ],
)
def test_set_with_an_absurd_dotted_key_is_one_clear_error(key: str, fragment: str) -> None:
    result = command("render", "compensation_options", "--set", f"{key}=x")
    stderr = no_traceback(result)
    assert result.returncode == 2, stderr
    assert fragment in stderr


def test_input_without_line_breaks_is_one_clear_error() -> None:
    result = command("batch", "/dev/zero", "--input-format", "jsonl")
    one_error_line(result, "without a line break")
