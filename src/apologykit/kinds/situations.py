"""The situations the seed articles name beyond the five seed examples.

Each model documents, for every free-text field, the words it follows in each
language, so that the value completes the template's sentence grammatically.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field, HttpUrl, model_validator

from ..model.channels import Channel
from ..model.intent import ReplyIntent
from ..model.people import Agent
from ..model.scenario import Scenario
from ..model.text import FreeText, ShortStr, Text
from ..model.values import Date, DateTime, Offer, Team

#: Channels of the kinds that also have a short text-message template.
WITH_SMS: tuple[Channel, ...] = ("email", "chat", "sms")


class DelayedDelivery(Scenario):
    """An order arrives later than promised; apologise, give the new date, maybe compensate."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Noura", "ar": "نورة"}, "gender": "female"},
                    "agent": {"name": {"en": "Faisal", "ar": "فيصل"}},
                    "ticket_id": "CS-30117",
                    "order_id": "A-884213",
                    "promised_date": "2025-03-12",
                    "new_date": "2025-03-16",
                    "reason": {
                        "en": "a backlog at our courier's Riyadh sorting centre",
                        "ar": "تكدّس الشحنات في مركز الفرز التابع لشركة الشحن في الرياض",
                    },
                    "compensation": {"type": "discount", "percent": 15},
                },
                {"customer": {}, "order_id": "A-901552", "promised_date": "2025-04-02"},
            ]
        }
    )

    channels: ClassVar[tuple[Channel, ...]] = WITH_SMS

    kind: Literal["delayed_delivery"] = "delayed_delivery"
    order_id: ShortStr = Field(description="The late order's number; printed as given.")
    promised_date: Date = Field(
        description="The delivery date the customer was promised (1900 to 2199)."
    )
    new_date: Date | None = Field(
        default=None, description="The date the order is now expected, if known (1900 to 2199)."
    )
    reason: FreeText | None = Field(
        default=None,
        description="Why it is late, as a noun phrase: it follows 'caused by' "
        "('a backlog at the courier'); in Arabic it follows 'يعود إلى' "
        "('تكدّس الشحنات لدى شركة الشحن'). An explanation, never an excuse.",
    )
    compensation: Offer | None = Field(
        default=None, description="Something offered to make up for the wait."
    )

    @model_validator(mode="after")
    def _check_dates(self) -> DelayedDelivery:
        if self.new_date is not None and self.new_date < self.promised_date:
            raise ValueError(
                f"new_date ({self.new_date}) is before promised_date ({self.promised_date}); "
                "a late order cannot arrive earlier than promised"
            )
        return self


class InaccurateInformation(Scenario):
    """An agent gave the customer wrong information; correct it and apologise."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Reem", "ar": "ريم"}, "gender": "female"},
                    "agent": {"name": {"en": "Majed", "ar": "ماجد"}},
                    "wrong_information": {
                        "en": "your refund would reach your card within 3 days",
                        "ar": "المبلغ المسترد سيصل إلى البطاقة خلال 3 أيام",
                    },
                    "correct_information": {
                        "en": "card refunds take up to 14 working days, depending on the bank",
                        "ar": "إعادة المبالغ إلى البطاقات تستغرق ما يصل إلى 14 يوم عمل "
                        "بحسب البنك المُصدِر",
                    },
                    "remedy": {"type": "discount", "percent": 10},
                }
            ]
        }
    )

    kind: Literal["inaccurate_information"] = "inaccurate_information"
    wrong_information: FreeText = Field(
        description="What the customer was told, as a clause: it follows 'you were told that' "
        "('the refund would arrive in 3 days'); in Arabic it follows 'أُبلغتم بأن' "
        "('المبلغ سيصل خلال 3 أيام')."
    )
    correct_information: FreeText = Field(
        description="What is actually true, as a clause: it follows 'the correct information "
        "is that'; in Arabic it follows 'والصحيح أن'."
    )
    remedy: Offer | None = Field(
        default=None, description="Something offered for the trouble the mistake caused."
    )


class RepeatedTransfers(Scenario):
    """The customer was passed between departments; name one person who now owns the case."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Abdullah", "ar": "عبدالله"}, "gender": "male"},
                    "agent": {"name": {"en": "Lina", "ar": "لينا"}},
                    "ticket_id": "CS-41877",
                    "transfer_count": 3,
                    "teams": ["billing", "technical", "customer_service"],
                    "owner": {"name": {"en": "Lina", "ar": "لينا"}},
                    "direct_contact": {
                        "en": "+966 11 555 0142 (extension 214)",
                        "ar": "+966 11 555 0142 (التحويلة 214)",
                    },
                },
                {
                    "customer": {"gender": "female"},
                    "agent": {"name": {"en": "Nasser", "ar": "ناصر"}},
                    "transfer_count": 2,
                    "teams": ["management", {"en": "returns desk", "ar": "قسم المرتجعات"}],
                    "owner": {"name": {"en": "Amal", "ar": "أمل"}},
                },
            ]
        }
    )

    kind: Literal["repeated_transfers"] = "repeated_transfers"
    transfer_count: int = Field(
        ge=2, le=1000, description="How many times the customer was transferred (2 or more)."
    )
    teams: list[Team] = Field(
        min_length=2,
        max_length=10,
        description="The departments the customer was passed between (at least two).",
    )
    owner: Agent = Field(description="The one person now in charge of the case until it is solved.")
    direct_contact: Text | None = Field(
        default=None,
        description="How to reach the owner directly: a phone number, extension or address.",
    )

    @model_validator(mode="after")
    def _check_teams(self) -> RepeatedTransfers:
        if len(self.teams) > self.transfer_count + 1:
            raise ValueError(
                f"teams lists {len(self.teams)} departments, but {self.transfer_count} transfers "
                f"reach at most {self.transfer_count + 1}; raise transfer_count or list fewer teams"
            )
        return self


