"""Free-text values: cleaned on the way in, resolved to one language on the way out.

Every string a customer, agent or helpdesk export supplies passes through
:func:`clean` before it reaches a template: NFC-normalised, stripped of control
and bidi-override characters (which can reorder a whole Arabic sentence), and
length-limited. A value is data; it is never parsed as template source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, PydanticKnownError

#: Longest free-text value accepted; a reply paragraph, not a document.
MAX_TEXT = 2000
#: Longest name, id or short label.
MAX_SHORT = 200
#: Longest string a template sees whatever its field's declared type (a company
#: field typed plain ``str`` has no limit of its own).
MAX_VALUE = 10_000

# How much longer than its limit a value may arrive: normalising can shrink a
# value (a letter and its accent become one character) and tidying removes
# spaces, so the limit proper is checked on the cleaned value. Anything longer
# is refused before any work proportional to it: normalisation takes time
# quadratic in a run of combining marks (40,000 of them: about a second).
_RAW_SLACK = 2

# C0/C1 controls except TAB and LF, DEL, bidi embeddings/overrides (U+202A-202E),
# isolates (U+2066-2069), the private-use markers apologykit uses internally, and
# lone UTF-16 surrogates (half of a character, as JSON's "\ud800" gives): no
# UTF-8 writer can encode them, and no reader could see them.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ue000\ue001\ud800-\udfff]"
)
_SPACES = re.compile(r"[ \t]+")


def too_long(length: int, limit: int) -> PydanticCustomError:
    """pydantic's own error for an over-long string, raised before cleaning."""
    return PydanticCustomError(
        "string_too_long",
        "String should have at most {max_length} characters",
        {"max_length": limit},
    )


def clean(value: str, limit: int = MAX_VALUE) -> str:
    """Return ``value`` NFC-normalised, without unsafe characters, spaces tidied.

    Line breaks are kept (a finding may have two lines); runs of spaces and tabs
    become one space and each line is stripped. A value longer than twice
    ``limit`` is refused before anything else is done with it (the caller
    checks ``limit`` itself on the result). Most values are already clean, so
    the common case is settled by three quick tests.
    """
    if len(value) > _RAW_SLACK * limit:
        raise too_long(len(value), limit)
    # Printable means no controls, format characters (the bidi ones), private
    # use, surrogates or line breaks; the only space left to tidy is U+0020.
    if (
        value.isprintable()
        and (value.isascii() or unicodedata.is_normalized("NFC", value))
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
    ):
        return value
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if _UNSAFE.search(value):
        value = _UNSAFE.sub("", value)
    if _untidy(value):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
        value = "\n".join(lines).strip()
    return value


def _untidy(value: str) -> bool:
    # Substring tests are several times faster than one alternation regex.
    return (
        value != value.strip()
        or "  " in value
        or "\t" in value
        or "\r" in value
        or " \n" in value
        or "\n " in value
    )


def _too_long_cleaned(length: int, limit: int) -> PydanticKnownError:
    """pydantic's own error for a value still too long once cleaned."""
    return PydanticKnownError(
        "too_long", {"field_type": "Value", "max_length": limit, "actual_length": length}
    )


# The limits are checked here, on the cleaned value, rather than by a
# StringConstraints after the validator: pydantic runs that as one more
# Python call per string. WithJsonSchema keeps the limit in the schema.
def _clean_text(value: str) -> str:
    value = clean(value, MAX_TEXT)
    if not value:
        raise ValueError("must not be empty or only spaces")
    if len(value) > MAX_TEXT:
        raise _too_long_cleaned(len(value), MAX_TEXT)
    return value


def _clean_line(value: str) -> str:
    value = clean(value, MAX_SHORT)
    if "\n" in value:
        value = " ".join(value.split())
    if not value:
        raise ValueError("must not be empty or only spaces")
    if len(value) > MAX_SHORT:
        raise _too_long_cleaned(len(value), MAX_SHORT)
    return value


#: The validators that clean a string (the template view trusts their output).
CLEANERS = frozenset({_clean_text, _clean_line})

#: A cleaned, non-empty free-text string (a finding, a product, a reason).
CleanStr = Annotated[
    str,
    AfterValidator(_clean_text),
    WithJsonSchema({"type": "string", "maxLength": MAX_TEXT}),
]

