"""Free text that reaches the customer in the wrong language: ``Reply.warnings``.

A field typed :data:`~apologykit.model.text.FreeText` (a reason, a finding, an
offer in the company's words) given as one string is printed as it is in
every language. When that string has letters but none of the reply's script
(``"a backlog at our courier"`` in an Arabic reply, Arabic-only text in an
English one), the customer reads it untranslated; the reply carries a warning
naming the field. Names, ids, links, e-mail addresses and phone numbers are
not free text and are never checked. Only values the template actually
printed count: a field an SMS leaves out does not warn.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from babel import Locale
from pydantic import BaseModel

from ..model.text import FREE_TEXT, Translations
from .bidi import mark

#: The warning code for free text with no letter of the reply's script.
UNTRANSLATED = "untranslated"

_LETTER = "[^\\W\\d_]"
# Letters of each script, by the languages written in it.
_ARABIC_LETTER = re.compile(f"(?={_LETTER})[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufefc]")
_LATIN_LETTER = re.compile(f"(?={_LETTER})[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_SCRIPTS: dict[str, tuple[str, re.Pattern[str]]] = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ckb"), ("Arabic", _ARABIC_LETTER)),
    **dict.fromkeys(
        ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "id", "ms", "sw"), ("Latin", _LATIN_LETTER)
    ),
}
_ANY_LETTER = re.compile(_LETTER)
_EXCERPT = 60


@dataclass(frozen=True)
class ReplyWarning:
    """Something in a reply a person should look at before it is sent.

    ``code`` says what kind of problem it is (``"untranslated"``), ``field``
    the scenario field it is about (``reason``, ``options[1].text``), and
    ``message`` the problem and the fix, for a person.
    """

    code: str
    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-friendly record, as batch output and ``render --format json`` write it."""
        return {"code": self.code, "field": self.field, "message": self.message}


def language_warnings(
    scenario: BaseModel, language: str, *printed: str
) -> tuple[ReplyWarning, ...]:
    """Warnings for free text in ``scenario`` not in ``language``'s script and ``printed``.

    ``printed`` are the rendered (marked) texts, body and subject; a value
    counts as printed when it appears there as one marked value.
    """
    script = _SCRIPTS.get(language)
    if script is None:
        return ()
    script_name, letters = script
    found: list[ReplyWarning] = []
    for field, value in _free_texts(scenario, ""):
        if letters.search(value) or not _ANY_LETTER.search(value):
            continue
        marked = mark(value)
        if any(marked in text for text in printed):
            found.append(_untranslated(field, value, language, script_name))
    return tuple(found)


def _untranslated(field: str, value: str, language: str, script: str) -> ReplyWarning:
    name = _language_name(language)
    excerpt = value if len(value) <= _EXCERPT else value[: _EXCERPT - 3].rstrip() + "..."
    excerpt = " ".join(excerpt.split())
    message = (
        f'{field}: "{excerpt}" has no {script} letters but is printed in the {name} reply, '
        f"so the customer would read it untranslated. Give the text per language, "
        f'{{"en": "...", "ar": "..."}}, or write it in {name}.'
    )
    return ReplyWarning(UNTRANSLATED, field, message)


@cache
def _language_name(language: str) -> str:
    try:
        return str(Locale.parse(language).english_name)
    except (ValueError, LookupError):
        return language


def _free_texts(model: BaseModel, path: str) -> Iterator[tuple[str, str]]:
    """(field path, string) for every free-text value given as one string."""
    for name, free in _plan(type(model)):
        value = getattr(model, name)
        if value is not None:
            yield from _strings(value, f"{path}.{name}" if path else name, free)


def _strings(value: Any, path: str, free: bool) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if free:
            yield path, value
    elif isinstance(value, Translations):
        return  # given per language: the writer chose each one
    elif isinstance(value, BaseModel):
        yield from _free_texts(value, path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]", free)


_PLANS: dict[type[BaseModel], tuple[tuple[str, bool], ...]] = {}


def _plan(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``cls`` worth visiting: free text, and models that may hold some.

    Worked out once per class from the type annotations; the rest of a
    scenario (dates, amounts, names) is never looked at.
    """
    found = _PLANS.get(cls)
    if found is not None:
        return found
    _PLANS[cls] = ()  # a model that refers to itself stops here
    plan: list[tuple[str, bool]] = []
    for name, info in cls.model_fields.items():
        if FREE_TEXT in info.metadata or _marked_free(info.annotation):
            plan.append((name, True))
        elif any(_plan(model) for model in _models(info.annotation)):
            plan.append((name, False))
    found = _PLANS[cls] = tuple(plan)
    return found


def _marked_free(annotation: Any) -> bool:
    if typing.get_origin(annotation) is Annotated:
        if any(meta is FREE_TEXT for meta in annotation.__metadata__):
            return True
        return _marked_free(typing.get_args(annotation)[0])
    return any(_marked_free(arg) for arg in typing.get_args(annotation))


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not issubclass(annotation, Translations):
            yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models(arg)
