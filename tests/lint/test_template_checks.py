"""One linter: ``kit.check_templates()`` and ``apologykit check`` find the same problems.

Errors stop a batch and fail ``check``; warnings (a company directory that
covers only some languages or kinds) are printed and pass, because a missing
template is already a clear error at render time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner, Result
from pydantic import ConfigDict

import apologykit as ak
from apologykit.cli import cli
from apologykit.model.scenario import unregister
from template_files import write


def make_kit(*dirs: Path) -> ak.ReplyKit:
    return ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=dirs, plugins=False)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_library_and_the_command_report_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        Path("company"),
        {
            # Found only by rendering the examples: a stand-in left in the text.
            "en/rude_agent.j2": '{% extends "apologykit:en/rude_agent.j2" %}\n'
            "{% block apologise %}\nSorry, [customer name].\n{% endblock %}\n",
            # Found only by parsing: a name no scenario provides.
            "en/delayed_response.j2": '{% extends "apologykit:en/delayed_response.j2" %}\n'
            "{% block thank %}\n{{ custmer.name }}\n{% endblock %}\n",
        },
    )
    problems = make_kit(Path("company")).check_templates()
    assert {p.code for p in problems} >= {"leftover", "unknown-name"}, problems
    result = run("check", "--templates", "company")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [str(p) for p in problems]


def test_a_problem_has_file_line_severity_code_and_message(tmp_path: Path) -> None:
    company = write(tmp_path, {"en/rude_agent.j2": "Hello\n{% if %}\n"})
    (problem,) = make_kit(company).check_templates()
    assert (problem.file, problem.line) == (str(company / "en" / "rude_agent.j2"), 2)
    assert (problem.severity, problem.code) == ("error", "syntax")
    assert str(problem) == f"{problem.file}:2: error: {problem.message} [syntax]"


@pytest.fixture
def visit_kind() -> Iterator[type[ak.Scenario]]:
    class MissedVisit(ak.Scenario):
        """A test kind that a company writes templates for in one language only."""

        model_config = ConfigDict(json_schema_extra={"examples": [{"customer": {"name": "Huda"}}]})

        kind: Literal["missed_visit"] = "missed_visit"

    yield MissedVisit
    unregister("missed_visit")


def test_a_company_with_only_some_languages_or_kinds_gets_warnings(
    tmp_path: Path, visit_kind: type[ak.Scenario], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        Path("company"),
        {
            # French for one kind only; the new kind in English only.
            "fr/_layout.j2": '{% extends "apologykit:en/_layout.j2" %}',
            "fr/rude_agent.j2": '{% extends "fr/_layout.j2" %}\n'
            "{% block apologise %}Pardon.{% endblock %}\n",
            "en/missed_visit.j2": '{% extends "en/_layout.j2" %}\n'
            "{% block apologise %}Sorry we missed you.{% endblock %}\n",
        },
    )
    problems = make_kit(Path("company")).check_templates()
    assert problems, "a kind without a template in a language is worth a warning"
    assert {p.severity for p in problems} == {"warning"}, problems
    missing = {p.message for p in problems if p.code == "missing-template"}
    assert any("'missed_visit' has no 'ar' template" in m for m in missing), missing
    (french,) = [m for m in missing if "no 'fr' template" in m]
    assert "delayed_response" in french and "rude_agent" not in french
    Path("apologykit.toml").write_text(
        'templates = ["company"]\n[brand]\nname = "Acme"\n', encoding="utf-8"
    )
    result = run("check", "--config", "apologykit.toml")
    assert result.exit_code == 0, result.output
    assert ": warning: " in result.stdout
    assert "0 errors" in result.stderr


def test_a_template_error_keeps_message_template_and_line_apart() -> None:
    error = ak.TemplateError("unexpected end of template", "en/x.j2", 3)
    assert (error.message, error.template, error.line) == (
        "unexpected end of template",
        "en/x.j2",
        3,
    )
    assert str(error) == "en/x.j2:3: unexpected end of template"
    assert ak.TemplateError("no where").message == "no where"


def test_check_help_says_what_is_an_error_and_what_a_warning() -> None:
    help_text = " ".join(run("check", "--help").stdout.split())
    assert "file:line: severity: message [code]" in help_text
    assert "symbolic link" in help_text and "not UTF-8" in help_text
    assert "Warnings (exit status 0)" in help_text