#: A cleaned, non-empty single-line string (a name, an id, a label).
ShortStr = Annotated[
    str,
    AfterValidator(_clean_line),
    WithJsonSchema({"type": "string", "maxLength": MAX_SHORT}),
]

_LANG = re.compile(r"^[a-z]{2,3}$")


class Translations(RootModel[dict[str, CleanStr]]):
    """The same text in several languages: ``{"en": "...", "ar": "..."}``."""

    # Its validator is built when first used, not when the package is imported.
    model_config = ConfigDict(defer_build=True)

    root: dict[str, CleanStr] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_languages(self) -> Translations:
        for lang in self.root:
            if not _LANG.match(lang):
                raise ValueError(
                    f"{lang!r} is not a language code; use two or three lowercase letters "
                    "such as 'en' or 'ar'"
                )
        return self

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return iter(self.root)

    def __getitem__(self, lang: str) -> str:
        return self.root[lang]

    def get(self, lang: str) -> str | None:
        return self.root.get(lang)


#: The tags of the two :data:`Text` variants. Pydantic puts them in an error's
#: location; the parentheses keep them apart from field names and language codes,
#: so error messages can drop them (``customer.name``, not ``customer.name.str``).
ONE_STRING = "(one string)"
PER_LANGUAGE = "(per language)"
UNION_TAGS = frozenset({ONE_STRING, PER_LANGUAGE})


def _text_variant(value: object) -> str:
    # Choose the variant up front: trying str first and failing costs an error object.
    return PER_LANGUAGE if isinstance(value, dict | Translations) else ONE_STRING


def _text_schema(max_length: int, what: str) -> dict[str, Any]:
    """One string, or one per language, each at most ``max_length`` characters.

    Written out because pydantic's own would be a ``oneOf`` over a callable
    discriminator, with the mapping under ``$defs``.
    """
    string = {"type": "string", "minLength": 1, "maxLength": max_length}
    return {
        "anyOf": [
            string,
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": _LANG.pattern},
                "additionalProperties": string,
            },
        ],
        "description": f"One {what} for every language, or one per language: "
        "{'en': ..., 'ar': ...}.",
    }


#: The JSON Schema of :data:`Text`.
TEXT_SCHEMA: dict[str, Any] = _text_schema(MAX_TEXT, "string")

#: A string for every language, or one string per language.
Text = Annotated[
    Annotated[CleanStr, Tag(ONE_STRING)] | Annotated[Translations, Tag(PER_LANGUAGE)],
    Discriminator(_text_variant),
    WithJsonSchema(TEXT_SCHEMA),
]


class FreeTextMark:
    """Marks a :data:`Text` field as free text; see :data:`FreeText`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "FREE_TEXT"


FREE_TEXT = FreeTextMark()

#: A phrase or sentence in words (a reason, a finding, an offer), as opposed to a
#: name, id, link or phone number: given as one string, it should be in the
#: reply's language, and ``Reply.warnings`` says when it is not.
FreeText = Annotated[Text, FREE_TEXT]


class ShortTranslations(Translations):
    """A short single-line text per language, such as a name: ``{"en": "Maha", "ar": "مها"}``."""

    root: dict[str, ShortStr] = Field(min_length=1)


#: The JSON Schema of :data:`ShortText`: :data:`TEXT_SCHEMA` with the short length limit.
SHORT_TEXT_SCHEMA: dict[str, Any] = _text_schema(MAX_SHORT, "name")

#: A name or label for every language, or one per language; each one line and short.
ShortText = Annotated[
    Annotated[ShortStr, Tag(ONE_STRING)] | Annotated[ShortTranslations, Tag(PER_LANGUAGE)],
    Discriminator(_text_variant),
    WithJsonSchema(SHORT_TEXT_SCHEMA),
]


def text_for(value: str | Translations, language: str, field: str) -> str:
    """Resolve a :data:`Text` value to ``language``; a gap is an error naming ``field``."""
    if isinstance(value, str):
        return value
    found = value.get(language)
    if found is None:
        from ..errors import MissingTranslationError

        raise MissingTranslationError(field, language, list(value.root))
    return found
