"""The template linter behind ``kit.check_templates()`` and ``apologykit check``.

A template author runs it on a company directory before it goes live; a batch
runs it before the first record; the test suite runs it on the built-ins. One
pass, in three steps:

1. every file: symbolic links that leave their directory, files that are not
   UTF-8, syntax errors, references to missing templates, names no scenario
   provides (found without rendering);
2. every file name: a kind or channel that does not exist (usually a typo);
3. every kind: a template per language and channel, and each example rendered
   for each customer gender without a failure, a leftover ``[placeholder]`` or
   (in Arabic) a reply with no Arabic letters, and reviewed as what its kind
   declares it to be (:mod:`.intent_check`).

Each finding is a :class:`TemplateProblem`. Errors are things a customer would
see or a render would fail on; a company directory that covers only some
languages or kinds gets warnings, since rendering a missing one is already a
clear error naming the file to add.

The review step is an error only for a built-in kind rendered from built-in
templates alone: we own those words and fix them. For anything a company
wrote (its kinds, its templates, its partials, its review rules) it is a
warning: the reviewer matches phrases, not meaning, the company cannot change
the built-in rules to silence a false alarm, and a batch refuses to start on
any error, so a heuristic must not stop a company's run. `apologykit review`
over the batch output is the gate a company can make strict (exit status 1).
"""

from __future__ import annotations

import difflib
import inspect
import os
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment, Template, TemplateNotFound, TemplateSyntaxError, meta, nodes
from pydantic import BaseModel

from ..errors import ApologyKitError, TemplateError, TemplateFileError, TemplateNotFoundError
from ..model.channels import Channel
from ..model.scenario import Scenario, parse_scenario, scenario_class, scenario_kinds
from ..model.text import Translations
from ..renderer.loaders import builtin_dir, language_files, read_template, search_path
from .examples import IntentProblem, intent_problems

if TYPE_CHECKING:
    from ..renderer.kit import ReplyKit

Severity = Literal["error", "warning"]

#: Customer genders every example is rendered with (``None``: unknown).
GENDERS: tuple[str | None, ...] = ("female", "male", None)

#: Languages whose replies must be written in Arabic script.
ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ckb"})

#: Names every template sees besides the scenario's fields (see ``ReplyKit.render``).
RENDER_NAMES = frozenset({"brand", "channel", "language", "direction"})

_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
# Template syntax, bracketed stand-ins ("[customer name]") and a printed None.
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\[[^\]\n]*\]?|\]|(?<!\w)None(?!\w| of\b)")

# Problems found by rendering an example; dropped where reading the file found an error.
_RENDER_CODES = frozenset({"render-failed", "leftover", "no-arabic"})
#: Codes of the review step start with it: ``review:conditional-apology``.
REVIEW_CODE_PREFIX = "review:"


@dataclass(frozen=True)
class TemplateProblem:
    """One thing to fix and where: ``file:line: severity: message [code]``.

    ``code`` names the rule (``syntax``, ``unknown-name``, ``outside-directory``,
    ``missing-template``...), for filtering; ``line`` is ``None`` when the
    problem is about the whole file.
    """

    file: str
    line: int | None
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message} [{self.code}]"

    def relative_to(self, directory: Path) -> TemplateProblem:
        """The same problem with its file relative to ``directory`` when inside it."""
        # abspath, not resolve: a symbolic link is shown as itself, not as its target.
        try:
            shown = Path(os.path.abspath(self.file)).relative_to(os.path.abspath(directory))
        except ValueError:
            return self
        return replace(self, file=str(shown))


def check(kit: ReplyKit, *, review: bool = True) -> list[TemplateProblem]:
    """Every problem in ``kit``'s templates, each reported once, in a stable order.

    ``review=False`` leaves out the review step (step 3's last part).
    """
    files = _FileCheck(kit.environment, search_path(kit.search_dirs))
    kinds = _kind_problems(kit, files, review)
    found = [*files.problems(), *_name_problems(kit), *kinds]
    # A render that fails where reading the file found an error says nothing new.
    broken = {(p.file, p.line) for p in found if p.code not in _RENDER_CODES}
    seen: set[tuple[str, int | None, str, str]] = set()
    result: list[TemplateProblem] = []
    for problem in found:
        key = (problem.file, problem.line, problem.code, _without_case(problem))
        if key in seen or (problem.code in _RENDER_CODES and key[:2] in broken):
            continue  # also: the same finding for another example, channel or gender
        seen.add(key)
        result.append(problem)
    return result


def errors(problems: Sequence[TemplateProblem]) -> list[TemplateProblem]:
    """The problems that must be fixed before replies go out."""
    return [problem for problem in problems if problem.severity == "error"]


