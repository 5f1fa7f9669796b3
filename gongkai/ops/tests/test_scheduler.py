"""Scheduled jobs run by themselves, once per due time, however many servers run the scheduler."""
import datetime as dt
import io
import os
import subprocess
import sys
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.core import clock
from gongkai.ops import scheduler
from gongkai.ops.models import ScheduledJob

ROOT = Path(__file__).resolve().parents[3]
SH = ZoneInfo("Asia/Shanghai")
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=SH)


@pytest.fixture
def counted():
    """A registered interval job that counts its runs; removed afterwards."""
    runs = []
    job = scheduler.Job("test_counted", lambda out: runs.append(1) or out.write("done"), every=dt.timedelta(minutes=5),
                        lease=dt.timedelta(minutes=10))
    scheduler.register(job)
    yield job, runs
    scheduler._registry.pop(job.name, None)
    clock.pin(None)


def test_a_due_job_runs_once_per_due_time(db, counted):
    job, runs = counted
    assert scheduler.run_due(owner="a", now=T0, only={job.name}) == [job.name]
    assert scheduler.run_due(owner="b", now=T0, only={job.name}) == []
    assert scheduler.run_due(owner="b", now=T0 + dt.timedelta(minutes=4), only={job.name}) == []
    assert scheduler.run_due(owner="b", now=T0 + dt.timedelta(minutes=5), only={job.name}) == [job.name]
    row = ScheduledJob.objects.get(name=job.name)
    assert len(runs) == row.runs == 2
    assert row.last_ok is True and row.last_output == "done" and row.lease_owner == ""
    assert row.next_run_at == T0 + dt.timedelta(minutes=10)


def test_the_lease_is_exclusive_until_it_expires(db, counted):
    job, _runs = counted
    assert scheduler.claim(job, owner="server-1", now=T0) is True
    assert scheduler.claim(job, owner="server-2", now=T0) is False
    assert scheduler.claim(job, owner="server-2", now=T0 + dt.timedelta(minutes=9)) is False
    # server-1 died without finishing: after the lease another server takes the job over.
    assert scheduler.claim(job, owner="server-2", now=T0 + dt.timedelta(minutes=11)) is True
    # The dead server's late completion does not overwrite the new owner's lease.
    scheduler.run_job(job, owner="server-1", now=T0)
    assert ScheduledJob.objects.get(name=job.name).lease_owner == "server-2"


def test_a_failing_job_is_recorded_and_the_others_still_run(db, counted):
    job, runs = counted

    def broken(out):
        raise ValueError("数据错误")

    bad = scheduler.Job("test_broken", broken, every=dt.timedelta(minutes=5))
    scheduler.register(bad)
    try:
        ran = scheduler.run_due(owner="a", now=T0, only={job.name, bad.name})
    finally:
        scheduler._registry.pop(bad.name)
    assert sorted(ran) == sorted([job.name, bad.name]) and runs == [1]
    row = ScheduledJob.objects.get(name=bad.name)
    assert row.last_ok is False and "数据错误" in row.last_output
    assert row.next_run_at == T0 + dt.timedelta(minutes=5) and row.lease_until is None


def test_daily_jobs_run_at_their_local_time():
    job = scheduler.Job("x", lambda out: None, daily_at=dt.time(7, 30))
    assert job.next_after(dt.datetime(2026, 3, 2, 7, 0, tzinfo=SH)) == dt.datetime(2026, 3, 2, 7, 30, tzinfo=SH)
    assert job.next_after(dt.datetime(2026, 3, 2, 7, 30, tzinfo=SH)) == dt.datetime(2026, 3, 3, 7, 30, tzinfo=SH)
    assert job.first_due(dt.datetime(2026, 3, 2, 23, 0, tzinfo=SH)) == dt.datetime(2026, 3, 3, 7, 30, tzinfo=SH)
    with pytest.raises(ValueError):
        scheduler.Job("y", lambda out: None)
    with pytest.raises(ValueError):
        scheduler.register(scheduler.Job("foi_daily_digest", lambda out: None, every=dt.timedelta(1)))


def test_commands_are_scheduled_from_settings():
    from gongkai.ops.jobs import _command_job

    daily = _command_job("backup", "02:30")
    assert daily.daily_at == dt.time(2, 30) and daily.every is None
    assert _command_job("escalate_opinions", "every 5").every == dt.timedelta(minutes=5)
    assert _command_job("oversight_refresh_changed", "every 5 minutes").every == dt.timedelta(minutes=5)
    assert _command_job("no_such_command", "02:30") is None


def test_the_product_jobs_are_registered(db):
    names = {j.name for j in scheduler.registered()}
    assert {"foi_daily_digest", "notifications_deliver", "recompute_deadlines"} <= names
    # the sweeps of later apps run too: links, the site inspection, 双公示 expiry, new-media feeds
    assert {"check_links", "site_inspection", "decisions_expire", "newmedia_read_feeds"} <= names
    out = io.StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    assert "foi_daily_digest" in out.getvalue() and "daily 07:30" in out.getvalue()


