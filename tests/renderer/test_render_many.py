"""kit.render_many: any records in, one result each out, in order, the same as batch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner

import apologykit as ak
from apologykit.cli import cli

SARA = {"kind": "rude_agent", "customer": {"name": "Sara", "gender": "female"}}

#: One good record, then every way a record can be bad, then good ones with their own settings.
RECORDS: list[object] = [
    SARA,
    ["not", "an", "object"],
    None,
    "rude_agent",
    {"kind": "no_such_kind"},
    {"kind": "rude_agent", "customer": 5},
    {**SARA, "customer": {"name": "Sara", "gender": "robot"}},
    {**SARA, "locale": 7},
    {**SARA, "channel": "fax"},
    {**SARA, "locale": "not a locale!"},
    {**SARA, "kind": "rude\ud800"},
    {**SARA, "locale": "ar-SA"},
    {"kind": "resolution_thanks", "resolution": "it works", "channel": "sms", "locale": "en-GB"},
]


def test_every_record_gets_one_result_in_order(kit: ak.ReplyKit) -> None:
    results = list(kit.render_many(RECORDS, locale="en-US"))
    assert [result["ok"] for result in results] == [True, *[False] * 10, True, True]
    assert results[0]["reply"] == kit.render(SARA, locale="en-US").to_dict()
    assert results[11]["reply"]["language"] == "ar"
    assert results[12]["reply"]["channel"] == "sms"
    assert results[12]["reply"]["sms_segments"] >= 1
    for result in results[1:11]:
        assert set(result["error"]) == {"type", "message", "fields"}
        assert result["error"]["message"]
    assert "must be an object" in results[1]["error"]["message"]
    assert results[4]["error"]["type"] == "UnknownKindError"
    assert results[7]["error"]["fields"] == ["locale"]
    assert results[8]["error"]["type"] == "ChannelError"
    assert results[10]["error"]["type"] == "UnknownKindError"
    for result in results:  # half a surrogate pair never reaches a result: all of it is text
        json.dumps(result, ensure_ascii=False).encode("utf-8")


def test_results_equal_the_batch_command_records(tmp_path: Path) -> None:
    # (a JSON line that is not an object is batch's own error, naming its line)
    objects = [record for record in RECORDS if isinstance(record, dict)]
    source = tmp_path / "tickets.jsonl"
    source.write_text("\n".join(json.dumps(record) for record in objects) + "\n", encoding="utf-8")
    out = tmp_path / "drafts.jsonl"
    CliRunner().invoke(cli, ["batch", str(source), "-o", str(out), "--locale", "en-US"])
    from_batch = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for record in from_batch:
        del record["line"]
    assert len(from_batch) == len(objects) == 10
    assert list(ak.ReplyKit().render_many(objects, locale="en-US")) == from_batch


def test_fields_keep_only_the_named_reply_fields(kit: ak.ReplyKit) -> None:
    results = list(kit.render_many([SARA, {"kind": "nope"}], fields=["subject", "sms_segments"]))
    # an e-mail has no SMS segments: left out, as batch --fields leaves it out
    assert results[0]["reply"] == {"subject": kit.render(SARA).subject}
    assert results[1]["ok"] is False


def test_fields_give_the_records_of_batch_fields(tmp_path: Path) -> None:
    objects = [record for record in RECORDS if isinstance(record, dict)]
    source = tmp_path / "tickets.jsonl"
    source.write_text("\n".join(json.dumps(record) for record in objects) + "\n", encoding="utf-8")
    out = tmp_path / "drafts.jsonl"
    CliRunner().invoke(cli, ["batch", str(source), "-o", str(out), "--fields", "text,sms_segments"])
    from_batch = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for record in from_batch:
        del record["line"]
    fields = ["text", "sms_segments"]
    assert list(ak.ReplyKit().render_many(objects, fields=fields)) == from_batch


def test_an_unknown_field_is_refused_before_any_record(kit: ak.ReplyKit) -> None:
    with pytest.raises(ValueError, match="'body' is not a reply field; choose from: kind"):
        list(kit.render_many([SARA], fields=["text", "body"]))
    with pytest.raises(ValueError, match="a list of reply fields"):
        list(kit.render_many([SARA], fields="text"))


def test_records_are_read_only_as_results_are_taken(kit: ak.ReplyKit) -> None:
    taken: list[int] = []

    def endless() -> Iterator[dict[str, object]]:
        number = 0
        while True:
            taken.append(number)
            number += 1
            yield SARA

    first = list(islice(kit.render_many(endless()), 3))
    assert [result["ok"] for result in first] == [True, True, True]
    assert len(taken) == 3


def test_a_records_own_keys_are_not_changed(kit: ak.ReplyKit) -> None:
    record = {**SARA, "locale": "ar", "channel": "chat"}
    assert next(kit.render_many([record]))["reply"]["channel"] == "chat"
    assert record["locale"] == "ar" and record["channel"] == "chat"
