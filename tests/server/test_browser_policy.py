"""The missing-browser policy: a one-line skip on a laptop, a failure in CI.

The browser tests are run in a child pytest whose PATH holds no Chromium,
once as a developer runs them and once as ``.ci/run`` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from browser_policy import CHROMIUM_ENV, REQUIRE_ENV

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = "tests/server/test_compose_browser.py"


def run_browser_tests(tmp_path: Path, require: bool) -> subprocess.CompletedProcess[str]:
    """pytest on the browser tests with only this Python's own scripts on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in (REQUIRE_ENV, CHROMIUM_ENV)}
    env["PATH"] = str(Path(sys.executable).parent)
    if require:
        env[REQUIRE_ENV] = "1"
    inner = ["-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "inner")]
    return subprocess.run(
        [sys.executable, "-m", "pytest", *inner, BROWSER_TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_chromium_the_browser_tests_skip_with_one_line_saying_how_to_install(
    tmp_path: Path,
) -> None:
    result = run_browser_tests(tmp_path, require=False)
    # 5: pytest ran no test, the module being skipped whole (in `make test` others run).
    assert result.returncode == 5, result.stdout
    hints = [line for line in result.stdout.splitlines() if "apt-get install chromium" in line]
    assert len(hints) == 1, result.stdout
    assert hints[0].startswith("SKIPPED")
    assert " passed" not in result.stdout and " failed" not in result.stdout


def test_when_the_browser_is_required_a_missing_chromium_fails_every_browser_test(
    tmp_path: Path,
) -> None:
    result = run_browser_tests(tmp_path, require=True)
    assert result.returncode == 1, result.stdout
    assert "skipped" not in result.stdout
    assert f"{REQUIRE_ENV}=1: the browser tests must run" in result.stdout
    assert "apt-get install chromium" in result.stdout


def test_ci_installs_chromium_when_missing_and_requires_it() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = script.index("apt-get install")
    assert script.index("apt-get update") < install < script.index(f"export {REQUIRE_ENV}=1")
    assert script.index(f"export {REQUIRE_ENV}=1") < script.index("make test")
