"""The built-in scenario kinds. Importing this package registers them."""

from __future__ import annotations

from .seed import CustomerAtFault, DelayedResponse, IncorrectTerms, MissingTermsInfo, RudeAgent
from .situations import (
    CallbackScheduled,
    CompensationOptions,
    DelayedDelivery,
    FeedbackReceived,
    FollowUp,
    InaccurateInformation,
    RepeatedTransfers,
    ResolutionThanks,
)

__all__ = [
    "CallbackScheduled",
    "CompensationOptions",
    "CustomerAtFault",
    "DelayedDelivery",
    "DelayedResponse",
    "FeedbackReceived",
    "FollowUp",
    "InaccurateInformation",
    "IncorrectTerms",
    "MissingTermsInfo",
    "RepeatedTransfers",
    "ResolutionThanks",
    "RudeAgent",
]
