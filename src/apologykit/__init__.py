"""apologykit: typed customer-support reply drafts in Arabic and English.

>>> import apologykit as ak
>>> reply = ak.render({"kind": "rude_agent", "customer": {"name": "Sara"}}, locale="ar-SA")
>>> reply.direction
'rtl'
"""

from __future__ import annotations

import sys
from types import ModuleType
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
from .intent import ReplyIntent
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

if TYPE_CHECKING:
    from .checks import TemplateProblem
    from .review import Finding, Review, Span, review

# Names whose modules load on first use: a program that only renders never
# pays for the reviewer or the template linter (each command-line call is a
# fresh process, so this is a wait a user feels).
_LAZY = {
    "Finding": "review",
    "Review": "review",
    "Span": "review",
    "review": "review",
    "TemplateProblem": "checks",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'apologykit' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


class _Package(ModuleType):
    """Keeps ``apologykit.review`` the function when the reviewer's package loads.

    Importing a submodule binds it on its parent; loaded lazily, the
    ``apologykit.review`` package would replace the ``review`` function.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "review" and isinstance(value, ModuleType):
            value = value.review
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
