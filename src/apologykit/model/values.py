"""Value types scenarios share: money, dates, teams and the remedies a company offers.

Each has a range a reply can sensibly state, checked at validation so that bad
data is blamed on its field, never on the template line that formats it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal, get_args

from babel.numbers import get_currency_precision, list_currencies
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

from .base import FrozenModel
from .text import TEXT_SCHEMA, FreeText, Text


@cache
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def _check_currency(code: str) -> str:
    code = code.strip().upper()
    if code not in _currencies():
        raise ValueError(
            f"{code!r} is not an ISO 4217 currency code; use one such as 'SAR' or 'USD'"
        )
    return code


#: Every amount is below this: no reply promises a trillion of anything.
MAX_AMOUNT = 10**12
#: Longest number accepted as text, checked before it is parsed.
MAX_NUMBER_LENGTH = 40


def _short_number(value: object) -> object:
    if isinstance(value, str) and len(value) > MAX_NUMBER_LENGTH:
        raise ValueError(f"a number is at most {MAX_NUMBER_LENGTH} characters long")
    return value


def _positive_zero(value: Decimal) -> Decimal:
    # "-0" is zero; Babel would print it as "-SAR 0.00".
    return value.copy_abs() if value.is_zero() else value


def decimal_places(value: Decimal) -> int:
    """How many decimal places ``value`` really has (trailing zeros do not count).

    Exact for any digit count, unlike ``normalize()``, which rounds to the
    context's 28 digits and overflows on huge exponents.

    >>> decimal_places(Decimal("1250.50")), decimal_places(Decimal("1E+3"))
    (1, 0)
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return 0  # NaN and infinity are refused before this is asked
    zeros = 0
    for digit in reversed(digits):
        if digit:
            break
        zeros += 1
    return max(0, -(exponent + zeros))


#: A non-negative amount below :data:`MAX_AMOUNT`; "-0" becomes 0.
Amount = Annotated[
    Decimal,
    Field(ge=0, lt=MAX_AMOUNT),
    BeforeValidator(_short_number),
    AfterValidator(_positive_zero),
]


class Money(FrozenModel):
    """An amount in one currency; formatted for the reply's locale.

    >>> Money(amount="-0", currency="sar")
    Money(amount=Decimal('0'), currency='SAR')
    """

    amount: Amount = Field(
        description="The amount, e.g. '1250.50': zero or more and below 1,000,000,000,000, "
        "with no more decimal places than the currency uses (2 for SAR, 3 for KWD).",
        examples=["1250.50"],
    )
    currency: Annotated[str, AfterValidator(_check_currency)] = Field(
        description="ISO 4217 code, e.g. 'SAR'.", examples=["SAR"]
    )

    @model_validator(mode="after")
    def _check_precision(self) -> Money:
        digits = get_currency_precision(self.currency)
        if decimal_places(self.amount) > digits:
            raise ValueError(
                f"amount {self.amount} has more decimal places than {self.currency} uses "
                f"({digits}); round the amount"
            )
        return self


#: Earliest and latest day a reply may name; also keeps time zone arithmetic
#: far from the ends of Python's calendar (year 1 and year 9999).
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
_RANGE = f"between {MIN_DATE.year} and {MAX_DATE.year}"


def _check_date(value: dt.date) -> dt.date:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(f"{value.isoformat()} is not a date {_RANGE}; check the year")
    return value


def _check_datetime(value: dt.datetime) -> dt.datetime:
    # A naive time would be read in the server's zone and could call at 3 a.m.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{value.isoformat()} has no time zone; give one, e.g. "
            f"'{value.isoformat()}Z' for UTC or '{value.isoformat()}+03:00' for Riyadh"
        )
    _check_date(value)
    return value


#: A calendar day from 1900 to 2199.
Date = Annotated[
    dt.date,
    AfterValidator(_check_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "formatMinimum": MIN_DATE.isoformat(),
            "formatMaximum": MAX_DATE.isoformat(),
        }
    ),
]

#: A moment with a time zone ('2025-03-16T11:30:00Z'), from 1900 to 2199.
DateTime = Annotated[
    dt.datetime,
    AfterValidator(_check_datetime),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "formatMinimum": f"{MIN_DATE.isoformat()}T00:00:00Z",
            "formatMaximum": f"{MAX_DATE.isoformat()}T23:59:59Z",
        }
    ),
]

#: How long something took, from one minute to ten years (ISO 8601, e.g. 'P3D').
Duration = Annotated[
    dt.timedelta,
    Field(ge=dt.timedelta(minutes=1), le=dt.timedelta(days=3650)),
]


TeamKey = Literal[
    "legal",
    "billing",
    "technical",
    "delivery",
    "quality",
    "management",
    "customer_service",
]

TEAM_KEYS: frozenset[str] = frozenset(get_args(TeamKey))


def _team_variant(value: object) -> str:
    return "key" if isinstance(value, str) and value in TEAM_KEYS else "name"


#: A built-in team key (named in every language) or the team's own name.
Team = Annotated[
    Annotated[TeamKey, Tag("key")] | Annotated[Text, Tag("name")],
    Discriminator(_team_variant),
    # anyOf, not oneOf: "legal" is both a key and a string.
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "enum": sorted(TEAM_KEYS)}, *TEXT_SCHEMA["anyOf"]],
            "description": "A built-in team key, or the team's own name (per language).",
        }
    ),
]


class Refund(FrozenModel):
    """Money goes back to the customer."""

    type: Literal["refund"] = "refund"
    amount: Money


def _two_places(value: Decimal) -> Decimal:
    if decimal_places(value) > 2:
        raise ValueError(f"{value} must have at most 2 decimal places")
    return value


#: A percentage above 0 and at most 100, to at most 2 decimal places.
Percent = Annotated[
    Decimal,
    Field(gt=0, le=100),
    BeforeValidator(_short_number),
    AfterValidator(_two_places),
]


class Discount(FrozenModel):
    """A percentage off the customer's next purchase."""

    type: Literal["discount"] = "discount"
    percent: Percent = Field(
        description="Percent off, e.g. 15 or 12.5: above 0, at most 100, "
        "with at most 2 decimal places."
    )


class StoreCredit(FrozenModel):
    """Credit on the customer's account."""

    type: Literal["store_credit"] = "store_credit"
    amount: Money


class FreeShipping(FrozenModel):
    """Free shipping on the customer's next order."""

    type: Literal["free_shipping"] = "free_shipping"


class Replacement(FrozenModel):
    """A replacement item sent at no cost."""

    type: Literal["replacement"] = "replacement"


class Cancellation(FrozenModel):
    """The order, purchase or fee is cancelled, optionally with a refund."""

    type: Literal["cancellation"] = "cancellation"
    what: Literal["order", "purchase", "fee"] = "order"
    refund: Money | None = None


class CustomOffer(FrozenModel):
    """Anything else, in the company's own words (one full sentence)."""

    type: Literal["custom"] = "custom"
    text: FreeText


#: A remedy: pick the variant with ``type``.
Offer = Annotated[
    Refund | Discount | StoreCredit | FreeShipping | Replacement | Cancellation | CustomOffer,
    Field(discriminator="type"),
]
