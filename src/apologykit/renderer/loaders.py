"""Where templates come from: company directories first, then the built-ins.

A template is ``<lang>/<kind>.<channel>.j2`` or ``<lang>/<kind>.j2``. Company
directories are searched in order before the built-in directory, and every
built-in stays reachable as ``apologykit:<lang>/<name>`` so an override can
extend the template it replaces.

Company templates are semi-trusted, so a template directory is a fence: a
name with ``..`` or a leading ``/``, or a file that resolves outside its
directory through a symbolic link, is refused (a :class:`TemplateFileError`),
never silently read. Symbolic links that stay inside the directory are fine.
A template file must be a regular UTF-8 file of at most
:data:`MAX_TEMPLATE_BYTES`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PrefixLoader, Template, TemplateNotFound

from ..errors import TemplateFileError
from ..extend.directories import LANGUAGE_DIR
from . import compiled

#: The prefix that always reaches a built-in template.
BUILTIN_PREFIX = "apologykit"

#: The largest template file read (the biggest built-in is about 3 KB).
MAX_TEMPLATE_BYTES = 256 * 1024


@cache
def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, or beside ``src/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent  # apologykit/, from apologykit/renderer/
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
    """A loader for company directories over built-ins, plus the ``apologykit:`` prefix.

    Each template is read once (see :class:`FirstReading`), and compiled code
    comes from the on-disk cache when one is in use (see :mod:`.compiled`).
    """
    builtin = DirectoryLoader(builtin_dir())
    return FirstReading(
        ChoiceLoader(
            [
                PrefixLoader({BUILTIN_PREFIX: builtin}, delimiter=":"),
                *(DirectoryLoader(directory) for directory in search_path(template_dirs)),
            ]
        ),
        compiled.open_store(),
    )


class FirstReading(BaseLoader):
    """Answers every later request for a template with its first reading.

    A kit compiles each template once and never reloads it; the variants it
    compiles later (a template as written, to place an error; one with the
    gender resolved) must be of the same text, even if the file changed since.
    Failures are not remembered: they are raised again each time.

    With a ``store``, a template's compiled code is looked up there first and
    kept there after a compile, with what the compile read (a merged layout).
    """

    def __init__(self, loader: BaseLoader, store: compiled.CompiledStore | None = None) -> None:
        self.loader = loader
        self.store = store
        self._read: dict[str, tuple[str, str | None, Callable[[], bool] | None]] = {}

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        found = self._read.get(template)
        if found is None:
            try:
                found = self._read[template] = self.loader.get_source(environment, template)
            except Exception:
                compiled.note_reading(template, None)
                raise
        compiled.note_reading(template, found)
        return found

    def load(
        self,
        environment: Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        store = self.store
        if store is None:
            return super().load(environment, name, globals)
        source, filename, uptodate = self.get_source(environment, name)
        found = store.find(
            environment, name, filename, source, lambda r: self._reads_the_same(environment, r)
        )
        if found is None:
            with compiled.recording() as readings:
                code = environment.compile(source, name, filename)
            merged = filename in getattr(environment, "merged", ())
            store.keep(environment, name, filename, source, readings, merged, code)
        else:
            code, merged = found
            if merged:
                environment.merged.add(filename)  # type: ignore[attr-defined]
        namespace = {} if globals is None else globals
        return environment.template_class.from_code(environment, code, namespace, uptodate)

    def _reads_the_same(self, environment: Environment, reading: compiled.Reading) -> bool:
        """Whether a template read by a stored compile reads the same now."""
        name, filename, text = reading
        try:
            source, now, _ = self.get_source(environment, name)
        except Exception:
            return filename is None
        return now == filename and compiled.digest(source) == text

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


# -- reading one template file ----------------------------------------------------


class DirectoryLoader(BaseLoader):
    """Loads templates from one directory, refusing anything that leaves it.

    Jinja's ``FileSystemLoader`` follows symbolic links wherever they point; a
    company template linked to ``/proc/self/environ`` would print the process
    environment into a customer reply. This loader resolves every file first.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.root = directory.resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.directory.joinpath(*template_pieces(template))
        if not path.exists() or path.is_dir():
            raise TemplateNotFound(template)
        file = os.path.normpath(path)
        source, mtime = read_template(path, self.root)

        def uptodate() -> bool:
            try:
                return os.stat(file).st_mtime_ns == mtime
            except OSError:
                return False

        return source, file, uptodate

    def list_templates(self) -> list[str]:
        return sorted(name for name, _ in language_files([self.directory]))


