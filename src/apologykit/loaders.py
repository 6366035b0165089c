"""Where templates come from: company directories first, then the built-ins.

A template is ``<lang>/<kind>.<channel>.j2`` or ``<lang>/<kind>.j2``. Company
directories are searched in order before the built-in directory, and every
built-in stays reachable as ``apologykit:<lang>/<name>`` so an override can
extend the template it replaces. :func:`check_templates` parses every file of
every directory up front, so a broken template is found before a batch starts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
    nodes,
)

from .scenario import Scenario, scenario_class, scenario_kinds

#: The prefix that always reaches a built-in template.
BUILTIN_PREFIX = "apologykit"

_LANGUAGE_DIR = re.compile(r"^[a-z]{2,3}$")


@cache
def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, or beside ``src/`` in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates", package.parent.parent / "templates"):
        if (candidate / "en" / "_layout.j2").is_file():
            return candidate
    raise RuntimeError(
        f"apologykit's built-in templates are missing (looked in {package / 'templates'}); "
        "reinstall the package"
    )


def template_names(kind: str, language: str, channel: str) -> list[str]:
    """The names tried for a reply, most specific first."""
    return [f"{language}/{kind}.{channel}.j2", f"{language}/{kind}.j2"]


def search_path(template_dirs: Sequence[Path]) -> list[Path]:
    """Company directories in order, then the built-ins."""
    return [*template_dirs, builtin_dir()]


def make_loader(template_dirs: Sequence[Path]) -> BaseLoader:
    """A loader for company directories over built-ins, plus the ``apologykit:`` prefix."""
    builtin = FileSystemLoader(builtin_dir())
    return ChoiceLoader(
        [
            PrefixLoader({BUILTIN_PREFIX: builtin}, delimiter=":"),
            FileSystemLoader(search_path(template_dirs)),
        ]
    )


def languages(template_dirs: Sequence[Path]) -> list[str]:
    """Every language with a ``_layout.j2`` in some directory, sorted."""
    found = {
        child.name
        for directory in search_path(template_dirs)
        if directory.is_dir()
        for child in directory.iterdir()
        if _LANGUAGE_DIR.match(child.name) and (child / "_layout.j2").is_file()
    }
    return sorted(found)


# -- checking templates without rendering them ---------------------------------

#: Names every template sees besides the scenario's fields (see ``ReplyKit.render``).
RENDER_NAMES = frozenset({"brand", "channel", "language", "direction"})


@dataclass(frozen=True)
class TemplateProblem:
    """One problem found in a template file without rendering it: where and what."""

    template: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.template}:{self.line}" if self.line else self.template
        return f"{where}: {self.message}"


def template_files(template_dirs: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """``(name, file)`` for every ``<lang>/*.j2`` in every directory, shadowed ones included."""
    for directory in search_path(template_dirs):
        if not directory.is_dir():
            continue
        for lang_dir in sorted(directory.iterdir()):
            if lang_dir.is_dir() and _LANGUAGE_DIR.match(lang_dir.name):
                for file in sorted(lang_dir.glob("*.j2")):
                    yield f"{lang_dir.name}/{file.name}", file


def check_templates(
    environment: Environment, template_dirs: Sequence[Path]
) -> list[TemplateProblem]:
    """Parse every template file; report syntax errors, missing references and unknown names.

    A name is unknown when neither the render context, the environment's
    globals nor the scenario a template belongs to provides it (for partials
    such as ``_layout.j2``: when no registered scenario provides it).
    """
    problems: list[TemplateProblem] = []
    base = {*RENDER_NAMES, *environment.globals, *Scenario.model_fields}
    every_field = set(base)
    for kind in scenario_kinds():
        every_field.update(scenario_class(kind).model_fields)
    for name, file in template_files(template_dirs):
        try:
            source = file.read_text(encoding="utf-8")
            tree = environment.parse(source, name, str(file))
        except TemplateSyntaxError as exc:
            problems.append(TemplateProblem(str(file), exc.lineno, exc.message or "syntax error"))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(TemplateProblem(str(file), None, f"cannot read: {exc}"))
            continue
        problems.extend(_missing_references(environment, tree, file))
        known, owner = _known_names(name, base, every_field)
        problems.extend(_unknown_names(tree, file, known, owner))
    return problems


def _known_names(name: str, base: set[str], every_field: set[str]) -> tuple[Collection[str], str]:
    """The names a template may use, and who would have to provide a missing one."""
    stem = name.split("/", 1)[1].split(".", 1)[0]
    if stem.startswith("_") or stem not in scenario_kinds():
        return every_field, "no scenario has a field by that name"
    return base | set(scenario_class(stem).model_fields), f"the {stem!r} scenario has no such field"


def _missing_references(
    environment: Environment, tree: nodes.Template, file: Path
) -> Iterator[TemplateProblem]:
    loader = environment.loader
    if loader is None:
        return
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        assert isinstance(node, nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport)
        target = node.template
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            continue  # a computed name: only a render can tell
        if isinstance(node, nodes.Include) and node.ignore_missing:
            continue
        try:
            loader.get_source(environment, target.value)
        except TemplateNotFound:
            yield TemplateProblem(
                str(file),
                node.lineno,
                f"refers to template {target.value!r}, which no template directory has",
            )


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
        yield TemplateProblem(
            str(file),
            line,
            f"unknown name {name!r}: {owner} (templates also see "
            f"{', '.join(sorted(RENDER_NAMES))})",
        )
