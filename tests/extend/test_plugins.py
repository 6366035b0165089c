"""Plugins: a real distribution (package + dist-info) on sys.path, found by entry point."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import apologykit as ak
from apologykit.extend.plugins import PLUGIN_GROUP
from apologykit.model.scenario import unregister

PLUGIN_INIT = '''\
"""A returns plugin: one scenario and its English template."""

from typing import Literal

import apologykit as ak

template_dirs = ["templates"]


class ReturnLabelLost(ak.Scenario):
    """The return label we e-mailed never arrived."""

    kind: Literal["return_label_lost"] = "return_label_lost"
    order_id: str
'''

PLUGIN_TEMPLATE = """{% extends "en/_layout.j2" %}
{% block subject %}A new return label for {{ order_id }}{% endblock %}
{% block apologise %}
Sorry: the return label for order {{ order_id }} never reached you.
{% endblock %}
"""


def install(
    root: Path,
    package: str,
    files: dict[str, str],
    entry_points: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Write ``package`` and its ``dist-info`` under ``root`` and put ``root`` on sys.path."""
    for name, text in files.items():
        path = root / package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    dist = root / f"{package}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {package.replace('_', '-')}\nVersion: 1.0\n",
        encoding="utf-8",
    )
    (dist / "entry_points.txt").write_text(f"[{PLUGIN_GROUP}]\n{entry_points}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))  # also invalidates the import caches
    importlib.invalidate_caches()


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Install throwaway plugins; forget their modules and kinds afterwards."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    packages: list[str] = []

    def _install(package: str, files: dict[str, str], entry_points: str) -> None:
        packages.append(package)
        install(tmp_path / package, package, files, entry_points, monkeypatch)

    yield _install
    unregister("return_label_lost")
    for name in list(sys.modules):
        if name.split(".")[0] in packages:
            del sys.modules[name]


def returns_plugin(installed: Callable[..., None]) -> None:
    installed(
        "acme_returns",
        {"__init__.py": PLUGIN_INIT, "templates/en/return_label_lost.j2": PLUGIN_TEMPLATE},
        "acme_returns = acme_returns",
    )


def test_an_installed_plugin_adds_its_scenario_and_templates(
    installed: Callable[..., None],
) -> None:
    returns_plugin(installed)
    assert "return_label_lost" not in ak.scenario_kinds()
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme"))
    assert [plugin.name for plugin in kit.plugins] == ["acme_returns"]
    assert "return_label_lost" in ak.scenario_kinds()
    reply = kit.render({"kind": "return_label_lost", "order_id": "R-1042"}, locale="en")
    assert reply.subject == "A new return label for R-1042"
    assert "the return label for order R-1042 never reached you" in reply.text


def test_plugin_directories_come_after_company_ones_and_before_builtins(
    installed: Callable[..., None], tmp_path: Path
) -> None:
    returns_plugin(installed)
    # A company file of the same name wins over the plugin's.
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "return_label_lost.j2").write_text(
        '{% extends "en/_layout.j2" %}{% block apologise %}COMPANY{% endblock %}',
        encoding="utf-8",
    )
    kit = ak.ReplyKit(template_dirs=[tmp_path], plugins=True)
    plugin_dir = kit.plugins[0].template_dirs[0]
    assert plugin_dir == tmp_path / "acme_returns" / "acme_returns" / "templates"
    assert kit.search_dirs == (tmp_path, plugin_dir)
    text = kit.render({"kind": "return_label_lost", "order_id": "R-1"}, locale="en").text
    assert "COMPANY" in text
    # The plugin's directory is among the paths a missing template lists.
    with pytest.raises(ak.TemplateNotFoundError) as caught:
        kit.render({"kind": "return_label_lost", "order_id": "R-1"}, locale="ar")
    assert str(plugin_dir / "ar" / "return_label_lost.j2") in caught.value.searched


def test_plugins_false_ignores_installed_plugins(installed: Callable[..., None]) -> None:
    returns_plugin(installed)
    kit = ak.ReplyKit(plugins=False)
    assert kit.plugins == ()
    assert "acme_returns" not in sys.modules
    assert "return_label_lost" not in ak.scenario_kinds()


