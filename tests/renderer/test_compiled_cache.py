"""Compiled templates kept on disk: the same replies and errors, never stale code.

Each test names its own cache directory (``APOLOGYKIT_CACHE_DIR``) and builds
a new kit for each "process", as a second command-line call would: a kit
compiles each template once, so only a new kit can use the stored code.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

import apologykit as ak
from apologykit.cli import cli
from apologykit.renderer import compiled
from template_files import write

LAYOUT = (
    '{% extends "apologykit:en/_layout.j2" %}\n'
    "{% block signoff %}\nWarm wishes,\n{{ brand.name }}\nSIGNOFF\n{% endblock %}\n"
)
KIND = (
    '{% extends "en/_layout.j2" %}\n'
    "{% block thank %}\nThank you, {{ customer.name }}.\n{% endblock %}\n"
)


def kit_for(*dirs: Path) -> ak.ReplyKit:
    return ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=dirs, plugins=False)


def rude(kit: ak.ReplyKit) -> ak.Reply:
    scenario = ak.RudeAgent.examples()[0].model_copy(
        update={"customer": ak.Customer(name="Sara", gender="female")}
    )
    return kit.render(scenario, locale="en")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(compiled.CACHE_DIR_VARIABLE, str(directory))
    return directory


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates Jinja compiles from source."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: object, name: str | None = None,
                *args: object, **kwargs: object) -> object:  # fmt: skip
        names.append(str(name))
        return compile_source(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    yield names


def test_a_second_kit_renders_the_same_reply_from_stored_code(
    cache: Path, compiles: list[str]
) -> None:
    first = rude(ak.ReplyKit())
    assert compiles, "the first kit compiles"
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    compiles.clear()
    second = rude(ak.ReplyKit())
    assert compiles == []
    assert (second.subject, second.text, second.html) == (first.subject, first.text, first.html)


def test_no_cache_unless_the_variable_or_the_command_line_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    monkeypatch.delenv(compiled.CACHE_DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(compiled, "_command_line", False)
    rude(ak.ReplyKit())
    rude(ak.ReplyKit())
    assert len(compiles) >= 2 and compiles[: len(compiles) // 2] == compiles[len(compiles) // 2 :]
    assert not (tmp_path / "apologykit").exists()
    monkeypatch.setattr(compiled, "_command_line", True)
    rude(ak.ReplyKit())
    assert list((tmp_path / "apologykit").glob("*.code"))


def test_a_command_run_in_process_leaves_the_library_without_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    monkeypatch.delenv(compiled.CACHE_DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["render", "rude_agent", "--example"])
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "apologykit").glob("*.code"))  # the command kept its templates
    for entry in (tmp_path / "apologykit").iterdir():
        entry.unlink()
    rude(ak.ReplyKit())
    assert list((tmp_path / "apologykit").iterdir()) == []  # the library keeps none


def test_the_command_line_keeps_compiled_templates_in_the_user_cache(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != compiled.CACHE_DIR_VARIABLE}
    environment["XDG_CACHE_HOME"] = str(tmp_path)
    command = [sys.executable, "-m", "apologykit", "render", "rude_agent", "--example"]
    outputs = [
        subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert list((tmp_path / "apologykit").glob("*.code"))
    assert outputs[0].stdout == outputs[1].stdout
    assert "Subject:" in outputs[0].stdout


def test_an_edited_layout_is_compiled_again(cache: Path, tmp_path: Path) -> None:
    company = write(tmp_path / "company", {"en/_layout.j2": LAYOUT, "en/rude_agent.j2": KIND})
    assert "SIGNOFF" in rude(kit_for(company)).text
    write(company, {"en/_layout.j2": LAYOUT.replace("SIGNOFF", "CHANGED")})
    text = rude(kit_for(company)).text
    assert "CHANGED" in text and "SIGNOFF" not in text


def test_a_layout_added_in_front_of_the_builtin_one_is_compiled_in(
    cache: Path, tmp_path: Path
) -> None:
    company = write(tmp_path / "company", {"en/rude_agent.j2": KIND})
    assert "SIGNOFF" not in rude(kit_for(company)).text
    write(company, {"en/_layout.j2": LAYOUT})
    assert "SIGNOFF" in rude(kit_for(company)).text


def test_a_merged_template_from_the_cache_still_names_the_file_and_line_of_an_error(
    cache: Path, tmp_path: Path
) -> None:
    broken = KIND.replace("{{ customer.name }}", "{{ nope }}")
    company = write(tmp_path / "company", {"en/_layout.j2": LAYOUT, "en/rude_agent.j2": broken})
    errors = []
    for _ in range(2):
        kit = kit_for(company)
        with pytest.raises(ak.TemplateError) as caught:
            rude(kit)
        assert str(company / "en/rude_agent.j2") in kit.environment.merged
        errors.append((caught.value.template, caught.value.line, str(caught.value)))
    assert errors[0] == errors[1] == (str(company / "en/rude_agent.j2"), 3, errors[0][2])
    assert "'nope' is undefined" in errors[0][2]


def test_a_damaged_entry_is_compiled_again(cache: Path, compiles: list[str]) -> None:
    expected = rude(ak.ReplyKit()).text
    for entry in cache.glob("*.code"):
        entry.write_bytes(entry.read_bytes()[:100])
    compiles.clear()
    assert rude(ak.ReplyKit()).text == expected
    assert compiles
    compiles.clear()
    rude(ak.ReplyKit())
    assert compiles == []  # the damaged entries were replaced


def test_code_from_another_apologykit_is_not_used(
    cache: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rude(ak.ReplyKit())
    monkeypatch.setattr(compiled, "code_fingerprint", lambda: "another version")
    compiles.clear()
    rude(ak.ReplyKit())
    assert compiles


def test_an_unsandboxed_kit_does_not_share_the_sandboxed_code(
    cache: Path, compiles: list[str]
) -> None:
    rude(ak.ReplyKit())
    compiles.clear()
    rude(ak.ReplyKit(sandbox=False))
    assert compiles


def test_a_directory_others_may_write_to_is_not_used(cache: Path, compiles: list[str]) -> None:
    cache.mkdir(mode=0o700)
    cache.chmod(0o777)
    rude(ak.ReplyKit())
    assert list(cache.iterdir()) == []
    assert compiled.open_store() is None


def _reads_jinja_version_attribute(tree: ast.AST) -> bool:
    """Whether the code reads ``jinja2.__version__`` (or imports it from jinja2)."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "__version__"
            and isinstance(node.value, ast.Name)
            and node.value.id == "jinja2"
        ):
            return True
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "jinja2"
            and any(alias.name == "__version__" for alias in node.names)
        ):
            return True
    return False


def test_the_jinja_version_comes_from_metadata_not_the_deprecated_attribute() -> None:
    # Jinja 3.2 deprecates jinja2.__version__; reading it would warn on every fresh process.
    source = Path(compiled.__file__).read_text(encoding="utf-8")
    assert not _reads_jinja_version_attribute(ast.parse(source))
    assert compiled.jinja_version() == importlib.metadata.version("jinja2")


def test_the_code_fingerprint_changes_with_the_jinja_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fingerprint_with(version: str) -> str:
        monkeypatch.setattr(compiled, "jinja_version", lambda: version)
        compiled.code_fingerprint.cache_clear()
        return compiled.code_fingerprint()

    try:
        assert fingerprint_with("3.1.6") != fingerprint_with("3.2.0")
        assert fingerprint_with("3.1.6") == fingerprint_with("3.1.6")
    finally:
        monkeypatch.undo()
        compiled.code_fingerprint.cache_clear()
