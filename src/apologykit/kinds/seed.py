"""The five situations the seed examples reply to."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from ..model.intent import ReplyIntent
from ..model.scenario import Scenario
from ..model.text import FreeText
from ..model.values import Duration, Offer, Team


class RudeAgent(Scenario):
    """An agent was rude to the customer; apologise and say it has been escalated."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Sara", "ar": "سارة"}, "gender": "female"},
                    "agent": {"name": {"en": "Omar", "ar": "عمر"}},
                    "ticket_id": "CS-20418",
                }
            ]
        }
    )

    kind: Literal["rude_agent"] = "rude_agent"
    escalated_to: Team = Field(
        default="management", description="Who reviews the agent's behaviour."
    )


class MissingTermsInfo(Scenario):
    """Information from the terms and conditions was not shown before the customer acted."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Khalid", "ar": "خالد"}, "gender": "male"},
                    "agent": {"name": {"en": "Lina", "ar": "لينا"}},
                    "missing_info": {
                        "en": "the cancellation fee for annual plans",
                        "ar": "رسوم إلغاء الاشتراك السنوي",
                    },
                    "customer_action": {
                        "en": "renewed your subscription",
                        "ar": "تجديد الاشتراك",
                    },
                    "remedy": {
                        "type": "cancellation",
                        "what": "fee",
                        "refund": {"amount": "149.00", "currency": "SAR"},
                    },
                    "responsible_team": "billing",
                }
            ]
        }
    )

    kind: Literal["missing_terms_info"] = "missing_terms_info"
    missing_info: FreeText = Field(
        description="What the customer should have been told, as a noun phrase "
        "('the cancellation fee'; Arabic 'رسوم الإلغاء')."
    )
    customer_action: FreeText = Field(
        description="What the customer did without that information: in English it follows "
        "'before you' ('placed your order'); in Arabic it follows 'قبل' as a verbal noun "
        "('إتمام الطلب')."
    )
    remedy: Offer = Field(description="What the company does to put it right.")
    responsible_team: Team = Field(description="The team now fixing the terms page.")


class IncorrectTerms(Scenario):
    """The customer showed that the terms and conditions were wrong or not compliant."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Mona", "ar": "منى"}},
                    "reported_issue": {
                        "en": "the refund period in the terms is shorter than the law allows",
                        "ar": "مدة الاسترداد في الشروط أقصر مما يسمح به النظام",
                    },
                    "product": {"en": "the Home Internet plan", "ar": "باقة الإنترنت المنزلي"},
                }
            ]
        }
    )

    kind: Literal["incorrect_terms"] = "incorrect_terms"
    reported_issue: FreeText = Field(
        description="What the customer reported: in English it follows 'informing us that'; "
        "in Arabic it follows 'إبلاغنا أن' ('مدة الاسترداد أقصر مما يسمح به النظام')."
    )
    product: FreeText = Field(description="The product or service whose terms are wrong.")
    reviewed_by: Team = Field(default="legal", description="The team that reviewed the terms.")
    notify_when_updated: bool = Field(
        default=True, description="Promise to tell the customer when the terms are revised."
    )


class DelayedResponse(Scenario):
    """The customer waited too long for an answer; apologise and, if possible, make it up."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Fatima", "ar": "فاطمة"}, "gender": "female"},
                    "agent": {"name": {"en": "Yousef", "ar": "يوسف"}},
                    "waited": "P11D",
                    "compensation": {"type": "discount", "percent": 15},
                },
                {"customer": {}, "waited": "PT5H"},
            ]
        }
    )

    kind: Literal["delayed_response"] = "delayed_response"
    waited: Duration | None = Field(
        default=None,
        description="How long the customer waited (ISO 8601, e.g. 'P3D'): at least 1 minute, "
        "at most 3650 days.",
    )
    compensation: Offer | None = Field(
        default=None, description="Something offered to make up for the wait."
    )


class CustomerAtFault(Scenario):
    """The investigation found no fault on the company's side; regret the trouble, help, close.

    The reply never says whose fault it was: it states what happened, offers
    help with the fix now and tells the customer how to reopen the ticket.
    """

    reply_intent: ClassVar[ReplyIntent] = "closure"
    company_at_fault: ClassVar[bool] = False

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Ahmed", "ar": "أحمد"}, "gender": "male"},
                    "agent": {"name": {"en": "Huda", "ar": "هدى"}},
                    "investigated_by": "technical",
                    "finding": {
                        "en": "the router was reset to factory settings on 3 March",
                        "ar": "جهاز الراوتر أُعيد إلى إعدادات المصنع في 3 مارس",
                    },
                    "possible_causes": [
                        {
                            "en": "a power cut during a software update",
                            "ar": "انقطاع الكهرباء أثناء تحديث البرنامج",
                        },
                        {"en": "a surge in the power supply", "ar": "تذبذب التيار الكهربائي"},
                    ],
                    "help_with": {
                        "en": "setting the router up again",
                        "ar": "إعادة ضبط جهاز الراوتر",
                    },
                    "closing": "closed",
                }
            ]
        }
    )

    kind: Literal["customer_at_fault"] = "customer_at_fault"
    investigated_by: Team = Field(description="The team that investigated.")
    finding: FreeText = Field(
        description="What the investigation found: it follows 'it turned out that' / 'تبيّن أن'."
    )
    possible_causes: list[FreeText] = Field(
        default_factory=list,
        max_length=10,
        description="Likely causes, said as what happened ('a power cut'), never who did it.",
    )
    help_with: FreeText | None = Field(
        default=None,
        description=(
            "What we can help with now, as a noun phrase: 'setting the router up again' / "
            "'إعادة ضبط جهاز الراوتر'; omitted gives a general offer of help."
        ),
    )
    closing: Literal["closed", "resolved"] = Field(
        default="closed", description="Whether the ticket is closed or marked resolved."
    )