class CallbackScheduled(Scenario):
    """A conversation that could not be settled is paused and resumes on a call at a set time."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {
                        "name": {"en": "Hassan", "ar": "حسن"},
                        "gender": "male",
                        "timezone": "Asia/Riyadh",
                    },
                    "agent": {"name": {"en": "Maha", "ar": "مها"}},
                    "ticket_id": "CS-52290",
                    "callback_at": "2025-03-16T11:30:00Z",
                    "topic": {"en": "your installation fee", "ar": "رسوم التركيب"},
                }
            ]
        }
    )

    channels: ClassVar[tuple[Channel, ...]] = WITH_SMS
    # The pause is nobody's fault to own (often a heated conversation); the
    # text message only confirms the time, after the apology in the conversation.
    company_at_fault: ClassVar[bool] = False
    channel_intents: ClassVar[Mapping[Channel, ReplyIntent]] = {"sms": "notice"}

    kind: Literal["callback_scheduled"] = "callback_scheduled"
    callback_at: DateTime = Field(
        description="When we call, with a time zone ('2025-03-16T11:30:00Z'), 1900 to 2199; "
        "shown in the customer's time zone, or the brand's when the customer has none."
    )
    topic: FreeText | None = Field(
        default=None,
        description="What the call is about, as a noun phrase: it follows 'our conversation "
        "about' ('your installation fee'); in Arabic it follows 'بشأن' ('رسوم التركيب').",
    )


FeedbackType = Literal["suggestion", "complaint", "claim"]


class FeedbackReceived(Scenario):
    """A suggestion, complaint or claim is acknowledged and passed to the team that handles it."""

    reply_intent: ClassVar[ReplyIntent] = "thanks"

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Dana", "ar": "دانة"}, "gender": "female"},
                    "agent": {"name": {"en": "Sami", "ar": "سامي"}},
                    "feedback_type": "suggestion",
                    "about": {
                        "en": "evening delivery slots",
                        "ar": "توفير مواعيد توصيل مسائية",
                    },
                    "routed_to": "delivery",
                    "next_step": {
                        "en": "The team reviews every suggestion at its monthly planning meeting.",
                        "ar": "يدرس الفريق جميع الاقتراحات في اجتماع التخطيط الشهري.",
                    },
                    "reference": "FB-2025-0193",
                },
                {
                    "customer": {"name": {"en": "Yasser", "ar": "ياسر"}, "gender": "male"},
                    "feedback_type": "complaint",
                    "about": {
                        "en": "the cleanliness of our Olaya branch",
                        "ar": "نظافة فرع العليا",
                    },
                    "routed_to": "quality",
                },
                {
                    "customer": {},
                    "feedback_type": "claim",
                    "routed_to": {"en": "warranty desk", "ar": "قسم الضمان"},
                    "reference": "CL-7731",
                },
            ]
        }
    )

    kind: Literal["feedback_received"] = "feedback_received"
    feedback_type: FeedbackType = Field(
        description="What the customer sent: an idea, a complaint, or a claim for a remedy."
    )
    about: FreeText | None = Field(
        default=None,
        description="The subject of the feedback, as a noun phrase: it follows 'your suggestion "
        "about'; in Arabic it follows 'بشأن' ('مواعيد التوصيل').",
    )
    routed_to: Team = Field(description="The team the feedback was passed to.")
    next_step: FreeText | None = Field(
        default=None,
        description="What happens next, as one full sentence that does not address the "
        "customer ('The team replies within 5 working days.').",
    )
    reference: ShortStr | None = Field(
        default=None, description="The feedback's reference number; never reformatted."
    )


class CompensationOptions(Scenario):
    """The customer chooses how we make up for a problem, among two to five remedies."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Layla", "ar": "ليلى"}, "gender": "female"},
                    "agent": {"name": {"en": "Tariq", "ar": "طارق"}},
                    "ticket_id": "CS-60431",
                    "reason": {
                        "en": "the damaged blender you received",
                        "ar": "وصول الخلاط تالفًا",
                    },
                    "options": [
                        {"type": "replacement"},
                        {"type": "refund", "amount": {"amount": "349.00", "currency": "SAR"}},
                        {
                            "type": "store_credit",
                            "amount": {"amount": "400.00", "currency": "SAR"},
                        },
                    ],
                    "reply_by": "2025-03-30",
                }
            ]
        }
    )

    kind: Literal["compensation_options"] = "compensation_options"
    reason: FreeText = Field(
        description="What went wrong, as a noun phrase: it follows 'we are sorry for' "
        "('the damaged blender you received'); in Arabic it follows 'نعتذر عن' "
        "('وصول الخلاط تالفًا')."
    )
    options: list[Offer] = Field(
        min_length=2, max_length=5, description="The remedies to choose from (2 to 5)."
    )
    reply_by: Date | None = Field(
        default=None, description="The last day to choose, if the offer expires (1900 to 2199)."
    )


