"""Kind templates compiled with their layout merged in: the same replies, the same errors.

A merged template renders without Jinja's inheritance at render time (see
``apologykit.renderer._jinja.layouts``). These tests hold it to what inheritance gives: the
same text for company chains of templates, errors naming the file and line
that is wrong (the kind's, or the layout's), and the plain inheritance path
for templates that use ``super()`` or ``self``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel import Locale as Babel

import apologykit as ak
from apologykit.renderer import environment
from apologykit.renderer._jinja.runtime import new_context, render_block, render_body
from apologykit.renderer.environment import RENDER_STATE, RenderState
from apologykit.renderer.limits import Steps
from apologykit.renderer.view import scenario_view
from template_files import write

CHAIN = {
    # A company layout over the built-in layout, and a company kind over the built-in kind.
    "en/_layout.j2": '{% extends "apologykit:en/_layout.j2" %}\n'
    "{% set motto = 'We answer within a day.' %}\n"
    "{% block signoff %}\nWarm wishes,\n{{ brand.name }}\n{{ motto }}\n{% endblock %}\n",
    "en/rude_agent.j2": '{% extends "apologykit:en/rude_agent.j2" %}\n'
    '{% import "en/_offers.j2" as offers %}\n'
    "{% block thank %}\nThank you, {{ customer.name }}.\n{% endblock %}\n",
}


def kit_for(root: Path) -> ak.ReplyKit:
    return ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[root], plugins=False)


def test_a_company_chain_renders_as_jinja_inheritance_renders_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, CHAIN)
    customer = ak.Customer(name="Sara", gender="female")
    scenario = ak.RudeAgent.examples()[0].model_copy(update={"customer": customer})
    merged = kit_for(tmp_path)
    replies = [merged.render(scenario, locale="en", channel=c) for c in ("email", "chat")]
    assert str(tmp_path / "en/rude_agent.j2") in merged.environment.merged
    assert "We answer within a day." in replies[0].text
    assert "\nThank you, Sara.\n" in replies[1].text  # the company's thank block
    monkeypatch.setattr(environment, "merged_tree", lambda *args: None)
    written = kit_for(tmp_path)
    for reply, channel in zip(replies, ("email", "chat"), strict=True):
        expected = written.render(scenario, locale="en", channel=channel)
        assert (reply.subject, reply.text) == (expected.subject, expected.text)
    assert not written.environment.merged


@pytest.mark.parametrize(
    ("name", "source", "line"),
    [
        # in the kind's own block
        (
            "en/rude_agent.j2",
            CHAIN["en/rude_agent.j2"].replace("{{ customer.name }}", "{{ nope }}"),
            4,
        ),
        # in the company layout's block, rendered as part of the merged kind template
        ("en/_layout.j2", CHAIN["en/_layout.j2"].replace("{{ motto }}", "{{ nope }}"), 6),
    ],
)
def test_an_error_in_a_merged_template_names_its_own_file_and_line(
    tmp_path: Path, name: str, source: str, line: int
) -> None:
    root = write(tmp_path, {**CHAIN, name: source})
    kit = kit_for(root)
    with pytest.raises(ak.TemplateError) as caught:
        kit.render(ak.RudeAgent.examples()[0], locale="en")
    assert str(root / "en/rude_agent.j2") in kit.environment.merged
    path = root / name
    assert (caught.value.template, caught.value.line) == (str(path), line)
    assert str(caught.value) == f"{path}:{line}: undefined value: 'nope' is undefined"


def test_a_limit_passed_in_a_merged_template_names_its_line(tmp_path: Path) -> None:
    huge = '{% block thank %}\nThanks.\n{{ "x" * 100000000 }}\n{% endblock %}\n'
    root = write(tmp_path, {"en/rude_agent.j2": '{% extends "en/_layout.j2" %}\n' + huge})
    kit = kit_for(root)
    with pytest.raises(ak.TemplateLimitError) as caught:
        kit.render(ak.RudeAgent.examples()[0], locale="en")
    assert str(root / "en/rude_agent.j2") in kit.environment.merged
    assert (caught.value.template, caught.value.line) == (str(root / "en/rude_agent.j2"), 4)


@pytest.mark.parametrize(
    "block",
    [
        "{% block thank %}{{ super() }} And thanks again.{% endblock %}",
        "{% block thank %}{{ self.apologise() }} And thanks again.{% endblock %}",
        "{% block thank scoped %}{{ super() }} And thanks again.{% endblock %}",
    ],
)
def test_super_self_and_scoped_blocks_render_through_jinja_inheritance(
    tmp_path: Path, block: str
) -> None:
    root = write(
        tmp_path, {"en/rude_agent.j2": '{% extends "apologykit:en/rude_agent.j2" %}\n' + block}
    )
    kit = kit_for(root)
    text = kit.render(ak.RudeAgent.examples()[0], locale="en", channel="email").text
    assert "And thanks again." in text
    assert str(root / "en/rude_agent.j2") not in kit.environment.merged
    builtin = ak.ReplyKit(brand=ak.Brand(name="Acme"), plugins=False)
    plain = builtin.render(ak.RudeAgent.examples()[0], locale="en", channel="email").text
    if "super()" in block:  # the built-in thank block, then the company's sentence
        thanks = plain.split("\n\n")[-3]
        assert 0 < text.index(thanks) < text.index("And thanks again.")


def test_a_missing_layout_is_still_reported_where_the_template_extends_it(tmp_path: Path) -> None:
    root = write(tmp_path, {"en/rude_agent.j2": '\n{% extends "en/_layuot.j2" %}\n'})
    with pytest.raises(ak.TemplateError) as caught:
        kit_for(root).render(ak.RudeAgent.examples()[0], locale="en")
    assert (caught.value.template, caught.value.line) == (str(root / "en/rude_agent.j2"), 2)
    assert "'en/_layuot.j2' not found" in str(caught.value)


class OftenRendered(ak.ReplyKit):
    """A kit that compiles its templates for frequent use from the first render on."""

    GENDER_VARIANT_AFTER = 1


def twice(kit: ak.ReplyKit, scenario: ak.Scenario) -> ak.Reply:
    """The second render, from the template compiled for frequent use after the first."""
    with contextlib.suppress(ak.TemplateError):
        kit.render(scenario, locale="en")
    return kit.render(scenario, locale="en")


def test_a_template_rendered_often_renders_its_blocks_in_place(tmp_path: Path) -> None:
    # In place: the body renders even with every block function through the
    # context broken, and the subject block is still there to render on its own.
    kit = OftenRendered(brand=ak.Brand(name="Acme"), plugins=False)
    scenario = ak.RudeAgent.examples()[0]
    expected = kit.render(scenario, locale="en", channel="email")
    template = kit._gendered[("rude_agent", "en", "email", scenario.customer.gender)]
    assert template is not kit.template("rude_agent", "en", "email")
    assert template.filename in kit.environment.merged

    def broken(context: object) -> Iterator[str]:
        raise AssertionError("a block was rendered through the context")
        yield ""

    token = RENDER_STATE.set(RenderState(kit._formatter(*_en(kit)), None, Steps()))
    try:
        variables = scenario_view(scenario, "en")
        variables.update(brand=kit._brand_view("en"), channel="email", language="en")
        variables["direction"] = "ltr"
        context = new_context(template, variables)
        subject = "".join(render_block(context, "subject") or ())
        context.blocks = {name: [broken] for name in context.blocks}
        body = "".join(render_body(template, context))
    finally:
        RENDER_STATE.reset(token)
    assert expected.subject == " ".join(subject.split())
    assert "Kind regards," in body and expected.text.split("\n")[2] in body


def _en(kit: ak.ReplyKit) -> tuple[Babel, str, None]:
    locale, _, tag, _ = kit._resolve("en")
    return locale, tag, None


@pytest.mark.parametrize(
    ("blocks", "error"),
    [
        # a name set in one block is not seen by the next, in place or not
        (
            "{% block listen %}{% set note = 'noted' %}Heard.{% endblock %}\n"
            "{% block thank %}{{ note }}{% endblock %}\n",
            "'note' is undefined",
        ),
        # a loop variable of a block stays in it
        (
            "{% block listen %}{% for note in [1] %}{% endfor %}{% endblock %}\n"
            "{% block thank %}{{ note }}{% endblock %}\n",
            "'note' is undefined",
        ),
    ],
)
def test_a_block_in_place_keeps_its_names_to_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blocks: str, error: str
) -> None:
    root = write(tmp_path, {"en/rude_agent.j2": '{% extends "en/_layout.j2" %}\n' + blocks})
    scenario = ak.RudeAgent.examples()[0]
    kit = OftenRendered(brand=ak.Brand(name="Acme"), template_dirs=[root], plugins=False)
    with pytest.raises(ak.TemplateError, match=error) as merged:
        twice(kit, scenario)
    assert kit._gendered  # the error came from the template with its blocks in place
    assert str(root / "en/rude_agent.j2") in kit.environment.merged
    monkeypatch.setattr(environment, "merged_tree", lambda *args: None)
    with pytest.raises(ak.TemplateError, match=error) as written:
        kit_for(root).render(scenario, locale="en")
    assert (merged.value.template, merged.value.line) == (
        written.value.template,
        written.value.line,
    )


def test_names_set_before_the_blocks_are_seen_in_them_as_jinja_shows_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        '{% extends "en/_layout.j2" %}\n'
        "{% set promise = 'We will call you today.' %}\n"
        "{% macro shout(text) %}{{ text | upper }}{% endmacro %}\n"
        "{% block listen %}{{ promise }} {{ shout('sorry') }}{% endblock %}\n"
    )
    root = write(tmp_path, {"en/rude_agent.j2": source})
    scenario = ak.RudeAgent.examples()[0]
    kit = OftenRendered(brand=ak.Brand(name="Acme"), template_dirs=[root], plugins=False)
    merged = twice(kit, scenario).text
    assert kit._gendered and str(root / "en/rude_agent.j2") in kit.environment.merged
    assert "We will call you today. SORRY" in merged
    monkeypatch.setattr(environment, "merged_tree", lambda *args: None)
    assert kit_for(root).render(scenario, locale="en").text == merged
