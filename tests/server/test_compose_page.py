"""The compose page over HTTP: served by the app, self-contained, public beside a token.

What the page does in a browser is tested in test_compose_browser.py; here,
what any HTTP client sees: the page, its two files, their headers, and that
a token guards the API but not the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from apologykit.server.compose import STYLE_PATH
from live_server import live_server

TOKEN = "compose-token-0123456789abcdef"


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str]]:
    with live_server() as open_url, live_server(env={"APOLOGYKIT_TOKEN": TOKEN}) as guarded_url:
        yield open_url, guarded_url


def assets(page: str) -> list[str]:
    """The URLs the page loads: its stylesheet and its script."""
    return re.findall(r'<(?:link rel="stylesheet"|script) (?:href|src)="([^"]+)"', page)


def token_panel(page: str) -> str:
    """The opening tag of the section that asks for the token."""
    found = re.search(r'<section id="token-panel"[^>]*>', page)
    assert found, "the page has no token panel"
    return found.group(0)


def test_the_page_is_served_at_the_root_with_its_style_and_script(
    servers: tuple[str, str],
) -> None:
    base = servers[0]
    page = httpx.get(f"{base}/")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="en" dir="ltr">' in page.text
    found = assets(page.text)
    assert len(found) == 2
    kinds = {httpx.get(f"{base}{url}").headers["content-type"].split(";")[0] for url in found}
    assert kinds == {"text/css", "text/javascript"}


def test_the_page_loads_nothing_from_elsewhere(servers: tuple[str, str]) -> None:
    base = servers[0]
    page = httpx.get(f"{base}/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    for text in [page.text] + [httpx.get(f"{base}{url}").text for url in assets(page.text)]:
        assert not re.search(r"(src|href|url)\s*[=(]\s*[\"']?(https?:)?//", text)
        assert "<script>" not in text  # no inline script: the policy would block it


def test_the_page_and_its_files_need_no_token_but_the_api_does(
    servers: tuple[str, str],
) -> None:
    guarded = servers[1]
    page = httpx.get(f"{guarded}/")
    assert page.status_code == 200
    assert 'data-token-required="yes"' in page.text
    assert "hidden" not in token_panel(page.text)
    for url in assets(page.text):
        assert httpx.get(f"{guarded}{url}").status_code == 200
    assert httpx.get(f"{guarded}/v1/kinds").status_code == 401
    assert httpx.get(f"{guarded}/compose/other.js").status_code == 401
    kinds = httpx.get(f"{guarded}/v1/kinds", headers={"Authorization": f"Bearer {TOKEN}"})
    assert kinds.status_code == 200


def test_without_a_token_the_page_does_not_ask_for_one(servers: tuple[str, str]) -> None:
    page = httpx.get(f"{servers[0]}/").text
    assert 'data-token-required="no"' in page
    assert "hidden" in token_panel(page)


def test_the_page_offers_currencies_locales_and_zones(servers: tuple[str, str]) -> None:
    page = httpx.get(f"{servers[0]}/").text
    assert '<option value="SAR">SAR · Saudi Riyal</option>' in page
    assert '<option value="ar-MA">Arabic (Morocco) · ar-MA</option>' in page
    assert '<option value="+03:00">UTC+03:00 (Riyadh, Kuwait, Qatar, Bahrain' in page
    assert '<option value="Asia/Riyadh">' in page


def test_a_changed_file_gets_a_new_address(servers: tuple[str, str]) -> None:
    """The files are cached by the browser; their address carries a hash of their content."""
    page = httpx.get(f"{servers[0]}/").text
    style = next(url for url in assets(page) if url.startswith(STYLE_PATH))
    assert re.fullmatch(re.escape(STYLE_PATH) + r"\?v=[0-9a-f]{12}", style)
