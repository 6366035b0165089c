"""What the docs' own directives show is the library's real answer.

The ``reply``, ``template-example`` and ``command`` directives render during
``make docs``; these tests hold the helpers behind them to what a reader sees.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import apologykit as ak

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docs" / "_ext"))

from apologykit_docs.commands import run_command
from apologykit_docs.kind_pages import raw_examples
from apologykit_docs.replies import render_shown
from apologykit_docs.template_examples import render_snippet


def test_an_email_reply_is_shown_with_its_subject_in_its_language() -> None:
    scenario = ak.DelayedResponse.examples()[0]
    english, shown = render_shown(scenario, "en-GB", "email")
    assert shown.startswith(f"Subject: {english.subject}\n\n")
    assert shown.endswith(english.text.rstrip("\n"))
    arabic, shown = render_shown(scenario, "ar-SA", "email")
    assert shown.startswith(f"الموضوع: {arabic.subject}\n\n")
    _, chat = render_shown(scenario, "ar-SA", "chat")
    assert "الموضوع" not in chat


def test_a_snippet_renders_for_each_gender_as_the_guide_shows() -> None:
    snippet = '{{ g("شكرًا لكِ", "شكرًا لك", "شكرًا لكم") }}'
    shown = {
        gender: render_snippet(snippet, "rude_agent", "ar-SA", gender).text
        for gender in ("female", "male", "none")
    }
    assert shown == {"female": "شكرًا لكِ\n", "male": "شكرًا لك\n", "none": "شكرًا لكم\n"}


def test_a_snippet_formats_for_the_locale() -> None:
    assert (
        render_snippet("{{ waited | duration }}", "delayed_response", "en-GB").text == "11 days\n"
    )
    assert render_snippet("{{ waited | duration }}", "delayed_response", "ar-SA").text == (
        "11 يومًا\n"
    )


def test_a_broken_snippet_is_an_error_naming_the_line() -> None:
    with pytest.raises(ak.TemplateError, match=r"delayed_response\.j2:1"):
        render_snippet("{{ waited | no_such_filter }}", "delayed_response", "en-GB")


def test_commands_are_apologykit_commands_only() -> None:
    with pytest.raises(ValueError, match="starts with 'apologykit'"):
        run_command("pip install apologykit")
    result = run_command("apologykit kinds")
    assert result.exit_code == 0
    for kind in ak.scenario_kinds():
        assert kind in result.output


def test_the_examples_shown_on_kind_pages_validate_to_the_models_examples() -> None:
    for kind in ak.scenario_kinds():
        model = ak.scenario_class(kind)
        shown = [ak.parse_scenario(data) for data in raw_examples(model)]
        assert shown == model.examples(), kind
