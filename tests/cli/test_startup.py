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
from pathlib import Path

import pytest

import apologykit as ak

# Loaded only by the parts that need them.
OPTIONAL = (
    "fastapi", "uvicorn", "starlette", "dask", "pandas", "hijridate", "multiprocessing",
    "apologykit.server", "apologykit.dask", "apologykit.reviewer", "apologykit.batch.run",
    "apologykit.batch.workers", "apologykit.lint.checks", "apologykit.extend.config",
    "apologykit.renderer.many",
)  # fmt: skip

# The render command shares the batch code's default channel and output error
# (apologykit.renderer.many), but reads no records: the rest of the batch code, and
# the signal handling it brings, load only for `apologykit batch`.
COMMAND_OPTIONAL = (
    *(name for name in OPTIONAL if name != "apologykit.renderer.many"),
    "apologykit.batch.results", "apologykit.batch.readers", "apologykit.batch.lines", "signal",
)  # fmt: skip

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
    assert unwanted(loaded, (*OPTIONAL, "click", "apologykit.cli.group")) == []


def test_a_first_render_loads_no_optional_part() -> None:
    code = (
        "import apologykit as ak; "
        "ak.render(ak.scenario_class('missing_terms_info').examples()[0], locale='ar-SA')"
    )
    assert unwanted(modules_after(code), OPTIONAL) == []


def test_the_render_command_loads_no_optional_part() -> None:
    code = (
        "from apologykit.cli.group import cli; "
        "cli(['render', 'delayed_response', '--example', '--locale', 'ar'], "
        "prog_name='apologykit', standalone_mode=False)"
    )
    assert unwanted(modules_after(code), COMMAND_OPTIONAL) == []


def test_the_batch_command_loads_the_batch_code_it_needs(tmp_path: Path) -> None:
    source = tmp_path / "tickets.jsonl"
    source.write_text('{"kind": "rude_agent"}\n', encoding="utf-8")
    output = tmp_path / "drafts.jsonl"
    code = (
        "from apologykit.cli.group import cli; "
        f"cli(['batch', {str(source)!r}, '-o', {str(output)!r}], "
        "prog_name='apologykit', standalone_mode=False)"
    )
    loaded = modules_after(code)
    assert {"apologykit.batch.run", "apologykit.batch.readers", "apologykit.batch.lines"} <= loaded
    assert json.loads(output.read_text(encoding="utf-8"))["ok"] is True


@pytest.mark.parametrize("name", ["review", "Review", "Finding", "Span", "TemplateProblem"])
def test_names_loaded_on_first_use_are_the_modules_own(name: str) -> None:
    found = modules_after(f"import apologykit; apologykit.{name}")
    assert "apologykit.reviewer" in found or "apologykit.lint.checks" in found
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
        "import apologykit as ak; import apologykit.reviewer.engine; "
        "from apologykit.reviewer import builtin_rules; "
        "assert ak.review('We are sorry.', 'en').language == 'en'"
    )
    assert "apologykit.reviewer.engine" in modules_after(code)


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"apologykit.*no attribute 'Reveiw'"):
        ak.Reveiw  # noqa: B018