def template_pieces(name: str) -> list[str]:
    """The path parts of a template name; a name that could leave its directory is refused.

    Raised without a file (``template`` is ``None``) so that a render places
    the error at the ``include`` or ``extends`` that used the name.
    """
    if name.startswith("/"):
        raise TemplateFileError(
            f"template name {name!r} is an absolute path; name templates relative to a "
            "template directory, such as 'en/_offers.j2'",
            None,
            "bad-name",
        )
    pieces = [piece for piece in name.split("/") if piece not in ("", ".")]
    if ".." in pieces or any("\\" in piece or "\0" in piece for piece in pieces):
        raise TemplateFileError(
            f"template name {name!r} leaves the template directory (it has '..' or a "
            "backslash); name templates relative to a template directory, such as "
            "'en/_offers.j2'",
            None,
            "bad-name",
        )
    return pieces


def read_template(path: Path, root: Path) -> tuple[str, int]:
    """The text of the template file ``path`` in the directory ``root``, and its mtime.

    ``root`` must be resolved. The file is opened by its resolved name, so a
    link swapped after the check cannot redirect the read.
    """
    file = str(path)
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(root):
        raise TemplateFileError(
            f"resolves to {real}, outside its template directory {root} (through a "
            "symbolic link); templates may only use files inside their directory, so copy "
            "the file in instead of linking to it",
            file,
            "outside-directory",
        )
    try:
        descriptor = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise TemplateFileError(f"cannot be read ({exc.strerror})", file, "not-a-file") from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise TemplateFileError(
                "is not a regular file; a template must be a .j2 text file", file, "not-a-file"
            )
        if status.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateFileError(
                f"is {status.st_size} bytes; templates are at most {MAX_TEMPLATE_BYTES} bytes, "
                "so split it into partials",
                file,
                "too-large",
            )
        data = stream.read(MAX_TEMPLATE_BYTES + 1)
    return decode_template(data, file), status.st_mtime_ns


def decode_template(data: bytes, file: str) -> str:
    """``data`` as text; anything but UTF-8 is an error that says to re-save the file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in data:
        raise TemplateFileError(
            "is not UTF-8 text (it looks like UTF-16, or holds NUL bytes); re-save it as UTF-8",
            file,
            "not-utf8",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TemplateFileError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} on this line cannot be "
            "decoded; Latin-1 and Windows-1252 files do this); re-save it as UTF-8",
            file,
            "not-utf8",
            line,
        ) from None


def language_files(template_dirs: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """``(name, file)`` for every ``<lang>/*.j2`` in every directory given, in search order."""
    for directory in template_dirs:
        if not directory.is_dir():
            continue
        for lang_dir in sorted(directory.iterdir()):
            if lang_dir.is_dir() and LANGUAGE_DIR.match(lang_dir.name):
                for file in sorted(lang_dir.glob("*.j2")):
                    yield f"{lang_dir.name}/{file.name}", file


def languages(template_dirs: Sequence[Path]) -> list[str]:
    """Every language with a ``_layout.j2`` in some directory, sorted."""
    found = {
        child.name
        for directory in search_path(template_dirs)
        if directory.is_dir()
        for child in directory.iterdir()
        if LANGUAGE_DIR.match(child.name) and (child / "_layout.j2").is_file()
    }
    return sorted(found)