class FollowUp(Scenario):
    """Checking back after a fix: what was done, what is still open, is everything working."""

    reply_intent: ClassVar[ReplyIntent] = "notice"

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Omar", "ar": "عمر"}, "gender": "male"},
                    "agent": {"name": {"en": "Salma", "ar": "سلمى"}},
                    "ticket_id": "CS-71064",
                    "original_issue": {
                        "en": "the dropouts on your home internet connection",
                        "ar": "انقطاع الاتصال بالإنترنت المنزلي",
                    },
                    "actions_taken": [
                        {"en": "Replaced the router", "ar": "استبدال جهاز الراوتر"},
                        {
                            "en": "Reset the line at the exchange",
                            "ar": "إعادة ضبط الخط في المقسم",
                        },
                    ],
                    "pending": {
                        "en": "the refund of the installation fee",
                        "ar": "استرداد رسوم التركيب",
                    },
                }
            ]
        }
    )

    channels: ClassVar[tuple[Channel, ...]] = WITH_SMS

    kind: Literal["follow_up"] = "follow_up"
    original_issue: FreeText = Field(
        description="The problem that was fixed, as a noun phrase: it follows 'following up on' "
        "('the dropouts on your home internet'); in Arabic it follows 'بخصوص' "
        "('انقطاع الاتصال بالإنترنت')."
    )
    actions_taken: list[FreeText] = Field(
        min_length=1,
        max_length=10,
        description="What was done, one short line each: 'Replaced the router'; in Arabic a "
        "verbal noun, 'استبدال جهاز الراوتر'.",
    )
    pending: FreeText | None = Field(
        default=None,
        description="What is still open, as a noun phrase: it follows 'still pending is'; "
        "in Arabic it follows 'ولم يتبقَّ سوى' ('استرداد رسوم التركيب').",
    )


class ResolutionThanks(Scenario):
    """A case is resolved: thank the customer and, optionally, ask how we did."""

    reply_intent: ClassVar[ReplyIntent] = "thanks"

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer": {"name": {"en": "Hind", "ar": "هند"}, "gender": "female"},
                    "agent": {"name": {"en": "Khalid", "ar": "خالد"}},
                    "ticket_id": "CS-80552",
                    "resolution": {
                        "en": "your replacement phone has arrived and is working",
                        "ar": "الهاتف البديل وصل ويعمل جيدًا",
                    },
                    "survey_url": "https://acme.example/s/80552",
                }
            ]
        }
    )

    channels: ClassVar[tuple[Channel, ...]] = WITH_SMS

    kind: Literal["resolution_thanks"] = "resolution_thanks"
    resolution: FreeText = Field(
        description="How the case ended, as a clause: it follows 'we are glad that' "
        "('your replacement phone has arrived'); in Arabic it follows 'يسعدنا أن' "
        "('الهاتف البديل وصل')."
    )
    survey_url: HttpUrl | None = Field(
        default=None, description="A short satisfaction survey; printed exactly as given."
    )
