"""What a reply costs over HTTP, against the same render in-process.

Starts ``apologykit serve --workers N`` on a free 127.0.0.1 port for N in
``--workers`` (default 1 and 2), then for each:

- paced: ``--requests`` POST /v1/replies sent at ``--rate`` requests per
  second (open loop, a few clients), each latency measured from its
  scheduled start, so a slow answer delays none of the measurements;
  p50 and p99 in milliseconds;
- flat out: the same number of requests from ``--clients`` clients, each
  sending its next as soon as the last is answered: requests per second.

In the same run, in-process: the same scenarios rendered with
``kit.render(...).to_dict()`` and dumped as JSON (what the server does per
request besides HTTP), in microseconds per reply. The ratio is the paced p50
over that render.

Goal from issue 11: p99 under 20 ms at 200 req/s on two cores; HTTP overhead
under 1.5x the render itself. The load generator shares the machine's cores
with the server, so the numbers are an upper bound. Nothing is asserted.

    python benchmarks/bench_server.py [--requests 2000] [--rate 200] [--clients 4]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

import apologykit as ak

SCRIPT = Path(sys.executable).parent / "apologykit"
KINDS = ("rude_agent", "delayed_response", "delayed_delivery", "customer_at_fault")
LOCALES = ("ar-SA", "en-GB")


def bodies(count: int) -> list[dict[str, Any]]:
    """``count`` request bodies: the kinds' first examples in Arabic and English, e-mail."""
    examples = [
        ak.scenario_class(kind).examples()[0].model_dump(mode="json", exclude_unset=True)
        for kind in KINDS
    ]
    return [
        {"scenario": examples[n % len(examples)], "locale": LOCALES[n % len(LOCALES)]}
        for n in range(count)
    ]


def in_process_us(requests: list[dict[str, Any]]) -> float:
    """Microseconds per reply: render, to_dict and JSON, as the server does."""
    kit = ak.ReplyKit()
    for body in requests[:50]:  # warm the caches, as a running server's are
        kit.render(body["scenario"], locale=body["locale"])
    start = time.perf_counter()
    for body in requests:
        reply = kit.render(body["scenario"], locale=body["locale"], channel="email")
        json.dumps(reply.to_dict(), ensure_ascii=False)
    return (time.perf_counter() - start) / len(requests) * 1e6


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(workers: int) -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APOLOGYKIT_")}
    process = subprocess.Popen(
        [str(SCRIPT), "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start within a minute")
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def warm(url: str, requests: list[dict[str, Any]]) -> None:
    """Every worker compiles its templates before anything is timed."""
    with httpx.Client(base_url=url, timeout=30) as client:
        for body in requests[:100]:
            client.post("/v1/replies", json=body).raise_for_status()


def paced(url: str, requests: list[dict[str, Any]], rate: float, clients: int) -> list[float]:
    """Latencies (seconds) of requests scheduled at ``rate`` per second, from their schedule."""
    latencies: list[float] = []
    lock = threading.Lock()
    start = time.perf_counter() + 0.2

    def client(offset: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as session:
            for n in range(offset, len(requests), clients):
                due = start + n / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                session.post("/v1/replies", json=requests[n]).raise_for_status()
                with lock:
                    latencies.append(time.perf_counter() - due)

    run_threads(client, clients)
    return latencies


def flat_out(url: str, requests: list[dict[str, Any]], clients: int) -> float:
    """Requests per second when ``clients`` send back to back."""

    def client(offset: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as session:
            for n in range(offset, len(requests), clients):
                session.post("/v1/replies", json=requests[n]).raise_for_status()

    begun = time.perf_counter()
    run_threads(client, clients)
    return len(requests) / (time.perf_counter() - begun)


def run_threads(target: Any, count: int) -> None:
    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=200.0, help="paced requests per second")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    requests = bodies(args.requests)
    render_us = in_process_us(requests)
    print(f"in-process render + to_dict + JSON: {render_us:,.0f} us per reply")
    print(
        f"{args.requests} requests per run; paced at {args.rate:g}/s; flat out with "
        f"{args.clients} clients"
    )
    for workers in args.workers:
        with server(workers) as url:
            warm(url, requests)
            latencies = paced(url, requests, args.rate, args.clients)
            throughput = flat_out(url, requests, args.clients)
        p50 = statistics.median(latencies) * 1e3
        p99 = percentile(latencies, 0.99) * 1e3
        per_request_us = 1e6 / throughput * min(workers, os.cpu_count() or 1)
        print(
            f"--workers {workers}: paced p50 {p50:.1f} ms, p99 {p99:.1f} ms "
            f"(p50 {p50 * 1e3 / render_us:.1f}x the in-process render); flat out "
            f"{throughput:,.0f} req/s, {per_request_us:,.0f} us per request per worker "
            f"({per_request_us / render_us:.1f}x the render)"
        )


if __name__ == "__main__":
    main()
