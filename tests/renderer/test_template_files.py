"""Company template files: what a template directory may hold and what it may reach.

A template author (or a careless copy) can leave a symlink, a file in the wrong
encoding or a directory such as ``/`` where templates belong. Each is refused
when it is loaded, with the file and the fix, and ``apologykit check`` reports
it before any reply goes out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import apologykit as ak
from apologykit.cli import cli
from template_files import write

SECRET = "SECRET_TOKEN=hunter2"


def make_kit(*dirs: Path) -> ak.ReplyKit:
    return ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=dirs, plugins=False)


def rude_listen(text: str) -> str:
    return (
        '{% extends "apologykit:en/rude_agent.j2" %}\n'
        f"{{% block listen %}}\n{text}\n{{% endblock %}}\n"
    )


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def render_rude(kit: ak.ReplyKit) -> ak.Reply:
    return kit.render(ak.RudeAgent.examples()[0], locale="en")


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


# -- symlinks ----------------------------------------------------------------------


def test_a_template_symlinked_to_a_file_outside_is_refused(
    tmp_path: Path, secret_file: Path
) -> None:
    company = write(tmp_path / "company", {"en/rude_agent.j2": rude_listen("")})
    (company / "en" / "rude_agent.j2").unlink()
    (company / "en" / "rude_agent.j2").symlink_to(secret_file)
    with pytest.raises(ak.TemplateError, match="outside") as caught:
        render_rude(make_kit(company))
    assert caught.value.template == str(company / "en" / "rude_agent.j2")
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("target", ["/proc/self/environ", "SECRET_FILE"])
def test_an_included_symlink_to_a_file_outside_is_refused(
    tmp_path: Path, secret_file: Path, target: str
) -> None:
    company = write(
        tmp_path / "company", {"en/rude_agent.j2": rude_listen('{% include "en/_x.j2" %}')}
    )
    link = company / "en" / "_x.j2"
    link.symlink_to(secret_file if target == "SECRET_FILE" else Path(target))
    with pytest.raises(ak.TemplateError, match="outside its template directory") as caught:
        render_rude(make_kit(company))
    assert str(link) in str(caught.value)
    assert SECRET not in str(caught.value)


def test_a_symlinked_directory_cannot_reach_system_files(tmp_path: Path) -> None:
    company = write(
        tmp_path / "company", {"en/rude_agent.j2": rude_listen('{% include "en/etc/passwd" %}')}
    )
    (company / "en" / "etc").symlink_to("/etc")
    with pytest.raises(ak.TemplateError, match="outside its template directory") as caught:
        render_rude(make_kit(company))
    assert "root:" not in str(caught.value)
    assert str(company / "en" / "etc" / "passwd") in str(caught.value)


def test_check_reports_every_symlink_that_leaves_the_directory(
    tmp_path: Path, secret_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    company = write(tmp_path / "company", {"en/rude_agent.j2": rude_listen("Hello.")})
    (company / "en" / "etc").symlink_to("/etc")
    (company / "en" / "_secret.j2").symlink_to(secret_file)
    problems = make_kit(company).check_templates()
    outside = {Path(p.file).name for p in problems if p.code == "outside-directory"}
    assert outside == {"etc", "_secret.j2"}, problems
    assert all(p.severity == "error" for p in problems if p.code == "outside-directory")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--templates", "company")
    assert result.exit_code == 1
    assert "company/en/etc: error: " in result.stdout
    assert "company/en/_secret.j2: error: " in result.stdout
    assert SECRET not in result.output


def test_a_symlink_that_stays_inside_the_directory_is_allowed(tmp_path: Path) -> None:
    company = write(tmp_path / "company", {"shared/rude.txt": rude_listen("SHARED WORDING")})
    (company / "en").mkdir()
    (company / "en" / "rude_agent.j2").symlink_to(company / "shared" / "rude.txt")
    assert "SHARED WORDING" in render_rude(make_kit(company)).text
    assert [p for p in make_kit(company).check_templates() if p.severity == "error"] == []


@pytest.mark.parametrize(
    "name",
    ["../outside/secret.txt", "en/../../outside/secret.txt", "apologykit:../../outside/x.j2"],
)
def test_a_template_name_that_leaves_the_directory_is_refused(
    tmp_path: Path, secret_file: Path, name: str
) -> None:
    company = write(
        tmp_path / "company", {"en/rude_agent.j2": rude_listen(f'{{% include "{name}" %}}')}
    )
    with pytest.raises(ak.TemplateError, match="leaves the template directory") as caught:
        render_rude(make_kit(company))
    assert name.removeprefix("apologykit:") in str(caught.value)


def test_an_absolute_template_name_is_refused(tmp_path: Path, secret_file: Path) -> None:
    company = write(
        tmp_path / "company", {"en/rude_agent.j2": rude_listen(f'{{% include "{secret_file}" %}}')}
    )
    with pytest.raises(ak.TemplateError, match="is an absolute path") as caught:
        render_rude(make_kit(company))
    assert SECRET not in str(caught.value)


# -- what a template directory is -------------------------------------------------


@pytest.mark.parametrize("directory", ["/", "/etc", "/usr", "/proc/self"])
def test_a_system_directory_is_not_a_template_directory(directory: str) -> None:
    with pytest.raises(ak.ConfigError, match="template director") as caught:
        make_kit(Path(directory))
    assert directory in str(caught.value)


def test_a_directory_without_language_folders_is_not_a_template_directory(
    tmp_path: Path,
) -> None:
    write(tmp_path / "notes", {"readme.txt": "hello", "en/notes.txt": "hi"})
    with pytest.raises(ak.ConfigError, match=r"no <lang>/ folder with \.j2 files") as caught:
        make_kit(tmp_path / "notes")
    assert str(tmp_path / "notes") in str(caught.value)


@pytest.mark.parametrize("entry", ["/", "/etc"])
def test_a_config_cannot_name_a_system_directory(tmp_path: Path, entry: str) -> None:
    config = tmp_path / "apologykit.toml"
    config.write_text(f'templates = ["{entry}"]\n[brand]\nname = "Acme"\n', encoding="utf-8")
    with pytest.raises(ak.ConfigError, match=r"templates\[0\]: .*system directory"):
        ak.ReplyKit.from_config(config)
    result = run("--config", str(config), "check")
    assert result.exit_code == 1
    assert "templates[0]" in result.stderr and "Traceback" not in result.output


# -- encodings ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_a_template_not_in_utf8_names_the_file_and_the_fix(
    tmp_path: Path, encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    company = tmp_path / "company"
    (company / "en").mkdir(parents=True)
    path = company / "en" / "rude_agent.j2"
    path.write_text(rude_listen("Café, déjà vu."), encoding=encoding)
    with pytest.raises(ak.TemplateError, match="re-save it as UTF-8") as caught:
        render_rude(make_kit(company))
    assert caught.value.template == str(path)
    monkeypatch.chdir(tmp_path)
    result = run("check", "--templates", "company")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "company/en/rude_agent.j2" in result.stdout
    assert "UTF-8" in result.stdout


def test_a_utf8_byte_order_mark_is_not_printed(tmp_path: Path) -> None:
    company = tmp_path / "company"
    (company / "en").mkdir(parents=True)
    (company / "en" / "rude_agent.j2").write_text(rude_listen("Hello."), encoding="utf-8-sig")
    assert "\ufeff" not in render_rude(make_kit(company)).text
