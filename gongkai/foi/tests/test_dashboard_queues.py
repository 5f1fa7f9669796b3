"""The dashboard's work queues (foi_tags): each count links to its list; only those who can act see a queue."""
import datetime as dt
import re

from gongkai.foi import services

from .factories import pin, submitted, synthetic_id

D = dt.date


def _queues(html: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r'data-queue="(\w+)">[^<]*<strong>(\d+)</strong>', html)}


def _cases(zz, office):
    """Three requests on 27 March 2026: one new (due 24 April), one overdue (due 26 March), one with an extension request."""
    overdue, _s = submitted(zz, day=D(2026, 2, 26))  # due 26 March
    pin(D(2026, 3, 2))
    services.foi_request_assign(request=overdue, actor=office, unit=zz.units.get(name="办公室"))
    extension, _s = submitted(zz, day=D(2026, 3, 2), id_number=synthetic_id(2))  # due 30 March: due soon on 27 March
    pin(D(2026, 3, 20))
    services.foi_request_request_extension(request=extension, actor=office, working_days=5, reason="涉及多个股室")
    new, _s = submitted(zz, day=D(2026, 3, 27), id_number=synthetic_id(3))
    return overdue, extension, new


def test_office_sees_its_queues_with_counts_and_links(client, tree, zz):
    office = tree[1]["zz_office"]
    overdue, extension, new = _cases(zz, office)
    client.force_login(office)
    html = client.get("/office/").content.decode()
    assert _queues(html) == {"unassigned": 2, "due_soon": 1, "overdue": 1}  # no approvals for the office
    assert 'href="/office/requests/?queue=overdue"' in html
    listing = client.get("/office/requests/?queue=overdue").content.decode()
    assert overdue.tracking_number in listing and new.tracking_number not in listing
    listing = client.get("/office/requests/?queue=unassigned").content.decode()
    assert new.tracking_number in listing and extension.tracking_number in listing
    assert overdue.tracking_number not in listing  # assigned already
    listing = client.get("/office/requests/?queue=due_soon").content.decode()
    assert extension.tracking_number in listing and overdue.tracking_number not in listing


def test_the_office_head_sees_only_the_extensions_to_approve(client, tree, zz):
    _overdue, extension, _new = _cases(zz, tree[1]["zz_office"])
    client.force_login(tree[1]["zz_office_head"])
    html = client.get("/office/").content.decode()
    assert _queues(html) == {"extensions": 1}
    listing = client.get("/office/requests/?queue=extensions").content.decode()
    assert extension.tracking_number in listing
    services.foi_request_approve_extension(request=extension, actor=tree[1]["zz_office_head"])
    assert _queues(client.get("/office/").content.decode()) == {"extensions": 0}


def test_roles_that_cannot_act_see_no_queue(client, tree, zz):
    _cases(zz, tree[1]["zz_office"])
    for name in ("zz_leader", "zz_drafter", "jc_supervisor"):
        client.force_login(tree[1][name])
        html = client.get("/office/").content.decode()
        assert "依申请公开：待办" not in html and _queues(html) == {}, name


def test_another_counties_office_counts_only_its_own(client, tree, zz):
    _cases(zz, tree[1]["zz_office"])
    client.force_login(tree[1]["yc_office"])
    assert _queues(client.get("/office/").content.decode()) == {"unassigned": 0, "due_soon": 0, "overdue": 0}
