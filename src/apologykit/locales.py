"""Locale parsing, cached: ``ar``, ``ar-SA``, ``ar_EG`` and ``en-GB`` all become Babel locales.

Parsing a :class:`babel.Locale` costs more than a whole plain render, so each
tag is parsed once per process.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

#: Languages written right to left, for :func:`direction`.
_RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "sd", "yi", "dv", "ug"})


class InvalidLocaleError(ValueError):
    """Internal: the tag is not a locale Babel knows. The kit adds its languages."""


@lru_cache(maxsize=512)
def parse_locale(tag: str) -> Locale:
    """Parse a BCP 47 or POSIX-style tag into a Babel locale (cached)."""
    if not isinstance(tag, str) or not tag.strip():
        raise InvalidLocaleError("empty locale")
    cleaned = tag.strip().replace("-", "_")
    try:
        return Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise InvalidLocaleError(str(exc)) from None


def locale_tag(locale: Locale) -> str:
    """The hyphenated tag of ``locale``: ``ar-SA``, ``en``, ``zh-Hant-TW``."""
    return "-".join(part for part in (locale.language, locale.script, locale.territory) if part)


def direction(language: str) -> str:
    """``"rtl"`` for right-to-left languages, else ``"ltr"``."""
    return "rtl" if language in _RTL_LANGUAGES else "ltr"
