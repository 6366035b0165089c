"""Data out of range is blamed on the data field, never on a template line."""

from __future__ import annotations

from typing import Any

import pytest

import apologykit as ak


def refund(amount: object) -> dict[str, Any]:
    return {
        "kind": "delayed_response",
        "compensation": {"type": "refund", "amount": {"amount": amount, "currency": "SAR"}},
    }


def discount(percent: str) -> dict[str, Any]:
    return {"kind": "delayed_response", "compensation": {"type": "discount", "percent": percent}}


def waited(duration: str) -> dict[str, Any]:
    return {"kind": "delayed_response", "waited": duration}


AMOUNT = "compensation.refund.amount.amount"


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        (refund("1" + "0" * 26), AMOUNT, "less than 1000000000000"),
        (refund("1E+999999999"), AMOUNT, "less than 1000000000000"),
        (refund(10**12), AMOUNT, "less than 1000000000000"),
        (refund("1" * 60), AMOUNT, "at most 40 characters"),
        # Checked against the currency, so the error is the Money's.
        (
            refund("1.0000000000000000000000000000001"),
            "compensation.refund.amount",
            "more decimal places than SAR uses (2)",
        ),
        (refund("-1"), AMOUNT, "greater than or equal to 0"),
        (
            discount("1E-999999"),
            "compensation.discount.percent",
            "at most 2 decimal places",
        ),
        (
            discount("0.001"),
            "compensation.discount.percent",
            "at most 2 decimal places",
        ),
        (waited("-P1D"), "waited", "greater than or equal to 1 minute"),
        (waited("PT0S"), "waited", "greater than or equal to 1 minute"),
        (waited("P999999999D"), "waited", "less than or equal to 3650 days"),
        (
            {
                "kind": "callback_scheduled",
                "callback_at": "9999-12-31T23:00:00Z",
                "customer": {"timezone": "Pacific/Kiritimati"},
            },
            "callback_at",
            "between 1900 and 2199",
        ),
        (
            {"kind": "callback_scheduled", "callback_at": "0001-01-01T00:00:00+00:00"},
            "callback_at",
            "between 1900 and 2199",
        ),
        (
            {"kind": "callback_scheduled", "callback_at": "2025-03-16T11:30:00"},
            "callback_at",
            "no time zone",
        ),
        (
            {"kind": "delayed_delivery", "order_id": "A-1", "promised_date": "9999-12-31"},
            "promised_date",
            "between 1900 and 2199",
        ),
        (
            {
                "kind": "compensation_options",
                "reason": "x",
                "options": [{"type": "replacement"}, {"type": "free_shipping"}],
                "reply_by": "1066-10-14",
            },
            "reply_by",
            "between 1900 and 2199",
        ),
    ],
)
def test_out_of_range_data_names_the_field(data: dict[str, Any], field: str, reason: str) -> None:
    for render in (ak.render, ak.ReplyKit().render):
        with pytest.raises(ak.ScenarioError) as caught:
            render(data, "ar-SA")
        assert caught.value.fields == (field,), str(caught.value)
        message = str(caught.value)
        assert f"{field}: " in message and reason in message, message
        assert ".j2" not in message


def test_negative_zero_is_zero(kit: ak.ReplyKit) -> None:
    reply = kit.render(refund("-0"), "en")
    assert "-0" not in reply.text and "refund 0 Saudi riyals" in reply.text
    assert ak.Money(amount="-0.00", currency="SAR").amount.is_signed() is False


@pytest.mark.parametrize(
    "data",
    [
        refund("999999999999.99"),
        refund("0"),
        {"kind": "delayed_response", "compensation": {"type": "discount", "percent": "12.5"}},
        {"kind": "delayed_response", "waited": "PT1M"},
        {"kind": "delayed_response", "waited": "P3650D"},
        {
            "kind": "callback_scheduled",
            "callback_at": "2199-12-31T23:59:00-12:00",
            "customer": {"timezone": "Pacific/Kiritimati"},
        },
        {"kind": "delayed_delivery", "order_id": "A-1", "promised_date": "1900-01-01"},
    ],
)
def test_the_edges_of_each_range_render(kit: ak.ReplyKit, data: dict[str, Any]) -> None:
    for locale in ("ar-SA", "en"):
        assert kit.render(data, locale).text


def test_the_bounds_are_in_the_json_schema() -> None:
    money = ak.Money.model_json_schema()["properties"]["amount"]
    assert "below 1,000,000,000,000" in money["description"]
    assert any(option.get("exclusiveMaximum") == 10**12 for option in money["anyOf"])
    percent = ak.Discount.model_json_schema()["properties"]["percent"]
    assert "2 decimal places" in percent["description"]
    waited = ak.DelayedResponse.model_json_schema()["properties"]["waited"]
    assert "1 minute" in str(waited) and "3650 days" in str(waited)
    callback = ak.CallbackScheduled.model_json_schema()["properties"]["callback_at"]
    assert callback["formatMinimum"].startswith("1900-01-01")
    assert callback["formatMaximum"].startswith("2199-12-31")
    assert "1900" in callback["description"]
    promised = ak.DelayedDelivery.model_json_schema()["properties"]["promised_date"]
    assert (promised["formatMinimum"], promised["formatMaximum"]) == ("1900-01-01", "2199-12-31")
