"""Where the browser tests find Chromium, and what happens when there is none.

Locally a missing browser is a skip with one line saying how to install it;
in CI (``.ci/run`` sets :data:`REQUIRE_ENV`) it is a failure, so the browser
tests can never be skipped there unnoticed. Playwright only drives the
browser: its own browser download is never used (it cannot work here).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

#: Set to 1 (as .ci/run does) to make a missing browser a failure instead of a skip.
REQUIRE_ENV = "APOLOGYKIT_REQUIRE_BROWSER"
#: A Chromium binary elsewhere than ``chromium`` on PATH.
CHROMIUM_ENV = "APOLOGYKIT_CHROMIUM"
#: What a run without a browser is told.
INSTALL_HINT = (
    "Chromium not found: install it (apt-get install chromium) to run the compose page's "
    f"browser tests, or set {CHROMIUM_ENV} to its path"
)
#: Debian's chromium, headless and quiet: no sandbox (root in CI), no GPU, no calls home.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def find_chromium() -> str | None:
    """The Chromium to drive: :data:`CHROMIUM_ENV`, else ``chromium`` on PATH."""
    given = os.environ.get(CHROMIUM_ENV)
    if given:
        return given if Path(given).is_file() else None
    return shutil.which("chromium")


def browser_required() -> bool:
    """True in CI: :data:`REQUIRE_ENV` is 1."""
    return os.environ.get(REQUIRE_ENV) == "1"


def skip_module_without_chromium() -> None:
    """At a module's top: without Chromium (and unless required), skip it with one line."""
    if find_chromium() is None and not browser_required():
        pytest.skip(INSTALL_HINT, allow_module_level=True)


def chromium_or_fail() -> str:
    """Chromium's path, or a failure saying how to install it (each browser test reports it)."""
    found = find_chromium()
    if found is None:
        pytest.fail(f"{INSTALL_HINT} ({REQUIRE_ENV}=1: the browser tests must run)")
    return found
