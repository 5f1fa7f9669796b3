import datetime as dt

import pytest


@pytest.fixture
def county(tree, seed_templates):
    """阳城县 with its published 安全生产 catalog (the demo workflow), and the logins of the tree."""
    from gongkai.catalog.demo import publish_demo_catalog

    orgs, users = tree
    publish_demo_catalog(orgs["sx-jc-yc"])
    return orgs["sx-jc-yc"], orgs, users


@pytest.fixture
def publish_record(county):
    """Return a function that stores a published record of 阳城县 under a catalog item key."""
    from gongkai.catalog.models import CatalogItem
    from gongkai.core import clock
    from gongkai.records.models import Record
    from gongkai.records.states import RecordStatus

    org, _orgs, users = county
    counter = {"n": 0}

    def make(key, title, **extra):
        counter["n"] += 1
        item = CatalogItem.objects.filter(version__catalog__organisation=org, key=key).order_by("-version__number").first()
        assert item is not None, key
        return Record.objects.create(
            organisation=org, catalog_item=item, catalog_key=key, index_number=f"TEST/2026-{counter['n']:05d}",
            title=title, issuing_unit=org.name, formation_date=dt.date(2026, 3, 1), body="正文",
            status=RecordStatus.PUBLISHED, published_at=clock.now() - dt.timedelta(days=counter["n"]),
            created_by=users["yc_office"], **extra)

    return make


def login(client, username):
    from gongkai.organisations.models import User

    user = User.objects.get(username=username)
    client.force_login(user)  # the login form itself (and its throttling) is tested elsewhere
    return user