def _error(file: str | Path, line: int | None, code: str, message: str) -> TemplateProblem:
    return TemplateProblem(str(file), line, "error", code, message)


# -- 1. every file, without rendering -------------------------------------------------


class _FileCheck:
    """Reads every template file once; keeps the text for locating leftovers later."""

    def __init__(self, environment: Environment, directories: Sequence[Path]) -> None:
        self.environment = environment
        self.directories = directories
        #: ``(language, file, text)`` of every readable ``<lang>/*.j2``, in search order.
        self.sources: list[tuple[str, Path, str]] = []

    def problems(self) -> Iterator[TemplateProblem]:
        base = {*RENDER_NAMES, *self.environment.globals, *Scenario.model_fields}
        every_field = set(base)
        for kind in scenario_kinds():
            every_field.update(scenario_class(kind).model_fields)
        for directory in self.directories:
            yield from _links_leaving(directory)
            yield from self._file_problems(directory, base, every_field)

    def _file_problems(
        self, directory: Path, base: set[str], every_field: set[str]
    ) -> Iterator[TemplateProblem]:
        root = directory.resolve()
        for name, file in language_files([directory]):
            if not Path(os.path.realpath(file)).is_relative_to(root):
                continue  # reported by _links_leaving
            try:
                source, _ = read_template(file, root)
                tree = self.environment.parse(source, name, str(file))
            except TemplateFileError as exc:
                yield _error(file, exc.line, exc.code, exc.message)
                continue
            except TemplateSyntaxError as exc:
                yield _error(file, exc.lineno, "syntax", exc.message or "syntax error")
                continue
            self.sources.append((name.split("/", 1)[0], file, source))
            yield from self._missing_references(tree, file)
            known, owner = _known_names(name, base, every_field)
            yield from _unknown_names(tree, file, known, owner)

    def _missing_references(self, tree: nodes.Template, file: Path) -> Iterator[TemplateProblem]:
        loader = self.environment.loader
        if loader is None:
            return
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            assert isinstance(node, nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport)
            target = node.template
            if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
                continue  # a computed name: only a render can tell
            try:
                loader.get_source(self.environment, target.value)
            except TemplateFileError as exc:
                where = f"{target.value!r}: " if exc.template is not None else ""
                yield _error(file, node.lineno, exc.code, f"refers to {where}{exc.message}")
            except TemplateNotFound:
                if isinstance(node, nodes.Include) and node.ignore_missing:
                    continue
                yield _error(
                    file,
                    node.lineno,
                    "missing-reference",
                    f"refers to template {target.value!r}, which no template directory has",
                )


def _links_leaving(directory: Path) -> Iterator[TemplateProblem]:
    """Every symbolic link under ``directory`` that resolves outside it (links not followed)."""
    if not directory.is_dir():
        return
    root = directory.resolve()
    for parent, dirs, files in os.walk(directory):
        for name in sorted([*dirs, *files]):
            path = Path(parent, name)
            if not path.is_symlink():
                continue
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(root):
                yield _error(
                    path,
                    None,
                    "outside-directory",
                    f"is a symbolic link to {target}, outside its template directory {root}; "
                    "templates may only use files inside their directory, so copy the file in "
                    "instead of linking to it",
                )
        dirs.sort()


def _known_names(name: str, base: set[str], every_field: set[str]) -> tuple[Collection[str], str]:
    """The names a template may use, and who would have to provide a missing one."""
    stem = name.split("/", 1)[1].split(".", 1)[0]
    if stem.startswith("_") or stem not in scenario_kinds():
        return every_field, "no scenario has a field by that name"
    return base | set(scenario_class(stem).model_fields), f"the {stem!r} scenario has no such field"


