"""A database restart costs no 500 and no wrong message once the database is back (issue 20, item 5).

gunicorn (the `make run` configuration, persistent connections) on a new PostgreSQL database of the
suite's server; instead of restarting that shared server, the test ends the server-side backends of
its own database (`pg_terminate_backend`), which is what a restart or failover does to each
worker's open connection. Without CONN_HEALTH_CHECKS the next request of every worker was a 500,
and a citizen's correct human-check answer was called wrong.
"""
from __future__ import annotations

import os
import re
import secrets

import pytest
from django.db import connection

from .test_two_servers import PASSWORD, Browser, chinese_to_int, database, hidden_fields, manage, server, synthetic_id


def terminate_backends(url: str) -> int:
    """End every server-side backend of the test's own database (not the suite's, not other engineers')."""
    import psycopg

    name = url.rsplit("/", 1)[-1]
    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, user=settings["USER"],
                         password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True) as admin:
        rows = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = %s AND pid <> pg_backend_pid()", [name]).fetchall()
    return len(rows)


def intake_form(browser: Browser, port: int, n: int) -> dict:
    status, _h, page = browser.request(port, "GET", "/requests/new/sx-jc-zz/")
    assert status == 200, status
    a, op, b = re.search(r"([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)", page).groups()
    x, y = chinese_to_int(a), chinese_to_int(b)
    form = hidden_fields(page)
    form.update({
        "answer": str(x + y if op == "加" else x - y),
        "applicant_type": "natural", "applicant_name": "测试申请人", "id_document_type": "id_card",
        "id_number": synthetic_id(n), "phone": "13800000000", "description": f"数据库重启测试申请第{n}件",
        "info_form": "electronic", "delivery": "online",
    })
    return form


@pytest.mark.django_db
def test_a_database_restart_costs_no_500_and_no_wrong_human_check_answer():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: ends the server-side backends of the workers' persistent connections")
    with database() as (url, tmp):
        env = dict(os.environ, DATABASE_URL=url, GONGKAI_VAR_DIR=str(tmp), GONGKAI_DEBUG="false",
                   GONGKAI_SECRET_KEY=secrets.token_urlsafe(40), GONGKAI_DEMO_PASSWORD=PASSWORD,
                   GONGKAI_ALLOWED_HOSTS="127.0.0.1", GONGKAI_DB_CONN_MAX_AGE="600", GONGKAI_FRONT="off",
                   DJANGO_SETTINGS_MODULE="gongkai.settings.base")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo", "--no-catalog")
        with server(env, "gongkai.settings.base") as port:
            visitor = Browser()
            for _ in range(8):  # both workers hold a connection
                assert visitor.request(port, "GET", "/requests/")[0] == 200
            assert terminate_backends(url) >= 1
            statuses = [visitor.request(port, "GET", "/requests/")[0] for _ in range(8)]
            assert statuses == [200] * 8

            # The citizen fetched the form; the database restarts; the correct answer is accepted.
            citizen = Browser()
            for n in range(3):
                form = intake_form(citizen, port, n + 1)
                assert terminate_backends(url) >= 1
                status, headers, body = citizen.request(port, "POST", "/requests/new/sx-jc-zz/", form)
                assert status == 302, (status, re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', body, re.S))
