"""docs/service.md runs: its curl commands against a live server, its Python and JavaScript too.

Each ``curl`` block is sent (translated to httpx, so the tests need no curl)
and the JSON block after it must be part of the answer; a string ending in
``...`` there matches any answer string that starts with the rest.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from apologykit.extend.config import load_config
from live_server import SCRIPT, live_server, server_env

DOC = Path(__file__).resolve().parents[2] / "docs" / "service.md"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
DOC_URL = "http://127.0.0.1:8000"
TOKEN = "docs-token-0123456789abcdef"


def blocks() -> list[tuple[str, str]]:
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def curl_examples() -> list[tuple[str, Any]]:
    """Each curl command with the JSON block shown after it."""
    found = blocks()
    pairs = []
    for index, (language, code) in enumerate(found):
        if language == "sh" and code.startswith("curl "):
            following, shown = found[index + 1]
            assert following == "json", f"no JSON answer shown after: {code}"
            pairs.append((code, json.loads(shown)))
    return pairs


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str]]:
    with live_server() as open_url, live_server(env={"APOLOGYKIT_TOKEN": TOKEN}) as guarded_url:
        yield open_url, guarded_url


def send(command: str, open_url: str, guarded_url: str) -> httpx.Response:
    """Run a curl command line with httpx: -s, -X, -H, -d are what the page uses."""
    words = shlex.split(command.replace("\\\n", " "))
    assert words[0] == "curl"
    method, headers, data, url = "GET", {}, None, None
    rest = iter(words[1:])
    for word in rest:
        if word == "-s":
            continue
        if word == "-X":
            method = next(rest)
        elif word == "-H":
            name, value = next(rest).split(":", 1)
            headers[name] = value.strip()
        elif word == "-d":
            data, method = next(rest), "POST" if method == "GET" else method
        else:
            url = word
    assert url is not None and url.startswith(DOC_URL), command
    guarded = "$APOLOGYKIT_TOKEN" in command
    if guarded:
        headers = {k: v.replace("$APOLOGYKIT_TOKEN", TOKEN) for k, v in headers.items()}
    base = guarded_url if guarded else open_url
    return httpx.request(
        method, base + url.removeprefix(DOC_URL), headers=headers, content=data, timeout=30
    )


def contains(answer: Any, shown: Any, where: str = "") -> None:
    """``shown`` is part of ``answer``: keys a subset, lists a prefix, strings equal."""
    if isinstance(shown, dict):
        assert isinstance(answer, dict), where
        for key, value in shown.items():
            assert key in answer, f"{where}.{key} is not in the answer"
            contains(answer[key], value, f"{where}.{key}")
    elif isinstance(shown, list):
        assert isinstance(answer, list) and len(answer) >= len(shown), where
        for index, value in enumerate(shown):
            contains(answer[index], value, f"{where}[{index}]")
    elif isinstance(shown, str) and shown.endswith("..."):
        assert isinstance(answer, str) and answer.startswith(shown[:-3]), (where, answer)
    else:
        assert answer == shown, (where, answer)


def test_every_curl_example_answers_what_the_page_shows(servers: tuple[str, str]) -> None:
    examples = curl_examples()
    assert len(examples) >= 6
    for command, shown in examples:
        response = send(command, *servers)
        assert (response.status_code >= 400) == ("error" in shown), (command, response.text)
        contains(response.json(), shown, command.split("\n", 1)[0])


def test_python_example_runs(servers: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    code = next(code for language, code in blocks() if language == "python")
    monkeypatch.setenv("APOLOGYKIT_URL", servers[1])
    monkeypatch.setenv("APOLOGYKIT_TOKEN", TOKEN)
    namespace: dict[str, Any] = {}
    exec(compile(code, f"{DOC.name} python block", "exec"), namespace)
    namespace["client"].close()
    assert namespace["reply"]["text"].startswith("Hello Sara")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_example_runs(servers: tuple[str, str], tmp_path: Path) -> None:
    code = next(code for language, code in blocks() if language == "js")
    script = tmp_path / "sidebar.mjs"
    script.write_text(
        f"const APOLOGYKIT_URL = {json.dumps(servers[1])};\n"
        f"const APOLOGYKIT_TOKEN = {json.dumps(TOKEN)};\n"
        "const document = { createElement: (tag) => ({ tag }) };\n"
        f"{code}\n"
        "console.log(JSON.stringify(draft));\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["node", str(script)], capture_output=True, text=True, timeout=60, check=True
    )
    draft = json.loads(result.stdout)
    assert draft["dir"] == "rtl" and draft["lang"] == "ar"
    assert "Sara" in draft["textContent"]


def test_server_section_shown_is_a_valid_config(tmp_path: Path) -> None:
    section = next(code for language, code in blocks() if language == "toml")
    config = tmp_path / "apologykit.toml"
    config.write_text('[brand]\nname = "Acme"\n\n' + section, encoding="utf-8")
    server = load_config(config).server
    assert server.cors_origins == ["https://desk.example.com"]
    assert server.max_body_bytes == 262144


def test_refusal_shown_is_what_serve_prints() -> None:
    refusal = next(code for language, code in blocks() if "--host 0.0.0.0" in code)
    shown = refusal.split("# ", 1)[1].strip().removesuffix("...")
    result = subprocess.run(
        [str(SCRIPT), "serve", "--host", "0.0.0.0"],
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(shown)
