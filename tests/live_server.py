"""Start ``apologykit serve`` on a free loopback port, for tests that call it over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

SCRIPT = Path(sys.executable).with_name("apologykit")
#: How long a server may take to answer its first health check.
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The test's environment without any token of its own, plus ``extra``; it keeps
    the cache setting, so the server keeps no compiled templates of the test's."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("APOLOGYKIT_") or k == "APOLOGYKIT_CACHE_DIR"
    }
    env.update(extra or {})
    return env


@contextmanager
def live_server(
    serve_args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    group_args: Sequence[str] = (),
) -> Iterator[str]:
    """Run ``apologykit [group_args] serve --port P [serve_args]`` until the block ends.

    Yields the server's base URL.
    """
    port = free_port()
    process = subprocess.Popen(
        [
            str(SCRIPT),
            *group_args,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *serve_args,
        ],
        env=server_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"apologykit serve exited {process.returncode}:\n{output}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"apologykit serve did not answer within {START_SECONDS}s")
            time.sleep(0.1)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process.stdout:
            process.stdout.close()
