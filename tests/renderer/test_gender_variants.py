"""Templates compiled with the customer's gender resolved: the same replies, the same errors.

After :attr:`ReplyKit.GENDER_VARIANT_AFTER` renders of one template for one
gender, the kit renders a variant whose ``g()`` calls are already that
gender's forms (see ``apologykit.renderer._jinja.folding``). Here the variant is made from
the first render on, and every built-in kind must read exactly as the
template renders it with its calls.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import apologykit as ak
from apologykit.renderer._jinja.folding import can_fold


class EagerKit(ak.ReplyKit):
    GENDER_VARIANT_AFTER = 1


GENDERS = ("female", "male", None)


def with_gender(scenario: ak.Scenario, gender: str | None) -> ak.Scenario:
    customer = scenario.customer.model_copy(update={"gender": gender})
    return scenario.model_copy(update={"customer": customer})


@pytest.mark.parametrize("kind", ak.scenario_kinds())
def test_every_kind_reads_the_same_with_its_gender_resolved(kind: str) -> None:
    brand = ak.Brand(name="Acme", support_team="Acme Care")
    eager = EagerKit(brand=brand, plugins=False)
    plain = ak.ReplyKit(brand=brand, plugins=False)
    cls = ak.scenario_class(kind)
    for gender in GENDERS:
        scenario = with_gender(cls.examples()[0], gender)
        for locale in ("ar-SA", "en-GB"):
            for channel in cls.channels:
                got = eager.render(scenario, locale=locale, channel=channel)
                expected = plain.render(scenario, locale=locale, channel=channel)
                assert (got.subject, got.text, got.html) == (
                    expected.subject,
                    expected.text,
                    expected.html,
                ), (gender, locale, channel)
    # The Arabic templates do take the folded path (else this test proves nothing).
    key = (kind, "ar", "email" if "email" in cls.channels else cls.channels[0], "female")
    assert eager._gendered[key] is not eager.template(*key[:3])


COMPANY = (
    '{% extends "ar/_layout.j2" %}\n'
    "{% block listen %}\n"
    '{{ g("نعتذر إليكِ", "نعتذر إليك", "نعتذر إليكم") }}.\n'
    "{{ nope }}\n"
    "{% endblock %}\n"
)


def test_an_error_in_a_gendered_template_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ar" / "rude_agent.j2"
    path.parent.mkdir()
    path.write_text(COMPANY, encoding="utf-8")
    kit = EagerKit(template_dirs=[tmp_path], plugins=False)
    scenario = with_gender(ak.RudeAgent.examples()[0], "female")
    with pytest.raises(ak.TemplateError) as caught:
        kit.render(scenario, locale="ar")
    assert (caught.value.template, caught.value.line) == (str(path), 4)
    assert kit._gendered[("rude_agent", "ar", "email", "female")] is not kit.template(
        "rude_agent", "ar", "email"
    )


@pytest.mark.parametrize(
    "source",
    [
        '{% set g = "x" %}{{ g }}',
        "{% for g in [1] %}{{ g }}{% endfor %}",
        "{% macro m(g) %}{{ g }}{% endmacro %}",
        '{% import "ar/_offers.j2" as g %}',
        '{% from "ar/_offers.j2" import sentence as g %}',
    ],
)
def test_a_template_that_binds_its_own_g_keeps_its_calls(source: str) -> None:
    tree = ak.ReplyKit(plugins=False).environment.parse(source)
    assert not can_fold(tree)


def test_a_kind_with_a_field_named_g_keeps_its_calls(tmp_path: Path) -> None:
    # The field hides the global g(), so calling it fails, with or without a variant.
    class GField(ak.Scenario):
        kind: str = "g_field_kind"
        g: str = "a field"

    path = tmp_path / "ar" / "g_field_kind.j2"
    path.parent.mkdir()
    path.write_text('{{ g }}\n{{ g("لكِ", "لك", "لكم") }}\n', encoding="utf-8")
    try:
        kit = EagerKit(template_dirs=[tmp_path], plugins=False)
        for _ in range(2):
            with pytest.raises(ak.TemplateError) as caught:
                kit.render(GField(), locale="ar", channel="chat")
            assert (caught.value.template, caught.value.line) == (str(path), 2)
            assert "not callable" in str(caught.value)
    finally:
        from apologykit.model.scenario import unregister

        unregister("g_field_kind")
