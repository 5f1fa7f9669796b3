"""gunicorn settings for `make run` and production: `gunicorn -c scripts/gunicorn.conf.py gongkai.wsgi`.

Environment: HOST and PORT (bind address, default 127.0.0.1:8000), GONGKAI_WORKERS (default
2 × CPU cores + 1, at most 9), GONGKAI_FORWARDED_ALLOW_IPS (the reverse proxy's address, trusted
for X-Forwarded-* headers; default 127.0.0.1), GONGKAI_SCHEDULER (default on: the master starts
`manage.py run_scheduler` beside the workers and stops it on exit; every server may run one —
a database lease lets one of them run each job).
"""
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

chdir = str(ROOT)
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
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

_scheduler: subprocess.Popen | None = None


def _scheduler_wanted() -> bool:
    return os.environ.get("GONGKAI_SCHEDULER", "on").strip().lower() not in {"0", "off", "false", "no"}


def on_starting(server):
    global _scheduler
    if _scheduler_wanted():
        _scheduler = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "run_scheduler"], cwd=ROOT)
        server.log.info("scheduler started (pid %s)", _scheduler.pid)


def on_exit(server):
    if _scheduler is not None and _scheduler.poll() is None:
        _scheduler.send_signal(signal.SIGTERM)
        try:
            _scheduler.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _scheduler.kill()
