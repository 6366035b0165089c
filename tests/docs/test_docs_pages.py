"""The new docs pages run as written: Python blocks, the settings file, templates, commands.

Each page's Python blocks run in order as one script; the settings file the
configuration page shows loads; the company templates the template guides
show render and pass ``apologykit check``; every ``$ apologykit ...`` line in
a console block runs through click's runner and succeeds.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

import apologykit as ak
from apologykit.cli import cli
from apologykit.extend.config import load_config

DOCS = Path(__file__).resolve().parents[2] / "docs"
NEW_PAGES = (
    "getting-started.md",
    "concepts.md",
    "arabic.md",
    "configuration.md",
    "templates.md",
    "ar/templates.md",
)
FENCE = re.compile(r"^```(\S+)[^\n]*\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def _fences(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return [body for lang, body in FENCE.findall(text) if lang == language]


@pytest.mark.parametrize("page", ["getting-started.md", "concepts.md", "arabic.md"])
def test_python_blocks_run_in_order(page: str) -> None:
    blocks = _fences(page, "python")
    assert blocks, page
    namespace: dict[str, object] = {"__name__": page}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{page} block {number}", "exec"), namespace)


def test_the_settings_file_shown_loads(tmp_path: Path) -> None:
    (shown,) = _fences("configuration.md", "toml")
    (tmp_path / "company_templates" / "en").mkdir(parents=True)
    (tmp_path / "company_templates" / "en" / "rude_agent.j2").write_text(
        '{% extends "apologykit:en/rude_agent.j2" %}\n', encoding="utf-8"
    )
    (tmp_path / "review_rules.toml").write_text("", encoding="utf-8")
    (tmp_path / "apologykit.toml").write_text(shown, encoding="utf-8")
    config = load_config(tmp_path / "apologykit.toml")
    assert config.default_locale == "ar-SA"
    assert config.calendar == "both"
    assert config.template_dirs == (tmp_path / "company_templates",)
    assert config.server.max_body_bytes == 131072


def test_the_config_error_shown_is_the_real_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    shown = re.search(r"`(apologykit\.toml: brand\.signatur: [^`]+)`", text)
    assert shown
    monkeypatch.chdir(tmp_path)
    Path("apologykit.toml").write_text('[brand]\nname = "Acme"\nsignatur = ["x"]\n', "utf-8")
    with pytest.raises(ak.ConfigError) as error:
        load_config("apologykit.toml")
    assert str(error.value) == shown.group(1)


def _company_directory(root: Path) -> Path:
    """The guides' company templates, saved where each guide says to save them."""
    directory = root / "company_templates"
    for page, language in (("templates.md", "en"), ("ar/templates.md", "ar")):
        thank, layout = (body for body in _fences(page, "jinja") if body.startswith("{% extends"))
        (directory / language).mkdir(parents=True)
        (directory / language / "delayed_response.j2").write_text(thank, encoding="utf-8")
        (directory / language / "_layout.j2").write_text(layout, encoding="utf-8")
    return directory


def test_the_guides_company_templates_change_only_their_block(tmp_path: Path) -> None:
    kit = ak.ReplyKit(template_dirs=[_company_directory(tmp_path)], plugins=False)
    scenario = ak.DelayedResponse.examples()[0]
    english = kit.render(scenario, locale="en-GB")
    assert "Acme Care answers every message within a day." in english.text
    assert "I'm sorry you had to wait 11 days" in english.text  # the built-in apology stays
    assert english.text.rstrip().endswith("With best wishes from Customer Support")
    arabic = kit.render(scenario, locale="ar-SA")
    assert "شكرًا لكِ على انتظاركِ، ويسعد فريق رعاية العملاء" in arabic.text
    assert "اضطررتِ إلى انتظار ردّنا مدة 11 يومًا" in arabic.text
    assert "مع أطيب التحيات من خدمة العملاء" in arabic.text


def _commands(page: str) -> list[str]:
    lines = []
    for block in _fences(page, "console"):
        for line in block.splitlines():
            if line.startswith("$ apologykit "):
                lines.append(line.removeprefix("$ ").split("  #")[0].strip())
    return lines


def test_every_command_shown_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _company_directory(tmp_path)
    monkeypatch.chdir(tmp_path)
    commands = [command for page in NEW_PAGES for command in _commands(page)]
    assert "apologykit check --templates company_templates" in commands
    for command in commands:
        result = CliRunner().invoke(cli, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}: {result.output}"


def test_commands_shown_by_the_command_directive_run() -> None:
    pattern = re.compile(r"^```\{command\} (apologykit .+)$", re.MULTILINE)
    commands = [
        command
        for page in NEW_PAGES
        for command in pattern.findall((DOCS / page).read_text(encoding="utf-8"))
    ]
    assert commands
    for command in commands:
        result = CliRunner().invoke(cli, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}: {result.output}"
        assert result.output.strip()
