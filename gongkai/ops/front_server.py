"""The buffering front server `make run` puts before gunicorn (docs/deployment.md §1).

gunicorn's sync workers serve one connection each: a client sending one byte a second holds a
worker for as long as it likes, and eight of them stalled the whole site. nginx (Debian's
`nginx-light`) takes the connections instead: it reads each request completely before handing it to
gunicorn and takes the answer off gunicorn at once, so a worker is only ever busy computing. It
also serves `/static/` from STATIC_ROOT and drops the `Server` header.

This module has no Django imports: scripts/gunicorn.conf.py uses it in gunicorn's master process.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

HEADERS_MORE = Path("/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


@dataclass(frozen=True)
class Front:
    host: str            # what the clients connect to (HOST)
    port: int            # PORT
    upstream_port: int   # gunicorn on 127.0.0.1
    static_root: Path
    directory: Path      # var/front/<port>/: configuration, pid, temporary files, error log
    max_body_bytes: int = 26 * 1024 * 1024

    @property
    def config_path(self) -> Path:
        return self.directory / "nginx.conf"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def _listen(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def render(front: Front) -> str:
    d = front.directory
    lines = []
    if HEADERS_MORE.exists():
        lines.append(f"load_module {HEADERS_MORE};")
    if os.geteuid() == 0:
        # Started by root (gunicorn, and so Django, run as root too): nginx's workers would otherwise
        # switch to an unprivileged user who may not enter the checkout (e.g. under /root, mode 700)
        # to read static files or buffer request bodies. Run the service as a normal user instead.
        lines.append("user root;")
    lines += [
        "worker_processes 1;",
        "daemon off;",
        f"pid {d / 'nginx.pid'};",
        f"error_log {d / 'error.log'} warn;",
        "events { worker_connections 4096; }",
        "http {",
        f"  include {MIME_TYPES};" if MIME_TYPES.exists() else "  types { text/css css; application/javascript js; }",
        "  default_type application/octet-stream;",
        "  access_log off;",
        "  server_tokens off;",
        "  more_clear_headers Server;" if HEADERS_MORE.exists() else "",
        *(f"  {name}_temp_path {d / name};" for name in TEMP_DIRS),
        "  sendfile on;",
        # Slow clients: nginx waits for them (cheaply), never gunicorn; a client that stalls is dropped.
        "  client_header_timeout 15s;",
        "  client_body_timeout 30s;",
        "  send_timeout 30s;",
        "  keepalive_timeout 15s;",
        "  large_client_header_buffers 4 16k;",
        f"  client_max_body_size {front.max_body_bytes};",
        "  client_body_buffer_size 1m;",
        "  gzip on;",
        "  gzip_types text/css application/javascript application/json image/svg+xml;",
        f"  upstream gongkai {{ server 127.0.0.1:{front.upstream_port}; keepalive 16; }}",
        "  server {",
        f"    listen {_listen(front.host, front.port)};",
        "    location /static/ {",
        f"      alias {front.static_root}/;",
        "      expires 7d;",
        "      add_header X-Content-Type-Options nosniff;",
        "    }",
        "    location / {",
        "      proxy_pass http://gongkai;",
        "      proxy_http_version 1.1;",
        '      proxy_set_header Connection "";',
        "      proxy_set_header Host $http_host;",
        # The first hop: replace whatever the client wrote (gongkai.core.clients trusts 127.0.0.1).
        "      proxy_set_header X-Forwarded-For $remote_addr;",
        "      proxy_set_header X-Forwarded-Proto $scheme;",
        "      proxy_request_buffering on;",
        "      proxy_buffering on;",
        "      proxy_read_timeout 120s;",
        "      proxy_hide_header Server;",
        "    }",
        "  }",
        "}",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def write(front: Front) -> Path:
    front.directory.mkdir(parents=True, exist_ok=True)
    for name in TEMP_DIRS:
        (front.directory / name).mkdir(exist_ok=True)
    front.config_path.write_text(render(front), encoding="utf-8")
    return front.config_path


def start(front: Front, *, wait: float = 15, preexec_fn=None) -> subprocess.Popen:
    """Start nginx in the foreground (as a child of the caller) and wait until it holds its port
    (nginx writes its pid file after binding); raise RuntimeError if it cannot start (port in use,
    missing binary), with nginx's own message."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx-light)")
    write(front)
    pid_file = front.directory / "nginx.pid"
    pid_file.unlink(missing_ok=True)
    process = subprocess.Popen([binary, "-p", str(front.directory), "-c", str(front.config_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=preexec_fn)
    deadline = time.monotonic() + wait
    while not pid_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process, timeout=2)
            message = process.stderr.read().decode(errors="replace").strip()
            raise RuntimeError(f"nginx could not start: {message}")
        time.sleep(0.05)
    return process


def stop(process: subprocess.Popen | None, timeout: float = 10) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGQUIT)  # graceful: finish the answers under way
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
