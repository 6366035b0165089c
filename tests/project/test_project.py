"""Project hygiene a user or packager sees: licence, changelog, one version, doctests."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from click.testing import CliRunner

import apologykit as ak
from apologykit.__about__ import __version__
from apologykit.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_has_one_source_and_every_reader_agrees() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "src/apologykit/__about__.py"
    result = CliRunner().invoke(cli, ["--version"], prog_name="apologykit")
    assert result.exit_code == 0
    assert result.stdout == f"apologykit, version {__version__}\n"
    script = Path(sys.executable).parent / "apologykit"
    installed = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
    assert installed.stdout == result.stdout
    assert ak.__version__ == __version__
    assert importlib.metadata.version("apologykit") == __version__
    # No other file in the package spells the version out.
    for path in (ROOT / "src" / "apologykit").rglob("*.py"):
        if path.name != "__about__.py":
            assert f'"{__version__}"' not in path.read_text(encoding="utf-8"), path


def test_the_license_is_the_mit_license_pyproject_names() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} apologykit contributors$", text, re.MULTILINE)
    assert "LICENSE" in PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_the_changelog_has_an_unreleased_section_and_the_current_release() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert headings[1] == __version__  # the newest release is the package's version
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## [", 1)[0]
    for section in re.findall(r"^### (\w+)", unreleased, re.MULTILINE):
        assert section in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_docstring_examples_run_with_the_tests() -> None:
    options = PYPROJECT["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in options["addopts"]
    assert "src/apologykit" in options["testpaths"]
    with_examples = [
        path.name
        for path in (ROOT / "src" / "apologykit").rglob("*.py")
        if ">>> " in path.read_text(encoding="utf-8")
    ]
    assert len(with_examples) >= 5, with_examples