def test_recompute_job_recomputes_changed_holiday_years(db, monkeypatch):
    from gongkai.ops import jobs
    from gongkai.workdays import recompute
    from gongkai.workdays.models import HolidayYear

    seen = []
    hook = lambda year, actor=None: seen.append(year) or 0  # noqa: E731
    recompute.register(hook)
    try:
        HolidayYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
        jobs.recompute_deadlines(io.StringIO())
        assert seen == [2027]
        ScheduledJob.objects.create(name="recompute_deadlines", next_run_at=clock.now(),
                                    last_finished_at=clock.now() + dt.timedelta(seconds=1))
        jobs.recompute_deadlines(io.StringIO())
        assert seen == [2027]  # nothing changed since the last run
    finally:
        recompute.unregister(hook)


@pytest.mark.django_db(transaction=True)
def test_concurrent_schedulers_in_threads_run_a_job_once(counted):
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: the in-memory SQLite test database is one connection; see the two-process test")
    job, runs = counted
    barrier = threading.Barrier(4)

    def server(name):
        barrier.wait()
        try:
            scheduler.run_due(owner=name, now=T0, only={job.name})
        finally:
            connection.close()

    threads = [threading.Thread(target=server, args=(f"s{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(runs) == 1 and ScheduledJob.objects.get(name=job.name).runs == 1


def test_two_scheduler_processes_on_one_database_run_a_job_once(tmp_path):
    """Two `run_scheduler --once` processes race on a fresh SQLite file: the job runs once."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", GONGKAI_VAR_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="gongkai.settings.base")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(manage + ["migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    procs = [subprocess.Popen(manage + ["run_scheduler", "--once", "--job", "recompute_deadlines"], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert sum(out.count("ran recompute_deadlines") for out, _err in outputs) == 1, outputs
    check = subprocess.run(manage + ["run_scheduler", "--list"], env=env, cwd=ROOT, capture_output=True, text=True)
    assert "recompute_deadlines" in check.stdout and " ok, next " in check.stdout


def test_the_make_run_server_starts_and_stops_the_scheduler(tmp_path):
    """gunicorn with scripts/gunicorn.conf.py (what `make run` starts) runs the scheduler beside its workers."""
    import shutil
    import socket
    import time

    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None or connection.vendor != "sqlite":
        pytest.skip("needs gunicorn; runs once, in the SQLite pass")
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", GONGKAI_VAR_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="gongkai.settings.base", GONGKAI_DEBUG="false", GONGKAI_SECRET_KEY="t" * 50,
               GONGKAI_WORKERS="2", HOST="127.0.0.1")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(manage + ["migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        env["PORT"] = str(s.getsockname()[1])
    server = subprocess.Popen([gunicorn, "-c", str(ROOT / "scripts" / "gunicorn.conf.py"), "gongkai.wsgi"],
                              env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        listed = ""
        for _ in range(600):
            listed = subprocess.run(manage + ["run_scheduler", "--list"], env=env, cwd=ROOT, capture_output=True,
                                    text=True).stdout
            if " ok, next " in listed:
                break
            time.sleep(0.2)
        assert "notifications_deliver" in listed and " ok, next " in listed, listed
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=60)
    assert "scheduler started (pid" in output
    pid = int(output.split("scheduler started (pid ", 1)[1].split(")", 1)[0])
    with pytest.raises(ProcessLookupError):
        for _ in range(100):
            os.kill(pid, 0)  # still there: wait for gunicorn's on_exit to have stopped it
            time.sleep(0.1)


def test_run_soon_makes_a_job_due_at_the_next_tick(db, counted):
    job, runs = counted
    clock.pin(T0)
    assert scheduler.run_due(owner="a", only={job.name}) == [job.name]  # next run: T0 + 5 min
    clock.pin(T0 + dt.timedelta(minutes=1))
    assert scheduler.run_due(owner="a", only={job.name}) == []
    assert scheduler.run_soon(job.name)
    assert scheduler.run_due(owner="b", only={job.name}) == [job.name]  # once, by one server
    assert scheduler.run_due(owner="a", only={job.name}) == []
    assert len(runs) == 2
    assert scheduler.run_soon("no_such_job") is False


def test_run_soon_leaves_a_running_job_alone(db, counted):
    job, runs = counted
    clock.pin(T0)
    assert scheduler.claim(job, owner="a", now=T0)  # running on server a, lease until T0 + 10 min
    due_before = ScheduledJob.objects.get(name=job.name).next_run_at
    assert scheduler.run_soon(job.name)
    assert ScheduledJob.objects.get(name=job.name).next_run_at == due_before
    assert scheduler.run_due(owner="b", only={job.name}) == []
