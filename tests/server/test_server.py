"""The HTTP service, called over real HTTP: every endpoint and every error status.

One ``apologykit serve`` per module (and one with a token and a config),
on a free 127.0.0.1 port; every request loop here is bounded.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

import apologykit as ak
from apologykit.model.scenario import scenario_kinds
from live_server import SCRIPT, live_server, server_env

TOKEN = "s3cret-token-for-the-tests-0123456789"
SARA = {"kind": "delayed_response", "customer": {"name": "Sara", "gender": "female"}}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with live_server() as url:
        yield url


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with a token (from the environment) and a config's CORS origin and body limit."""
    config = tmp_path_factory.mktemp("served") / "apologykit.toml"
    config.write_text(
        '[brand]\nname = "Acme"\n\n[server]\n'
        'cors_origins = ["https://desk.example.com"]\nmax_body_bytes = 4096\n',
        encoding="utf-8",
    )
    with live_server(["--config", str(config)], env={"APOLOGYKIT_TOKEN": TOKEN}) as url:
        yield url


def post(base: str, path: str, body: Any, **kwargs: Any) -> httpx.Response:
    return httpx.post(f"{base}{path}", json=body, timeout=30, **kwargs)


def error_of(response: httpx.Response) -> dict[str, Any]:
    assert response.headers["content-type"].startswith("application/json"), response.text
    error = response.json()["error"]
    assert set(error) == {"type", "message", "fields"}
    assert "Traceback" not in error["message"]
    return dict(error)


# -- the endpoints ---------------------------------------------------------------


def test_healthz(base: str) -> None:
    answer = httpx.get(f"{base}/healthz").json()
    assert answer == {"status": "ok", "version": ak.__version__, "kinds": len(scenario_kinds())}


def test_kinds_lists_every_kind_with_its_use_channels_and_required_fields(base: str) -> None:
    listed = {entry["kind"]: entry for entry in httpx.get(f"{base}/v1/kinds").json()}
    assert sorted(listed) == scenario_kinds()
    assert listed["delayed_delivery"]["channels"] == ["email", "chat", "sms"]
    assert listed["callback_scheduled"]["required"] == ["callback_at"]
    assert listed["rude_agent"]["description"] == ak.RudeAgent.summary()


def test_schema_is_the_kinds_json_schema_with_examples(base: str) -> None:
    schema = httpx.get(f"{base}/v1/kinds/delayed_delivery/schema").json()
    assert schema == ak.DelayedDelivery.model_json_schema()
    assert schema["examples"]


def test_every_kinds_examples_validate_and_render(base: str) -> None:
    for kind in scenario_kinds():  # 13 kinds
        schema = httpx.get(f"{base}/v1/kinds/{kind}/schema").json()
        examples = httpx.get(f"{base}/v1/kinds/{kind}/examples").json()
        assert examples, kind
        for example in examples:
            jsonschema.validate(example, schema)
            response = post(base, "/v1/replies", {"scenario": example, "locale": "ar-SA"})
            assert response.status_code == 200, response.text
            assert response.json()["direction"] == "rtl"


def test_reply_is_the_librarys_reply_as_json(base: str) -> None:
    response = post(base, "/v1/replies", {"scenario": SARA, "locale": "ar-SA", "channel": "email"})
    assert response.status_code == 200
    expected = ak.ReplyKit().render(SARA, locale="ar-SA", channel="email").to_dict()
    assert response.json() == expected
    assert response.json()["html"].startswith('<div dir="rtl" lang="ar">')


def test_format_text_leaves_the_html_out(base: str) -> None:
    reply = post(base, "/v1/replies", {"scenario": SARA, "locale": "en", "format": "text"}).json()
    assert "html" not in reply
    assert reply["text"].startswith("Dear Sara")


def test_channel_defaults_to_email_and_sms_says_its_cost(base: str) -> None:
    email = post(base, "/v1/replies", {"scenario": SARA}).json()
    assert email["channel"] == "email" and email["subject"]
    scenario = {"kind": "callback_scheduled", "callback_at": "2026-05-03T10:00:00+03:00"}
    sms = post(base, "/v1/replies", {"scenario": scenario, "channel": "sms"}).json()
    assert sms["subject"] is None and sms["sms_segments"] >= 1


def test_bilingual_reply_has_both_directions(base: str) -> None:
    response = post(base, "/v1/replies/bilingual", {"scenario": SARA, "channel": "chat"})
    assert response.status_code == 200
    reply = response.json()
    assert reply["language"] == "ar"
    assert '<div dir="rtl" lang="ar">' in reply["html"]
    assert '<div dir="ltr" lang="en">' in reply["html"]
    assert "Sara" in reply["text"] and "سارة" not in reply["text"]


