"""Company scenario modules, imported by name or by file so that their kinds register.

A company's own kinds live in a Python module (subclassing
:class:`~apologykit.Scenario` is registration). Nothing imports that module
when the kit is built from ``apologykit.toml`` or the command line, so both
name it: ``scenarios = ["acme.replies", "company_scenarios.py"]``. An entry
ending in ``.py`` or holding a path separator is a file, resolved against a
base directory (the config file's, or the working directory's); anything else
is a module name imported from ``sys.path``.

A file is imported once per process under a name derived from its resolved
path, so building several kits (or one per batch worker) does not define its
classes twice.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from ..errors import ConfigError

#: What a module name looks like: dotted Python identifiers.
_MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")

#: Builds the error for entry ``index`` from a problem sentence.
ErrorFactory = Callable[[int, str], ConfigError]


def is_file_entry(entry: str) -> bool:
    """True when ``entry`` names a file rather than a module.

    >>> is_file_entry("company_scenarios.py"), is_file_entry("acme.replies")
    (True, False)
    """
    return entry.endswith(".py") or "/" in entry or "\\" in entry


def import_scenarios(entries: Sequence[str], base: Path, error: ErrorFactory) -> list[ModuleType]:
    """Import each entry (a module name, or a file relative to ``base``), in order.

    Every failure, including a module that calls ``sys.exit()``, becomes the
    :class:`ConfigError` that ``error`` builds for that entry's index.
    """
    modules: list[ModuleType] = []
    for index, entry in enumerate(entries):
        if is_file_entry(entry):
            modules.append(_import_file(base / entry, index, error))
        elif _MODULE_NAME.match(entry):
            modules.append(_import_module(entry, index, error))
        else:
            raise error(
                index,
                f"{entry!r} is neither a module name (such as 'acme.replies') "
                "nor a Python file (such as 'company_scenarios.py')",
            )
    return modules


def import_command_line_scenarios(entries: Sequence[str]) -> list[ModuleType]:
    """Import ``--scenarios`` entries (files relative to the working directory)."""
    return import_scenarios(
        entries,
        Path.cwd(),
        lambda index, problem: ConfigError(
            f"--scenarios {entries[index]!r}: {problem}", key="--scenarios"
        ),
    )


def _import_module(name: str, index: int, error: ErrorFactory) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and name.startswith(exc.name):
            raise error(
                index,
                f"no module named {exc.name!r} on the Python path; for a file next to the "
                f"config, write its file name ('{name.rsplit('.', 1)[-1]}.py')",
            ) from None
        raise error(index, f"importing {name!r} failed: {_describe(exc)}") from exc
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a company module's own code: name it whatever it raised
        raise error(index, f"importing {name!r} failed: {_describe(exc)}") from exc


def _import_file(path: Path, index: int, error: ErrorFactory) -> ModuleType:
    path = path.resolve()
    if not path.is_file():
        raise error(index, f"file {path} does not exist")
    name = _module_name(path)
    found = sys.modules.get(name)
    if found is not None:
        return found
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise error(index, f"{path} cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    # Registered first: pydantic resolves the module's annotations through sys.modules.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except KeyboardInterrupt:
        del sys.modules[name]
        raise
    except BaseException as exc:  # a company module's own code: name it whatever it raised
        del sys.modules[name]
        raise error(index, f"importing {path} failed: {_describe(exc)}") from exc
    return module


def _module_name(path: Path) -> str:
    """A module name for ``path`` that is the same on every import and unique to the path."""
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    stem = re.sub(r"\W", "_", path.stem)
    return f"apologykit_scenarios_{stem}_{digest}"


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
