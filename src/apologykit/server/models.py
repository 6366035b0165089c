"""The shapes of the API's requests and answers, as pydantic models.

They are the OpenAPI schema other languages generate clients from. The
``scenario`` inside a request is checked by the library itself (its kind
picks the model), so its errors read exactly as the library's do.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model.channels import Channel, Direction

#: What a reply answer holds: "full" is text and HTML, "text" skips building the HTML.
ReplyFormat = Literal["full", "text"]

_SCENARIO = Field(
    description="The situation to reply to: an object whose 'kind' picks its schema "
    "(GET /v1/kinds lists them)."
)
_CHANNEL = Field(
    default=None, description="email, chat or sms; default: email when the kind has it."
)
_FORMAT = "'full': text and HTML; 'text': no HTML (less work when only text is pasted)."


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReplyRequest(_Request):
    """POST /v1/replies: one scenario, rendered for one locale and channel."""

    scenario: dict[str, Any] = _SCENARIO
    locale: str | None = Field(
        default=None,
        max_length=64,
        description="The customer's locale, such as 'ar-SA' or 'en-GB'; default: the kit's.",
    )
    channel: Channel | None = _CHANNEL
    format: ReplyFormat = Field(default="full", description=_FORMAT)


class BilingualRequest(_Request):
    """POST /v1/replies/bilingual: one scenario in two or more languages, first one first."""

    scenario: dict[str, Any] = _SCENARIO
    locales: list[str] = Field(
        default=["ar-SA", "en-GB"],
        min_length=2,
        max_length=8,
        description="Two or more locales, each of a different language.",
    )
    channel: Channel | None = _CHANNEL
    format: ReplyFormat = Field(default="full", description=_FORMAT)


class ReviewRequest(_Request):
    """POST /v1/reviews: an apology draft to review, such as an agent's own edit."""

    text: str = Field(description="The draft, up to 50,000 characters.")
    language: str | None = Field(
        default=None, max_length=64, description="'ar' or 'en' (or a locale); default: detected."
    )
    apology: bool = Field(
        default=True, description="False for a thank-you or follow-up: no apology is expected."
    )


class SpanOut(BaseModel):
    """Character offsets [start, end) in the reviewed text."""

    model_config = ConfigDict(title="Span")

    start: int
    end: int


class FindingOut(BaseModel):
    """One problem in a draft and what to write instead."""

    model_config = ConfigDict(title="Finding")

    code: str
    severity: Literal["error", "warning", "info"]
    span: SpanOut | None
    quote: str
    message: str
    suggestion: str


class ReviewOut(BaseModel):
    """``Review.to_dict()``: which parts of an apology a draft has, what undoes it, a score."""

    model_config = ConfigDict(title="Review")

    language: str
    ok: bool = Field(description="True when no finding is an error.")
    score: int = Field(description="0 to 100.")
    components: dict[str, SpanOut | None]
    findings: list[FindingOut]


class ReplyWarningOut(BaseModel):
    """Something a person should check before sending (free text in another language)."""

    model_config = ConfigDict(title="ReplyWarning")

    code: str
    field: str
    message: str


class ReplyOut(BaseModel):
    """A rendered reply draft, as ``Reply.to_dict()`` gives it."""

    model_config = ConfigDict(title="Reply")

    kind: str
    locale: str = Field(description="The locale used, such as 'ar-SA'.")
    requested_locale: str
    language: str = Field(description="The template language: 'ar' or 'en'.")
    channel: Channel
    direction: Direction = Field(description="'rtl' or 'ltr': set it on whatever shows the text.")
    subject: str | None = Field(description="E-mail only.")
    text: str
    html: str | None = Field(
        default=None, description="An e-mail-safe fragment with dir and lang; absent for 'text'."
    )
    sms_segments: int | None = Field(default=None, description="SMS only: what the text costs.")
    warnings: list[ReplyWarningOut]


class KindOut(BaseModel):
    """One scenario kind: what it is for and what it needs."""

    model_config = ConfigDict(title="Kind")

    kind: str
    description: str = Field(description="When to use it.")
    channels: list[Channel]
    required: list[str] = Field(description="Fields a scenario of this kind must give.")


class ErrorDetail(BaseModel):
    """What went wrong, as the library says it."""

    type: str = Field(description="The library's error class, such as 'ScenarioError'.")
    message: str = Field(description="The field, the problem and the fix.")
    fields: list[str] = Field(description="Field paths the error is about ('customer.name').")


class ErrorOut(BaseModel):
    """Every error answer."""

    model_config = ConfigDict(title="Error")

    error: ErrorDetail


class Health(BaseModel):
    """GET /healthz."""

    status: Literal["ok"]
    version: str
    kinds: int
