"""apologykit.dask on a real LocalCluster with worker processes: one output per input, in
order, equal to `apologykit batch` on the same records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.bag as dask_bag
import dask.dataframe as dask_dataframe
import dask.distributed as distributed
import pandas as pd
import pytest

import apologykit as ak
from apologykit.dask import frame_columns, render_bag, render_frame
from apologykit.model.dotted import nest
from apologykit.renderer.reply import REPLY_FIELDS
from scale_records import rows, write_csv, write_jsonl

#: Records in the cluster test, as the issue asks: about 80 seconds here (2 cores, batch
#: included). APOLOGYKIT_SCALE_RECORDS sets another number.
RECORDS = int(os.environ.get("APOLOGYKIT_SCALE_RECORDS", "200000"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def batch_records(source: Path, tmp_path: Path, *options: str) -> list[dict[str, Any]]:
    """What the `apologykit batch` command writes for ``source``, without line numbers."""
    out = tmp_path / "batch.jsonl"
    subprocess.run(
        [sys.executable, "-m", "apologykit", "batch", str(source), "-o", str(out), *options],
        check=False,
        capture_output=True,
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for record in records:
        del record["line"]
    return records


def as_record(row: dict[str, Any]) -> dict[str, Any]:
    """A render_frame row in a batch record's shape."""
    if not row["ok"]:
        return {"ok": False, "error": row["error"]}
    reply = {name: row[name] for name in REPLY_FIELDS}
    if reply["sms_segments"] is None:  # batch writes it for SMS replies only
        del reply["sms_segments"]
    return {"ok": True, "reply": reply}


def test_a_dask_frame_on_worker_processes_equals_batch(client: Any, tmp_path: Path) -> None:
    source = tmp_path / "tickets.csv"
    write_csv(rows(RECORDS), source)
    expected = batch_records(source, tmp_path, "--jobs", "2")
    # the workers read the file themselves, as they would read a data platform's export
    frame = dask_dataframe.read_csv(
        source, dtype=str, keep_default_na=False, blocksize=source.stat().st_size // 16 + 1
    )

    out = render_frame(frame, ak.ReplyKit()).compute()

    assert frame.npartitions >= 8
    assert list(out.columns) == frame_columns()
    assert len(out) == len(expected) == RECORDS
    assert 0 < (~out["ok"]).sum() < RECORDS / 5  # bad records are mixed in, and only them
    assert [as_record(row) for row in out.to_dict("records")] == expected


def test_a_dask_frame_keeps_its_index(client: Any) -> None:
    table = pd.DataFrame(
        {"kind": ["rude_agent", "nope"] * 20, "customer.name": [f"Sara {n}" for n in range(40)]},
        index=range(1000, 0, -25),
    )
    out = render_frame(dask_dataframe.from_pandas(table, npartitions=4, sort=False), ak.ReplyKit())
    computed = out.compute()
    assert computed.index.equals(table.index)
    assert computed["ok"].tolist() == [True, False] * 20
    assert "Sara 38" in computed["text"].iloc[-2]  # the row's own reply
    assert computed["text"].iloc[-1] is None


def test_a_bag_on_worker_processes_equals_batch(client: Any, tmp_path: Path) -> None:
    # JSON records: the CSV rows nested (a list position with a gap cannot be nested)
    flat = [record for record in rows(RECORDS // 10) if "options.1.type" not in record]
    nested: list[Any] = [nest(list(record.items())) for record in flat]
    nested[3:3] = [["not", "a", "record"], "rude_agent", None]
    source = tmp_path / "tickets.jsonl"
    write_jsonl(nested, source)
    expected = batch_records(source, tmp_path, "--locale", "ar-SA")

    bag = dask_bag.from_sequence(nested, npartitions=8)
    results = render_bag(bag, ak.ReplyKit(), locale="ar-SA").compute()

    assert len(results) == len(nested)
    assert [result["ok"] for result in results] == [record["ok"] for record in expected]
    wrong_shape = [3, 4, 5]  # batch names the line; the bag says what a record must be
    assert all("must be an object" in results[i]["error"]["message"] for i in wrong_shape)
    assert [r for i, r in enumerate(results) if i not in wrong_shape] == [
        r for i, r in enumerate(expected) if i not in wrong_shape
    ]


def test_a_pandas_frame_keeps_its_index_and_the_fields_asked_for() -> None:
    table = pd.DataFrame(
        {
            "kind": ["rude_agent", "no_such_kind", "rude_agent", "rude_agent"],
            "customer.name": ["Sara", "Omar", None, "Huda"],
            "customer.gender": ["female", "", float("nan"), "female"],
            "locale": ["ar-SA", None, None, None],
            "options.1.type": [None, None, None, "refund"],
        },
        index=["a", "b", "c", "d"],
    )
    out = render_frame(table, ak.ReplyKit(), fields=["subject", "language"])
    assert list(out.columns) == ["subject", "language", "ok", "error"]
    assert list(out.index) == ["a", "b", "c", "d"]
    assert out["ok"].tolist() == [True, False, True, False]
    assert out.loc["a", "language"] == "ar" and out.loc["c", "language"] == "en"
    assert out.loc["b", "subject"] is None
    assert out.loc["b", "error"]["type"] == "UnknownKindError"
    assert "without gaps" in out.loc["d", "error"]["message"]  # its own row only


def test_a_frame_with_two_columns_of_one_name_is_one_clear_error() -> None:
    table = pd.DataFrame([["rude_agent", "Sara", "Omar"]], columns=["kind", "name", "name"])
    with pytest.raises(ak.InputError, match="column 'name' appears twice"):
        render_frame(table, ak.ReplyKit())


def test_the_core_never_imports_dask_or_pandas(tmp_path: Path) -> None:
    source = tmp_path / "t.jsonl"
    source.write_text('{"kind": "rude_agent"}\n', encoding="utf-8")
    script = (
        "import sys, apologykit, apologykit.cli.group, apologykit.batch.run\n"
        "list(apologykit.ReplyKit().render_many([{'kind': 'rude_agent'}]))\n"
        f"apologykit.cli.group.cli(['batch', {str(source)!r}, '-o', {str(tmp_path / 'o')!r}],"
        " standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'pandas')))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / "o").read_text(encoding="utf-8").count('"ok":true') == 1
    assert ran.stdout.strip().splitlines()[-1] == "[]"
