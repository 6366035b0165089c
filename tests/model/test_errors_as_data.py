"""Errors are data: every one pickles to an equal error and names its HTTP status and exit code.

A batch worker sends its errors back to the parent pickled, so an error that
cannot be rebuilt from its pickle turns one bad record into a broken batch.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Iterator

import pytest

from apologykit import errors
from apologykit.errors import ApologyKitError
from apologykit.i18n.untranslated import ReplyWarning

WARNINGS = (
    ReplyWarning("untranslated", "reason", "reason: is in Latin script; write it in Arabic."),
    ReplyWarning("untranslated", "options[1].text", "options[1].text: is in Latin script."),
)

#: One realistic instance of each class, built the way the library raises it.
EXAMPLES: dict[type[ApologyKitError], Callable[[], ApologyKitError]] = {
    errors.ApologyKitError: lambda: errors.ApologyKitError("something is wrong"),
    errors.ScenarioError: lambda: errors.ScenarioError(
        "customer.name: is missing", ["customer.name"]
    ),
    errors.UnknownKindError: lambda: errors.UnknownKindError(
        "late_delivry", ["late_delivery", "refund"], "late_delivery"
    ),
    errors.DuplicateKindError: lambda: errors.DuplicateKindError("kind 'refund' is taken"),
    errors.KindDeclarationError: lambda: errors.KindDeclarationError("intent must be a string"),
    errors.LocaleError: lambda: errors.LocaleError("xx-!!", ["ar", "en"], "is not a tag"),
    errors.MissingTranslationError: lambda: errors.MissingTranslationError("reason", "ar", ["en"]),
    errors.ChannelError: lambda: errors.ChannelError("refund", "fax", ["email", "chat"]),
    errors.TemplateError: lambda: errors.TemplateError("unexpected '}'", "en/refund.j2", 3),
    errors.TemplateNotFoundError: lambda: errors.TemplateNotFoundError(
        "refund", "fr", "email", ["fr/refund.email.j2", "fr/refund.j2"]
    ),
    errors.TemplateSecurityError: lambda: errors.TemplateSecurityError(
        "access to attribute '__class__' is unsafe", "en/refund.j2", 7
    ),
    errors.TemplateLimitError: lambda: errors.TemplateLimitError(
        "range() of more than 10,000 items"
    ).at("en/refund.j2", 12),
    errors.TemplateFileError: lambda: errors.TemplateFileError(
        "is not UTF-8", "en/refund.j2", "not-utf8", 1
    ),
    errors.InputError: lambda: errors.InputError("line 4: not JSON", ["scenario"]),
    errors.PluginError: lambda: errors.PluginError(
        "acme", "acme.kit:plugin", "acme-kit 1.0", "raised ImportError"
    ),
    errors.ConfigError: lambda: errors.ConfigError("unknown key 'colour'", "colour"),
    errors.OutputError: lambda: errors.OutputError("cannot write out.jsonl: No space left"),
    errors.LanguageError: lambda: errors.LanguageError(WARNINGS),
    errors.BatchWorkerError: lambda: errors.BatchWorkerError("the worker ran past --timeout"),
}


def every_error_class() -> list[type[ApologyKitError]]:
    """ApologyKitError and every subclass of it that apologykit.errors defines."""

    def walk(cls: type[ApologyKitError]) -> Iterator[type[ApologyKitError]]:
        yield cls
        for sub in cls.__subclasses__():
            yield from walk(sub)

    found = dict.fromkeys(walk(ApologyKitError))
    return [cls for cls in found if cls.__module__ == errors.__name__]


CLASSES = every_error_class()


def example(cls: type[ApologyKitError]) -> ApologyKitError:
    assert cls in EXAMPLES, f"add an example of {cls.__name__} to EXAMPLES"
    error = EXAMPLES[cls]()
    assert type(error) is cls
    return error


def assert_same(copy: object, error: ApologyKitError) -> None:
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__
    assert isinstance(copy, ApologyKitError)
    assert copy.to_dict() == error.to_dict()


def test_every_class_is_found() -> None:
    assert set(CLASSES) == set(EXAMPLES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_pickles_to_an_equal_error(cls: type[ApologyKitError]) -> None:
    error = example(cls)
    assert_same(pickle.loads(pickle.dumps(error)), error)


def test_the_attributes_callers_read_survive() -> None:
    unknown = pickle.loads(pickle.dumps(example(errors.UnknownKindError)))
    assert (unknown.kind, unknown.known, unknown.closest) == (
        "late_delivry",
        ("late_delivery", "refund"),
        "late_delivery",
    )
    placed = pickle.loads(pickle.dumps(example(errors.TemplateFileError)))
    assert (placed.template, placed.line, placed.code) == ("en/refund.j2", 1, "not-utf8")
    assert str(placed).startswith("en/refund.j2:1: ")
    strict = pickle.loads(pickle.dumps(example(errors.LanguageError)))
    assert strict.warnings == WARNINGS
    assert strict.fields == ("reason", "options[1].text")
    assert pickle.loads(pickle.dumps(example(errors.ConfigError))).fields == ("colour",)


def sent_back(pickled: bytes) -> bytes:
    """In another process: the error rebuilt from its pickle, pickled again to send back.

    Bytes both ways, so a pickle that does not load fails the test here instead
    of killing the pool's worker or result thread (which would hang the pool).
    """
    return pickle.dumps(pickle.loads(pickled))


def test_every_error_travels_to_another_process_and_back() -> None:
    sent = [example(cls) for cls in CLASSES]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        back = pool.map_async(sent_back, [pickle.dumps(error) for error in sent]).get(timeout=120)
    for pickled, error in zip(back, sent, strict=True):
        assert_same(pickle.loads(pickled), error)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_names_its_http_status_and_exit_code(cls: type[ApologyKitError]) -> None:
    assert type(cls.http_status) is int and type(cls.exit_code) is int
    assert cls.exit_code == 1
    # What the service answered before the statuses were data: the caller's input is a 422.
    fixable = issubclass(cls, ValueError) and not issubclass(cls, errors.TemplateError)
    assert cls.http_status == (422 if fixable else 500)
