"""Locale parsing, cached: ``ar``, ``ar-SA``, ``ar_EG`` and ``en-GB`` all become Babel locales.

Parsing a :class:`babel.Locale` costs more than a whole plain render, so each
locale is parsed once per process. Tags arrive spelled many ways (``AR``,
`` ar-SA``, ``ar_SA.UTF-8``); :func:`normalise_tag` gives each locale one
spelling, which the caches key on, so odd spellings neither miss the cache
nor grow it.

POSIX codesets and ``@modifiers`` (``ar_SA.UTF-8@latn``) are dropped: no
template or CLDR format we use depends on them, and a language's templates
are the same whatever the modifier says.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from ..model.channels import Direction

#: Languages written right to left, for :func:`direction`.
_RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "sd", "yi", "dv", "ug"})


class InvalidLocaleError(ValueError):
    """Internal: the tag is not a locale Babel knows. The kit adds its languages."""


#: Longest tag accepted; real ones are under 20 characters.
MAX_TAG_LENGTH = 64


def normalise_tag(tag: str) -> str:
    """The one spelling of ``tag`` the caches key on: hyphens, BCP 47 letter case.

    >>> normalise_tag(" AR_sa ")
    'ar-SA'
    >>> normalise_tag("ar_SA.UTF-8@latn")
    'ar-SA'
    >>> normalise_tag("zh_hant_tw")
    'zh-Hant-TW'
    """
    if not isinstance(tag, str):
        raise InvalidLocaleError(f"a locale is a string, not {type(tag).__name__}")
    if len(tag) > MAX_TAG_LENGTH:
        raise InvalidLocaleError(f"longer than {MAX_TAG_LENGTH} characters")
    text = tag.strip().split("@", 1)[0].split(".", 1)[0]
    if not text:
        raise InvalidLocaleError("empty locale")
    language, *rest = text.replace("_", "-").split("-")
    parts = [language.lower()]
    for part in rest:
        parts.append(part.title() if len(part) == 4 and part.isalpha() else part.upper())
    return "-".join(parts)


def parse_locale(tag: str) -> Locale:
    """Parse a BCP 47 or POSIX-style tag into a Babel locale (cached by its normal spelling).

    >>> parse_locale("ar_eg")
    Locale('ar', territory='EG')
    """
    return _parse_normalised(normalise_tag(tag))


@lru_cache(maxsize=256)
def _parse_normalised(tag: str) -> Locale:
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise InvalidLocaleError(str(exc)) from None


def locale_tag(locale: Locale) -> str:
    """The hyphenated tag of ``locale``: ``ar-SA``, ``en``, ``zh-Hant-TW``.

    >>> locale_tag(parse_locale("ar_SA.UTF-8"))
    'ar-SA'
    """
    return "-".join(part for part in (locale.language, locale.script, locale.territory) if part)


def direction(language: str) -> Direction:
    """``"rtl"`` for right-to-left languages, else ``"ltr"``.

    >>> direction("ar"), direction("en")
    ('rtl', 'ltr')
    """
    return "rtl" if language in _RTL_LANGUAGES else "ltr"
