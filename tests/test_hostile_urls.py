"""Walk every URL pattern with plausible and hostile values; no request may answer 500.

The urlconf is resolved at test time, so URLs added later are walked too. Each path parameter is
given a plausible value taken from the demo data (so views get past their 404) and hostile ones
(NUL, out-of-range numbers, long strings); each URL is requested with GET and hostile query
strings, anonymously and as staff, and POSTed hostile form bodies, JSON and foreign charsets.
"""
from __future__ import annotations

import re
import warnings
import urllib.parse
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

import gongkai

pytestmark = pytest.mark.django_db(transaction=False)

SOURCE = Path(gongkai.__file__).parent
HUGE = "9" * 20
NUL = "\x00"
HOSTILE_STR = [NUL, "abc" + NUL, "a" * 400, "'\"<x>;--", "../../etc/passwd", "-1", HUGE, "\u202e\u200b"]
HOSTILE_INT = ["0", HUGE, "9" * 40]
# Values every scalar query or form parameter is also tried with.
HOSTILE_VALUES = ["abc", "-5", "99999", HUGE, "1" + NUL, "２０２５\ufeff"]


def _names_in_source() -> set[str]:
    """Every parameter name the code reads from GET/POST (so new parameters are walked too)."""
    names = {"page", "year", "month", "q", "pk", "id", "legal_basis", "entry", "organisation", "catalog_key",
             "status", "version", "number", "secret", "next", "sort", "org", "unit", "kind", "scheme"}
    pattern = re.compile(r"""(?:GET|POST|QUERY_PARAMS|query_params)(?:\.get|\.getlist|\[)\(?\s*["']([\w-]+)["']""")
    for file in SOURCE.rglob("*.py"):
        if "/tests/" in str(file) or "/migrations/" in str(file):
            continue
        names.update(pattern.findall(file.read_text(encoding="utf-8")))
    return names


def _form_field_names() -> set[str]:
    from django import forms

    import importlib

    for file in SOURCE.glob("*/forms.py"):
        importlib.import_module(f"gongkai.{file.parent.name}.forms")
    names, todo = set(), [forms.Form, forms.ModelForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        names.update(getattr(cls, "base_fields", {}).keys())
    return names


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


_GROUP = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>(?P<body>[^)]*)\)")


def _fill(route: str, values: dict[str, str]) -> str | None:
    """Substitute values into a route (path() or re_path() syntax); None when it cannot be built."""

    def sub(match):
        name = match.group("name") or match.group("rname")
        if match.group("rname") and name not in values:
            alternatives = match.group("body").split("|")
            if all(re.fullmatch(r"[\w-]+", a) for a in alternatives):
                return alternatives[0]
        return urllib.parse.quote(values.get(name, "1"), safe="")

    path = _GROUP.sub(sub, route)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\.", ".").replace("\\/", "/")
    if re.search(r"[()\[\]*+?\\]", path):
        return None
    return "/" + path


def _params(route: str) -> list[tuple[str, str]]:
    return [(m.group("name") or m.group("rname"), m.group("conv") or ("str" if m.group("name") else "re"))
            for m in _GROUP.finditer(route)]


@pytest.fixture
def world(tree, seed_templates):
    """Demo data through the real commands, plus one disclosure request with a letter."""
    import datetime as dt

    from gongkai.foi.tests import factories as foi_factories

    orgs, users = tree
    call_command("load_demo", stdout=open("/dev/null", "w"))
    try:
        with transaction.atomic():  # records demo data makes record URLs reach their views
            call_command("load_records_demo", stdout=open("/dev/null", "w"))
    except Exception as exc:  # noqa: BLE001 - the walk still runs, record ids then answer 404
        warnings.warn(f"records demo not loaded: {exc!r}")
    req, secret = foi_factories.submitted(orgs["sx-jc-zz"], day=dt.date(2025, 3, 3))
    return orgs, users, req


