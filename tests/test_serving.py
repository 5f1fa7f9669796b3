"""The server `make run` starts (scripts/gunicorn.conf.py, gongkai/ops/front_server.py).

Issue 20: item 4 (slow clients must not stall the site: a buffering nginx in front), item 8 (a
server that cannot bind its port leaves no scheduler behind), item 10 (no `Server` header).
These start real processes on free local ports; nginx comes from Debian (`make rundeps`).
"""
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
needs_nginx = pytest.mark.skipif(
    not any(os.access(p, os.X_OK) for p in ("/usr/sbin/nginx", "/usr/bin/nginx")),
    reason="needs Debian's nginx-light (installed by `make rundeps`/`make sysdeps`)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(tmp_path, marker, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL"))}
    env.update(GONGKAI_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               GONGKAI_DEBUG="false", GONGKAI_SECRET_KEY="s3rv1ng-t3st-" * 5, GONGKAI_WORKERS="1",
               GONGKAI_TEST_MARKER=marker, HOST="127.0.0.1", **extra)
    return env


def processes_with(marker: str) -> list[int]:
    """Processes still alive that inherited the test's marker (the scheduler, nginx)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if f"GONGKAI_TEST_MARKER={marker}".encode() in (entry / "environ").read_bytes():
                    status = (entry / "status").read_text()
                    if "State:\tZ" not in status:
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


def start(env) -> subprocess.Popen:
    return subprocess.Popen([str(GUNICORN), "-c", "scripts/gunicorn.conf.py", "gongkai.wsgi"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        process.terminate()
    try:
        out, _ = process.communicate(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out


def get(port: int, path: str, timeout: float = 10) -> tuple[int, dict, float]:
    import http.client

    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, time.monotonic() - started


@pytest.mark.parametrize("front", ["off", pytest.param("nginx", marks=needs_nginx)])
def test_a_server_that_cannot_bind_leaves_no_scheduler_behind(tmp_path, front):
    marker = uuid.uuid4().hex
    with socket.socket() as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = environment(tmp_path, marker, PORT=str(port), GONGKAI_SCHEDULER="on", GONGKAI_FRONT=front,
                          GONGKAI_APP_PORT=str(port if front == "off" else free_port()))
        process = start(env)
        try:
            process.wait(timeout=60)
        finally:
            out = stop(process)
    assert process.returncode != 0, out
    assert "scheduler started" not in out
    time.sleep(0.5)
    assert processes_with(marker) == [], out


@needs_nginx
def test_the_scheduler_and_nginx_stop_with_the_server(tmp_path):
    marker = uuid.uuid4().hex
    port = free_port()
    process = start(environment(tmp_path, marker, PORT=str(port), GONGKAI_FRONT="nginx", GONGKAI_SCHEDULER="on",
                                GONGKAI_APP_PORT=str(free_port())))
    try:
        wait_for(port)
        deadline = time.monotonic() + 30
        while len(processes_with(marker)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(processes_with(marker)) >= 3  # gunicorn's master and worker, the scheduler (nginx clears its env)
        nginx_pid = int((tmp_path / "front" / str(port) / "nginx.pid").read_text())
        assert Path(f"/proc/{nginx_pid}").exists()
    finally:
        out = stop(process)
    assert "scheduler started" in out and "nginx in front" in out
    deadline = time.monotonic() + 20
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_with(marker) == [], out
    assert not Path(f"/proc/{nginx_pid}").exists() or "State:\tZ" in Path(f"/proc/{nginx_pid}/status").read_text()


def slow_clients(port: int, count: int) -> list[socket.socket]:
    """Clients that send the first bytes of a request and then nothing (one byte a second at best)."""
    sockets = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /api/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        sockets.append(s)
    return sockets


@needs_nginx
def test_slow_clients_do_not_stall_the_site_and_no_server_header(tmp_path):
    """One worker, six clients holding connections open: the page still answers at once."""
    marker = uuid.uuid4().hex
    port = free_port()
    static = tmp_path / "staticfiles" / "portal"
    static.mkdir(parents=True)
    (static / "site.css").write_text("body { color: #222; }\n")
    process = start(environment(tmp_path, marker, PORT=str(port), GONGKAI_FRONT="nginx", GONGKAI_SCHEDULER="off",
                                GONGKAI_APP_PORT=str(free_port())))
    held = []
    try:
        wait_for(port)
        status, headers, _ = get(port, "/api/openapi.json")
        assert status == 200 and "server" not in headers
        held = slow_clients(port, 6)
        time.sleep(0.5)
        status, headers, seconds = get(port, "/api/openapi.json", timeout=10)
        assert status == 200 and seconds < 5
        assert "server" not in headers
        static = get(port, "/static/portal/site.css")  # served by nginx itself, from the private var/
        assert static[0] == 200 and "server" not in static[1] and static[1]["x-content-type-options"] == "nosniff"
    finally:
        for s in held:
            s.close()
        stop(process)


def test_bare_gunicorn_sends_no_server_header(tmp_path):
    marker = uuid.uuid4().hex
    port = free_port()
    process = start(environment(tmp_path, marker, PORT=str(port), GONGKAI_FRONT="off", GONGKAI_SCHEDULER="off"))
    try:
        wait_for(port)
        status, headers, _ = get(port, "/api/openapi.json")
        assert status == 200 and "server" not in headers
    finally:
        stop(process)
