"""The ``apologykit`` command: every command, every exit status, batch accounting and atomicity."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import apologykit as ak
from apologykit.batch import run as batch
from apologykit.cli import cli
from apologykit.model.dotted import nest

SCRIPT = Path(sys.executable).parent / "apologykit"
SUMMARY = re.compile(r"^rendered (\d+), failed (\d+), \d+\.\d\d s$", re.MULTILINE)
ARABIC_INDIC = set("٠١٢٣٤٥٦٧٨٩")


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def assert_clean_error(result: Result, status: int, *fragments: str) -> None:
    """One message on stderr, no traceback, the expected status."""
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def summary(result: Result) -> tuple[int, int]:
    found = SUMMARY.search(result.stderr)
    assert found, result.stderr
    return int(found.group(1)), int(found.group(2))


# -- help ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [[], ["kinds"], ["schema"], ["render"], ["batch"], ["check"], ["serve"]]
)
def test_every_help_shows_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "apologykit " in result.stdout.split("Example", 1)[1]


def test_no_command_is_a_usage_error() -> None:
    assert run("frobnicate").exit_code == 2


# -- kinds, schema ---------------------------------------------------------------


def test_kinds_lists_every_kind_with_summary_and_required_fields() -> None:
    result = run("kinds")
    assert result.exit_code == 0
    for kind in ak.scenario_kinds():
        assert re.search(rf"^{kind}\s", result.stdout, re.MULTILINE)
        assert ak.scenario_class(kind).summary() in result.stdout
    block = result.stdout.split("missing_terms_info", 1)[1]
    assert "required: missing_info, customer_action, remedy, responsible_team" in block


def test_schema_prints_the_pydantic_json_schema() -> None:
    result = run("schema", "delayed_response")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == ak.DelayedResponse.model_json_schema()


def test_schema_of_an_unknown_kind_names_the_closest_kind() -> None:
    assert_clean_error(run("schema", "delayed_respons"), 2, "Did you mean 'delayed_response'?")


# -- render ----------------------------------------------------------------------


def test_render_example_prints_subject_and_text(kit: ak.ReplyKit) -> None:
    result = run("render", "delayed_response", "--example", "--locale", "ar-SA")
    assert result.exit_code == 0
    expected = ak.render(ak.DelayedResponse.examples()[0], locale="ar-SA")
    assert result.stdout == f"Subject: {expected.subject}\n\n{expected.text}"


def test_render_chat_has_no_subject_line() -> None:
    result = run("render", "rude_agent", "--example", "--channel", "chat")
    assert result.exit_code == 0
    assert not result.stdout.startswith("Subject:")


def test_render_formats_json_and_html() -> None:
    as_json = run("render", "rude_agent", "--example", "--locale", "ar", "--format", "json")
    assert as_json.exit_code == 0
    reply = json.loads(as_json.stdout)
    assert reply["kind"] == "rude_agent" and reply["direction"] == "rtl"
    assert set(reply) >= {"subject", "text", "html", "locale", "channel"}
    as_html = run("render", "rude_agent", "--example", "--locale", "ar", "--format", "html")
    assert as_html.stdout.startswith('<div dir="rtl" lang="ar">')


def test_render_set_builds_nested_data_and_lists_and_pydantic_types_values() -> None:
    result = run(
        "render",
        "customer_at_fault",
        "--set", "customer.name=Sara",
        "--set", "investigated_by=technical",
        "--set", "finding=the cable was unplugged",
        "--set", "possible_causes.1=a visitor",
        "--set", "possible_causes.0=a cleaner",
        "--locale", "en",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = json.loads(result.stdout)["text"]
    assert "Sara" in text
    assert text.index("a cleaner") < text.index("a visitor")
    waited = run("render", "delayed_response", "--set", "waited=P3D", "--locale", "en")
    assert "3 days" in waited.stdout


def test_render_set_applies_over_the_example() -> None:
    result = run("render", "delayed_response", "--example", "--set", "customer.name=Nora")
    assert result.exit_code == 0
    assert "Nora" in result.stdout and "Fatima" not in result.stdout


def test_render_reads_json_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    scenario = {"customer": {"name": "Omar"}, "escalated_to": "quality"}
    path = tmp_path / "ticket.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    from_file = run("render", "rude_agent", "--json", str(path))
    from_stdin = run("render", "rude_agent", "--json", "-", input=json.dumps(scenario))
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout
    assert "Omar" in from_file.stdout


def test_render_digits_arab_gives_arabic_indic_digits() -> None:
    result = run("render", "delayed_response", "--example", "--locale", "ar", "--digits", "arab")
    assert result.exit_code == 0
    assert ARABIC_INDIC & set(result.stdout)


CALLBACK = {
    "kind": "callback_scheduled",
    "customer": {"name": "Hassan", "timezone": "Asia/Riyadh"},
    "callback_at": "2025-03-16T11:30:00Z",
}
REFUND = {
    "kind": "delayed_response",
    "customer": {"name": "Hassan"},
    "compensation": {"type": "refund", "amount": {"amount": "349", "currency": "SAR"}},
}


def test_render_calendar_both_writes_hijri_and_gregorian() -> None:
    scenario = json.dumps(CALLBACK)
    args = ("render", "callback_scheduled", "--json", "-", "--locale", "ar-SA")
    plain = run(*args, input=scenario)
    both = run(*args, "--calendar", "both", input=scenario)
    assert plain.exit_code == both.exit_code == 0, both.output
    assert "رمضان" not in plain.stdout
    assert "16 رمضان 1446هـ الموافق 16 مارس 2025م" in both.stdout


def test_render_amounts_words_by_default_and_symbols_on_request() -> None:
    args = ("render", "delayed_response", "--json", "-", "--locale", "ar-SA")
    words = run(*args, input=json.dumps(REFUND))
    symbols = run(*args, "--amounts", "symbols", input=json.dumps(REFUND))
    assert words.exit_code == symbols.exit_code == 0, symbols.output
    assert "349 ريالًا سعوديًا" in words.stdout
    assert "349\xa0ر.س." in symbols.stdout and "ريالًا" not in symbols.stdout


def test_batch_takes_calendar_and_amounts_like_digits() -> None:
    result = run(
        "batch", "-", "--input-format", "jsonl", "--locale", "en-GB",
        "--calendar", "hijri", "--amounts", "symbols",
        input="\n".join([json.dumps(REFUND), json.dumps(CALLBACK)]),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    refund, callback = (r["reply"]["text"] for r in records(result.stdout))
    assert "SAR\xa0349" in refund
    assert "16 Ramadan 1446 AH" in callback and "March" not in callback


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["render", "rude_agnt"], "Did you mean 'rude_agent'?"),
        (["render", "rude_agent", "--channel", "fax"], "no channel 'fax'"),
        (["render", "rude_agent", "--locale", "xx-!!"], "--locale"),
        (["render", "rude_agent", "--set", "customer.name"], "is not path=value"),
        (["render", "rude_agent", "--set", "customer..name=x"], "empty part"),
        (["render", "customer_at_fault", "--set", "possible_causes.2=x"], "without gaps"),
        (["render", "rude_agent", "--set", "agent=x", "--set", "agent.name=y"], "both a value"),
        (["render", "rude_agent", "--example", "--json", "-"], "not both"),
        (["render", "rude_agent", "--format", "pdf"], "pdf"),
    ],
)
def test_render_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    assert_clean_error(run(*args, input="{}"), 2, fragment)


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["render", "delayed_response", "--set", "waited=banana"], None, "waited:"),
        (["render", "rude_agent", "--set", "colour=red"], None, "colour"),
        (["render", "rude_agent", "--json", "-"], "{not json", "not valid JSON"),
        (["render", "rude_agent", "--json", "-"], "[1, 2]", "one JSON object"),
        (
            ["render", "rude_agent", "--json", "-"],
            '{"kind": "delayed_response"}',
            "not 'rude_agent'",
        ),
    ],
)
def test_render_input_errors_exit_1(args: list[str], stdin: str | None, fragment: str) -> None:
    assert_clean_error(run(*args, input=stdin), 1, fragment)


# -- batch -----------------------------------------------------------------------

GOOD = {"kind": "rude_agent", "customer": {"name": "Sara", "gender": "female"}}

JSONL_LINES = [
    json.dumps(GOOD),  # 1 ok
    "",  # 2 blank: not a record
    json.dumps({"kind": "rude_agnt"}),  # 3 unknown kind
    "not json",  # 4
    "[1, 2]",  # 5 not an object
    json.dumps({"kind": "delayed_response", "waited": "P3D", "channel": "chat"}),  # 6 ok, chat
    json.dumps({"kind": "delayed_response", "waited": "banana"}),  # 7 invalid field
    json.dumps({**GOOD, "locale": "zz-!!"}),  # 8 bad locale
    json.dumps({**GOOD, "locale": "ar-SA"}),  # 9 ok, Arabic
    json.dumps({**GOOD, "channel": "fax"}),  # 10 no such channel
]
JSONL_EXPECTED = {
    1: True,
    3: False,
    4: False,
    5: False,
    6: True,
    7: False,
    8: False,
    9: True,
    10: False,
}


def test_batch_jsonl_accounts_for_every_record_in_order(tmp_path: Path) -> None:
    source = tmp_path / "tickets.jsonl"
    source.write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    output = tmp_path / "drafts.jsonl"
    result = run("batch", str(source), "-o", str(output))
    assert result.exit_code == 1
    assert result.stdout == ""
    out = records(output.read_text(encoding="utf-8"))
    assert [(r["line"], r["ok"]) for r in out] == list(JSONL_EXPECTED.items())
    assert summary(result) == (3, 6)
    by_line = {r["line"]: r for r in out}
    assert by_line[3]["error"]["type"] == "UnknownKindError"
    assert by_line[3]["error"]["fields"] == ["kind"]
    assert by_line[7]["error"] == {
        "type": "ScenarioError",
        "message": by_line[7]["error"]["message"],
        "fields": ["waited"],
    }
    assert "line 4 is not valid JSON" in by_line[4]["error"]["message"]
    assert by_line[6]["reply"]["channel"] == "chat"
    assert by_line[9]["reply"]["locale"] == "ar-SA"
    assert by_line[1]["reply"]["language"] == "en"
    assert by_line[10]["error"]["type"] == "ChannelError"


CSV_TEXT = (
    "kind,customer.name,customer.gender,waited,locale,channel\n"  # 1 header
    "rude_agent,Sara,female,,ar,\n"  # 2 ok, Arabic from the column
    'delayed_response,"Two\nlines",,P3D,,chat\n'  # 3-4 ok, one record over two lines
    "delayed_response,,,banana,,\n"  # 5 invalid waited
    "\n"  # 6 blank
    "rude_agent,a,b,c\n"  # 7 wrong number of cells
    "rude_agent,Omar,male,,en-GB,email\n"  # 8 ok
    "rude_agnt,Omar,,,,\n"  # 9 unknown kind
    "rude_agent,Omar,robot,,,\n"  # 10 invalid gender
)


def test_batch_csv_accounts_for_every_record_with_its_first_line(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    source.write_text(CSV_TEXT, encoding="utf-8")
    result = run("batch", str(source), "--locale", "en-GB")
    assert result.exit_code == 1
    out = records(result.stdout)
    assert [(r["line"], r["ok"]) for r in out] == [
        (2, True),
        (3, True),
        (5, False),
        (7, False),
        (8, True),
        (9, False),
        (10, False),
    ]
    assert summary(result) == (3, 4)
    by_line = {r["line"]: r for r in out}
    assert by_line[2]["reply"]["locale"] == "ar"
    assert by_line[3]["reply"]["channel"] == "chat" and "Two" in by_line[3]["reply"]["text"]
    assert by_line[5]["error"]["fields"] == ["waited"]
    assert "has 4 cells; the header has 6" in by_line[7]["error"]["message"]
    assert by_line[8]["reply"]["locale"] == "en-GB"
    assert by_line[10]["error"]["fields"] == ["customer.gender"]


def test_batch_record_locale_and_channel_override_the_options() -> None:
    lines = [
        json.dumps(GOOD),
        json.dumps({**GOOD, "locale": "en-GB"}),
        json.dumps({**GOOD, "channel": "email"}),
    ]
    result = run(
        "batch", "-", "--input-format", "jsonl", "--locale", "ar-EG", "--channel", "chat",
        input="\n".join(lines),
    )  # fmt: skip
    assert result.exit_code == 0
    replies = [r["reply"] for r in records(result.stdout)]
    assert [(r["locale"], r["channel"]) for r in replies] == [
        ("ar-EG", "chat"),
        ("en-GB", "chat"),
        ("ar-EG", "email"),
    ]


def test_batch_all_good_exits_0_and_stderr_is_only_the_summary() -> None:
    lines = "\n".join(json.dumps({**GOOD, "ticket_id": f"T-{n}"}) for n in range(5))
    result = run("batch", "-", "--input-format", "jsonl", input=lines)
    assert result.exit_code == 0
    assert [r["line"] for r in records(result.stdout)] == [1, 2, 3, 4, 5]
    assert result.stderr.strip().count("\n") == 0  # no progress bar when stderr is not a TTY
    assert summary(result) == (5, 0)


def test_batch_reports_a_line_that_is_not_utf8_and_goes_on() -> None:
    data = b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\n"  # a BOM is fine
    data += b'{"kind": "rude_agent", "customer": {"name": "\xff"}}\n' + json.dumps(GOOD).encode()
    result = run("batch", "-", "--input-format", "jsonl", input=data)
    out = records(result.stdout)
    assert [(r["line"], r["ok"]) for r in out] == [(1, True), (2, False), (3, True)]
    assert "not UTF-8" in out[1]["error"]["message"]


def many_records(count: int) -> str:
    kinds = ("rude_agent", "delayed_response", "customer_at_fault")
    lines = []
    for n in range(count):
        example = ak.scenario_class(kinds[n % 3]).examples()[0]
        data: dict[str, Any] = example.model_dump(mode="json", exclude_unset=True)
        data["locale"] = ("en", "ar-SA", "en-GB", "ar")[n % 4]
        data["ticket_id"] = f"T-{n}"
        if n % 7 == 0:
            data["customer"] = {"gender": "robot"}  # some failures, in order too
        lines.append(json.dumps(data, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def test_batch_jobs_2_gives_the_same_output_as_jobs_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "CHUNK_SIZE", 5)  # many chunks, many in flight
    source = tmp_path / "many.jsonl"
    source.write_text(many_records(150), encoding="utf-8")
    one = run("batch", str(source), "--jobs", "1", "-o", str(tmp_path / "one.jsonl"))
    two = run("batch", str(source), "--jobs", "2", "-o", str(tmp_path / "two.jsonl"))
    assert one.exit_code == two.exit_code == 1
    first = (tmp_path / "one.jsonl").read_bytes()
    assert first == (tmp_path / "two.jsonl").read_bytes()
    assert [r["line"] for r in records(first.decode())] == list(range(1, 151))
    assert summary(one) == summary(two) == (128, 22)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["batch", "tickets.txt"], "--input-format"),
        (["batch", "-"], "--input-format"),
        (["batch", "missing.jsonl"], "does not exist"),
        (["batch", "tickets.jsonl", "--locale", "xx-!!"], "--locale"),
        (["batch", "tickets.jsonl", "--channel", "fax"], "no scenario kind has channel 'fax'"),
        (["batch", "tickets.jsonl", "--jobs", "0"], "--jobs"),
        (["batch", "tickets.jsonl", "-o", "nowhere/out.jsonl"], "does not exist"),
        (["batch", "tickets.jsonl", "--input-format", "xml"], "xml"),
    ],
)
def test_batch_usage_errors_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], fragment: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("tickets.txt", "tickets.jsonl"):
        (tmp_path / name).write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    assert_clean_error(run(*args, input=""), 2, fragment)


def test_batch_broken_csv_header_exits_1_and_writes_no_output(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    source.write_text("kind,customer.name,customer.name\nrude_agent,a,b\n", encoding="utf-8")
    output = tmp_path / "drafts.jsonl"
    assert_clean_error(run("batch", str(source), "-o", str(output)), 1, "appears twice")
    assert list(tmp_path.iterdir()) == [source]


def test_batch_with_a_broken_template_stops_before_the_first_record(tmp_path: Path) -> None:
    company = tmp_path / "company" / "en"
    company.mkdir(parents=True)
    (company / "rude_agent.j2").write_text(
        '{% extends "apologykit:en/rude_agent.j2" %}\n{% block thank %}{% if %}{% endblock %}\n',
        encoding="utf-8",
    )
    source = tmp_path / "tickets.jsonl"
    source.write_text('{"kind": "delayed_response"}\n', encoding="utf-8")
    output = tmp_path / "drafts.jsonl"
    result = run("--templates", str(tmp_path / "company"), "batch", str(source), "-o", str(output))
    assert_clean_error(result, 1, "rude_agent.j2:2", "template problem")
    assert not output.exists()  # nothing rendered, not even the good record


def test_batch_keeps_an_existing_output_until_the_new_one_is_complete(tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    source.write_text("kind,kind\n", encoding="utf-8")
    output = tmp_path / "drafts.jsonl"
    output.write_text("previous run\n", encoding="utf-8")
    assert run("batch", str(source), "-o", str(output)).exit_code == 1
    assert output.read_text(encoding="utf-8") == "previous run\n"


# -- dotted paths ----------------------------------------------------------------


def test_nest_builds_dicts_and_lists_over_a_base() -> None:
    base = {"options": [{"type": "refund", "note": "x"}], "customer": {"name": "A"}}
    pairs = [
        ("options.1.type", "discount"),
        ("options.0.type", "credit"),
        ("customer.gender", "male"),
    ]
    assert nest(pairs, base) == {
        "options": [{"type": "credit", "note": "x"}, {"type": "discount"}],
        "customer": {"name": "A", "gender": "male"},
    }
    assert base["options"] == [{"type": "refund", "note": "x"}]  # the base is not changed


@pytest.mark.parametrize(
    ("pairs", "fragment"),
    [
        ([("a.0", "x"), ("a.b", "y")], "mixes list positions"),
        ([("a", "x"), ("a.b", "y")], "both a value and fields"),
        ([("a.b", "y"), ("a", "x")], "both a value and fields"),
        ([("0", "x")], "top level"),
        ([("a.1", "x")], "without gaps"),
    ],
)
def test_nest_rejects_ambiguous_paths(pairs: list[tuple[str, str]], fragment: str) -> None:
    with pytest.raises(ak.ScenarioError, match=fragment):
        nest(pairs)


# -- check -----------------------------------------------------------------------


def test_check_passes_on_the_builtin_templates() -> None:
    result = run("check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("ok: ")


def company_templates(root: Path) -> Path:
    (root / "en").mkdir(parents=True)
    (root / "ar").mkdir()
    (root / "en" / "rude_agent.j2").write_text(
        '{% extends "apologykit:en/rude_agent.j2" %}\n'
        "{% block apologise %}\n"
        "We are sorry, [customer name].\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    (root / "en" / "delayed_response.chat.j2").write_text(
        '{% extends "en/_layout.j2" %}\n{% block apologise %}\n{% if %}\n{% endblock %}\n',
        encoding="utf-8",
    )
    (root / "ar" / "incorrect_terms.j2").write_text("Sorry.\n", encoding="utf-8")
    (root / "en" / "rude_agnet.j2").write_text("Hello.\n", encoding="utf-8")
    return root


def test_check_reports_each_problem_as_file_line_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    company_templates(tmp_path / "company")
    result = run("check", "--templates", "company")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()

    def reported(pattern: str) -> bool:
        return any(re.match(pattern, line) for line in lines)

    assert reported(r"company/en/delayed_response\.chat\.j2:3: error: .*\[syntax\]$"), lines
    assert reported(r"company/en/rude_agent\.j2:3: error: rude_agent example 1 "
                    r"\(en, email, female\): leftover '\[customer name\]'"), lines  # fmt: skip
    assert reported(
        r"company/ar/incorrect_terms\.j2: error: incorrect_terms .*no Arabic letters"
    ), lines
    assert reported(
        r"company/en/rude_agnet\.j2: error: no scenario kind .*did you mean 'rude_agent'"
    ), lines
    assert re.search(r"^\d+ errors, 0 warnings", result.stderr, re.MULTILINE)


def test_group_templates_option_reaches_check_and_render(tmp_path: Path) -> None:
    company = company_templates(tmp_path / "company")
    assert run("--templates", str(company), "check").exit_code == 1
    result = run("--templates", str(company), "render", "rude_agent", "--example")
    assert "[customer name]" in result.stdout


# -- config ----------------------------------------------------------------------


def write_config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "apologykit.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_config_sets_brand_and_defaults(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        '[brand]\nname = "Acme"\nsupport_team = "Acme Care"\n\n'
        '[defaults]\nlocale = "ar-SA"\ndigits = "arab"\n',
    )
    result = run("--config", str(config), "render", "delayed_response", "--example")
    assert result.exit_code == 0, result.output
    assert "Acme Care" in result.stdout
    assert ARABIC_INDIC & set(result.stdout)
    assert run("check", "--config", str(config)).exit_code == 0


def test_config_errors(tmp_path: Path) -> None:
    bad = write_config(tmp_path, '[brand]\nname = "Acme"\ncolour = "red"\n')
    assert_clean_error(run("--config", str(bad), "kinds"), 1, "colour")
    assert_clean_error(run("--config", str(tmp_path / "none.toml"), "kinds"), 2, "none.toml")


def test_command_line_options_win_over_the_config(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[brand]\nname = "Acme"\n\n[defaults]\nlocale = "ar-SA"\n')
    company = tmp_path / "company" / "ar"
    company.mkdir(parents=True)
    (company / "rude_agent.j2").write_text(
        '{% extends "apologykit:ar/rude_agent.j2" %}{% block thank %}شكرًا من الشركة.{% endblock %}',
        encoding="utf-8",
    )
    result = run(
        "--config",
        str(config),
        "--templates",
        str(tmp_path / "company"),
        "render",
        "delayed_response",
        "--example",
        "--digits",
        "arab",
    )
    assert result.exit_code == 0, result.output
    assert ARABIC_INDIC & set(result.stdout)  # --digits over the file's default (latn)
    result = run(
        "--config",
        str(config),
        "--templates",
        str(tmp_path / "company"),
        "render",
        "rude_agent",
        "--example",
    )
    assert result.exit_code == 0, result.output
    assert "شكرًا من الشركة." in result.stdout  # --templates searched first


def test_config_calendar_and_amounts_with_command_line_overrides(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        '[brand]\nname = "Acme"\n\n[defaults]\nlocale = "ar-SA"\n'
        'calendar = "both"\namounts = "symbols"\n',
    )
    scenario = json.dumps(CALLBACK)
    args = ("--config", str(config), "render", "callback_scheduled", "--json", "-")
    from_file = run(*args, input=scenario)
    assert from_file.exit_code == 0, from_file.output
    assert "1446هـ الموافق" in from_file.stdout
    overridden = run(*args, "--calendar", "gregorian", input=scenario)
    assert "1446" not in overridden.stdout
    refund = run(
        "--config", str(config), "render", "delayed_response", "--json", "-",
        "--amounts", "words", input=json.dumps(REFUND),
    )  # fmt: skip
    assert "349 ريالًا سعوديًا" in refund.stdout


def test_greeting_register_from_the_command_line_and_over_the_config(tmp_path: Path) -> None:
    scenario = json.dumps({"kind": "rude_agent", "customer": {"name": "نورة", "gender": "female"}})
    args = ("render", "rude_agent", "--json", "-", "--locale", "ar-SA")
    formal = run(*args, input=scenario)
    warm = run(*args, "--greeting", "warm", input=scenario)
    assert formal.exit_code == warm.exit_code == 0, warm.output
    assert "السلام عليكم ورحمة الله وبركاته\nالأستاذة نورة،" in formal.stdout
    assert "مرحبًا نورة،" in warm.stdout and "السلام عليكم" not in warm.stdout
    config = write_config(tmp_path, '[brand]\nname = "Acme"\ngreeting = "warm"\n')
    from_file = run("--config", str(config), *args, input=scenario)
    overridden = run("--config", str(config), *args, "--greeting", "formal", input=scenario)
    assert "مرحبًا نورة،" in from_file.stdout
    assert "الأستاذة نورة،" in overridden.stdout
    records_out = run(
        "batch", "-", "--input-format", "jsonl", "--locale", "en-GB", "--greeting", "warm",
        input=scenario,
    )  # fmt: skip
    assert records_out.exit_code == 0, records_out.output
    (record,) = records(records_out.stdout)
    first_line = record["reply"]["text"].split("\n")[0]
    assert first_line.startswith("Hi ") and "نورة" in first_line


# -- the installed script and python -m --------------------------------------------


def test_installed_script_and_python_m_run_the_same_command() -> None:
    assert SCRIPT.exists(), f"{SCRIPT} is missing: reinstall with pip install -e ."
    args = ["render", "rude_agent", "--example", "--locale", "ar"]
    script = subprocess.run([str(SCRIPT), *args], capture_output=True, check=False)
    module = subprocess.run(
        [sys.executable, "-m", "apologykit", *args], capture_output=True, check=False
    )
    assert script.returncode == module.returncode == 0, script.stderr
    assert script.stdout == module.stdout
    assert "سارة" in script.stdout.decode("utf-8")
    failed = subprocess.run([str(SCRIPT), "schema", "nope"], capture_output=True, check=False)
    assert failed.returncode == 2
    assert b"Traceback" not in failed.stderr


# -- a killed batch ----------------------------------------------------------------


def start_long_batch(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    source = tmp_path / "big.jsonl"
    line = json.dumps(GOOD) + "\n"
    source.write_text(line * 200_000, encoding="utf-8")
    output = tmp_path / "drafts.jsonl"
    output.write_text("previous run\n", encoding="utf-8")
    process = subprocess.Popen(
        [str(SCRIPT), "batch", str(source), "-o", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".drafts.jsonl.*.part")):
        assert process.poll() is None, "the batch ended before it could be killed"
        assert time.monotonic() < deadline, "no temporary output appeared"
        time.sleep(0.02)
    time.sleep(0.5)  # well into the batch
    assert process.poll() is None
    return process, output


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_batch_leaves_no_partial_output(tmp_path: Path, signum: int) -> None:
    process, output = start_long_batch(tmp_path)
    temporary = next(tmp_path.glob(".drafts.jsonl.*.part"))
    assert temporary.stat().st_size > 0  # it was writing
    os.kill(process.pid, signum)
    process.communicate(timeout=30)
    assert output.read_text(encoding="utf-8") == "previous run\n"
    if signum == signal.SIGTERM:
        assert process.returncode == 128 + signal.SIGTERM
        assert not temporary.exists()  # cleaned up on the way out
    else:
        assert process.returncode == -signal.SIGKILL
