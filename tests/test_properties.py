"""Property tests: any valid scenario of any kind renders, with nothing left unfilled."""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import apologykit as ak

KIT = ak.ReplyKit(brand=ak.Brand(name="Acme"))
LEFTOVER = re.compile(r"\{\{|\{%|\[|\]|\bNone\b|\(\s*\)|  ")

# Text a customer or agent might type: Latin and Arabic letters, digits, punctuation.
_ALPHABET = string.ascii_letters + string.digits + " .,-'!?" + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
words = st.text(alphabet=_ALPHABET, min_size=1, max_size=40).filter(
    lambda s: s.strip() != "" and not LEFTOVER.search(s)
)
text = st.one_of(words, st.fixed_dictionaries({"en": words, "ar": words}))
money = st.fixed_dictionaries(
    {
        "amount": st.decimals(min_value=0, max_value=10**7, places=2).map(str),
        "currency": st.sampled_from(["SAR", "AED", "EGP", "USD", "EUR", "MAD"]),
    }
)
team = st.one_of(
    st.sampled_from(
        ["legal", "billing", "technical", "delivery", "quality", "management", "customer_service"]
    ),
    text,
)
offer = st.one_of(
    st.fixed_dictionaries({"type": st.just("refund"), "amount": money}),
    st.fixed_dictionaries(
        {"type": st.just("discount"), "percent": st.integers(min_value=1, max_value=100)}
    ),
    st.fixed_dictionaries({"type": st.just("store_credit"), "amount": money}),
    st.fixed_dictionaries({"type": st.just("free_shipping")}),
    st.fixed_dictionaries({"type": st.just("replacement")}),
    st.fixed_dictionaries(
        {"type": st.just("cancellation"), "what": st.sampled_from(["order", "purchase", "fee"])},
        optional={"refund": money},
    ),
    st.fixed_dictionaries({"type": st.just("custom"), "text": text}),
)
customer = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(st.none(), words),
        "gender": st.sampled_from([None, "female", "male"]),
    },
)
common: dict[str, Any] = {
    "customer": customer,
}
optional_common: dict[str, Any] = {
    "agent": st.fixed_dictionaries({"name": words}),
    "ticket_id": st.from_regex(r"[A-Z]{2}-[0-9]{3,8}", fullmatch=True),
}


#: Every kind some strategy below generates.
KINDS: set[str] = set()


def _kind(kind: str, strategy: Any) -> Any:
    KINDS.add(kind)
    return strategy


def _scenario(kind: str, required: dict[str, Any], optional: dict[str, Any]) -> Any:
    KINDS.add(kind)
    return st.fixed_dictionaries(
        {"kind": st.just(kind), **common, **required}, optional={**optional_common, **optional}
    )


SEED_SCENARIOS = st.one_of(
    _scenario("rude_agent", {}, {"escalated_to": team}),
    _scenario(
        "missing_terms_info",
        {"missing_info": text, "customer_action": text, "remedy": offer, "responsible_team": team},
        {},
    ),
    _scenario(
        "incorrect_terms",
        {"reported_issue": text, "product": text},
        {"reviewed_by": team, "notify_when_updated": st.booleans()},
    ),
    _scenario(
        "delayed_response",
        {},
        {
            "waited": st.one_of(
                st.none(),
                st.timedeltas(min_value=dt.timedelta(minutes=1), max_value=dt.timedelta(days=400)),
            ),
            "compensation": st.one_of(st.none(), offer),
        },
    ),
    _scenario(
        "customer_at_fault",
        {"investigated_by": team, "finding": text},
        {
            "possible_causes": st.lists(text, max_size=4),
            "closing": st.sampled_from(["closed", "resolved"]),
        },
    ),
)


aware_datetimes = st.datetimes(
    min_value=dt.datetime(2020, 1, 1),
    max_value=dt.datetime(2035, 12, 31),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=3))]),
)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))

