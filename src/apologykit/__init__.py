"""apologykit: typed customer-support reply drafts in Arabic and English.

>>> import apologykit as ak
>>> reply = ak.render({"kind": "rude_agent", "customer": {"name": "Sara"}}, locale="ar-SA")
>>> reply.direction
'rtl'
"""

from __future__ import annotations

from .__about__ import __version__
from .checks import TemplateProblem
from .errors import (
    ApologyKitError,
    ChannelError,
    ConfigError,
    DuplicateKindError,
    InputError,
    LanguageError,
    LocaleError,
    MissingTranslationError,
    PluginError,
    ScenarioError,
    TemplateError,
    TemplateFileError,
    TemplateLimitError,
    TemplateNotFoundError,
    TemplateSecurityError,
    UnknownKindError,
)
from .kinds import (
    CallbackScheduled,
    CompensationOptions,
    CustomerAtFault,
    DelayedDelivery,
    DelayedResponse,
    FeedbackReceived,
    FollowUp,
    InaccurateInformation,
    IncorrectTerms,
    MissingTermsInfo,
    RepeatedTransfers,
    ResolutionThanks,
    RudeAgent,
)
from .kit import ReplyKit, default_kit, render
from .language import ReplyWarning
from .people import Agent, Brand, Customer
from .reply import Reply
from .review import Finding, Review, Span, review
from .scenario import Scenario, parse_scenario, scenario_class, scenario_kinds
from .text import FreeText, ShortText, ShortTranslations, Text, Translations
from .values import (
    Cancellation,
    CustomOffer,
    Date,
    DateTime,
    Discount,
    Duration,
    FreeShipping,
    Money,
    Offer,
    Refund,
    Replacement,
    StoreCredit,
    Team,
)

__all__ = [
    "Agent",
    "ApologyKitError",
    "Brand",
    "CallbackScheduled",
    "Cancellation",
    "ChannelError",
    "CompensationOptions",
    "ConfigError",
    "CustomOffer",
    "Customer",
    "CustomerAtFault",
    "Date",
    "DateTime",
    "DelayedDelivery",
    "DelayedResponse",
    "Discount",
    "DuplicateKindError",
    "Duration",
    "FeedbackReceived",
    "Finding",
    "FollowUp",
    "FreeShipping",
    "FreeText",
    "InaccurateInformation",
    "IncorrectTerms",
    "InputError",
    "LanguageError",
    "LocaleError",
    "MissingTermsInfo",
    "MissingTranslationError",
    "Money",
    "Offer",
    "PluginError",
    "Refund",
    "RepeatedTransfers",
    "Replacement",
    "Reply",
    "ReplyKit",
    "ReplyWarning",
    "ResolutionThanks",
    "Review",
    "RudeAgent",
    "Scenario",
    "ScenarioError",
    "ShortText",
    "ShortTranslations",
    "Span",
    "StoreCredit",
    "Team",
    "TemplateError",
    "TemplateFileError",
    "TemplateLimitError",
    "TemplateNotFoundError",
    "TemplateProblem",
    "TemplateSecurityError",
    "Text",
    "Translations",
    "UnknownKindError",
    "__version__",
    "default_kit",
    "parse_scenario",
    "render",
    "review",
    "scenario_class",
    "scenario_kinds",
]
