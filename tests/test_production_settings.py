"""Production settings from the environment: `check --deploy` is clean, HTTPS flags, CSP without
inline script, no-store on private pages, no Server banner."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
# The documented production variables (docs/security.md).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "gongkai.settings.production",
    "GONGKAI_SECRET_KEY": "k3-4x!q9_zT" * 6,
    "GONGKAI_ALLOWED_HOSTS": "gongkai.example.gov.cn",
    "GONGKAI_TRUSTED_PROXY_IPS": "10.0.0.0/24",
}


def _production(tmp_path, *args, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update(PRODUCTION_ENV, **extra, GONGKAI_VAR_DIR=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_check_deploy_reports_nothing_with_the_documented_variables(tmp_path):
    result = _production(tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_turns_on_https_cookies_hsts_and_redirect(tmp_path):
    code = ("import django, json; django.setup(); from django.conf import settings as s; print(json.dumps({k: "
            "getattr(s, k) for k in ('DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT',"
            " 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER')}, default=list))")
    result = _production(tmp_path, "-c", code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


HSTS_CODE = ("import django; django.setup(); from django.conf import settings as s; "
             "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)")


def test_hsts_preload_is_off_unless_asked_for(tmp_path):
    """Preloading cannot be undone quickly: off by default, one setting turns it on."""
    default = _production(tmp_path, "-c", HSTS_CODE)
    assert default.returncode == 0, default.stderr
    assert default.stdout.split()[-3:] == ["31536000", "True", "False"]
    chosen = _production(tmp_path, "-c", HSTS_CODE, GONGKAI_HSTS_PRELOAD="true")
    assert chosen.stdout.split()[-3:] == ["31536000", "True", "True"]



def test_pages_carry_a_csp_that_forbids_inline_script(db):
    response = Client().get("/requests/")
    policy = response["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'self'" in script and "unsafe-inline" not in script and "unsafe-eval" not in script
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for template in (ROOT / "gongkai").rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag and "application/ld+json" not in tag:
                offenders.append(f"{template.relative_to(ROOT)}: {tag}")
        for handler in re.findall(r"<[^>]*\son[a-z]+\s*=", text):
            offenders.append(f"{template.relative_to(ROOT)}: {handler[:80]}")
    assert not offenders, "\n".join(offenders)


@pytest.fixture
def filed(tree, settings):
    import datetime as dt

    from gongkai.foi.tests.factories import submitted

    settings.FOI_HUMAN_CHECK = False
    req, secret = submitted(tree[0]["sx-jc-zz"], day=dt.date(2026, 3, 2))
    return tree, req, secret


def test_pages_with_query_codes_or_personal_data_are_not_stored(filed):
    tree, req, secret = filed
    citizen = Client()
    response = citizen.post("/requests/track/", {"number": req.tracking_number, "secret": secret})
    assert "no-store" in response["Cache-Control"]
    status = citizen.get(response["Location"])
    assert status.status_code == 200 and "no-store" in status["Cache-Control"]
    office = Client()
    office.force_login(tree[1]["zz_office"])
    detail = office.get(f"/office/requests/{req.pk}/")
    assert detail.status_code == 200 and "no-store" in detail["Cache-Control"]


def test_public_pages_stay_cacheable(db):
    response = Client().get("/records/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_server_banner_is_dropped():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from gongkai.core.middleware import PrivatePagesMiddleware

    def view(request):
        response = HttpResponse("ok")
        response["Server"] = "WSGIServer/0.2 CPython/3.11"
        return response

    request = RequestFactory().get("/")
    assert "Server" not in PrivatePagesMiddleware(view)(request)


SCHEME_CODE = (
    "import django; django.setup(); from django.conf import settings as s; from django.test import Client; "
    "print(s.MIDDLEWARE[0]); "
    "c = Client(raise_request_exception=False, REMOTE_ADDR='{remote}', HTTP_X_FORWARDED_PROTO='https', HTTP_HOST='gongkai.example.gov.cn'); "
    "r = c.get('/robots.txt'); print('status', r.status_code, r.get('Location', '-'))"
)


@pytest.mark.parametrize("remote, believed", [("10.0.0.7", True), ("203.0.113.9", False), ("127.0.0.1", False)])
def test_x_forwarded_proto_is_believed_only_from_a_trusted_proxy(tmp_path, remote, believed):
    """A client that reaches the application server directly cannot pass as HTTPS by sending the
    header: only the configured proxies (10.0.0.0/24 here) are believed; everyone else is redirected."""
    result = _production(tmp_path, "-c", SCHEME_CODE.format(remote=remote))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert "gongkai.core.clients.UntrustedForwardingMiddleware" in lines
    status = lines[-1].split()
    if believed:
        assert status[1] != "301", status
    else:
        assert status[1] == "301" and status[2].startswith("https://"), status
