"""Shared fixtures: one kit per test session, like a real caller would keep."""

from __future__ import annotations

import os
import sys

import pytest

import apologykit as ak
from apologykit.renderer.compiled import CACHE_DIR_VARIABLE

# The command line keeps compiled templates in the user's cache directory; the
# tests (and the commands they run in subprocesses) keep none, unless a test
# names its own directory (tests/test_compiled_cache.py).
os.environ[CACHE_DIR_VARIABLE] = ""


@pytest.fixture(scope="session")
def kit() -> ak.ReplyKit:
    return ak.ReplyKit(brand=ak.Brand(name="Acme", support_team="Acme Care"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name the folder of the compose page's screenshots when this run saved some."""
    module = sys.modules.get("test_compose_browser")
    saved = getattr(module, "SAVED", None)
    if saved:
        terminalreporter.write_line(
            f"compose page screenshots ({len(saved)}): {saved[0].parent}", bold=True
        )