def test_openapi_holds_every_kind_with_examples(base: str) -> None:
    document = httpx.get(f"{base}/openapi.json").json()
    schemas = document["components"]["schemas"]
    scenario = schemas["ReplyRequest"]["properties"]["scenario"]
    mapping = scenario["discriminator"]["mapping"]
    assert sorted(mapping) == scenario_kinds()
    for kind, ref in mapping.items():
        assert schemas[ref.rsplit("/", 1)[1]]["examples"], kind
    body = document["paths"]["/v1/replies"]["post"]["requestBody"]["content"]["application/json"]
    assert body["examples"]["rude_agent"]["value"]["scenario"]["kind"] == "rude_agent"
    assert schemas["BilingualRequest"]["properties"]["scenario"] == scenario


# -- errors ----------------------------------------------------------------------


def test_bad_field_is_422_with_the_librarys_message_and_path(base: str) -> None:
    scenario = {"kind": "delayed_response", "customer": {"name": 5}, "waited": "soon"}
    response = post(base, "/v1/replies", {"scenario": scenario})
    assert response.status_code == 422
    with pytest.raises(ak.ScenarioError) as raised:
        ak.ReplyKit().render(scenario)
    assert error_of(response) == raised.value.to_dict()
    assert error_of(response)["fields"] == ["customer.name", "waited"]


def test_bad_request_fields_are_422_naming_them(base: str) -> None:
    response = post(base, "/v1/replies", {"scenario": SARA, "channel": "fax", "colour": 1})
    assert response.status_code == 422
    error = error_of(response)
    assert error["fields"] == ["channel", "colour"]
    assert "'email', 'chat' or 'sms'" in error["message"]


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"scenario": SARA, "locale": "xx-!!"}, "locale", "not a valid locale"),
        ({"scenario": {"kind": "rude_agent"}, "channel": "sms"}, "channel", "it has: email, chat"),
        ({"scenario": {"kind": "rude_agnet"}}, "kind", "Did you mean 'rude_agent'?"),
        ({"scenario": {"customer": {}}}, "kind", "has no 'kind'"),
        ({"scenario": "rude_agent"}, "scenario", "valid dictionary"),
    ],
)
def test_library_errors_are_422(base: str, body: Any, field: str, words: str) -> None:
    response = post(base, "/v1/replies", body)
    assert response.status_code == 422
    error = error_of(response)
    assert error["fields"] == [field]
    assert words in error["message"]


def test_bilingual_with_two_locales_of_one_language_is_422(base: str) -> None:
    body = {"scenario": SARA, "locales": ["ar-SA", "ar-EG"]}
    response = post(base, "/v1/replies/bilingual", body)
    assert response.status_code == 422
    assert error_of(response)["fields"] == ["locales"]


def test_unknown_kind_in_the_path_is_404_with_the_closest(base: str) -> None:
    for path in ("schema", "examples"):
        response = httpx.get(f"{base}/v1/kinds/delayed_delivry/{path}")
        assert response.status_code == 404
        error = error_of(response)
        assert error["type"] == "UnknownKindError"
        assert "Did you mean 'delayed_delivery'?" in error["message"]


def test_unknown_route_is_404_and_wrong_method_405(base: str) -> None:
    missing = httpx.get(f"{base}/v2/kinds")
    assert missing.status_code == 404
    assert "/openapi.json" in error_of(missing)["message"]
    wrong = httpx.put(f"{base}/v1/replies", json={})
    assert wrong.status_code == 405
    assert wrong.headers["allow"] == "POST"
    assert error_of(wrong)["message"] == "PUT is not allowed on /v1/replies; use POST"


def test_body_over_the_limit_is_413_before_it_is_read(base: str) -> None:
    big = {"scenario": {**SARA, "reason": "x" * (300 * 1024)}}
    response = post(base, "/v1/replies", big)
    assert response.status_code == 413
    assert "262,144 bytes" in error_of(response)["message"]