def test_a_callable_entry_point_gives_its_directories(
    installed: Callable[..., None], tmp_path: Path
) -> None:
    shared = tmp_path / "shared_templates"
    (shared / "en").mkdir(parents=True)
    (shared / "en" / "return_label_lost.j2").write_text(PLUGIN_TEMPLATE, encoding="utf-8")
    code = PLUGIN_INIT.replace('template_dirs = ["templates"]\n', "") + (
        f"\n\ndef templates():\n    return [{str(shared)!r}]\n"
    )
    installed("acme_callable", {"__init__.py": code}, "callable = acme_callable:templates")
    kit = ak.ReplyKit()
    assert kit.plugins[0].template_dirs == (shared,)
    assert "R-7" in kit.render({"kind": "return_label_lost", "order_id": "R-7"}, "en").text


def test_a_plugin_that_fails_to_import_names_its_entry_point(
    installed: Callable[..., None],
) -> None:
    installed(
        "acme_broken", {"__init__.py": "import no_such_module_here\n"}, "broken = acme_broken"
    )
    with pytest.raises(ak.ApologyKitError) as caught:
        ak.ReplyKit()
    message = str(caught.value)
    assert "plugin 'broken'" in message
    assert "'acme_broken'" in message and "acme-broken 1.0" in message
    assert "No module named 'no_such_module_here'" in message
    assert "plugins=False" in message
    ak.ReplyKit(plugins=False)  # the way out the message names


def test_a_plugin_naming_a_missing_directory_is_an_error(
    installed: Callable[..., None],
) -> None:
    installed("acme_nodir", {"__init__.py": 'template_dirs = ["nope"]\n'}, "nodir = acme_nodir")
    with pytest.raises(ak.ApologyKitError, match=r"plugin 'nodir'.*nope, which does not exist"):
        ak.ReplyKit()


@pytest.mark.parametrize(
    ("code", "exception"),
    [
        ("raise SystemExit(0)\n", "SystemExit"),
        ("class Stop(BaseException):\n    pass\n\nraise Stop('halt')\n", "Stop"),
    ],
)
def test_a_plugin_that_exits_while_loading_is_an_error_naming_it(
    installed: Callable[..., None], code: str, exception: str
) -> None:
    installed("acme_exits", {"__init__.py": code}, "exits = acme_exits")
    with pytest.raises(ak.PluginError, match=rf"plugin 'exits'.*failed to load: {exception}"):
        ak.ReplyKit()


def test_a_plugin_callable_that_exits_is_an_error_naming_it(
    installed: Callable[..., None],
) -> None:
    code = "def templates():\n    raise SystemExit(0)\n"
    installed("acme_exit_call", {"__init__.py": code}, "call = acme_exit_call:templates")
    with pytest.raises(ak.PluginError, match=r"plugin 'call'.*SystemExit"):
        ak.ReplyKit()


def test_a_plugin_exit_does_not_end_render_silently(
    installed: Callable[..., None],
) -> None:
    from click.testing import CliRunner

    from apologykit.cli.group import cli

    installed("acme_exits", {"__init__.py": "raise SystemExit(0)\n"}, "exits = acme_exits")
    result = CliRunner().invoke(cli, ["render", "rude_agent", "--example"])
    assert result.exit_code == 1
    assert "plugin 'exits'" in result.output
    assert "Subject" not in result.output


def test_a_keyboard_interrupt_in_a_plugin_still_interrupts(
    installed: Callable[..., None],
) -> None:
    installed("acme_ctrl_c", {"__init__.py": "raise KeyboardInterrupt\n"}, "ctrl = acme_ctrl_c")
    with pytest.raises(KeyboardInterrupt):
        ak.ReplyKit()


@pytest.mark.parametrize(
    ("code", "target", "problem"),
    [
        ("TEMPLATES = 42\n", "acme_odd:TEMPLATES", "loads to an int, which is neither"),
        ("TEMPLATES = 'templates'\n", "acme_odd:TEMPLATES", "loads to a str, which is neither"),
        ("def templates():\n    return 42\n", "acme_odd:templates", "gave an int"),
        ("def templates():\n    return {'en': 'x'}\n", "acme_odd:templates", "gave a dict"),
        ("template_dirs = {'templates'}\n", "acme_odd", "gave a set"),
    ],
)
def test_an_entry_point_of_the_wrong_shape_is_rejected(
    installed: Callable[..., None], code: str, target: str, problem: str
) -> None:
    installed("acme_odd", {"__init__.py": code}, f"odd = {target}")
    with pytest.raises(ak.PluginError, match="plugin 'odd'") as caught:
        ak.ReplyKit()
    assert problem in str(caught.value)
