"""``apologykit serve``: build the kit and the settings, then hand the app to uvicorn.

With ``--workers N`` uvicorn starts N processes, each importing the app by
name; :class:`Launch` travels to them as JSON in an environment variable
(the token itself never does: each worker reads it from where the parent
did), and :func:`app_from_environment` builds the same app in each.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..extend.config import load_config
from ..extend.scenario_modules import import_command_line_scenarios
from ..renderer.kit import ReplyKit
from .app import create_app
from .settings import TOKEN_ENV, ServerSettings, is_loopback

#: The environment variable a worker process reads its :class:`Launch` from.
LAUNCH_ENV = "APOLOGYKIT_SERVE_LAUNCH"


@dataclass(frozen=True)
class Launch:
    """Everything a worker needs to build the same kit and settings as the command line."""

    config: str | None = None
    templates: tuple[str, ...] = ()
    scenarios: tuple[str, ...] = ()
    token_env: str = TOKEN_ENV

    def kit(self) -> ReplyKit:
        """The kit the command line's options describe."""
        if self.config is not None:
            return ReplyKit.from_config(
                self.config, template_dirs=self.templates, scenarios=self.scenarios
            )
        import_command_line_scenarios(self.scenarios)
        return ReplyKit(template_dirs=self.templates)

    def settings(self) -> ServerSettings:
        """The token (environment first, then the config file), CORS origins and body limit."""
        section = load_config(self.config).server if self.config is not None else None
        token = os.environ.get(self.token_env) or (section.token if section else None)
        if section is None:
            return ServerSettings(token=token)
        return ServerSettings(
            token=token,
            cors_origins=tuple(section.cors_origins),
            max_body_bytes=section.max_body_bytes,
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Launch:
        data = json.loads(text)
        return cls(
            config=data["config"],
            templates=tuple(data["templates"]),
            scenarios=tuple(data["scenarios"]),
            token_env=data["token_env"],
        )


def refusal(host: str, settings: ServerSettings, token_env: str) -> str | None:
    """Why the service must not start on ``host``, or None when it may."""
    if is_loopback(host) or settings.token is not None:
        return None
    return (
        f"refusing to listen on {host} without a token: anyone who can reach it could use it. "
        f"Set the {token_env} environment variable (or token in the config's [server] section) "
        "to a long random string, or listen on 127.0.0.1"
    )


class NoDelayH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with Nagle's algorithm off on every connection.

    With ``--workers``, uvicorn binds the socket itself without naming the
    TCP protocol, so asyncio does not set ``TCP_NODELAY`` on accepted
    connections: a response written in two parts then waits for the
    client's delayed ACK, about 40 ms per request (measured:
    benchmarks/bench_server.py). One worker binds through asyncio and
    already has it; setting it again costs nothing.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def app_from_environment() -> FastAPI:
    """The app of one uvicorn worker, built from the :class:`Launch` its parent set."""
    launch = Launch.from_json(os.environ[LAUNCH_ENV])
    return create_app(launch.kit(), launch.settings())


def serve(launch: Launch, host: str, port: int, workers: int = 1) -> None:
    """Run the service until interrupted; refuses a public ``host`` without a token."""
    problem = refusal(host, launch.settings(), launch.token_env)
    if problem is not None:
        raise PermissionError(problem)
    launch.kit()  # a broken config or template directory fails here, once, not per worker
    os.environ[LAUNCH_ENV] = Launch(
        config=str(Path(launch.config).resolve()) if launch.config else None,
        templates=tuple(str(Path(t).resolve()) for t in launch.templates),
        scenarios=launch.scenarios,
        token_env=launch.token_env,
    ).to_json()
    uvicorn.run(
        "apologykit.server.launch:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        server_header=False,
        http=NoDelayH11,
        log_level="info",
    )