def _unknown_names(
    tree: nodes.Template, file: Path, known: Collection[str], owner: str
) -> Iterator[TemplateProblem]:
    # Top-level imports and sets are visible inside blocks at render time, though
    # Jinja's static analysis reports them as undeclared there.
    assigned = {node.name for node in tree.find_all(nodes.Name) if node.ctx == "store"}
    for node in tree.find_all((nodes.Import, nodes.FromImport)):
        if isinstance(node, nodes.Import):
            assigned.add(node.target)
        elif isinstance(node, nodes.FromImport):
            assigned.update(n if isinstance(n, str) else n[1] for n in node.names)
    unknown = meta.find_undeclared_variables(tree) - assigned - set(known)
    for name in sorted(unknown):
        line = next(
            (n.lineno for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"),
            None,
        )
        yield _error(
            file,
            line,
            "unknown-name",
            f"unknown name {name!r}: {owner} (templates also see "
            f"{', '.join(sorted(RENDER_NAMES))})",
        )


# -- 2. every file name ---------------------------------------------------------------


def _name_problems(kit: ReplyKit) -> Iterator[TemplateProblem]:
    """Template files that no kind or channel will ever use: usually a typo in the name."""
    kinds = scenario_kinds()
    for directory in search_path(kit.search_dirs):
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*.j2")):
            if path.name.startswith("_") or path.parent.name not in kit.languages:
                continue
            kind, _, channel = path.name.removesuffix(".j2").partition(".")
            if kind not in kinds:
                close = difflib.get_close_matches(kind, kinds, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                yield _error(
                    path, None, "unknown-kind", f"no scenario kind is named {kind!r}{hint}"
                )
            elif channel and channel not in scenario_class(kind).channels:
                channels = ", ".join(scenario_class(kind).channels)
                yield _error(
                    path,
                    None,
                    "unknown-channel",
                    f"kind {kind!r} has no channel {channel!r} (it has {channels})",
                )


# -- 3. every kind, rendered ----------------------------------------------------------


def _kind_problems(
    kit: ReplyKit, files: _FileCheck, review: bool = True
) -> Iterator[TemplateProblem]:
    """Each kind has a template per language and channel, and its examples render cleanly."""
    #: language -> kinds with no template in it at all
    absent: dict[str, list[str]] = {language: [] for language in kit.languages}
    partials = _company_partials(kit)
    for kind in scenario_kinds():
        cls = scenario_class(kind)
        try:
            examples = cls.examples()
        except (ApologyKitError, ValueError) as exc:
            yield _error(
                _source_of(cls), None, "bad-example", f"kind {kind!r}: an example is invalid: {exc}"
            )
            continue
        if not examples:
            yield _error(
                _source_of(cls), None, "no-examples", f"kind {kind!r} has no examples to check"
            )
        for language in kit.languages:
            missing: list[str] = []
            for channel in cls.channels:
                try:
                    template = kit.template(kind, language, channel)
                except TemplateNotFoundError:
                    missing.append(channel)
                    continue
                except TemplateError:
                    continue  # a file or compile error, reported with its line already
                built_in = _built_in(cls, template) and language not in partials
                for number, example in enumerate(examples, 1):
                    for gender in GENDERS:
                        case = _Case(kind, number, language, channel, gender)
                        yield from _render_problems(
                            kit, files, template, example, case, built_in, review
                        )
            if len(missing) == len(cls.channels):
                absent[language].append(kind)
            elif missing:
                yield _missing(kit, kind, language, missing)
    for language, kinds in absent.items():
        if len(kinds) == 1:
            yield _missing(kit, kinds[0], language, list(scenario_class(kinds[0]).channels))
        elif kinds:
            yield _absent(kit, language, kinds)


def _company_partials(kit: ReplyKit) -> set[str]:
    """Languages in which a company or plugin directory has a ``_`` partial (a layout)."""
    return {
        language
        for directory in kit.search_dirs
        for language in kit.languages
        if any((directory / language).glob("_*.j2"))
    }


def _built_in(cls: type[Scenario], template: Template) -> bool:
    """A built-in kind whose own template is the built-in file (partials checked apart)."""
    if not cls.__module__.startswith("apologykit.kinds"):
        return False
    return template.filename is not None and Path(template.filename).resolve().is_relative_to(
        builtin_dir().resolve()
    )


def _source_of(cls: type[Scenario]) -> str:
    try:
        return inspect.getfile(cls)
    except (TypeError, OSError):
        return f"{cls.__module__}.{cls.__qualname__}"


def _missing(kit: ReplyKit, kind: str, language: str, channels: list[str]) -> TemplateProblem:
    directory = (kit.template_dirs or search_path(kit.search_dirs))[0]
    names = " or ".join(f"{language}/{kind}.{channel}.j2" for channel in channels)
    noun = "channel" if len(channels) == 1 else "channels"
    return TemplateProblem(
        str(directory / language / f"{kind}.j2"),
        None,
        "warning",
        "missing-template",
        f"kind {kind!r} has no {language!r} template for {noun} {', '.join(channels)}, so "
        f"rendering it in {language!r} fails (add {language}/{kind}.j2, or {names})",
    )


def _absent(kit: ReplyKit, language: str, kinds: list[str]) -> TemplateProblem:
    directory = (kit.template_dirs or search_path(kit.search_dirs))[0]
    return TemplateProblem(
        str(directory / language),
        None,
        "warning",
        "missing-template",
        f"{len(kinds)} kinds have no {language!r} template, so rendering them in {language!r} "
        f"fails: {', '.join(kinds)} (add {language}/<kind>.j2 for each kind you need)",
    )


@dataclass(frozen=True)
class _Case:
    kind: str
    example: int
    language: str
    channel: Channel
    gender: str | None

    def __str__(self) -> str:
        gender = self.gender or "unknown gender"
        return f"{self.kind} example {self.example} ({self.language}, {self.channel}, {gender})"


_CASE = re.compile(r"^\S+ example \d+ \([^)]*\): ")


def _without_case(problem: TemplateProblem) -> str:
    """The message without the example it was found with, to report each finding once."""
    if problem.code in _RENDER_CODES or problem.code.startswith(REVIEW_CODE_PREFIX):
        return _CASE.sub("", problem.message)
    return problem.message


def _render_problems(
    kit: ReplyKit,
    files: _FileCheck,
    template: Template,
    example: Scenario,
    case: _Case,
    built_in: bool,
    review: bool = True,
) -> Iterator[TemplateProblem]:
    file = template.filename or template.name or case.kind
    data: dict[str, Any] = _in_language(
        example, example.model_dump(mode="json", exclude_unset=True), case.language
    )
    data["customer"] = {**data.get("customer", {}), "gender": case.gender}
    try:
        reply = kit.render(parse_scenario(data), locale=case.language, channel=case.channel)
    except TemplateError as exc:
        yield _error(exc.template or file, exc.line, "render-failed", f"{case}: {exc.message}")
        return
    except Exception as exc:  # any failure is a finding, not a crash
        # Template failures arrive as TemplateError with their own file and line
        # (kit.render maps them); anything else is about the example's data.
        yield _error(file, None, "render-failed", f"{case}: {type(exc).__name__}: {exc}")
        return
    for label, text in (("subject", reply.subject or ""), ("text", reply.text)):
        for match in _LEFTOVER.finditer(text):
            yield _leftover(files, case, file, label, text, match)
    if case.language in ARABIC_SCRIPT_LANGUAGES and not _ARABIC_LETTER.search(reply.text):
        yield _error(file, None, "no-arabic", f"{case}: the reply has no Arabic letters")
        return  # an Arabic review of it would only repeat that
    if not review:
        return
    for problem in intent_problems(reply, type(example)):
        yield _review_problem(files, case, file, problem, built_in)


def _in_language(value: object, dumped: Any, language: str) -> Any:
    """``dumped`` with the English text wherever ``value`` has none in ``language``.

    The built-in examples are written in English and Arabic; a company that adds a
    third language still wants its templates rendered with them.
    """
    if isinstance(value, Translations) and isinstance(dumped, dict):
        if language in dumped or "en" not in dumped:
            return dumped
        return {**dumped, language: dumped["en"]}
    if isinstance(value, BaseModel) and isinstance(dumped, dict):
        return {k: _in_language(getattr(value, k, None), v, language) for k, v in dumped.items()}
    if isinstance(value, list | tuple) and isinstance(dumped, list):
        return [_in_language(item, raw, language) for item, raw in zip(value, dumped, strict=False)]
    return dumped


def _review_problem(
    files: _FileCheck, case: _Case, file: str, problem: IntentProblem, built_in: bool
) -> TemplateProblem:
    """A review problem, at the template line that writes its words when one does."""
    severity: Severity = "error" if built_in and not problem.company_rule else "warning"
    message = f"{case}: {problem.message.rstrip('.')}"
    if problem.quote:
        message += f": {problem.quote!r}"
    path, line = _written_at(files, case.language, file, problem.quote)
    return TemplateProblem(path, line, severity, problem.code, message)


def _written_at(files: _FileCheck, language: str, file: str, quote: str) -> tuple[str, int | None]:
    """The file and line whose source holds ``quote``: the kind's own file first."""
    if not quote.strip():
        return file, None
    sources = sorted(
        (source for source in files.sources if source[0] == language),
        key=lambda source: str(source[1]) != file,
    )
    for _language, path, source in sources:
        for index, source_line in enumerate(source.splitlines(), 1):
            if quote in source_line:
                return str(path), index
    return file, None


def _leftover(
    files: _FileCheck, case: _Case, file: str, label: str, text: str, match: re.Match[str]
) -> TemplateProblem:
    """A leftover placeholder, located in the template source when it is written there."""
    token = match.group()
    number = text.count("\n", 0, match.start()) + 1
    line_text = text.splitlines()[number - 1].strip() if text else ""
    message = f"{case}: leftover {token!r} in the {label}, line {number}: {line_text!r}"
    if token.startswith("[") and len(token) > 2:
        for language, path, source in files.sources:
            if language != case.language:
                continue
            for index, source_line in enumerate(source.splitlines(), 1):
                if token in source_line:
                    return _error(path, index, "leftover", message)
    return _error(file, None, "leftover", message)
