"""``apologykit check``: lint a kit's templates before they reach a customer.

A template author runs this on a company directory before it goes live; the
test suite runs it on the built-ins. Each problem is ``file:line: message`` (or
``file: message`` when no line applies), so editors can jump to it.
"""

from __future__ import annotations

import difflib
import inspect
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template

from .errors import ApologyKitError, TemplateError, TemplateNotFoundError
from .kit import ReplyKit
from .loaders import search_path
from .scenario import Scenario, parse_scenario, scenario_class, scenario_kinds

#: Customer genders every example is rendered with (``None``: unknown).
GENDERS: tuple[str | None, ...] = ("female", "male", None)

#: Languages whose replies must be written in Arabic script.
ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ckb"})

_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
# Template syntax, bracketed stand-ins ("[customer name]") and a printed None.
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\[[^\]\n]*\]?|\]|(?<!\w)None(?!\w| of\b)")


@dataclass(frozen=True)
class Problem:
    """One thing to fix, where to fix it."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def check(kit: ReplyKit) -> list[Problem]:
    """Every problem in ``kit``'s templates, each reported once, in a stable order."""
    seen: set[Problem] = set()
    found: list[Problem] = []
    for problem in (*_compile_problems(kit), *_file_problems(kit), *_kind_problems(kit)):
        if problem not in seen:
            seen.add(problem)
            found.append(problem)
    return found


def _display(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory when inside it: shorter, still clickable."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _template_files(kit: ReplyKit) -> Iterator[Path]:
    for directory in search_path(kit.search_dirs):
        if directory.is_dir():
            yield from sorted(directory.rglob("*.j2"))


def _compile_problems(kit: ReplyKit) -> Iterator[Problem]:
    """Syntax errors, missing references and unknown names, found without rendering."""
    for problem in kit.check_templates():
        yield Problem(_display(problem.template), problem.line, problem.message)


def _file_problems(kit: ReplyKit) -> Iterator[Problem]:
    """Template files that no kind or channel will ever use: usually a typo in the name."""
    kinds = scenario_kinds()
    for path in _template_files(kit):
        if path.name.startswith("_") or path.parent.name not in kit.languages:
            continue
        kind, _, channel = path.name.removesuffix(".j2").partition(".")
        if kind not in kinds:
            close = difflib.get_close_matches(kind, kinds, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Problem(_display(path), None, f"no scenario kind is named {kind!r}{hint}")
        elif channel and channel not in scenario_class(kind).channels:
            channels = ", ".join(scenario_class(kind).channels)
            yield Problem(
                _display(path),
                None,
                f"kind {kind!r} has no channel {channel!r} (it has {channels})",
            )


def _kind_problems(kit: ReplyKit) -> Iterator[Problem]:
    """Each kind has a template per language and channel, and its examples render cleanly."""
    for kind in scenario_kinds():
        cls = scenario_class(kind)
        try:
            examples = cls.examples()
        except (ApologyKitError, ValueError) as exc:
            yield Problem(_source_of(cls), None, f"kind {kind!r}: an example is invalid: {exc}")
            continue
        if not examples:
            yield Problem(_source_of(cls), None, f"kind {kind!r} has no examples to check")
        for language in kit.languages:
            missing: list[str] = []
            for channel in cls.channels:
                try:
                    template = kit.template(kind, language, channel)
                except TemplateNotFoundError:
                    missing.append(channel)
                    continue
                except TemplateError:
                    continue  # a compile error, reported with its line already
                for number, example in enumerate(examples, 1):
                    for gender in GENDERS:
                        case = _Case(kind, number, language, channel, gender)
                        yield from _render_problems(kit, template, example, case)
            if missing:
                yield _missing(kit, kind, language, missing)


def _source_of(cls: type[Scenario]) -> str:
    try:
        return _display(inspect.getfile(cls))
    except (TypeError, OSError):
        return f"{cls.__module__}.{cls.__qualname__}"


def _missing(kit: ReplyKit, kind: str, language: str, channels: list[str]) -> Problem:
    directory = (kit.template_dirs or search_path(kit.search_dirs))[0]
    names = " or ".join(f"{language}/{kind}.{channel}.j2" for channel in channels)
    noun = "channel" if len(channels) == 1 else "channels"
    return Problem(
        _display(directory / language / f"{kind}.j2"),
        None,
        f"kind {kind!r} has no {language!r} template for {noun} {', '.join(channels)} "
        f"(add {language}/{kind}.j2, or {names})",
    )


@dataclass(frozen=True)
class _Case:
    kind: str
    example: int
    language: str
    channel: str
    gender: str | None

    def __str__(self) -> str:
        gender = self.gender or "unknown gender"
        return f"{self.kind} example {self.example} ({self.language}, {self.channel}, {gender})"


def _render_problems(
    kit: ReplyKit, template: Template, example: Scenario, case: _Case
) -> Iterator[Problem]:
    file = _display(template.filename or template.name or case.kind)
    data: dict[str, Any] = example.model_dump(mode="json", exclude_unset=True)
    data["customer"] = {**data.get("customer", {}), "gender": case.gender}
    try:
        reply = kit.render(parse_scenario(data), locale=case.language, channel=case.channel)
    except TemplateError as exc:
        where = _display(exc.template) if exc.template else file
        yield Problem(where, exc.line, f"{case}: {_without_where(exc)}")
        return
    except Exception as exc:  # any failure is a finding, not a crash
        # Template failures arrive as TemplateError with their own file and line
        # (kit.render maps them); anything else is about the example's data.
        yield Problem(file, None, f"{case}: {type(exc).__name__}: {exc}")
        return
    for label, text in (("subject", reply.subject or ""), ("text", reply.text)):
        for match in _LEFTOVER.finditer(text):
            yield _leftover(kit, case, file, label, text, match)
    if case.language in ARABIC_SCRIPT_LANGUAGES and not _ARABIC_LETTER.search(reply.text):
        yield Problem(file, None, f"{case}: the reply has no Arabic letters")


def _without_where(exc: TemplateError) -> str:
    message = str(exc)
    if exc.template:
        prefix = f"{exc.template}:{exc.line}: " if exc.line else f"{exc.template}: "
        message = message.removeprefix(prefix)
    return message


def _leftover(
    kit: ReplyKit, case: _Case, file: str, label: str, text: str, match: re.Match[str]
) -> Problem:
    """A leftover placeholder, located in the template source when it is written there."""
    token = match.group()
    number = text.count("\n", 0, match.start()) + 1
    line_text = text.splitlines()[number - 1].strip() if text else ""
    message = f"{case}: leftover {token!r} in the {label}, line {number}: {line_text!r}"
    for directory in search_path(kit.search_dirs):
        folder = directory / case.language
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.j2")):
            for index, source_line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if token.startswith("[") and len(token) > 2 and token in source_line:
                    return Problem(_display(path), index, message)
    return Problem(file, None, message)
