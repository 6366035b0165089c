"""Cold start: a program or command pays only for the parts it uses.

Every command-line call is a fresh process, so what ``import apologykit``
loads is a wait on every call. Each check runs a new interpreter and reads
its ``sys.modules``: the optional service and Dask integrations, the
reviewer, the batch machinery, the template linter and the Hijri calendar
stay unloaded until something asks for them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import apologykit as ak

# Loaded only by the parts that need them.
OPTIONAL = (
    "fastapi", "uvicorn", "starlette", "dask", "pandas", "hijridate", "multiprocessing",
    "apologykit.server", "apologykit.dask", "apologykit.review", "apologykit.batch",
    "apologykit.workers", "apologykit.checks", "apologykit.config", "apologykit.streaming",
)  # fmt: skip

# The command line reads and writes records with the batch code, so it loads it.
COMMAND_OPTIONAL = tuple(
    name for name in OPTIONAL if name not in {"apologykit.batch", "apologykit.streaming"}
)

LOADED = "import sys, json; {code}; print(json.dumps(sorted(sys.modules)))"


def modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def unwanted(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_importing_the_package_loads_no_optional_part() -> None:
    loaded = modules_after("import apologykit")
    assert unwanted(loaded, (*OPTIONAL, "click", "apologykit.cli")) == []


def test_a_first_render_loads_no_optional_part() -> None:
    code = (
        "import apologykit as ak; "
        "ak.render(ak.scenario_class('missing_terms_info').examples()[0], locale='ar-SA')"
    )
    assert unwanted(modules_after(code), OPTIONAL) == []


def test_the_render_command_loads_no_optional_part() -> None:
    code = (
        "from apologykit.cli import cli; "
        "cli(['render', 'delayed_response', '--example', '--locale', 'ar'], "
        "prog_name='apologykit', standalone_mode=False)"
    )
    assert unwanted(modules_after(code), COMMAND_OPTIONAL) == []


@pytest.mark.parametrize("name", ["review", "Review", "Finding", "Span", "TemplateProblem"])
def test_names_loaded_on_first_use_are_the_modules_own(name: str) -> None:
    found = modules_after(f"import apologykit; apologykit.{name}")
    assert "apologykit.review" in found or "apologykit.checks" in found
    assert name in ak.__all__
    assert getattr(ak, name).__name__ == name


def test_every_public_name_is_reachable_and_star_import_gives_them_all() -> None:
    for name in ak.__all__:
        assert getattr(ak, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from apologykit import *", namespace)
    assert set(ak.__all__) <= set(namespace)


def test_review_stays_the_function_when_the_reviewer_package_is_imported_later() -> None:
    # Importing a submodule binds it on the package: apologykit.review must stay callable.
    code = (
        "import apologykit as ak; import apologykit.review.engine; "
        "from apologykit.review import builtin_rules; "
        "assert ak.review('We are sorry.', 'en').language == 'en'"
    )
    assert "apologykit.review.engine" in modules_after(code)


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"apologykit.*no attribute 'Reveiw'"):
        ak.Reveiw  # noqa: B018
