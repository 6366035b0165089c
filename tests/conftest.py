"""Shared fixtures: one kit per test session, like a real caller would keep."""

from __future__ import annotations

import pytest

import apologykit as ak


@pytest.fixture(scope="session")
def kit() -> ak.ReplyKit:
    return ak.ReplyKit(brand=ak.Brand(name="Acme", support_team="Acme Care"))