def test_streamed_body_without_length_is_counted_and_refused(base: str) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"scenario": {"kind": "rude_agent", "reason": "'
        for _ in range(64):  # 64 x 8 KiB: twice the limit
            sent += 1
            yield b"x" * 8192
        yield b'"}}'

    response = httpx.post(
        f"{base}/v1/replies",
        content=chunks(),
        headers={"content-type": "application/json"},
        timeout=30,
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert error_of(response)["type"] == "PayloadTooLarge"


def test_wrong_content_type_is_415(base: str) -> None:
    response = httpx.post(
        f"{base}/v1/replies",
        content=json.dumps({"scenario": SARA}),
        headers={"content-type": "text/plain"},
    )
    assert response.status_code == 415
    assert "application/json" in error_of(response)["message"]
    form = httpx.post(f"{base}/v1/replies", data={"scenario": "x"})
    assert form.status_code == 415


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"[" * 5000 + b"]" * 5000, "nested 5000 levels"),
        (b'{"scenario": {"kind": "follow_up", "ticket_id": ' + b"9" * 5000 + b"}}", "5,000 digits"),
        (b'{"scenario": {"kind": "follow_up"}, "locale": NaN}', "NaN"),
        (b'{"scenario": {"kind": "rude_agent", "reason": "\xed\xa0\x80"}}', "not UTF-8"),
        (b"\xff\xfe{", "not UTF-8"),
        (b"", "not valid JSON"),
        (b'{"scenario": ', "not valid JSON"),
        (b"[1, 2]", "one JSON object"),
        (b'"just a string"', "one JSON object"),
    ],
)
def test_hostile_bodies_are_422_never_500(base: str, raw: bytes, words: str) -> None:
    response = httpx.post(
        f"{base}/v1/replies", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert words in error_of(response)["message"]


def test_lone_surrogate_escapes_give_valid_json_answers(base: str) -> None:
    raw = b'{"scenario": {"kind": "rude_agent", "customer": {"name": "Sa\\ud800ra"}}}'
    headers = {"content-type": "application/json"}
    reply = httpx.post(f"{base}/v1/replies", content=raw, headers=headers)
    assert reply.status_code == 200
    assert "Sara" in reply.json()["text"]
    bad_kind = b'{"scenario": {"kind": "\\udc00"}}'
    response = httpx.post(f"{base}/v1/replies", content=bad_kind, headers=headers)
    assert response.status_code == 422
    assert error_of(response)["fields"] == ["kind"]


def test_many_concurrent_requests_all_get_their_own_reply(base: str) -> None:
    names = [f"Customer{n}" for n in range(24)]

    async def call_all() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            calls = [
                client.post(
                    "/v1/replies",
                    json={"scenario": {"kind": "rude_agent", "customer": {"name": name}}},
                )
                for name in names
            ]
            return list(await asyncio.gather(*calls))

    answers = asyncio.run(call_all())
    greetings = [answer.json()["text"].split("\n", 1)[0] for answer in answers]
    assert greetings == [f"Dear {name}," for name in names]


# -- the token, CORS, the config's limit -----------------------------------------


def test_a_token_is_needed_when_set(guarded: str) -> None:
    body = {"scenario": SARA}
    missing = post(guarded, "/v1/replies", body)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert "is missing" in error_of(missing)["message"]
    wrong = post(guarded, "/v1/replies", body, headers={"Authorization": f"Bearer {TOKEN}x"})
    assert wrong.status_code == 401
    assert "wrong token" in error_of(wrong)["message"]
    assert httpx.get(f"{guarded}/v1/kinds").status_code == 401
    right = post(guarded, "/v1/replies", body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200
    assert right.json()["text"].startswith("Dear Sara")  # the config's brand kit renders


def test_health_check_needs_no_token(guarded: str) -> None:
    assert httpx.get(f"{guarded}/healthz").status_code == 200


def test_cors_only_for_the_configured_origin(base: str, guarded: str) -> None:
    preflight = {
        "Origin": "https://desk.example.com",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    allowed = httpx.options(f"{guarded}/v1/replies", headers=preflight)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://desk.example.com"
    other = httpx.options(
        f"{guarded}/v1/replies", headers={**preflight, "Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in other.headers
    unconfigured = httpx.options(f"{base}/v1/replies", headers=preflight)
    assert "access-control-allow-origin" not in unconfigured.headers


def test_config_sets_the_body_limit(guarded: str) -> None:
    body = {"scenario": {**SARA, "reason": "x" * 5000}}
    response = post(guarded, "/v1/replies", body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413
    assert "4,096 bytes" in error_of(response)["message"]


# -- starting ---------------------------------------------------------------------


def serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "serve", *args],
        env=server_env(env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_a_public_address_without_a_token_refuses_to_start(host: str) -> None:
    result = serve("--host", host, "--port", "1")
    assert result.returncode == 1
    assert f"refusing to listen on {host} without a token" in result.stderr
    assert "APOLOGYKIT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_token_env_names_where_the_token_is_read() -> None:
    result = serve("--host", "0.0.0.0", "--token-env", "HELPDESK_TOKEN", env={"X": "1"})
    assert result.returncode == 1
    assert "Set the HELPDESK_TOKEN environment variable" in result.stderr


def test_a_short_config_token_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "apologykit.toml"
    config.write_text('[brand]\nname = "Acme"\n[server]\ntoken = "abc"\n', encoding="utf-8")
    result = serve("--config", str(config))
    assert result.returncode == 1
    assert "server.token" in result.stderr


def test_two_workers_serve_the_same_api() -> None:
    with live_server(["--workers", "2"]) as url:
        answers = [httpx.get(f"{url}/v1/kinds", timeout=30) for _ in range(6)]
    assert [len(a.json()) for a in answers] == [len(scenario_kinds())] * 6


def test_missing_extra_is_one_clear_line() -> None:
    blocker = (
        "import sys; sys.modules['fastapi'] = None; "
        "from apologykit.cli.group import main; sys.argv = ['apologykit', 'serve']; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocker], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: the service needs the server extra: pip install 'apologykit[server]'"
    )


def test_the_library_never_imports_the_server() -> None:
    script = (
        "import sys, apologykit as ak, apologykit.cli.group, apologykit.batch.run\n"
        "ak.render({'kind': 'rude_agent'}, locale='ar')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'starlette', 'uvicorn') or m.startswith('apologykit.server')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_an_answer_holding_a_lone_surrogate_is_still_json() -> None:
    from apologykit.server.responses import dump

    assert json.loads(dump({"text": "a\ud800b"})) == {"text": "a\ud800b"}
    assert dump({"text": "سارة"}).decode("utf-8") == '{"text":"سارة"}'


def test_review_finds_a_conditional_apology(base: str) -> None:
    response = post(base, "/v1/reviews", {"text": "Sorry if you felt upset."})
    assert response.status_code == 200
    answer = response.json()
    assert answer == ak.review("Sorry if you felt upset.").to_dict()
    assert answer["ok"] is False
    assert "conditional-apology" in [finding["code"] for finding in answer["findings"]]


def test_review_errors_name_the_field(base: str) -> None:
    too_long = post(base, "/v1/reviews", {"text": "x" * 60_000})
    assert too_long.status_code == 422
    assert error_of(too_long)["fields"] == ["text"]
    bad_language = post(base, "/v1/reviews", {"text": "Sorry.", "language": "fr"})
    assert bad_language.status_code == 422
    assert error_of(bad_language)["fields"] == ["language"]
    no_text = post(base, "/v1/reviews", {"apology": False})
    assert error_of(no_text)["fields"] == ["text"]


def test_worker_connections_send_without_waiting_for_acks() -> None:
    """With --workers, uvicorn's own socket misses TCP_NODELAY: each answer waited ~40 ms."""
    import socket

    from uvicorn.config import Config
    from uvicorn.server import ServerState

    from apologykit.server.launch import NoDelayH11

    class Transport:
        def __init__(self, sock: socket.socket) -> None:
            self.sock = sock

        def get_extra_info(self, name: str) -> Any:
            return {"socket": self.sock, "sockname": ("127.0.0.1", 1), "peername": None}.get(name)

        def is_closing(self) -> bool:
            return False

    config = Config(app=lambda: None)
    config.load()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()) as _client:
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
                loop = asyncio.new_event_loop()  # the protocol is made inside a running server
                try:
                    protocol = NoDelayH11(config, ServerState(), app_state={}, _loop=loop)
                    protocol.connection_made(Transport(accepted))  # type: ignore[arg-type]
                finally:
                    loop.close()
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_a_broken_company_template_is_500_naming_the_file_never_a_traceback(
    tmp_path: Path,
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "rude_agent.j2").write_text(
        "Hello\n{{ customer.name | no_such_filter }}\n", encoding="utf-8"
    )
    with live_server(group_args=["--templates", str(tmp_path)]) as url:
        broken = post(url, "/v1/replies", {"scenario": {"kind": "rude_agent"}, "locale": "en"})
        fine = post(url, "/v1/replies", {"scenario": {"kind": "rude_agent"}, "locale": "ar"})
    assert broken.status_code == 500
    error = error_of(broken)
    assert error["type"] == "TemplateError"
    assert "rude_agent.j2:2" in error["message"] and "no_such_filter" in error["message"]
    assert fine.status_code == 200


def test_the_configs_token_guards_the_service_when_the_environment_has_none(
    tmp_path: Path,
) -> None:
    config = tmp_path / "apologykit.toml"
    config.write_text(f'[brand]\nname = "Acme"\n[server]\ntoken = "{TOKEN}"\n', encoding="utf-8")
    with live_server(["--config", str(config)]) as url:
        without = httpx.get(f"{url}/v1/kinds")
        right = httpx.get(f"{url}/v1/kinds", headers={"Authorization": f"Bearer {TOKEN}"})
    assert without.status_code == 401
    assert right.status_code == 200
