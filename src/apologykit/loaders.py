"""Where templates come from: company directories first, then the built-ins.

A template is ``<lang>/<kind>.<channel>.j2`` or ``<lang>/<kind>.j2``. Company
directories are searched in order before the built-in directory, and every
built-in stays reachable as ``apologykit:<lang>/<name>`` so an override can
extend the template it replaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader

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
