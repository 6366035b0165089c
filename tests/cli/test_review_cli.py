"""``apologykit review``: findings as line:col: code: message, JSON, exit status."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

import apologykit as ak
from apologykit.cli import cli


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def test_a_plain_draft_prints_findings_at_their_line_and_column(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello Sara,\nWe apologise if you felt let down.\n", encoding="utf-8")
    result = run("review", str(draft))
    assert result.exit_code == 1
    assert "2:4: conditional-apology: " in result.stdout
    assert "(error)" in result.stdout
    assert "1 text reviewed: 1 error" in result.stderr


def test_a_good_reply_exits_zero_and_shows_its_score() -> None:
    text = "I'm sorry we charged you twice; it was our mistake. We have refunded you.\n"
    result = run("review", "-", input=text)
    assert result.exit_code == 0, result.output
    assert "score" in result.stdout and "responsibility" in result.stdout
    assert "0 errors" in result.stderr


def test_json_lines_in_json_out_with_one_error_line_for_a_bad_record() -> None:
    lines = [
        json.dumps({"id": "a", "text": "نعتذر إليكِ عن التأخير، والخطأ منّا، وأعدنا المبلغ."}),
        "{not json",
        json.dumps({"text": "We apologise for any inconvenience."}),
    ]
    result = run("review", "-", "--format", "json", input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3]
    assert records[0]["id"] == "a" and records[0]["review"]["ok"] is True
    assert records[0]["review"]["language"] == "ar"
    assert records[1]["ok"] is False and "not JSON" in records[1]["error"]
    codes = [f["code"] for f in records[2]["review"]["findings"]]
    assert "inconvenience-only" in codes
    finding = records[2]["review"]["findings"][0]
    assert (finding["line"], finding["column"]) == (1, 4)


def test_batch_output_records_are_reviewed(tmp_path: Path) -> None:
    reply = ak.render({"kind": "rude_agent", "customer": {"name": "Sara"}}, locale="en")
    records = [
        {"line": 1, "ok": True, "reply": reply.to_dict(html=False)},
        {"line": 2, "ok": False, "error": {"message": "bad"}},
    ]
    source = tmp_path / "drafts.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run("review", str(source))
    assert "line 1: score" in result.stdout
    assert "line 2: error: a batch error record has no reply" in result.stderr
    assert result.exit_code == 1


def test_company_rules_from_the_command_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[required]]\ncode = "missing-ticket"\nmessage = "Quote the ticket."\n'
        "pattern = 'CS-\\d+'\n",
        encoding="utf-8",
    )
    text = "I'm sorry; our mistake. We have refunded you.\n"
    result = run("review", "-", "--rules", str(rules), input=text)
    assert result.exit_code == 1
    assert "1:1: missing-ticket: Quote the ticket. (error)" in result.stdout


def test_batch_review_adds_each_replys_review_to_its_record(tmp_path: Path) -> None:
    source = tmp_path / "tickets.jsonl"
    records = [
        {"kind": "rude_agent", "customer": {"name": "Sara"}, "locale": "ar-SA"},
        {"kind": "nope"},
        {"kind": "rude_agent", "customer": {"name": "Omar"}, "locale": "en"},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run("batch", str(source), "--review", "--fields", "text")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["ok"] for line in lines] == [True, False, True]
    assert lines[0]["review"]["language"] == "ar" and lines[0]["review"]["ok"] is True
    assert "review" not in lines[1]
    assert lines[2]["review"]["components"]["regret"] is not None
    plain = run("batch", str(source))
    assert all("review" not in json.loads(line) for line in plain.stdout.splitlines())
    # The records go straight back into the reviewer.
    again = tmp_path / "drafts.jsonl"
    again.write_text(result.stdout, encoding="utf-8")
    assert "line 1: score" in run("review", str(again)).stdout


def test_the_config_files_review_rules_apply_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(
        "[[banned]]\ncode = 'no-dear-customer'\nmessage = 'Use the name.'\n"
        "patterns = ['dear customer']\n",
        encoding="utf-8",
    )
    config = tmp_path / "apologykit.toml"
    config.write_text('review_rules = "rules.toml"\n[brand]\nname = "Acme"\n', encoding="utf-8")
    text = "Dear customer, I'm sorry; our mistake. We have refunded you.\n"
    result = run("--config", str(config), "review", "-", input=text)
    assert "1:1: no-dear-customer: Use the name. (error)" in result.stdout
    assert result.exit_code == 1


def test_batch_records_are_reviewed_as_what_their_kind_declares(tmp_path: Path) -> None:
    thanks = ak.render(ak.ResolutionThanks.examples()[0], locale="en", channel="sms")
    notice = ak.render(ak.CallbackScheduled.examples()[0], locale="ar-SA", channel="sms")
    records = [
        {"line": 1, "ok": True, "reply": thanks.to_dict(html=False)},
        {"line": 2, "ok": True, "reply": notice.to_dict(html=False)},
        {"text": thanks.text, "kind": "resolution_thanks"},
    ]
    source = tmp_path / "drafts.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run("review", str(source))
    assert "no-apology" not in result.stdout
    assert result.exit_code == 0, result.output
    # Without a kind, the same thank-you is reviewed as an apology that says no sorry.
    plain = run("review", "-", input=json.dumps({"text": thanks.text}) + "\n")
    assert "no-apology" in plain.stdout and plain.exit_code == 1
