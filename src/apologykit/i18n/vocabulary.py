"""The few words apologykit itself knows in each language.

Time units, currencies, Hijri months, time-zone names, noon and midnight, and
team names: the places where Babel's CLDR data is missing or wrong for a reply.
CLDR gives Arabic durations wrongly ("11 أسابيع", and no day unit at all), and
its Arabic currency names ignore the count (every form reads «ريال سعودي»), so
both are written here with every Arabic plural form.

The dual is in the oblique case (يومين، ريالين, not يومان، ريالان) because a
duration or an amount in a reply always follows a preposition or a noun in
construct: «مدة يومين», «مبلغ ريالين سعوديين», «بقيمة درهمين». Languages not
listed fall back to Babel.
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

#: unit -> plural forms of "that many units and a half" (or "and a quarter"),
#: for counts up to ten: «ساعة ونصف», not «ساعة واحدة و30 دقيقة». Longer
#: durations stay exact. Quarters are Arabic only: English says "15 minutes".
DURATION_FRACTIONS: Final[dict[str, dict[tuple[str, str], PluralForms]]] = {
    "en": {
        ("hour", "half"): {"one": "an hour and a half", "other": "{n} and a half hours"},
        ("day", "half"): {"one": "a day and a half", "other": "{n} and a half days"},
    },
    "ar": {
        ("hour", "half"): {
            "one": "ساعة ونصف",
            "two": "ساعتين ونصف",
            "few": "{n} ساعات ونصف",
        },
        ("hour", "quarter"): {
            "one": "ساعة وربع",
            "two": "ساعتين وربع",
            "few": "{n} ساعات وربع",
        },
        ("day", "half"): {
            "one": "يوم ونصف",
            "two": "يومين ونصف",
            "few": "{n} أيام ونصف",
        },
    },
}

#: Less than an hour, said as a part of one (minutes -> phrase).
PART_OF_AN_HOUR: Final[dict[str, dict[int, str]]] = {
    "en": {30: "half an hour"},
    "ar": {15: "ربع ساعة", 30: "نصف ساعة", 45: "ثلاثة أرباع الساعة"},
}

#: The word that replaces AM/PM at exactly 12:00 and 00:00 on a 12-hour clock,
#: where «12:00 م» and "12:00 AM" leave readers guessing.
NOON_AND_MIDNIGHT: Final[dict[str, dict[str, str]]] = {
    "en": {"noon": "noon", "midnight": "midnight"},
    "ar": {"noon": "ظهرًا", "midnight": "منتصف الليل"},
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


#: ISO 4217 code -> CLDR plural category -> an Arabic amount with ``{n}``.
#:
#: one and two carry no number (ريال واحد، ريالان), and the dual is oblique
#: (see the module docstring). The adjective agrees: a plural of things takes
#: the feminine singular (ريالات سعودية), 11-99 take the accusative singular
#: (ريالًا سعوديًا), 100 and up the genitive singular (ريال سعودي). An amount
#: with a fraction is CLDR's "other", the genitive singular («149.50 ريال
#: سعودي»), which is how the amount is read: the fraction belongs to the
#: number, and the currency that follows it is a unit, as after 100. يورو is
#: indeclinable: only its one and two change.
CURRENCY_WORDS: Final[dict[str, dict[str, PluralForms]]] = {
    "ar": {
        "SAR": {
            "zero": "{n} ريال سعودي",
            "one": "ريال سعودي واحد",
            "two": "ريالين سعوديين",
            "few": "{n} ريالات سعودية",
            "many": "{n} ريالًا سعوديًا",
            "other": "{n} ريال سعودي",
        },
        "AED": {
            "zero": "{n} درهم إماراتي",
            "one": "درهم إماراتي واحد",
            "two": "درهمين إماراتيين",
            "few": "{n} دراهم إماراتية",
            "many": "{n} درهمًا إماراتيًا",
            "other": "{n} درهم إماراتي",
        },
        "KWD": {
            "zero": "{n} دينار كويتي",
            "one": "دينار كويتي واحد",
            "two": "دينارين كويتيين",
            "few": "{n} دنانير كويتية",
            "many": "{n} دينارًا كويتيًا",
            "other": "{n} دينار كويتي",
        },
        "QAR": {
            "zero": "{n} ريال قطري",
            "one": "ريال قطري واحد",
            "two": "ريالين قطريين",
            "few": "{n} ريالات قطرية",
            "many": "{n} ريالًا قطريًا",
            "other": "{n} ريال قطري",
        },
        "BHD": {
            "zero": "{n} دينار بحريني",
            "one": "دينار بحريني واحد",
            "two": "دينارين بحرينيين",
            "few": "{n} دنانير بحرينية",
            "many": "{n} دينارًا بحرينيًا",
            "other": "{n} دينار بحريني",
        },
        "OMR": {
            "zero": "{n} ريال عُماني",
            "one": "ريال عُماني واحد",
            "two": "ريالين عُمانيين",
            "few": "{n} ريالات عُمانية",
            "many": "{n} ريالًا عُمانيًا",
            "other": "{n} ريال عُماني",
        },
        "EGP": {
            "zero": "{n} جنيه مصري",
            "one": "جنيه مصري واحد",
            "two": "جنيهين مصريين",
            "few": "{n} جنيهات مصرية",
            "many": "{n} جنيهًا مصريًا",
            "other": "{n} جنيه مصري",
        },
        "JOD": {
            "zero": "{n} دينار أردني",
            "one": "دينار أردني واحد",
            "two": "دينارين أردنيين",
            "few": "{n} دنانير أردنية",
            "many": "{n} دينارًا أردنيًا",
            "other": "{n} دينار أردني",
        },
        "MAD": {
            "zero": "{n} درهم مغربي",
            "one": "درهم مغربي واحد",
            "two": "درهمين مغربيين",
            "few": "{n} دراهم مغربية",
            "many": "{n} درهمًا مغربيًا",
            "other": "{n} درهم مغربي",
        },
        "USD": {
            "zero": "{n} دولار أمريكي",
            "one": "دولار أمريكي واحد",
            "two": "دولارين أمريكيين",
            "few": "{n} دولارات أمريكية",
            "many": "{n} دولارًا أمريكيًا",
            "other": "{n} دولار أمريكي",
        },
        "EUR": {
            "zero": "{n} يورو",
            "one": "يورو واحد",
            "two": "يوروين",
            "few": "{n} يورو",
            "many": "{n} يورو",
            "other": "{n} يورو",
        },
        "GBP": {
            "zero": "{n} جنيه إسترليني",
            "one": "جنيه إسترليني واحد",
            "two": "جنيهين إسترلينيين",
            "few": "{n} جنيهات إسترلينية",
            "many": "{n} جنيهًا إسترلينيًا",
            "other": "{n} جنيه إسترليني",
        },
    },
}

#: The twelve months of the Hijri year, as written in each language. In Arabic
#: the month follows the day in construct, hence «ذي القعدة» and «ذي الحجة».
HIJRI_MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "ar": (
        "محرم",
        "صفر",
        "ربيع الأول",
        "ربيع الآخر",
        "جمادى الأولى",
        "جمادى الآخرة",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "ذي القعدة",
        "ذي الحجة",
    ),
    "en": (
        "Muharram",
        "Safar",
        "Rabi al-Awwal",
        "Rabi al-Thani",
        "Jumada al-Ula",
        "Jumada al-Akhirah",
        "Rajab",
        "Sha'ban",
        "Ramadan",
        "Shawwal",
        "Dhu al-Qa'dah",
        "Dhu al-Hijjah",
    ),
}

#: How a Hijri date and a Gregorian date are written, alone and together.
#: ``{hijri}`` is "day month year", ``{gregorian}`` the locale's own date.
HIJRI_PATTERNS: Final[dict[str, dict[str, str]]] = {
    "ar": {
        "hijri": "{hijri}هـ",
        "both": "{hijri}هـ الموافق {gregorian}م",
        "weekday": "{weekday}، {date}",
    },
    "en": {
        "hijri": "{hijri} AH",
        "both": "{gregorian} ({hijri} AH)",
        "weekday": "{weekday}, {date}",
    },
}

#: Time zones by IANA id, named as people in the region say them (after
#: «بتوقيت» in Arabic, before "time" in English). Where Babel's city is what
#: people say (لندن، "London", "Riyadh") it is not repeated here; these are
#: the zones where the city is not the name people use (Asia/Riyadh is
#: «مكة المكرمة» in Saudi usage, Asia/Dubai is "UAE time"), is ambiguous
#: (Tripoli, Amman/Oman) or has no Arabic spelling in CLDR (Kolkata).
ZONE_NAMES: Final[dict[str, dict[str, str]]] = {
    "ar": {
        "Asia/Riyadh": "مكة المكرمة",
        "Asia/Dubai": "الإمارات",
        "Asia/Kuwait": "الكويت",
        "Asia/Qatar": "قطر",
        "Asia/Bahrain": "البحرين",
        "Asia/Muscat": "عُمان",
        "Asia/Aden": "اليمن",
        "Asia/Baghdad": "بغداد",
        "Africa/Cairo": "القاهرة",
        "Asia/Amman": "الأردن",
        "Asia/Damascus": "دمشق",
        "Asia/Beirut": "بيروت",
        "Asia/Gaza": "فلسطين",
        "Asia/Hebron": "فلسطين",
        "Africa/Khartoum": "السودان",
        "Africa/Tripoli": "ليبيا",
        "Africa/Tunis": "تونس",
        "Africa/Algiers": "الجزائر",
        "Africa/Casablanca": "المغرب",
        "Africa/El_Aaiun": "المغرب",
        "Africa/Nouakchott": "موريتانيا",
        "Asia/Kolkata": "الهند",
        "Asia/Karachi": "باكستان",
    },
    "en": {
        "Asia/Riyadh": "Riyadh",
        "Asia/Dubai": "UAE",
        "Asia/Kuwait": "Kuwait",
        "Asia/Qatar": "Qatar",
        "Asia/Bahrain": "Bahrain",
        "Asia/Muscat": "Oman",
        "Asia/Aden": "Yemen",
        "Asia/Baghdad": "Baghdad",
        "Africa/Cairo": "Cairo",
        "Asia/Amman": "Jordan",
        "Asia/Damascus": "Damascus",
        "Asia/Beirut": "Beirut",
        "Asia/Gaza": "Palestine",
        "Asia/Hebron": "Palestine",
        "Africa/Khartoum": "Sudan",
        "Africa/Tripoli": "Libya",
        "Africa/Tunis": "Tunisia",
        "Africa/Algiers": "Algeria",
        "Africa/Casablanca": "Morocco",
        "Africa/El_Aaiun": "Morocco",
        "Africa/Nouakchott": "Mauritania",
        "Asia/Kolkata": "India",
        "Asia/Karachi": "Pakistan",
    },
}

#: Greenwich, for a zone given only as an offset: «غرينتش+3», "GMT+3".
GREENWICH: Final[dict[str, str]] = {"ar": "غرينتش", "en": "GMT"}

#: How a language names a place's clock where the template does not say it:
#: English writes "(Riyadh time)" but "(GMT+3)"; Arabic templates write
#: «بتوقيت …» before either, so a place stays bare.
ZONE_OF_PLACE: Final[dict[str, str]] = {"en": "{} time"}
