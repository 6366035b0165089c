"""Company directories: search order, block and layout overrides, new languages and kinds.

Everything here goes through ``template_dirs`` with real files in ``tmp_path``;
nothing touches the built-in templates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest

import apologykit as ak
from apologykit.model.scenario import unregister
from apologykit.renderer.loaders import builtin_dir
from template_files import write

SEED_KINDS: tuple[type[ak.Scenario], ...] = (
    ak.RudeAgent,
    ak.MissingTermsInfo,
    ak.IncorrectTerms,
    ak.DelayedResponse,
    ak.CustomerAtFault,
)


def make_kit(*dirs: Path, **kwargs: object) -> ak.ReplyKit:
    return ak.ReplyKit(
        brand=ak.Brand(name="Acme", support_team="Acme Care"),
        template_dirs=dirs,
        plugins=False,
        **kwargs,  # type: ignore[arg-type]
    )


def rude_listen(text: str) -> str:
    return (
        '{% extends "apologykit:en/rude_agent.j2" %}\n'
        f"{{% block listen %}}\n{text}\n{{% endblock %}}\n"
    )


# -- search order -----------------------------------------------------------------


def test_company_directories_are_searched_in_order_before_the_builtins(tmp_path: Path) -> None:
    first = write(tmp_path / "first", {"en/rude_agent.j2": rude_listen("FIRST")})
    second = write(
        tmp_path / "second",
        {
            "en/rude_agent.j2": rude_listen("SECOND"),
            "en/incorrect_terms.j2": '{% extends "apologykit:en/incorrect_terms.j2" %}\n'
            "{% block solve %}\nSECOND SOLVE\n{% endblock %}\n",
        },
    )
    kit = make_kit(first, second)
    rude = kit.render(ak.RudeAgent.examples()[0], locale="en")
    assert "FIRST" in rude.text and "SECOND" not in rude.text
    terms = kit.render(ak.IncorrectTerms.examples()[0], locale="en")
    assert "SECOND SOLVE" in terms.text
    builtin = kit.render(ak.DelayedResponse.examples()[0], locale="en")
    assert builtin.text == make_kit().render(ak.DelayedResponse.examples()[0], locale="en").text


def test_directories_are_searched_in_order_then_channel_before_general(
    tmp_path: Path,
) -> None:
    first = write(tmp_path / "first", {"en/rude_agent.j2": rude_listen("GENERAL")})
    second = write(tmp_path / "second", {"en/rude_agent.chat.j2": rude_listen("CHAT ONLY")})
    example = ak.RudeAgent.examples()[0]
    # An earlier directory wins, even with a general template over a channel one...
    kit = make_kit(first, second)
    assert "GENERAL" in kit.render(example, locale="en", channel="chat").text
    # ...and within the same order a channel template beats the general one.
    kit = make_kit(second, first)
    assert "CHAT ONLY" in kit.render(example, locale="en", channel="chat").text
    assert "GENERAL" in kit.render(example, locale="en", channel="email").text


def test_a_missing_template_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ak.ConfigError, match="does-not-exist"):
        make_kit(tmp_path / "does-not-exist")


# -- overriding one block -----------------------------------------------------------


def test_extending_the_builtin_replaces_one_block_and_keeps_the_rest(tmp_path: Path) -> None:
    company = write(
        tmp_path,
        {
            "en/delayed_response.j2": '{% extends "apologykit:en/delayed_response.j2" %}\n'
            '{% import "en/_offers.j2" as offers %}\n'
            "{% block solve %}\n"
            "OUR OWN OFFER: {{ offers.sentence(compensation) }}\n"
            "{% endblock %}\n"
        },
    )
    example = ak.DelayedResponse.examples()[0]
    ours = make_kit(company).render(example, locale="en-GB")
    builtin = make_kit().render(example, locale="en-GB")
    assert "OUR OWN OFFER: We would like to offer you 15% off your next order." in ours.text
    assert "We want to make it up to you." in builtin.text
    assert "We want to make it up to you." not in ours.text
    # Every other block, the subject and the frame are the built-in's.
    assert ours.subject == builtin.subject
    kept = [p for p in builtin.text.split("\n\n") if "make it up" not in p]
    assert [p for p in ours.text.split("\n\n") if "OUR OWN OFFER" not in p] == kept


def test_super_keeps_the_builtin_block_inside_the_override(tmp_path: Path) -> None:
    company = write(
        tmp_path,
        {
            "en/rude_agent.j2": '{% extends "apologykit:en/rude_agent.j2" %}\n'
            "{% block thank %}\n{{ super() }}\nP.S. FROM ACME\n{% endblock %}\n"
        },
    )
    text = make_kit(company).render(ak.RudeAgent.examples()[0], locale="en").text
    kept, added = "Thank you for telling us; it helps us put things right.", "P.S. FROM ACME"
    assert kept in text and added in text and text.index(kept) < text.index(added)


# -- overriding the layout ----------------------------------------------------------

LAYOUT = """{% extends "apologykit:en/_layout.j2" %}
{% block greeting %}
Hey there{% if customer.name %} {{ customer.name }}{% endif %}!
{% endblock %}
{% block signoff %}
Yours truly,
THE ACME CREW
{% endblock %}
"""


@pytest.mark.parametrize("cls", SEED_KINDS, ids=lambda cls: cls.__name__)
def test_a_layout_override_changes_greeting_and_signoff_of_every_kind(
    tmp_path: Path, cls: type[ak.Scenario]
) -> None:
    kit = make_kit(write(tmp_path, {"en/_layout.j2": LAYOUT}))
    example = cls.examples()[0]
    email = kit.render(example, locale="en-GB").text
    name = example.customer.name
    english = name if isinstance(name, str) else name and name["en"]
    assert email.startswith(f"Hey there {english}!\n")
    assert email.endswith("Yours truly,\nTHE ACME CREW\n")
    assert "Kind regards" not in email
    assert kit.render(example, locale="en-GB", channel="chat").text.startswith("Hey there")
    # Arabic has its own frame, untouched.
    assert kit.render(example, locale="ar-SA").text == make_kit().render(example, "ar-SA").text


# -- a new language -----------------------------------------------------------------

FRENCH = {
    "fr/_layout.j2": """{% if false %}{% block subject %}{% endblock %}{% endif %}
