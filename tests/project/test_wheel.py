"""The built wheel carries the templates: install it in a fresh environment and render."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("apologykit-*.whl")
    return found


def test_wheel_contains_every_builtin_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").rglob("*.j2"):
        relative = template.relative_to(ROOT / "templates").as_posix()
        assert f"apologykit/templates/{relative}" in names
    assert "apologykit/py.typed" in names


def test_wheel_contains_the_review_rules(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for rules in (ROOT / "src" / "apologykit" / "review" / "rules").glob("*.toml"):
        assert f"apologykit/review/rules/{rules.name}" in names


def test_wheel_contains_the_compose_page(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assets = ROOT / "src" / "apologykit" / "server" / "assets"
    shipped = sorted(path.name for path in assets.iterdir())
    assert shipped == ["compose.css", "compose.html.j2", "compose.js"]
    for name in shipped:
        assert f"apologykit/server/assets/{name}" in names


def test_installed_wheel_renders_from_its_own_templates(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Install the wheel alone; its dependencies come from this environment's
    # site-packages through a path file (no network, no editable hook).
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "-t", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    (target / "dev-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = (
        "import apologykit as ak, apologykit.renderer.loaders as l;"
        "r = ak.render({'kind': 'rude_agent', 'customer': {'name': 'Sara', 'gender': 'female'}},"
        " locale='ar-SA');"
        "assert r.review().ok, r.review().findings;"
        "print(l.builtin_dir()); print(r.text)"
    )
    result = subprocess.run(
        [str(python), "-c", script], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    first_line, text = result.stdout.split("\n", 1)
    assert Path(first_line).is_relative_to(target), "templates must come from the wheel"
    assert "الأستاذة" in text and "تعرّضتِ" in text
