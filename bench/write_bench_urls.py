"""The application's URLs plus the baselines of bench/bench_write_path.py, and the former invalidation.

* ``POST /bench/insert/``: a bare view inserting one row (table ``bench_row``) — the baseline.
* ``POST /bench/sequence/``: the same insert after ``core.sequence.next_value()`` on ONE shared
  counter, in one transaction — what the counter's row lock costs.
* ``POST /bench/sequence-old/``: the same with the former allocator (SELECT … FOR UPDATE, then UPDATE).

With ``GONGKAI_BENCH_INVALIDATION=old`` this module (imported by every worker before its first
request) puts back the page-cache invalidation as it was before the one side-effect path: a
``post_save``/``post_delete`` receiver on every public model and on ``AuditEvent`` that rewrites the
shared generation row INSIDE the writer's transaction, plus a kernel listener bumping again after
commit — and unsubscribes the new after-commit subscriber.
"""
import os
import secrets

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from gongkai.core import clock, effects, sequence, workflow
from gongkai.core.models import Sequence


NEW_BASE, OLD_BASE = 1_000_000_000, 2_000_000_000  # the numbered rows, apart from the plain inserts


def _insert(n: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (n) VALUES (%s)", [n])


@csrf_exempt
def insert(request):
    with transaction.atomic():
        _insert(int(request.POST.get("n", "0")))
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
def numbered(request):
    with transaction.atomic():
        _insert(NEW_BASE + sequence.next_value("bench.shared"))
    return HttpResponse("ok", content_type="text/plain")


def _old_next_value(key: str) -> int:
    row = Sequence.objects.select_for_update().filter(key=key).first()
    if row is None:
        Sequence.objects.get_or_create(key=key, defaults={"last": 0})
        row = Sequence.objects.select_for_update().get(key=key)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


@csrf_exempt
def numbered_old(request):
    with transaction.atomic():
        _insert(OLD_BASE + _old_next_value("bench.shared.old"))
    return HttpResponse("ok", content_type="text/plain")


def _install_old_invalidation() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from gongkai.core.models import AuditEvent
    from gongkai.ops import cache
    from gongkai.ops.models import PageGeneration

    public = {label.lower() for label in settings.GONGKAI_PAGE_CACHE_MODELS}

    def bump(**_ignored):
        token, now = secrets.token_hex(8), clock.now()
        if not PageGeneration.objects.filter(pk=1).update(token=token, changed_at=now):
            with transaction.atomic():
                PageGeneration.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})

    def on_model_change(sender, **kwargs):
        if not kwargs.get("raw"):
            bump()

    def on_audit_event(sender, instance, created=False, raw=False, **kwargs):
        if created and not raw and instance.target_type in public:
            bump()

    def on_transition(transition, obj):
        if obj._meta.label_lower in public:
            bump()

    for label in settings.GONGKAI_PAGE_CACHE_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:  # a label that names no model (engagement.PublicPages): no receiver to add
            continue
        post_save.connect(on_model_change, sender=model, weak=False, dispatch_uid=f"bench-old-save-{label}")
        post_delete.connect(on_model_change, sender=model, weak=False, dispatch_uid=f"bench-old-delete-{label}")
    post_save.connect(on_audit_event, sender=AuditEvent, weak=False, dispatch_uid="bench-old-audit")
    workflow.subscribe(on_transition)
    effects.unsubscribe(cache._on_commit)


if os.environ.get("GONGKAI_BENCH_INVALIDATION") == "old":
    _install_old_invalidation()

urlpatterns = [
    path("bench/insert/", insert),
    path("bench/sequence/", numbered),
    path("bench/sequence-old/", numbered_old),
    path("", include("gongkai.urls")),
]
