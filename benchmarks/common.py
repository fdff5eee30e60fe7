"""Helpers for the benchmark scripts in this folder.

A benchmark script defines `main()`; `benchmarks/run.py` runs them all. The usual shape:

    from common import demo_database, gunicorn, measure, print_table

    def main():
        with demo_database() as env, gunicorn(env) as server:
            baseline = measure(server, "/bench/bare/")
            print_table("My page", baseline, [measure(server, "/my-page/")])

Everything runs on 127.0.0.1: gunicorn with two sync workers and
`samverka.settings.bench` (production-like, with a bare view at /bench/bare/),
a temporary SQLite database prepared with `migrate` and `seed_demo`, and a
bounded load loop (a fixed number of requests and a time cap) from a few threads.
These are scripts that print figures, not timed tests: the numbers depend on
the machine, so compare a page with the bare view measured in the same run.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BARE = "/bench/bare/"


@dataclass(frozen=True)
class Server:
    base_url: str
    host: str
    port: int
    env: dict


@dataclass(frozen=True)
class Result:
    path: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str, quiet: bool = True) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL if quiet else None,
    )


@contextmanager
def demo_database(**extra_env: str) -> Iterator[dict]:
    """A temporary SQLite database with the demo data; yields the environment for it.

    With SAMVERKA_BENCH_DATABASE_URL set (a database already migrated and seeded with
    the demo, e.g. by an earlier run), that one is used as it is: preparing the demo
    takes minutes on a busy machine.
    """
    reuse = os.environ.get("SAMVERKA_BENCH_DATABASE_URL")
    if reuse:
        yield {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "samverka.settings.bench",
            "DATABASE_URL": reuse,
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
        return
    tmp = tempfile.mkdtemp(prefix="samverka-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samverka.settings.bench",
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "MEDIA_ROOT": f"{tmp}/media",
        "PYTHONUNBUFFERED": "1",
        **extra_env,
    }
    try:
        print("Preparing a temporary database with the demo data …", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed_demo", "--quiet-logins")
        yield env
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def gunicorn(env: dict, workers: int = 2, **extra_env: str) -> Iterator[Server]:
    """gunicorn serving `samverka.wsgi` on a free loopback port, until the block ends."""
    port = free_port()
    server_env = {**env, **extra_env}
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "samverka.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=server_env,
        cwd=ROOT,
    )
    server = Server(f"http://127.0.0.1:{port}", "127.0.0.1", port, server_env)
    try:
        _wait_until_up(server, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(server: Server, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with exit status {process.returncode}")
        try:
            if _get(server, BARE)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {server.base_url}")


def _get(server: Server, path: str, headers: dict | None = None) -> tuple[int, int]:
    # A new connection per request: gunicorn's sync workers close it after each response.
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def measure(
    server: Server,
    path: str,
    *,
    requests: int = 1500,
    concurrency: int = 4,
    time_cap: float = 20.0,
    warmup: int = 20,
    expect: int = 200,
    headers: dict | None = None,
) -> Result:
    """GET `path` `requests` times from `concurrency` threads, stopping early at
    `time_cap` seconds; a response other than `expect` counts as an error."""
    for _ in range(warmup):
        _get(server, path, headers)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + time_cap

    def worker() -> None:
        nonlocal issued, errors
        while True:
            with lock:
                if issued >= requests or time.monotonic() > deadline:
                    return
                issued += 1
            began = time.perf_counter()
            try:
                status, _size = _get(server, path, headers)
                ok = status == expect
            except OSError:
                ok = False
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else []
    return Result(
        path=path,
        requests=len(latencies),
        errors=errors,
        seconds=seconds,
        p50_ms=(cuts[49] if cuts else latencies[0]) * 1000,
        p95_ms=(cuts[94] if cuts else latencies[0]) * 1000,
    )


def print_table(title: str, baseline: Result, results: list[Result], labels=None) -> None:
    """The measured URLs next to the bare view from the same run, and their ratio."""
    labels = labels or {}
    print(f"\n{title}")
    header = (
        f"{'URL':<28} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
        f"  {'req/s vs bare':>13}  {'p50 vs bare':>11}"
    )
    print(header)
    print("-" * len(header))
    for result in [baseline, *results]:
        label = labels.get(result.path, result.path)
        if result is baseline:
            ratio_rps, ratio_p50 = "(baseline)", ""
        else:
            ratio_rps = f"{result.rps / baseline.rps:.2f}×" if baseline.rps else "-"
            ratio_p50 = f"{result.p50_ms / baseline.p50_ms:.1f}×" if baseline.p50_ms else "-"
        print(
            f"{label:<28} {result.requests:>8} {result.errors:>6} {result.rps:>8.1f}"
            f" {result.p50_ms:>8.1f} {result.p95_ms:>8.1f}  {ratio_rps:>13}  {ratio_p50:>11}"
        )
