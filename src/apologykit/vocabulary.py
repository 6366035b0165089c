"""The few words apologykit itself knows in each language: time units and team names.

Babel's CLDR data gives Arabic durations wrongly ("11 أسابيع", and no day unit
at all), so the units are written here with every Arabic plural form. The dual
is in the oblique case (يومين, not يومان) because a duration in a reply always
follows a preposition or a noun such as مدة. Languages not listed fall back to
Babel's unit patterns.
"""

from __future__ import annotations

from typing import Final

#: unit -> CLDR plural category -> pattern with ``{n}``.
PluralForms = dict[str, str]

DURATION_UNITS: Final[dict[str, dict[str, PluralForms]]] = {
    "en": {
        "week": {"one": "{n} week", "other": "{n} weeks"},
        "day": {"one": "{n} day", "other": "{n} days"},
        "hour": {"one": "{n} hour", "other": "{n} hours"},
        "minute": {"one": "{n} minute", "other": "{n} minutes"},
    },
    "ar": {
        "week": {
            "zero": "{n} أسبوع",
            "one": "أسبوع واحد",
            "two": "أسبوعين",
            "few": "{n} أسابيع",
            "many": "{n} أسبوعًا",
            "other": "{n} أسبوع",
        },
        "day": {
            "zero": "{n} يوم",
            "one": "يوم واحد",
            "two": "يومين",
            "few": "{n} أيام",
            "many": "{n} يومًا",
            "other": "{n} يوم",
        },
        "hour": {
            "zero": "{n} ساعة",
            "one": "ساعة واحدة",
            "two": "ساعتين",
            "few": "{n} ساعات",
            "many": "{n} ساعة",
            "other": "{n} ساعة",
        },
        "minute": {
            "zero": "{n} دقيقة",
            "one": "دقيقة واحدة",
            "two": "دقيقتين",
            "few": "{n} دقائق",
            "many": "{n} دقيقة",
            "other": "{n} دقيقة",
        },
    },
}

#: Babel's unit ids for languages with no table above.
BABEL_UNITS: Final[dict[str, str]] = {
    "week": "duration-week",
    "day": "duration-day",
    "hour": "duration-hour",
    "minute": "duration-minute",
}

#: Built-in team keys and how each language names them inside a sentence.
TEAM_NAMES: Final[dict[str, dict[str, str]]] = {
    "en": {
        "legal": "legal team",
        "billing": "billing team",
        "technical": "technical support team",
        "delivery": "delivery team",
        "quality": "quality assurance team",
        "management": "management team",
        "customer_service": "customer service team",
    },
    "ar": {
        "legal": "الفريق القانوني",
        "billing": "فريق الفوترة والحسابات",
        "technical": "فريق الدعم الفني",
        "delivery": "فريق التوصيل",
        "quality": "فريق ضمان الجودة",
        "management": "الإدارة",
        "customer_service": "فريق خدمة العملاء",
    },
}
