"""apologykit: typed customer-support reply drafts in Arabic and English.

>>> import apologykit as ak
>>> reply = ak.render({"kind": "rude_agent", "customer": {"name": "Sara"}}, locale="ar-SA")
>>> reply.direction
'rtl'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .__about__ import __version__
from .errors import (
    ApologyKitError,
    ChannelError,
    ConfigError,
    DuplicateKindError,
    InputError,
    KindDeclarationError,
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
from .i18n.untranslated import ReplyWarning
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
from .model.intent import ReplyIntent
from .model.people import Agent, Brand, Customer
from .model.scenario import Scenario, parse_scenario, scenario_class, scenario_kinds
from .model.text import FreeText, ShortText, ShortTranslations, Text, Translations
from .model.values import (
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
from .renderer.kit import ReplyKit, default_kit, render
from .renderer.reply import Reply

if TYPE_CHECKING:
    from .lint.checks import TemplateProblem
    from .reviewer import Finding, Review, Span, review

# Names whose modules load on first use: a program that only renders never
# pays for the reviewer or the template linter (each command-line call is a
# fresh process, so this is a wait a user feels).
_LAZY = {
    "Finding": "reviewer",
    "Review": "reviewer",
    "Span": "reviewer",
    "review": "reviewer",
    "TemplateProblem": "lint.checks",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'apologykit' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


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
    "KindDeclarationError",
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
    "ReplyIntent",
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