MORE_SCENARIOS = st.one_of(
    _kind(
        "delayed_delivery",
        st.tuples(dates, st.integers(min_value=0, max_value=60)).flatmap(
            lambda promised: _scenario(
                "delayed_delivery",
                {
                    "order_id": st.from_regex(r"[A-Z]{2}-[0-9]{4,8}", fullmatch=True),
                    "promised_date": st.just(promised[0]),
                },
                {
                    "new_date": st.just(promised[0] + dt.timedelta(days=promised[1])),
                    "reason": text,
                    "compensation": offer,
                },
            )
        ),
    ),
    _scenario(
        "inaccurate_information",
        {"wrong_information": text, "correct_information": text},
        {"remedy": offer},
    ),
    _kind(
        "repeated_transfers",
        st.integers(min_value=2, max_value=150).flatmap(
            lambda count: _scenario(
                "repeated_transfers",
                {
                    "transfer_count": st.just(count),
                    "teams": st.lists(team, min_size=2, max_size=min(count + 1, 6)),
                    "owner": st.fixed_dictionaries({"name": words}),
                },
                {"direct_contact": text},
            )
        ),
    ),
    _scenario("callback_scheduled", {"callback_at": aware_datetimes}, {"topic": text}),
    _scenario(
        "feedback_received",
        {
            "feedback_type": st.sampled_from(["suggestion", "complaint", "claim"]),
            "routed_to": team,
        },
        {
            "about": text,
            "next_step": text,
            "reference": st.from_regex(r"FB-[0-9]{2,6}", fullmatch=True),
        },
    ),
    _scenario(
        "compensation_options",
        {"reason": text, "options": st.lists(offer, min_size=2, max_size=5)},
        {"reply_by": dates},
    ),
    _scenario(
        "follow_up",
        {"original_issue": text, "actions_taken": st.lists(text, min_size=1, max_size=4)},
        {"pending": text},
    ),
    _scenario(
        "resolution_thanks",
        {"resolution": text},
        {"survey_url": st.just("https://example.com/survey?t=8812")},
    ),
)


def _assert_filled(reply: ak.Reply) -> None:
    for part in (reply.text, reply.subject or ""):
        match = LEFTOVER.search(part)
        assert match is None, f"leftover {match.group()!r} in:\n{part}"
    assert reply.text.strip()
    if reply.channel == "email":
        assert reply.subject


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=SEED_SCENARIOS, locale=st.sampled_from(["en", "en-GB", "ar", "ar-SA", "ar-EG"]))
def test_any_valid_seed_scenario_renders_completely(data: dict[str, Any], locale: str) -> None:
    scenario = ak.parse_scenario(data)
    for channel in type(scenario).channels:
        _assert_filled(KIT.render(scenario, locale=locale, channel=channel))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=MORE_SCENARIOS, locale=st.sampled_from(["en", "en-GB", "ar", "ar-SA", "ar-MA"]))
def test_any_valid_scenario_of_the_other_kinds_renders_completely(
    data: dict[str, Any], locale: str
) -> None:
    scenario = ak.parse_scenario(data)
    for channel in type(scenario).channels:
        _assert_filled(KIT.render(scenario, locale=locale, channel=channel))


def test_the_strategies_cover_every_builtin_kind() -> None:
    covered = KINDS
    builtin = {
        k for k in ak.scenario_kinds() if ak.scenario_class(k).__module__.startswith("apologykit")
    }
    assert builtin <= covered, f"no strategy for {sorted(builtin - covered)}"


@settings(max_examples=100, deadline=None)
@given(data=SEED_SCENARIOS)
def test_arabic_digits_never_touch_ids(data: dict[str, Any]) -> None:
    scenario = ak.parse_scenario(data)
    reply = ak.ReplyKit(digits="arab").render(scenario, "ar-SA")
    if scenario.ticket_id:
        assert scenario.ticket_id in reply.text
