"""Value types scenarios share: money, teams and the remedies a company offers."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Annotated, Literal, get_args

from babel.numbers import get_currency_precision, list_currencies
from pydantic import AfterValidator, Discriminator, Field, Tag, WithJsonSchema, model_validator

from ._model import FrozenModel
from .text import TEXT_SCHEMA, Text


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


class Money(FrozenModel):
    """An amount in one currency; formatted for the reply's locale."""

    amount: Decimal = Field(ge=0, description="The amount, e.g. '1250.50'.", examples=["1250.50"])
    currency: Annotated[str, AfterValidator(_check_currency)] = Field(
        description="ISO 4217 code, e.g. 'SAR'.", examples=["SAR"]
    )

    @model_validator(mode="after")
    def _check_precision(self) -> Money:
        digits = get_currency_precision(self.currency)
        exponent = self.amount.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > digits:
            raise ValueError(
                f"{self.amount} has more decimal places than {self.currency} uses ({digits}); "
                "round the amount"
            )
        return self


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


class Discount(FrozenModel):
    """A percentage off the customer's next purchase."""

    type: Literal["discount"] = "discount"
    percent: Decimal = Field(gt=0, le=100, description="Percent off, e.g. 15.")


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
    text: Text


#: A remedy: pick the variant with ``type``.
Offer = Annotated[
    Refund | Discount | StoreCredit | FreeShipping | Replacement | Cancellation | CustomOffer,
    Field(discriminator="type"),
]