def _plausible(world) -> dict[str, list[str]]:
    from gongkai.catalog.models import Catalog, CatalogItem
    from gongkai.records.models import Record

    orgs, users, req = world
    record = Record.objects.order_by("pk").first()
    catalog = Catalog.objects.filter(organisation__isnull=False).order_by("pk").first() or Catalog.objects.first()
    item = CatalogItem.objects.order_by("pk").first()
    first = {
        "org_code": "sx-jc-zz", "code": "sx-jc-zz", "organisation": "sx-jc-zz", "number": req.tracking_number,
        "catalog_id": str(catalog.pk), "record_id": str(record.pk if record else 1), "year": "2025",
        "version": "1", "ext": "pdf", "domain": catalog.domain, "item_id": str(item.pk), "key": item.key
        if hasattr(item, "key") else "1",
    }
    return first


def _responses(client, method, path, **kwargs):
    response = getattr(client, method)(path, **kwargs)
    return response.status_code


def test_every_url_survives_hostile_input(world):
    orgs, users, req = world
    plausible = _plausible(world)
    query_names = sorted(_names_in_source())
    form_names = sorted(_form_field_names() | set(query_names))
    anonymous, staff = Client(), Client()
    staff_user, admin_user = users["zz_office"], users["sx_admin"]
    failures, walked = [], 0

    def hit(client, user, method, path, **kwargs):
        try:
            # A savepoint per request: one failure (on PostgreSQL an aborted transaction) is reported
            # on its own instead of breaking every later request.
            with transaction.atomic():
                status = getattr(client, method)(path, **kwargs).status_code
        except Exception as exc:  # the test client re-raises view exceptions
            failures.append((method, path, repr(kwargs)[:200], f"{type(exc).__name__}: {exc}"[:300]))
            return
        finally:
            if method == "post" and user is not None:
                client.force_login(user)  # a POST may have signed out
        if status >= 500:
            failures.append((method, path, repr(kwargs)[:200], status))

    hostile_query = [urllib.parse.urlencode({name: value for name in query_names}) for value in HOSTILE_VALUES]
    staff.force_login(staff_user)
    for route, entry in _patterns():
        params = _params(route)
        base = _fill(route, {name: plausible.get(name, "1") for name, _conv in params})
        if base is None:
            continue
        try:
            resolve(urllib.parse.unquote(base).split("?")[0])
        except Resolver404:
            continue
        walked += 1
        # Django's own admin is walked more lightly: one hostile value per parameter, fewer bodies.
        admin_route = route.startswith("admin/")
        paths = [base]
        for name, conv in params:
            values = HOSTILE_INT if conv == "int" else HOSTILE_STR
            for value in (values[:2] if admin_route else values):
                paths.append(_fill(route, {**{n: plausible.get(n, "1") for n, _c in params}, name: value}))
        signed_in = admin_user if admin_route else staff_user
        staff.force_login(signed_in)
        for client, user in ((anonymous, None), (staff, signed_in)):
            for path in paths:
                if path:
                    hit(client, user, "get", path)
            for query in (hostile_query[:2] if admin_route else hostile_query):
                hit(client, user, "get", base + "?" + query)
            for value in (("abc",) if admin_route else ("abc", "-5", HUGE, NUL, "x" * 6000)):
                hit(client, user, "post", base, data={name: value for name in form_names})
            if admin_route:
                continue
            hit(client, user, "post", base, data=b"a=%ED%A0%80&b=%FF%FE", content_type="application/x-www-form-urlencoded")
            hit(client, user, "post", base, data="description=测试",  # the client encodes it as UTF-16
                content_type="application/x-www-form-urlencoded; charset=utf-16")
            hit(client, user, "post", base, data=b'{"secret": "\\ud800", "x": "\\u0000"}',
                content_type="application/json")
            hit(client, user, "post", base, data=b"\xff\xfe{", content_type="application/json")
    assert walked > 60, walked
    distinct = {}
    for failure in failures:
        distinct.setdefault(str(failure[3])[:120], failure)
    assert not failures, "\n".join(map(str, list(distinct.values())[:40])) + f"\n… {len(failures)} in all"
