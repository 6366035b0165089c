"""`apologykit check` reviews every example reply as what its kind declares it to be.

Built-in kinds must pass (an error otherwise); company templates and kinds get
warnings naming the file, the line where the words are written and the kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, Literal

import pytest
from click.testing import CliRunner, Result
from pydantic import ConfigDict

import apologykit as ak
from apologykit.cli import cli
from apologykit.errors import KindDeclarationError
from apologykit.lint.checks import TemplateProblem
from apologykit.model.scenario import unregister
from template_files import write


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def review_problems(problems: list[TemplateProblem]) -> list[TemplateProblem]:
    return [problem for problem in problems if problem.code.startswith("review:")]


@pytest.fixture
def company_kind() -> Iterator[None]:
    yield
    unregister("late_refund")


def test_built_in_kinds_declare_what_their_replies_are() -> None:
    assert (ak.RudeAgent.intent("email"), ak.RudeAgent.company_at_fault) == ("apology", True)
    assert ak.CustomerAtFault.intent("chat") == "closure"
    assert not ak.CustomerAtFault.company_at_fault
    assert ak.CallbackScheduled.intent("email") == "apology"
    assert ak.CallbackScheduled.intent("sms") == "notice"
    assert ak.ResolutionThanks.intent("sms") == "thanks"
    assert ak.FeedbackReceived.intent("email") == "thanks"
    assert ak.FollowUp.intent("email") == "notice"


def test_a_misspelt_intent_is_refused_naming_the_class_and_the_choices(
    company_kind: None,
) -> None:
    with pytest.raises(KindDeclarationError, match=r"LateRefund\.reply_intent .*'apology'"):

        class LateRefund(ak.Scenario):
            reply_intent: ClassVar[str] = "apologie"  # type: ignore[assignment]
            kind: Literal["late_refund"] = "late_refund"

    with pytest.raises(KindDeclarationError, match="channel 'sms', which the kind does not have"):

        class LateRefundSms(ak.Scenario):
            channel_intents: ClassVar[dict[str, str]] = {"sms": "notice"}  # type: ignore[assignment]
            kind: Literal["late_refund"] = "late_refund"


def test_a_reply_reviews_itself_as_what_its_kind_is() -> None:
    example = ak.ResolutionThanks.examples()[0]
    thanks = ak.render(example, locale="en").review()
    assert thanks.ok, thanks.findings
    assert "no-apology" not in thanks.codes
    forced = ak.render(example, locale="en").review(apology=True)
    assert "no-apology" in forced.codes


def test_check_prints_a_company_templates_review_findings_as_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "company",
        {
            "en/rude_agent.j2": '{% extends "apologykit:en/rude_agent.j2" %}\n'
            "{% block apologise %}\n"
            "We are sorry if you felt upset by the call.\n"
            "{% endblock %}\n"
        },
    )
    result = run("check", "--templates", "company")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("company/en/rude_agent.j2:3: warning: rude_agent example 1 (en, email, ")
        and line.endswith("[review:conditional-apology]")
        and "wrong: 'sorry if you'" in line
        for line in lines
    ), lines
    assert result.stderr.startswith("ok: 0 errors, ")


def test_a_company_kind_is_an_apology_the_company_owns_unless_it_says_otherwise(
    tmp_path: Path, company_kind: None
) -> None:
    templates = write(
        tmp_path,
        {
            "en/late_refund.j2": '{% extends "en/_layout.j2" %}\n'
            "{% block apologise %}\nI'm sorry your refund is late.\n{% endblock %}\n"
            "{% block solve %}\nWe have sent it again today.\n{% endblock %}\n",
            "ar/late_refund.j2": '{% extends "ar/_layout.j2" %}\n'
            '{% block apologise %}\nنعتذر {{ g("إليكِ", "إليك", "إليكم") }} عن تأخر المبلغ.'
            "\n{% endblock %}\n"
            '{% block solve %}\nوقد أرسلناه {{ g("إليكِ", "إليك", "إليكم") }} اليوم.'
            "\n{% endblock %}\n",
        },
    )

    class LateRefund(ak.Scenario):
        """A refund reached the customer late."""

        model_config = ConfigDict(json_schema_extra={"examples": [{"customer": {"name": "Ali"}}]})
        kind: Literal["late_refund"] = "late_refund"

    kit = ak.ReplyKit(template_dirs=[templates], plugins=False)
    found = review_problems(kit.check_templates())
    assert {(p.code, p.severity, Path(p.file).name) for p in found} == {
        ("review:missing-responsibility", "warning", "late_refund.j2")
    }
    assert {p.file for p in found} == {
        str(templates / "en" / "late_refund.j2"),
        str(templates / "ar" / "late_refund.j2"),
    }
    assert all("late_refund example 1" in p.message for p in found)

    LateRefund.company_at_fault = False
    assert review_problems(kit.check_templates()) == []


def test_a_built_in_reply_that_falls_short_of_its_kind_fails_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Declared an apology for a fault it does not own, the built-in closure fails.
    monkeypatch.setattr(ak.CustomerAtFault, "reply_intent", "apology")
    monkeypatch.setattr(ak.CustomerAtFault, "company_at_fault", True)
    found = review_problems(ak.ReplyKit(plugins=False).check_templates())
    assert found
    assert {(p.code, p.severity) for p in found} == {("review:missing-responsibility", "error")}
    assert {Path(p.file).name for p in found} == {"customer_at_fault.j2"}
    assert {Path(p.file).parent.name for p in found} == {"en", "ar"}


def test_the_built_in_templates_pass_their_review() -> None:
    assert review_problems(ak.ReplyKit(plugins=False).check_templates()) == []


def test_a_batch_checks_templates_without_reviewing_the_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The review step only warns about a company's templates, and a batch stops
    # only on errors: it leaves the step out, and with it the reviewer.
    company = write(
        tmp_path / "company",
        {
            "en/rude_agent.j2": '{% extends "apologykit:en/rude_agent.j2" %}\n'
            "{% block apologise %}\nWe are sorry if you felt upset by the call.\n{% endblock %}\n"
        },
    )
    kit = ak.ReplyKit(template_dirs=[company], plugins=False)
    assert review_problems(kit.check_templates())
    assert not review_problems(kit.check_templates(review=False))
    reviewed: list[object] = []
    monkeypatch.setattr(
        "apologykit.lint.checks.intent_problems", lambda *a: reviewed.append(a) or ()
    )
    source = write(tmp_path, {"in.jsonl": '{"kind": "rude_agent", "customer": {"name": "Sara"}}\n'})
    result = run("--templates", str(company), "batch", str(source / "in.jsonl"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert reviewed == [] and '"ok":true' in result.stdout