Bonjour{% if customer.name %} {{ customer.name }}{% endif %},

{% block apologise %}{% endblock %}

{% block solve %}{% endblock %}
{% if channel == "email" %}

Cordialement,
{{ brand.support_team or brand.name }}
{% endif %}
""",
    "fr/_offers.j2": """{% macro sentence(offer) -%}
{% if offer.type == "refund" -%}
Nous vous remboursons {{ offer.amount | money }}.
{%- else -%}
Nous vous offrons {{ offer.percent | percent }} sur votre prochaine commande.
{%- endif %}
{%- endmacro %}
""",
    "fr/late_refund.j2": """{% extends "fr/_layout.j2" %}
{% import "fr/_offers.j2" as offers %}
{% block subject %}Désolés pour l'attente{% endblock %}
{% block apologise %}
Vous avez attendu {{ waited | duration }}, depuis le {{ since | date }} : nous en sommes désolés.
{% endblock %}
{% block solve %}
{{ offers.sentence(compensation) }} Total : {{ 1234567.5 | number }}.
{% endblock %}
""",
}


@pytest.fixture
def late_refund() -> Iterator[type[ak.Scenario]]:
    class LateRefund(ak.Scenario):
        """A refund took too long (a company kind, to show French dates and amounts)."""

        kind: Literal["late_refund"] = "late_refund"
        waited: dt.timedelta
        since: dt.date
        compensation: ak.Offer

    yield LateRefund
    unregister("late_refund")


def _spaces(text: str) -> str:
    """Babel's French uses no-break spaces; compare with plain ones."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_a_company_language_renders_with_babel_formatting(
    tmp_path: Path, late_refund: type[ak.Scenario]
) -> None:
    kit = make_kit(write(tmp_path, FRENCH))
    assert "fr" in kit.languages
    scenario = ak.parse_scenario(
        {
            "kind": "late_refund",
            "customer": {"name": "Chloé"},
            "waited": "P11D",
            "since": "2025-03-02",
            "compensation": {"type": "refund", "amount": {"amount": "1250.50", "currency": "EUR"}},
        }
    )
    reply = kit.render(scenario, locale="fr-FR")
    assert (reply.locale, reply.language, reply.direction) == ("fr-FR", "fr", "ltr")
    assert reply.subject == "Désolés pour l'attente"
    text = _spaces(reply.text)
    assert text.startswith("Bonjour Chloé,\n")
    assert "Vous avez attendu 11 jours, depuis le 2 mars 2025" in text
    assert "Nous vous remboursons 1 250,50 euros." in text  # Babel's name for the count
    assert "Total : 1 234 567,5." in text
    assert text.endswith("Cordialement,\nAcme Care\n")
    # Canadian French: same templates, Babel's fr-CA data.
    assert kit.render(scenario, locale="fr-CA").locale == "fr-CA"


