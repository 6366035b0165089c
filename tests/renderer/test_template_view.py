"""What a template sees of the data: read-only fields by name, every string cleaned.

A nested model or mapping is a view with its fields as attributes and no
methods, so ``{{ order.items }}`` is the field ``items`` with the sandbox and
without it, and no template can change what a later reply sees. Every string a
template can print is cleaned at this boundary, whatever type its field
declares: a company kind with a plain ``str`` field gets the same protection
as the built-in kinds.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field

import apologykit as ak
from apologykit.model import text as text_module
from apologykit.model.scenario import unregister
from apologykit.model.text import MAX_VALUE

# Characters no reply may carry unless apologykit put them there itself.
UNSAFE = "\u202a\u202b\u202c\u202d\u202e\ue000\ue001\ud800\udfff\x00\x1b\x85"


class Order(BaseModel):
    items: list[str]
    keys: str
    values: dict[str, str]


@pytest.fixture
def plain_kind() -> Iterator[type[ak.Scenario]]:
    class PlainOrder(ak.Scenario):
        """A company kind typed the easy way: plain ``str`` everywhere."""

        kind: Literal["plain_order"] = "plain_order"
        note: str
        order: Order
        tags: list[str] = Field(default_factory=list)

    yield PlainOrder
    unregister("plain_order")


def _write_kind(root: Path, kind: str, subject: str, block: str, body: str) -> None:
    """A company template for ``kind`` in English and Arabic: ``body`` in one block."""
    for language in ("en", "ar"):
        path = root / language / f"{kind}.j2"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'{{% extends "{language}/_layout.j2" %}}\n'
            f"{{% block subject %}}{subject}{{% endblock %}}\n"
            f"{{% block {block} %}}\n{body}\n{{% endblock %}}\n",
            encoding="utf-8",
        )


def _kit(tmp_path: Path, body: str, *, sandbox: bool = True) -> ak.ReplyKit:
    _write_kind(tmp_path, "plain_order", "Order", "apologise", body)
    return ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[tmp_path], sandbox=sandbox)


def _order(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "plain_order",
        "customer": {"name": "Sara"},
        "note": "a note",
        "order": {"items": ["lamp", "desk"], "keys": "two keys", "values": {"colour": "red"}},
    }
    data.update(overrides)
    return data


# -- one meaning for a field name ---------------------------------------------------


@pytest.mark.parametrize("sandbox", [True, False])
def test_a_field_named_like_a_dict_method_is_the_field(
    tmp_path: Path, plain_kind: type[ak.Scenario], sandbox: bool
) -> None:
    kit = _kit(
        tmp_path,
        "Items: {{ order.items | join_list }}. Keys: {{ order.keys }}. "
        "Colour: {{ order.values.colour }}, {{ order['keys'] }}.",
        sandbox=sandbox,
    )
    text = kit.render(_order(), locale="en").text
    assert "Items: lamp and desk. Keys: two keys. Colour: red, two keys." in text


@pytest.mark.parametrize("sandbox", [True, False])
@pytest.mark.parametrize(
    "expression",
    ["customer.keys()", "customer.get('name')", "brand.items()", "customer.copy()"],
)
def test_a_view_has_no_dict_methods(
    tmp_path: Path, plain_kind: type[ak.Scenario], sandbox: bool, expression: str
) -> None:
    kit = _kit(tmp_path, f"{{{{ {expression} }}}}", sandbox=sandbox)
    with pytest.raises(ak.TemplateError, match=r"plain_order\.j2:4: undefined value"):
        kit.render(_order(), locale="en")


@pytest.mark.parametrize("sandbox", [True, False])
@pytest.mark.parametrize(
    "statement",
    [
        "{% set _ = brand.signature.append('EVIL') %}",
        "{% set _ = order['values'].update({'colour': 'EVIL'}) %}",
        "{% set _ = tags.append('EVIL') %}",
    ],
)
def test_a_template_cannot_change_the_data_even_without_the_sandbox(
    tmp_path: Path, plain_kind: type[ak.Scenario], sandbox: bool, statement: str
) -> None:
    brand = ak.Brand(name="Acme", signature=["+966 11 000 0000"])
    evil = tmp_path / "evil"
    good = tmp_path / "good"
    _kit(evil, statement)
    _kit(good, "{{ order.values.colour }} {{ tags | join_list }} {{ order.items | join_list }}")
    kit = ak.ReplyKit(brand=brand, template_dirs=[evil], sandbox=sandbox)
    model = ak.parse_scenario(_order(tags=["x"]))
    with pytest.raises(ak.TemplateError):
        kit.render(model, locale="en")
    later = ak.ReplyKit(brand=brand, template_dirs=[good], sandbox=sandbox)
    later._brands = kit._brands  # the cached brand view the first render saw
    text = later.render(model, locale="en").text
    assert "EVIL" not in text
    assert "red x lamp and desk" in text


def test_a_view_is_read_only_from_python_too(plain_kind: type[ak.Scenario]) -> None:
    from apologykit.renderer.view import scenario_view

    view = scenario_view(ak.parse_scenario(_order()), "en")["order"]
    with pytest.raises(AttributeError):
        view.keys = "changed"
    assert view.keys == "two keys"
    assert view["items"] == ("lamp", "desk")
    assert list(view) == ["items", "keys", "values"]


# -- every string cleaned ------------------------------------------------------------


HOSTILE = {
    "note": "evil\u202eNOTE\u202c {{ 7 * 7 }} \ue001</bdi><b>x</b>\ue000 \ud800end",
    "order": {
        "items": ["\u2066lamp\u2069", "de\u0000sk"],
        "keys": "{% if true %}KEYS{% endif %}",
        "values": {"col\u202eour": "r\ue001ed"},
    },
    "tags": ["\u202dtag\u202c", "  spaced \t out  "],
}


def _printed(tmp_path: Path, **kwargs: bool) -> ak.ReplyKit:
    return _kit(
        tmp_path,
        "{{ note }} | {{ order.items | join_list }} | {{ order.keys }} | "
        "{% for k in order['values'] %}{{ k }}={{ order['values'][k] }}{% endfor %} | "
        "{{ tags | join_list }}",
        **kwargs,
    )


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_plain_str_fields_of_a_company_kind_are_cleaned(
    tmp_path: Path, plain_kind: type[ak.Scenario], locale: str
) -> None:
    reply = _printed(tmp_path).render(_order(**HOSTILE), locale=locale)
    for output in (reply.text, reply.html):
        output.encode("utf-8")
        assert not set(UNSAFE) & set(output), repr(output)
    # Data prints literally: never evaluated as template source.
    assert "{{ 7 * 7 }}" in reply.text and "49" not in reply.text
    assert "{% if true %}KEYS{% endif %}" in reply.text
    assert "</bdi><b>" not in reply.html and "&lt;/bdi&gt;&lt;b&gt;" in reply.html
    plain = re.sub("[\u2066-\u2069]", "", reply.text)
    assert "evilNOTE" in plain and "lamp" in plain and "desk" in plain
    assert "colour=red" in plain and "spaced out" in plain


def test_an_oversized_plain_str_is_refused_before_it_is_normalised(
    tmp_path: Path, plain_kind: type[ak.Scenario], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real = unicodedata.normalize

    def spy(form: Any, value: str) -> str:
        seen.append(len(value))
        return real(form, value)

    monkeypatch.setattr(text_module.unicodedata, "normalize", spy)
    huge = "a" + "\u0301\u0316" * MAX_VALUE
    with pytest.raises(ak.ScenarioError, match=r"order\.items\.1: .*at most 10000") as caught:
        _printed(tmp_path).render(_order(order={**HOSTILE["order"], "items": ["a", huge]}))
    assert caught.value.fields == ("order.items.1",)
    assert all(length <= 2 * MAX_VALUE for length in seen)


# -- typed values reach the filters as they are -------------------------------------


class RoundedMoney(ak.Money):
    """A company's own amount type: still an amount to the ``money`` filter."""


class BusinessDay(dt.date):
    """A date type of a company's own: still a date to the ``date`` filter."""


def test_subclasses_of_money_and_dates_are_formatted_not_viewed(tmp_path: Path) -> None:
    class Refund(ak.Scenario):
        kind: Literal["typed_refund"] = "typed_refund"
        refund: RoundedMoney
        due: dt.date
        fee: Decimal

    try:
        body = "{{ refund | money }} by {{ due | date }}, fee {{ fee | number }}"
        _write_kind(tmp_path, "typed_refund", "Refund", "solve", body)
        kit = ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[tmp_path])
        # Built without validation, as a helpdesk's own code may: the date keeps its type.
        scenario = Refund.model_construct(
            customer=ak.Customer(name="Sara"),
            refund=RoundedMoney(amount=Decimal("149.50"), currency="SAR"),
            due=BusinessDay(2025, 3, 16),
            fee=Decimal("2.5"),
        )
        text = kit.render(scenario, locale="en-US").text
    finally:
        unregister("typed_refund")
    assert "149.50 Saudi riyals by March 16, 2025, fee 2.5" in text
