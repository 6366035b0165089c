"""The built-in scenario kinds. Importing this package registers them."""

from __future__ import annotations

from .seed import CustomerAtFault, DelayedResponse, IncorrectTerms, MissingTermsInfo, RudeAgent

__all__ = [
    "CustomerAtFault",
    "DelayedResponse",
    "IncorrectTerms",
    "MissingTermsInfo",
    "RudeAgent",
]