def test_a_company_language_needs_its_entry_in_a_per_language_brand(
    tmp_path: Path, late_refund: type[ak.Scenario]
) -> None:
    kit = ak.ReplyKit(
        brand=ak.Brand(name=ak.Translations({"en": "Acme", "ar": "أكمي"})),
        template_dirs=[write(tmp_path, FRENCH)],
        plugins=False,
    )
    scenario = {
        "kind": "late_refund",
        "waited": "P2D",
        "since": "2025-03-02",
        "compensation": {"type": "discount", "percent": 10},
    }
    with pytest.raises(ak.MissingTranslationError, match=r"brand\.name: has no 'fr' text"):
        kit.render(scenario, locale="fr")


# -- new scenarios --------------------------------------------------------------------


@pytest.fixture
def warranty() -> Iterator[type[ak.Scenario]]:
    class WarrantyClaim(ak.Scenario):
        """A warranty claim was refused by mistake."""

        kind: Literal["warranty_claim"] = "warranty_claim"
        product: str

    yield WarrantyClaim
    unregister("warranty_claim")


def test_subclassing_registers_a_kind_rendered_from_a_company_directory(
    tmp_path: Path, warranty: type[ak.Scenario]
) -> None:
    assert "warranty_claim" in ak.scenario_kinds()
    assert ak.scenario_class("warranty_claim") is warranty
    company = write(
        tmp_path,
        {
            "en/warranty_claim.j2": '{% extends "en/_layout.j2" %}\n'
            "{% block subject %}Your {{ product }} is covered{% endblock %}\n"
            "{% block apologise %}\nWe refused your claim for the {{ product }} by mistake.\n"
            "{% endblock %}\n"
        },
    )
    reply = make_kit(company).render({"kind": "warranty_claim", "product": "kettle"}, "en")
    assert reply.subject == "Your kettle is covered"
    assert "We refused your claim for the kettle by mistake." in reply.text
    assert "Kind regards" in reply.text  # the built-in frame


def test_a_kind_without_a_template_lists_every_path_searched(
    tmp_path: Path, warranty: type[ak.Scenario]
) -> None:
    first = write(tmp_path / "first", {"en/warranty_claim.j2": '{% extends "en/_layout.j2" %}'})
    second = write(tmp_path / "second", {"en/_unused.j2": ""}).resolve()
    kit = make_kit(first, second)
    with pytest.raises(ak.TemplateNotFoundError) as caught:
        kit.render({"kind": "warranty_claim", "product": "kettle"}, "ar-SA", channel="chat")
    error = caught.value
    expected = [
        str(directory / name)
        for directory in (first, second, builtin_dir())
        for name in ("ar/warranty_claim.chat.j2", "ar/warranty_claim.j2")
    ]
    assert list(error.searched) == expected
    message = str(error)
    assert "'warranty_claim'" in message and "'ar'" in message and "'chat'" in message
    for path in expected:
        assert path in message


