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


#: Test modules that start processes, a live server, a browser or a cluster: each of
#: their tests takes seconds. They carry the ``slow`` marker, so ``pytest -m "not slow"``
#: is a quick local loop; ``make test`` (and CI) runs them all.
SLOW_MODULES = frozenset(
    {
        "test_batch_workers",
        "test_worker_warm_up",
        "test_dask",
        "test_compose_browser",
        "test_compose_page",
        "test_server",
        "test_docs_service",
        "test_startup",
        "test_wheel",
        "test_kit_travels",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
