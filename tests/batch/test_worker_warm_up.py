"""A batch worker does its one-time work before it says it is ready.

A fresh worker's first record of a kind used to pay for building that kind's
validator and compiling its template; on a busy machine that pushed a record
past ``--timeout`` and gave it a spurious timeout error. Here that one-time
work is made slower than the timeout on purpose (a sleep, as a loaded machine
would make it), so the record's outcome tells whether the worker did the work
before its first record or during it. No assertion is about time.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import pytest
from jinja2 import Template
from pydantic import ConfigDict, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

import apologykit as ak
from apologykit.batch.readers import InputRecord
from apologykit.batch.results import Settings
from apologykit.batch.workers import WARM_UP_TIMEOUTS, WorkerPool
from apologykit.model.channels import Channel
from apologykit.model.scenario import unregister

#: Longer than TIMEOUT by more than the pool's polling interval.
SLOW_SECONDS = 2.5
TIMEOUT = 1.0


class SlowFirstCompile(ak.ReplyKit):
    """A kit whose first template compile takes longer than the timeout."""

    def template(self, kind: str, language: str, channel: Channel) -> Template:
        if not getattr(self, "_compiled_once", False):
            time.sleep(SLOW_SECONDS)
            self._compiled_once = True
        return super().template(kind, language, channel)


class SlowToBuild(str):
    """A text field whose validator takes longer than the timeout to build."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        time.sleep(SLOW_SECONDS)
        return core_schema.str_schema()


class HangsOnItsExample(ak.ReplyKit):
    """A kit whose render hangs on the example of the kind ``hanging_notice``."""

    def render(
        self, scenario: ak.Scenario | Mapping[str, Any], locale: str | None = None,
        channel: Channel = "email",
    ) -> ak.Reply:  # fmt: skip
        if getattr(scenario, "topic", None) == "HANG":
            time.sleep(600)
        return super().render(scenario, locale, channel)


def render_in_one_worker(
    settings: Settings, records: list[InputRecord], timeout: float = TIMEOUT
) -> list[dict[str, Any]]:
    pool = WorkerPool(1, settings, timeout, in_flight=2)
    try:
        chunks = list(pool.render([records]))
    finally:
        pool.close()
    return [json.loads(line) for chunk in chunks for line in chunk.data.splitlines()]


def record(line: int, data: dict[str, Any]) -> InputRecord:
    return InputRecord(line, text=json.dumps(data))


def test_a_slow_first_compile_is_not_charged_to_the_first_record() -> None:
    settings = Settings(functools.partial(SlowFirstCompile, plugins=False), locale="ar-SA")
    records = [
        record(1, {"kind": "rude_agent", "customer": {"name": "Sara", "gender": "female"}}),
        record(2, {"kind": "delayed_response", "waited": "P3D"}),
    ]
    out = render_in_one_worker(settings, records)
    assert [r["line"] for r in out] == [1, 2]
    assert [r["ok"] for r in out] == [True, True], out
    assert out[0]["reply"]["language"] == "ar"


def write_template(root: Path, kind: str) -> Path:
    template = root / "en" / f"{kind}.j2"
    template.parent.mkdir()
    template.write_text(
        '{% extends "en/_layout.j2" %}\n'
        "{% block subject %}About {{ topic }}{% endblock %}\n"
        "{% block apologise %}\nWe are sorry about the {{ topic }}.\n{% endblock %}\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture
def slow_kind(tmp_path: Path) -> Iterator[Path]:
    """A company kind whose validator is slow to build, and its template directory."""

    class SlowlyBuiltNotice(ak.Scenario):
        """A notice whose field type is slow to build a validator for."""

        kind: Literal["slowly_built_notice"] = "slowly_built_notice"
        topic: SlowToBuild

    try:
        yield write_template(tmp_path, "slowly_built_notice")
    finally:
        unregister("slowly_built_notice")


def test_a_slow_validator_build_is_not_charged_to_the_first_record(slow_kind: Path) -> None:
    settings = Settings(
        functools.partial(ak.ReplyKit, template_dirs=[slow_kind], plugins=False), locale="en"
    )
    out = render_in_one_worker(
        settings, [record(1, {"kind": "slowly_built_notice", "topic": "late parcel"})]
    )
    assert [r["ok"] for r in out] == [True], out
    assert "We are sorry about the late parcel." in out[0]["reply"]["text"]


@pytest.fixture
def hanging_kind(tmp_path: Path) -> Iterator[Path]:
    """A company kind whose example hangs its render, and its template directory."""

    class HangingNotice(ak.Scenario):
        """A notice whose example never finishes rendering."""

        model_config = ConfigDict(json_schema_extra={"examples": [{"topic": "HANG"}]})
        kind: Literal["hanging_notice"] = "hanging_notice"
        topic: str

    try:
        yield write_template(tmp_path, "hanging_notice")
    finally:
        unregister("hanging_notice")


def test_a_warm_up_that_hangs_is_given_up_and_the_batch_goes_on(hanging_kind: Path) -> None:
    timeout = 0.5  # the warm-up is given up after WARM_UP_TIMEOUTS of these
    assert timeout * WARM_UP_TIMEOUTS < 600
    settings = Settings(
        functools.partial(HangsOnItsExample, template_dirs=[hanging_kind], plugins=False),
        locale="en",
    )
    records = [
        record(1, {"kind": "hanging_notice", "topic": "late parcel"}),
        record(2, {"kind": "hanging_notice", "topic": "HANG"}),
        record(3, {"kind": "rude_agent"}),
    ]
    out = render_in_one_worker(settings, records, timeout)
    assert [r["ok"] for r in out] == [True, False, True], out
    assert "We are sorry about the late parcel." in out[0]["reply"]["text"]
    assert "took longer than 0.5 s" in out[1]["error"]["message"]
