"""gunicorn settings for `make run` and production: `gunicorn -c scripts/gunicorn.conf.py gongkai.wsgi`.

Environment: HOST and PORT (the address clients use, default 127.0.0.1:8000), GONGKAI_WORKERS
(default 2 × CPU cores + 1, at most 9), GONGKAI_FORWARDED_ALLOW_IPS (the reverse proxy's address,
trusted for X-Forwarded-* headers; default 127.0.0.1), GONGKAI_SCHEDULER (default on: the master
starts `manage.py run_scheduler` beside the workers and stops it on exit; every server may run one —
a database lease lets one of them run each job), GONGKAI_FRONT (`nginx`, as `make run` sets it:
the master also starts a buffering nginx on HOST:PORT and binds gunicorn to 127.0.0.1:
GONGKAI_APP_PORT, default PORT + 10000; `off`, the default here: gunicorn itself on HOST:PORT,
for installations with their own reverse proxy — see docs/deployment.md).

The scheduler and nginx start in `when_ready`, i.e. only once gunicorn holds its port: a server
that cannot bind exits without leaving either behind. Both die with the master even when it is
killed (PR_SET_PDEATHSIG).
"""
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gongkai.ops import front_server  # noqa: E402  (no Django imports)

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
FRONT = os.environ.get("GONGKAI_FRONT", "off").strip().lower() == "nginx"
if FRONT and front_server.nginx_binary() is None:
    # A machine where `make rundeps` could not install nginx (no root, no network): still serve.
    print("!!! nginx is not installed: gunicorn faces the clients directly, and slow clients can hold"
          " its workers (apt-get install nginx-light libnginx-mod-http-headers-more-filter)", file=sys.stderr)
    FRONT = False
APP_PORT = int(os.environ.get("GONGKAI_APP_PORT") or PORT + 10000)

chdir = str(ROOT)
bind = f"127.0.0.1:{APP_PORT}" if FRONT else (f"[{HOST}]:{PORT}" if ":" in HOST else f"{HOST}:{PORT}")
if FRONT:
    # The application sees nginx's address; the client's is the one nginx writes (gongkai.core.clients).
    os.environ.setdefault("GONGKAI_TRUSTED_PROXY_IPS", "127.0.0.1")
workers = int(os.environ.get("GONGKAI_WORKERS") or min(9, multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GONGKAI_WORKER_TIMEOUT", "60"))  # the annual report's PDF may take seconds
graceful_timeout = 30
# Recycle workers now and then (bounded memory over months of uptime), but not during a spike: at
# 1,000 answers/s per worker a limit of 5,000 restarted every worker every few seconds, each restart
# importing the application again and emptying that worker's page cache.
max_requests = int(os.environ.get("GONGKAI_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("GONGKAI_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GONGKAI_ACCESS_LOG") or None
errorlog = "-"
limit_request_line = 8190
control_socket_disable = True  # several servers may share a host; nothing here uses the control socket


def _without_server_header():
    """gunicorn writes `Server: gunicorn` after the application has answered: leave it out."""
    from gunicorn.http import wsgi

    original = wsgi.Response.default_headers
    if getattr(original, "_gongkai", False):
        return

    def default_headers(self):
        return [h for h in original(self) if not h.lower().startswith("server:")]

    default_headers._gongkai = True
    wsgi.Response.default_headers = default_headers


_without_server_header()

_scheduler: subprocess.Popen | None = None
_front: subprocess.Popen | None = None


def _die_with_parent():
    """In the child, before exec: SIGTERM when gunicorn's master dies, however it dies."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _scheduler_wanted() -> bool:
    return os.environ.get("GONGKAI_SCHEDULER", "on").strip().lower() not in {"0", "off", "false", "no"}


def _front_config() -> front_server.Front:
    var = Path(os.environ.get("GONGKAI_VAR_DIR") or ROOT / "var")
    static_root = var / "staticfiles"  # STATIC_ROOT (gongkai/settings/base.py)
    return front_server.Front(host=HOST, port=PORT, upstream_port=APP_PORT, static_root=static_root.resolve(),
                              directory=(var / "front" / str(PORT)).resolve())


def when_ready(server):
    """gunicorn holds its port: start the front server (if any), then the scheduler — once."""
    global _scheduler, _front
    if FRONT and _front is None:
        try:
            _front = front_server.start(_front_config(), preexec_fn=_die_with_parent)
        except RuntimeError as exc:
            server.log.error("%s", exc)
            server.halt(reason=str(exc), exit_status=1)
        server.log.info("nginx in front on http://%s:%s/ (pid %s), gunicorn on %s", HOST, PORT, _front.pid, bind)
    if _scheduler is None and _scheduler_wanted():
        _scheduler = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "run_scheduler"], cwd=ROOT,
                                      preexec_fn=_die_with_parent)
        server.log.info("scheduler started (pid %s)", _scheduler.pid)


def on_exit(server):
    front_server.stop(_front)
    if _scheduler is not None and _scheduler.poll() is None:
        _scheduler.send_signal(signal.SIGTERM)
        try:
            _scheduler.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _scheduler.kill()
