"""A normal page's latency while slow clients hold connections open (issue 20, item 4).

    .venv/bin/python bench/bench_slow_clients.py [--slow 50] [--requests 20] [--port 8106] [--no-compare]

Starts the server the way `make run` does (scripts/gunicorn.conf.py with GONGKAI_FRONT=nginx: nginx
in front, sync gunicorn workers behind it, debug off, persistent connections; the scheduler off)
on the worktree's database (`make demo` fills it) and measures GET / (the public home page):

1. baseline: `--requests` sequential requests, no slow client;
2. the same while `--slow` clients each send one byte of a request header per second;
3. unless `--no-compare`: the server as `make run` shipped it before (GONGKAI_FRONT=off: gunicorn's
   sync workers facing the clients) with the same slow clients, each request given 3 s.

Printed: median, 95th percentile and maximum latency of each, the ratio to the baseline, and the
requests that did not answer within their time limit.
"""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def start_server(port: int, front: str, workers: int) -> subprocess.Popen:
    key = subprocess.run([sys.executable, "scripts/secret_key.py"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), GONGKAI_FRONT=front, GONGKAI_DEBUG="false",
               GONGKAI_SECRET_KEY=key, GONGKAI_DB_CONN_MAX_AGE="60", GONGKAI_SCHEDULER="off",
               GONGKAI_WORKERS=str(workers))
    process = subprocess.Popen([str(GUNICORN), "-c", "scripts/gunicorn.conf.py", "gongkai.wsgi"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"the server exited (status {process.returncode}): is port {port} or "
                                 f"{port + 10000} in use?")
            try:
                if get(port, timeout=5) is not None:
                    return process
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("the server did not answer within 60 s (has `make demo` been run?)")
    except BaseException:
        process.terminate()
        process.wait(timeout=60)
        raise


def get(port: int, path: str = "/", timeout: float = 10) -> float | None:
    """Seconds for one complete answer, None if it did not come within `timeout`."""
    started = time.monotonic()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        connection.close()
    except (TimeoutError, socket.timeout, ConnectionError):
        return None
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}")
    return time.monotonic() - started


class SlowClients:
    """`count` connections sending a request header one byte a second, from one thread."""

    def __init__(self, port: int, count: int):
        self.port, self.count = port, count
        self.sockets: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def __enter__(self):
        for _ in range(self.count):
            s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            s.setblocking(False)
            self.sockets.append(s)
        self.thread.start()
        time.sleep(1.5)  # every connection has been accepted and sent its first bytes
        return self

    def run(self):
        header = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 10_000
        position = 0
        while not self.stopping.is_set():
            for s in self.sockets:
                try:
                    s.send(header[position:position + 1])
                except OSError:
                    pass
            position = (position + 1) % len(header)
            self.stopping.wait(1.0)

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()
        for s in self.sockets:
            s.close()


def measure(port: int, requests: int, timeout: float) -> tuple[list[float], int]:
    times, missed = [], 0
    for _ in range(requests):
        seconds = get(port, timeout=timeout)
        if seconds is None:
            missed += 1
        else:
            times.append(seconds)
    return times, missed


def summary(label: str, times: list[float], missed: int, baseline: float | None) -> None:
    if times:
        ordered = sorted(times)
        median = statistics.median(ordered)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        ratio = f"  ×{median / baseline:.2f} of baseline median" if baseline else ""
        print(f"{label:58} median {median * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  max {ordered[-1] * 1000:7.1f} ms"
              f"  no answer {missed}/{len(times) + missed}{ratio}")
    else:
        print(f"{label:58} no answer to any of {missed} requests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--no-compare", action="store_true")
    args = parser.parse_args()

    print(f"server as `make run` starts it (nginx in front, {args.workers} sync workers), port {args.port}")
    server = start_server(args.port, "nginx", args.workers)
    try:
        for _ in range(3 * args.workers):  # warm every worker
            get(args.port)
        times, missed = measure(args.port, args.requests, timeout=10)
        baseline = statistics.median(times)
        summary("baseline, no slow client", times, missed, None)
        with SlowClients(args.port, args.slow):
            times, missed = measure(args.port, args.requests, timeout=10)
        summary(f"with {args.slow} slow clients", times, missed, baseline)
        worst = max(times) if times else float("inf")
        print(f"  → {'OK' if missed == 0 and worst < 1.0 else 'FAIL'}: every page within 1 s while "
              f"{args.slow} slow clients are connected (worst {worst * 1000:.0f} ms)")
    finally:
        server.terminate()
        server.wait(timeout=60)
    if args.no_compare:
        return
    print(f"for comparison: gunicorn's {args.workers} sync workers facing the clients (GONGKAI_FRONT=off, "
          "as `make run` served before)")
    server = start_server(args.port, "off", args.workers)
    try:
        for _ in range(3 * args.workers):
            get(args.port)
        times, missed = measure(args.port, args.requests, timeout=10)
        bare = statistics.median(times)
        summary("baseline, no slow client", times, missed, None)
        with SlowClients(args.port, args.slow):
            times, missed = measure(args.port, max(3, args.requests // 4), timeout=3)
        summary(f"with {args.slow} slow clients (3 s allowed per request)", times, missed, bare)
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
