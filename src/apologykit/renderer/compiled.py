"""Compiled templates kept on disk, so a fresh process need not compile them again.

Every ``apologykit`` command is a new process, and compiling a kind's
template with its layout and the offers macros is about half of its first
render. The command line keeps the compiled code in a private directory:
``$APOLOGYKIT_CACHE_DIR`` when set (empty: no cache), else
``$XDG_CACHE_HOME/apologykit`` or ``~/.cache/apologykit``. A program using
the library gets the cache only by setting ``APOLOGYKIT_CACHE_DIR``.

Loading stored code runs it, so an entry is used only when all of these hold:

- the directory belongs to the user and no one else may write to it (mode 0700);
- it was compiled by the same Python, Jinja and apologykit code (the size and
  modification time of every module file, the check Python makes of its own
  bytecode), in an environment of the same class and settings;
- the template's text, and the text of every template its compile read (the
  layout merged into it, or the fact that one could not be read), are the same.

Anything else, a damaged entry included, compiles as usual and replaces the
entry. There is one file per template and environment setting, so the
directory does not grow as templates are edited.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

#: Names the cache directory; set but empty, it turns the cache off.
CACHE_DIR_VARIABLE = "APOLOGYKIT_CACHE_DIR"
#: The largest entry read back (a compiled built-in template is about 20 KB).
MAX_ENTRY_BYTES = 4 * 1024 * 1024
#: Changes whenever the layout of an entry does.
_FORMAT = "apologykit-compiled-1"

#: A template read while another compiled: its name, and its file and text digest
#: (both ``None`` when it could not be read).
Reading = tuple[str, str | None, str | None]

_command_line = False
# The templates read by the compile under way in this thread or task.
_readings: ContextVar[list[Reading] | None] = ContextVar("apologykit_readings", default=None)


@contextmanager
def user_cache() -> Iterator[None]:
    """Kits built inside use the user's cache directory: the command line's choice, for
    the time of one command (a library caller opts in with ``APOLOGYKIT_CACHE_DIR``)."""
    global _command_line
    previous, _command_line = _command_line, True
    try:
        yield
    finally:
        _command_line = previous


def cache_dir() -> Path | None:
    """The directory compiled templates are kept in, or ``None`` for no cache."""
    given = os.environ.get(CACHE_DIR_VARIABLE)
    if given is not None:
        return Path(given) if given else None
    if not _command_line:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):
        return Path(base) / "apologykit"
    try:
        return Path.home() / ".cache" / "apologykit"
    except RuntimeError:  # no home directory to keep it in
        return None


def open_store() -> CompiledStore | None:
    """The store for a new kit, or ``None`` when there is no usable cache directory."""
    directory = cache_dir()
    return None if directory is None else CompiledStore.open(directory)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@contextmanager
def recording() -> Iterator[list[Reading]]:
    """Collect what :func:`note_reading` sees while a template compiles."""
    found: list[Reading] = []
    token = _readings.set(found)
    try:
        yield found
    finally:
        _readings.reset(token)


def note_reading(name: str, found: tuple[str, str | None, Any] | None) -> None:
    """Tell the compile under way, if any, that ``name`` was read (``None``: it could not be)."""
    readings = _readings.get()
    if readings is not None:
        if found is None:
            readings.append((name, None, None))
        else:
            readings.append((name, found[1], digest(found[0])))


class CompiledStore:
    """One private directory of compiled templates (see the module docstring)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @classmethod
    def open(cls, directory: Path) -> CompiledStore | None:
        """The store in ``directory`` (made if missing), or ``None`` if it is not private."""
        if not hasattr(os, "getuid"):
            return None
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = os.lstat(directory)
        except OSError:
            return None
        private = stat.S_ISDIR(info.st_mode) and not info.st_mode & 0o077
        return cls(directory) if private and info.st_uid == os.getuid() else None

    def _path(self, environment: jinja2.Environment, name: str, filename: str | None) -> Path:
        key = "\0".join((_FORMAT, _settings(environment), name, filename or ""))
        return self.directory / f"{digest(key)}.code"

    def find(
        self,
        environment: jinja2.Environment,
        name: str,
        filename: str | None,
        source: str,
        still: Any,
    ) -> tuple[CodeType, bool] | None:
        """The stored code and whether its layout was merged in, if it is still right.

        ``still(reading)`` says whether a template read at compile time reads the same now.
        """
        try:
            data = _read_private(self._path(environment, name, filename))
            if data is None:
                return None
            stored = marshal.loads(data)
            form, fingerprint, text, readings, merged, code = stored
        except Exception:  # damaged or from another layout: compile again
            return None
        if (
            form != _FORMAT
            or fingerprint != code_fingerprint()
            or text != digest(source)
            or not isinstance(code, CodeType)
            or not all(still(tuple(reading)) for reading in readings)
        ):
            return None
        return code, bool(merged)

    def keep(
        self,
        environment: jinja2.Environment,
        name: str,
        filename: str | None,
        source: str,
        readings: Sequence[Reading],
        merged: bool,
        code: CodeType,
    ) -> None:
        """Store ``code``; a failure to write only means the next process compiles again."""
        data = marshal.dumps(
            (_FORMAT, code_fingerprint(), digest(source), tuple(readings), merged, code)
        )
        path = self._path(environment, name, filename)
        with suppress(OSError):
            descriptor, temporary = tempfile.mkstemp(dir=self.directory, suffix=".part")
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, path)
            except OSError:
                os.unlink(temporary)
                raise


def _read_private(path: Path) -> bytes | None:
    """The bytes of our own regular file at ``path``, or ``None``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.getuid()
            or info.st_size > MAX_ENTRY_BYTES
        ):
            return None
        return stream.read(MAX_ENTRY_BYTES + 1)


@cache
def jinja_version() -> str:
    """The installed Jinja's version, read from its metadata once.

    ``jinja2.__version__`` is deprecated from Jinja 3.2 on.
    """
    return importlib.metadata.version("jinja2")


@cache
def code_fingerprint() -> str:
    """Python, Jinja, and every apologykit module file's size and modification time."""
    # The package root: this module sits in apologykit/renderer/.
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    parts = [sys.version, sys.implementation.cache_tag or "", jinja_version()]
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                where = os.path.relpath(os.path.join(folder, name), package)
                parts.append(f"{where} {info.st_size} {info.st_mtime_ns}")
    return digest("\n".join(parts))


def _named(value: object) -> str:
    """A stable name for a setting that may be a function or a class."""
    qualified = getattr(value, "__qualname__", None)
    if qualified is not None:
        return f"{getattr(value, '__module__', '')}.{qualified}"
    return repr(value)


def _settings(environment: jinja2.Environment) -> str:
    """Everything about ``environment`` that the code Jinja generates can depend on."""
    values: list[object] = [
        type(environment),
        environment.code_generator_class,
        environment.context_class,
        environment.template_class,
        environment.undefined,
        environment.finalize,
        environment.autoescape,
        getattr(environment, "merge_layouts", None),
        getattr(environment, "sandboxed", False),
    ]
    for setting in (
        "block_start_string", "block_end_string", "variable_start_string",
        "variable_end_string", "comment_start_string", "comment_end_string",
        "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
        "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
    ):  # fmt: skip
        values.append(getattr(environment, setting))
    values += [sorted(environment.filters), sorted(environment.tests)]
    for intercepted in ("intercepted_binops", "intercepted_unops"):
        values.append(sorted(getattr(environment, intercepted, ())))
    values.append(sorted(environment.extensions))
    return "\n".join(_named(value) for value in values)
