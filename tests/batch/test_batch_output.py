"""Where ``apologykit batch`` writes: files, links, devices, FIFOs, and disks that say no.

Each case runs the installed command in a subprocess, as a user would. Devices
are reached through a symlink in the test's own directory, so that a broken
build can only replace that link, never the machine's ``/dev/null``.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import apologykit as ak
from apologykit.cli import cli

SCRIPT = Path(sys.executable).parent / "apologykit"
GOOD = {"kind": "rude_agent", "customer": {"name": "Sara", "gender": "female"}}
PREVIOUS = "previous run\n"


def tickets(tmp_path: Path, count: int = 3, name: str = "tickets.jsonl") -> Path:
    path = tmp_path / name
    line = json.dumps(GOOD) + "\n"
    path.write_text(line * count, encoding="utf-8")
    return path


def batch(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    command = [str(SCRIPT), "batch", *map(str, args)]
    if "stdout" not in kwargs:
        kwargs.setdefault("capture_output", True)
    return subprocess.run(command, check=False, timeout=120, **kwargs)  # type: ignore[call-overload, no-any-return]


def assert_one_clear_error(result: subprocess.CompletedProcess[bytes], *fragments: str) -> str:
    """Non-zero exit, no traceback, and an error line holding every fragment."""
    stderr = result.stderr.decode("utf-8")
    assert result.returncode != 0, stderr
    assert "Traceback" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stderr
    for fragment in fragments:
        assert fragment in errors[0], stderr
    return errors[0]


def replies(data: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def no_part_files(directory: Path) -> bool:
    return not list(directory.glob("*.part")) and not list(directory.glob(".*.part"))


# -- what -o points at -----------------------------------------------------------------


def test_a_symlink_output_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    source = tickets(tmp_path)
    target = tmp_path / "real.jsonl"
    target.write_text(PREVIOUS, encoding="utf-8")
    link = tmp_path / "drafts.jsonl"
    link.symlink_to("real.jsonl")
    assert batch(source, "-o", link).returncode == 0
    assert link.is_symlink() and os.readlink(link) == "real.jsonl"
    assert [r["ok"] for r in replies(target.read_bytes())] == [True, True, True]
    assert no_part_files(tmp_path)


def test_a_dangling_symlink_output_creates_its_target(tmp_path: Path) -> None:
    source = tickets(tmp_path)
    link = tmp_path / "drafts.jsonl"
    link.symlink_to("later.jsonl")
    assert batch(source, "-o", link).returncode == 0
    assert link.is_symlink()
    assert len(replies((tmp_path / "later.jsonl").read_bytes())) == 3


def test_an_existing_output_keeps_its_permissions(tmp_path: Path) -> None:
    source = tickets(tmp_path)
    output = tmp_path / "drafts.jsonl"
    output.write_text(PREVIOUS, encoding="utf-8")
    output.chmod(0o640)
    assert batch(source, "-o", output).returncode == 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
    assert len(replies(output.read_bytes())) == 3


def test_a_new_output_gets_the_umask_permissions(tmp_path: Path) -> None:
    source = tickets(tmp_path)
    output = tmp_path / "drafts.jsonl"
    result = batch(source, "-o", output, preexec_fn=lambda: os.umask(0o027))
    assert result.returncode == 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o640


@pytest.mark.parametrize("device", ["/dev/null", "/dev/stdout"])
def test_a_device_is_streamed_to_never_replaced(tmp_path: Path, device: str) -> None:
    source = tickets(tmp_path)
    link = tmp_path / "out"
    link.symlink_to(device)
    result = batch(source, "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()  # not replaced by a regular file
    if device == "/dev/stdout":
        assert len(replies(result.stdout)) == 3
    assert no_part_files(tmp_path)


def test_a_fifo_is_streamed_to(tmp_path: Path) -> None:
    source = tickets(tmp_path, count=50)
    fifo = tmp_path / "drafts.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = batch(source, "-o", fifo)
    reader.join(timeout=30)
    if result.returncode != 0:  # unblock the reader if the batch never opened the FIFO
        with fifo.open("wb"):
            pass
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert len(replies(received[0])) == 50
    assert no_part_files(tmp_path)


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link"])
def test_output_equal_to_the_input_is_refused_before_reading(tmp_path: Path, how: str) -> None:
    source = tickets(tmp_path)
    original = source.read_bytes()
    output = {"same path": source, "symlink": tmp_path / "l.jsonl", "hard link": tmp_path / "h"}[
        how
    ]
    if how == "symlink":
        output.symlink_to(source.name)
    elif how == "hard link":
        output.hardlink_to(source)
    result = batch(source, "-o", output)
    assert result.returncode == 2
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert "is the input file" in stderr
    assert "rendered" not in stderr  # nothing was read
    assert source.read_bytes() == original
    assert no_part_files(tmp_path)


def test_stdin_input_redirected_from_the_output_file_is_refused(tmp_path: Path) -> None:
    source = tickets(tmp_path)
    original = source.read_bytes()
    with source.open("rb") as stdin:
        result = batch("-", "--input-format", "jsonl", "-o", source, stdin=stdin)
    assert result.returncode == 2
    assert "is the input file" in result.stderr.decode("utf-8")
    assert source.read_bytes() == original


# -- when writing fails ------------------------------------------------------------------


def _as_unprivileged(command: list[str]) -> list[str]:
    """``command`` without root's power to write anywhere, when the tests run as root.

    CI runs as root, which writes into read-only directories; ``setpriv`` drops
    the capabilities that allow it, so the test sees what a user would.
    """
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root needs setpriv (util-linux) to test a read-only directory")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--", *command]


def test_a_read_only_output_directory_is_one_clear_error(tmp_path: Path) -> None:
    source = tickets(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    command = [str(SCRIPT), "batch", str(source), "-o", str(locked / "drafts.jsonl")]
    try:
        result = subprocess.run(
            _as_unprivileged(command), check=False, timeout=120, capture_output=True
        )
    finally:
        locked.chmod(0o755)
    assert_one_clear_error(result, "drafts.jsonl", "Permission denied")
    assert list(locked.iterdir()) == []


def test_stdout_on_a_full_device_is_one_clear_error(tmp_path: Path) -> None:
    source = tickets(tmp_path, count=200)
    with open("/dev/full", "wb") as full:
        result = batch(source, stdout=full, stderr=subprocess.PIPE)
    assert_one_clear_error(result, "No space left on device")


def test_an_output_linked_to_a_full_device_is_one_clear_error(tmp_path: Path) -> None:
    source = tickets(tmp_path, count=200)
    link = tmp_path / "drafts.jsonl"
    link.symlink_to("/dev/full")
    result = batch(source, "-o", link)
    assert_one_clear_error(result, "drafts.jsonl", "No space left on device")
    assert link.is_symlink()
    assert no_part_files(tmp_path)


def test_a_file_size_limit_is_one_clear_error_and_keeps_the_old_output(tmp_path: Path) -> None:
    source = tickets(tmp_path, count=2000)
    output = tmp_path / "drafts.jsonl"
    output.write_text(PREVIOUS, encoding="utf-8")

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = batch(source, "-o", output, preexec_fn=limit_file_size)
    assert result.returncode > 0  # an exit status, not killed by SIGXFSZ
    assert_one_clear_error(result, "drafts.jsonl", "File too large")
    assert output.read_text(encoding="utf-8") == PREVIOUS
    assert no_part_files(tmp_path)


def test_an_unwritable_output_directory_is_one_clear_error_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same case as above for a root user, whom directory permissions do not stop."""
    source = tickets(tmp_path)

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(cli, ["batch", str(source), "-o", str(tmp_path / "d.jsonl")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "cannot write" in result.stderr and "Permission denied" in result.stderr
    assert not (tmp_path / "d.jsonl").exists()


def test_render_to_a_full_stdout_is_one_clear_error() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [str(SCRIPT), "render", "rude_agent", "--example"],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    assert_one_clear_error(result, "No space left on device")


def test_a_symlink_loop_output_is_one_clear_error(tmp_path: Path) -> None:
    source = tickets(tmp_path)
    (tmp_path / "a.jsonl").symlink_to("b.jsonl")
    (tmp_path / "b.jsonl").symlink_to("a.jsonl")
    result = batch(source, "-o", tmp_path / "a.jsonl")
    assert_one_clear_error(result, "a.jsonl", "symbolic links")
    assert (tmp_path / "a.jsonl").is_symlink()


# -- --fields -------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fields_keeps_only_the_named_reply_fields_and_skips_the_html(
    tmp_path: Path, jobs: str
) -> None:
    source = tmp_path / "mixed.jsonl"
    bad = {"kind": "rude_agent", "customer": {"gender": "robot"}}
    lines = [GOOD, bad, {**GOOD, "channel": "sms", "kind": "delayed_delivery"}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = batch(source, "--fields", "text, subject", "--jobs", jobs)
    records = replies(result.stdout)
    assert result.returncode == 1, result.stderr
    assert [record["ok"] for record in records] == [True, False, False]
    reply = records[0]["reply"]
    assert isinstance(reply, dict)
    assert list(reply) == ["subject", "text"]
    assert "Sara" in reply["text"]
    # An error record is the whole error, whatever --fields says.
    assert set(records[1]["error"]) >= {"message", "fields"}  # type: ignore[arg-type]
    # The same records without --fields: the whole reply, html included.
    whole = replies(batch(source).stdout)[0]["reply"]
    assert isinstance(whole, dict)
    assert "html" in whole and whole["text"] == reply["text"]


def test_fields_html_and_sms_segments_come_out_when_asked(tmp_path: Path) -> None:
    sms = ak.DelayedDelivery.examples()[0].model_dump(mode="json", exclude_none=True)
    source = tmp_path / "two.jsonl"
    lines = [{**GOOD, "channel": "chat"}, {**sms, "channel": "sms"}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = batch(source, "--fields", "html,kind,sms_segments")
    chat, text_message = (record["reply"] for record in replies(result.stdout))
    assert isinstance(chat, dict) and isinstance(text_message, dict)
    # In to_dict's order; sms_segments only exists on the SMS channel.
    assert list(chat) == ["kind", "html"]
    assert str(chat["html"]).startswith("<div dir=")
    assert list(text_message) == ["kind", "sms_segments", "html"]
    assert text_message["sms_segments"] == 1


@pytest.mark.parametrize(
    ("given", "fragment"),
    [("text,body", "'body' is not a reply field"), (" , ", "name at least one field")],
)
def test_fields_refuses_an_unknown_or_empty_list_before_reading(
    tmp_path: Path, given: str, fragment: str
) -> None:
    result = batch(tickets(tmp_path), "--fields", given)
    error = assert_one_clear_error(result, "--fields", fragment)
    assert "text" in error and "html" in error  # the choices are named
    assert result.stdout == b""
