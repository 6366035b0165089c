"""Company kinds reach the kit and the command line: `scenarios` in the config, `--scenarios`."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import apologykit as ak
from apologykit.cli import cli
from apologykit.model.scenario import unregister

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

KIND_MODULE = '''\
from typing import Literal

from pydantic import ConfigDict

import apologykit as ak


class ParcelLost(ak.Scenario):
    """A parcel was lost in transit."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"parcel_id": "P-1"}]})

    kind: Literal["parcel_lost"] = "parcel_lost"
    parcel_id: str
'''

TEMPLATE = (
    '{% extends "en/_layout.j2" %}{% block subject %}Parcel {{ parcel_id }}{% endblock %}'
    "{% block apologise %}We lost parcel {{ parcel_id }}.{% endblock %}"
)

VISIT = {
    "kind": "missed_appointment",
    "customer": {"name": "Huda", "gender": "female"},
    "booked_for": "2025-03-02T09:00:00+03:00",
    "new_visit": "2025-03-04T14:00:00+03:00",
}


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture(autouse=True)
def forget_company_kinds(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    yield
    for kind in ("missed_appointment", "parcel_lost"):
        unregister(kind)
    for name in list(sys.modules):
        if name.startswith("apologykit_scenarios_") or name.startswith("acme_kinds"):
            del sys.modules[name]


@pytest.fixture
def company(tmp_path: Path) -> Path:
    """A company directory: a config, a kinds file and an English template."""
    (tmp_path / "kinds").mkdir()
    (tmp_path / "kinds" / "parcels.py").write_text(KIND_MODULE, encoding="utf-8")
    (tmp_path / "templates" / "en").mkdir(parents=True)
    (tmp_path / "templates" / "en" / "parcel_lost.j2").write_text(TEMPLATE, encoding="utf-8")
    return tmp_path


def write_config(directory: Path, scenarios: str) -> Path:
    path = directory / "apologykit.toml"
    path.write_text(
        f'templates = ["templates"]\nscenarios = {scenarios}\n[brand]\nname = "Acme"\n',
        encoding="utf-8",
    )
    return path


def test_a_scenario_file_is_imported_relative_to_the_config(
    company: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(company, '["kinds/parcels.py"]')
    monkeypatch.chdir("/")
    assert "parcel_lost" not in ak.scenario_kinds()
    kit = ak.ReplyKit.from_config(config)
    reply = kit.render({"kind": "parcel_lost", "parcel_id": "P-9"}, "en")
    assert reply.subject == "Parcel P-9" and "We lost parcel P-9." in reply.text
    # A second kit reuses the imported file: no duplicate-kind error, same class.
    first = ak.scenario_class("parcel_lost")
    ak.ReplyKit.from_config(config)
    assert ak.scenario_class("parcel_lost") is first


def test_a_scenario_module_is_imported_by_name(
    company: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (company / "acme_kinds").mkdir()
    (company / "acme_kinds" / "__init__.py").write_text(KIND_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(company))
    config = write_config(company, '["acme_kinds"]')
    kit = ak.ReplyKit.from_config(config)
    assert "P-1" in kit.render({"kind": "parcel_lost", "parcel_id": "P-1"}, "en").text


@pytest.mark.parametrize(
    ("scenarios", "files", "fragments"),
    [
        ('["missing.py"]', {}, ["scenarios[0]: file ", "missing.py does not exist"]),
        (
            '["kinds/parcels.py", "kinds/broken.py"]',
            {"kinds/broken.py": "x = 1\ndef f(:\n"},
            ["scenarios[1]: importing ", "broken.py failed: SyntaxError", "line 2"],
        ),
        (
            '["kinds/exits.py"]',
            {"kinds/exits.py": "raise SystemExit(0)\n"},
            ["scenarios[0]: importing ", "exits.py failed: SystemExit"],
        ),
        (
            '["kinds/imports.py"]',
            {"kinds/imports.py": "import no_such_module_anywhere\n"},
            ["scenarios[0]: importing ", "No module named 'no_such_module_anywhere'"],
        ),
        (
            '["no_such_company_module"]',
            {},
            ["scenarios[0]: no module named 'no_such_company_module'", "no_such_company_module.py"],
        ),
        ('["not a module!"]', {}, ["scenarios[0]: 'not a module!' is neither a module name"]),
        ('"kinds/parcels.py"', {}, ["scenarios: ", "list"]),
    ],
)
def test_a_scenario_entry_that_fails_names_the_key_and_the_file(
    company: Path, scenarios: str, files: dict[str, str], fragments: list[str]
) -> None:
    for name, text in files.items():
        (company / name).write_text(text, encoding="utf-8")
    config = write_config(company, scenarios)
    with pytest.raises(ak.ConfigError) as caught:
        ak.ReplyKit.from_config(config)
    message = str(caught.value)
    assert message.startswith(f"{config}: scenarios"), message
    for fragment in fragments:
        assert fragment in message, message
    # A failed import leaves nothing half-registered behind.
    assert not any(name.startswith("apologykit_scenarios_broken") for name in sys.modules)


def test_the_command_line_imports_scenarios_given_with_the_option(company: Path) -> None:
    scenarios = str(company / "kinds" / "parcels.py")
    templates = str(company / "templates")
    result = run("--scenarios", scenarios, "--templates", templates, "kinds")
    assert result.exit_code == 0, result.output
    assert "parcel_lost" in result.stdout
    result = run(
        "--scenarios",
        scenarios,
        "--templates",
        templates,
        "render",
        "parcel_lost",
        "--set",
        "parcel_id=P-3",
        "--locale",
        "en",
    )
    assert result.exit_code == 0, result.output
    assert "We lost parcel P-3." in result.stdout


def test_a_bad_scenarios_option_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('no database')\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--scenarios", str(broken), "kinds"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "--scenarios" in result.stderr and "RuntimeError: no database" in result.stderr


def test_the_docs_company_kind_renders_in_a_batch_from_its_config(tmp_path: Path) -> None:
    # A copy, so that no run can write into the docs directory.
    shutil.copytree(EXAMPLES / "company", tmp_path / "company")
    config = str(tmp_path / "company" / "apologykit.toml")
    lines = "\n".join(json.dumps(record) for record in (VISIT, dict(VISIT, locale="en-GB")))
    result = run("--config", config, "batch", "-", "--input-format", "jsonl", input=lines)
    assert result.exit_code == 0, result.output
    replies = [json.loads(line)["reply"] for line in result.stdout.splitlines()]
    assert [reply["kind"] for reply in replies] == ["missed_appointment"] * 2
    assert "حجزنا لكِ زيارة جديدة" in replies[0]["text"]
    assert replies[1]["subject"] == "Sorry we missed your appointment"
    result = run("--config", config, "render", "missed_appointment", "--example")
    assert result.exit_code == 0, result.output


def test_scenarios_option_adds_to_the_config_and_is_relative_to_the_working_directory(
    company: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(company, "[]")
    monkeypatch.chdir(company)
    args = ["--config", str(config), "--scenarios", "kinds/parcels.py", "batch", "-"]
    records = '{"kind": "parcel_lost", "parcel_id": "P-5", "locale": "en"}\n'
    result = run(*args, "--input-format", "jsonl", input=records)
    assert result.exit_code == 0, result.output
    assert "We lost parcel P-5." in json.loads(result.stdout)["reply"]["text"]
    # Batch workers build their own kit: the file is found from them too.
    result = run(*args, "--input-format", "jsonl", "--jobs", "2", input=records)
    assert result.exit_code == 0, result.output
    assert "We lost parcel P-5." in json.loads(result.stdout)["reply"]["text"]
