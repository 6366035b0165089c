"""Shared fixtures: one kit per test session, like a real caller would keep."""

from __future__ import annotations

import sys

import pytest

import apologykit as ak


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
