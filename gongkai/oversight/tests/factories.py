"""Test data for oversight: the demo tree, a published catalog for both counties, records."""
import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from gongkai.catalog.demo import publish_demo_catalog
from gongkai.catalog.models import CatalogItem
from gongkai.catalog.states import VersionStatus
from gongkai.core import clock
from gongkai.organisations.models import Role, RoleAssignment, User
from gongkai.records.models import Record
from gongkai.records.states import RecordStatus

TZ = timezone.get_fixed_timezone(8 * 60)


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def make_user(username, org, role):
    user, _ = User.objects.get_or_create(username=username, defaults={"display_name": f"{org.name}·{Role(role).label}"})
    RoleAssignment.objects.get_or_create(user=user, organisation=org, role=role)
    return user


def world(tree, seed_templates):
    orgs, users = tree
    users = dict(users)
    publish_demo_catalog(orgs["sx-jc-yc"])
    users["sx_office"] = make_user("sx_office", orgs["sx"], Role.OFFICE)
    users["jc_office"] = make_user("jc_office", orgs["sx-jc"], Role.OFFICE)
    published = list(CatalogItem.objects.filter(version__catalog__organisation=orgs["sx-jc-yc"],
                                                version__status=VersionStatus.PUBLISHED, retired=False)
                     .order_by("position"))
    # 泽州县 has not published its catalog in the demo; its test records borrow the same items.
    items = {"sx-jc-yc": published, "sx-jc-zz": published}
    return SimpleNamespace(orgs=orgs, users=users, items=items, yc=orgs["sx-jc-yc"], zz=orgs["sx-jc-zz"],
                           jc=orgs["sx-jc"], sx=orgs["sx"])


_counter = [0]


def record(w, org, *, published_at=None, item=None, status=RecordStatus.PUBLISHED, due=None, title=None):
    item = item or w.items[org.code][0]
    _counter[0] += 1
    return Record.objects.create(
        organisation=org, catalog_item=item, catalog_key=item.key, index_number=f"T-{_counter[0]}",
        title=title or f"测试信息{_counter[0]}", issuing_unit=org.name,
        formation_date=(published_at or clock.now()).date(), status=status, published_at=published_at,
        publication_due=due, created_by=w.users["yc_office"])
