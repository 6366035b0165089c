"""Who a reply is from and to: the customer, the agent and the company."""

from __future__ import annotations

import zoneinfo
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .base import FrozenModel
from .text import ShortText, Text

Gender = Literal["female", "male"]

#: How a reply greets: "formal" (Dear Noura / «السلام عليكم» and an honorific) or "warm"
#: (Hi Noura / «مرحبًا نورة»).
Greeting = Literal["warm", "formal"]


def check_timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{value!r} is not an IANA time zone; use a name such as 'Asia/Riyadh' or 'UTC'"
        ) from None
    return value


#: An IANA time zone name, checked against the system's zone database.
TimeZoneName = Annotated[str, AfterValidator(check_timezone)]


class Customer(FrozenModel):
    """The person the reply is addressed to."""

    name: ShortText | None = Field(
        default=None,
        description="How to address the customer, or one name per language "
        "({'en': 'Noura', 'ar': 'نورة'}); omitted gives a greeting without a name.",
    )
    gender: Gender | None = Field(
        default=None,
        description="Grammatical gender for Arabic agreement; unknown uses the respectful plural.",
    )
    timezone: TimeZoneName | None = Field(
        default=None,
        description="IANA time zone for dates and times; defaults to the brand's time zone.",
    )


class Agent(FrozenModel):
    """The support agent who signs the reply."""

    name: ShortText = Field(
        description="The agent's name as it appears in the sign-off, or one per language "
        "({'en': 'Maha', 'ar': 'مها'})."
    )


class Brand(FrozenModel):
    """Company-wide settings every reply shares: the name and how it signs."""

    name: Text = Field(description="The company's name, or one per language.")
    support_team: Text | None = Field(
        default=None, description="The support team's name for sign-offs, e.g. 'Acme Care'."
    )
    signature: list[Text] = Field(
        default_factory=list, description="Extra sign-off lines: a phone number, an address."
    )
    timezone: TimeZoneName | None = Field(
        default=None,
        description="Time zone for dates and times when the customer has none; without one, "
        "a time keeps the offset it was given in.",
    )
    greeting: Greeting = Field(
        default="formal",
        description="How replies greet: 'formal' (the register of a Saudi bank or telecom: "
        "«السلام عليكم» and «الأستاذة نورة», 'Dear Noura') or 'warm' («مرحبًا نورة», 'Hi Noura').",
    )