def test_two_scenarios_with_one_kind_is_an_error_naming_both() -> None:
    class FirstClaim(ak.Scenario):
        """One."""

        kind: Literal["claimed_twice"] = "claimed_twice"

    try:
        with pytest.raises(ak.DuplicateKindError) as caught:

            class SecondClaim(ak.Scenario):
                """Two."""

                kind: Literal["claimed_twice"] = "claimed_twice"

        message = str(caught.value)
        assert "'claimed_twice'" in message
        assert f"{__name__}.{FirstClaim.__qualname__}" in message
        assert "SecondClaim" in message
        assert ak.scenario_class("claimed_twice") is FirstClaim
    finally:
        unregister("claimed_twice")


# -- template errors with file and line -------------------------------------------------


def test_a_syntax_error_in_a_layout_is_reported_with_file_and_line_when_rendering(
    tmp_path: Path,
) -> None:
    company = write(
        tmp_path,
        {
            "en/_layout.j2": '{% extends "apologykit:en/_layout.j2" %}\n\n'
            "{% block signoff %}\n{{ brand.name }\n{% endblock %}\n"
        },
    )
    with pytest.raises(ak.TemplateError) as caught:
        make_kit(company).render(ak.RudeAgent.examples()[0], locale="en")
    path = str(company / "en" / "_layout.j2")
    assert (caught.value.template, caught.value.line) == (path, 4)
    assert str(caught.value).startswith(f"{path}:4: ")


def test_a_missing_extends_target_names_the_template_and_its_line(tmp_path: Path) -> None:
    company = write(tmp_path, {"en/rude_agent.j2": '\n{% extends "en/_layuot.j2" %}\n'})
    with pytest.raises(ak.TemplateError, match=r"'en/_layuot\.j2' not found") as caught:
        make_kit(company).render(ak.RudeAgent.examples()[0], locale="en")
    assert caught.value.template == str(company / "en" / "rude_agent.j2")
    assert caught.value.line == 2


def test_a_template_error_at_render_time_names_file_and_line(tmp_path: Path) -> None:
    company = write(tmp_path, {"en/rude_agent.j2": rude_listen("{{ 1 // 0 }}")})
    with pytest.raises(ak.TemplateError, match="ZeroDivisionError") as caught:
        make_kit(company).render(ak.RudeAgent.examples()[0], locale="en")
    assert caught.value.template == str(company / "en" / "rude_agent.j2")
    assert caught.value.line == 3


def test_check_templates_reports_each_problem_with_file_and_line(tmp_path: Path) -> None:
    company = write(
        tmp_path,
        {
            "en/rude_agent.j2": '{% extends "apologykit:en/rude_agent.j2" %}\n'
            "{% block listen %}\n{% if customer.name %}\n{% endblock %}\n",
            "en/incorrect_terms.j2": '{% extends "apologykit:en/incorrect_terms.j2" %}\n'
            '{% block solve %}\n{% include "en/_missing.j2" %}\n{% endblock %}\n',
            "en/delayed_response.j2": '{% extends "apologykit:en/delayed_response.j2" %}\n'
            "{% block thank %}\n\nThanks, {{ custmer.name }}.\n{% endblock %}\n",
            "en/customer_at_fault.j2": '{% extends "apologykit:en/customer_at_fault.j2" %}\n'
            "{% block thank %}{{ finding }} {{ brand.name }} {{ g('a', 'b', 'c') }}"
            "{% endblock %}\n",
        },
    )
    problems = make_kit(company).check_templates()
    by_file = {Path(p.file).name: p for p in problems}
    assert len(problems) == 3, problems
    syntax = by_file["rude_agent.j2"]
    assert (syntax.line, "endblock" in syntax.message) == (4, True)
    missing = by_file["incorrect_terms.j2"]
    assert missing.line == 3 and "'en/_missing.j2'" in missing.message
    unknown = by_file["delayed_response.j2"]
    assert unknown.line == 4 and "'custmer'" in unknown.message
    assert "delayed_response" in unknown.message
    assert (unknown.severity, unknown.code) == ("error", "unknown-name")
    assert str(unknown) == (
        f"{company / 'en' / 'delayed_response.j2'}:4: error: {unknown.message} [unknown-name]"
    )


def test_check_templates_finds_nothing_wrong_with_the_builtins() -> None:
    assert make_kit().check_templates() == []
