"""The demo organisation tree with one login per role (idempotent); demo content, marked as such.

Organisations are real emergency-management departments of 山西省 (the Zezhou county of
seed 001 and its neighbours); logins are named after their role, not after people. The whole demo
is built by ``manage.py load_demo`` (``gongkai.demo``), which calls ``load_organisations_demo()``
first; tests build the tree with ``ensure_tree()``/``ensure_logins()`` (the ``tree`` fixture).
"""
import os

from gongkai.core import effects

from .models import Level, Organisation, Role, RoleAssignment, Unit, User

TREE = [
    # code, name, level, parent code
    ("sx", "山西省应急管理厅", Level.PROVINCE, None),
    ("sx-jc", "晋城市应急管理局", Level.CITY, "sx"),
    ("sx-jc-zz", "泽州县应急管理局", Level.COUNTY, "sx-jc"),
    ("sx-jc-yc", "阳城县应急管理局", Level.COUNTY, "sx-jc"),
    ("sx-jc-zz-nc", "泽州县南村镇人民政府", Level.TOWNSHIP, "sx-jc-zz"),
    ("sx-jc-zz-bg", "泽州县巴公镇人民政府", Level.TOWNSHIP, "sx-jc-zz"),
    ("sx-jc-yc-fc", "阳城县凤城镇人民政府", Level.TOWNSHIP, "sx-jc-yc"),
    ("sx-jc-yc-bl", "阳城县北留镇人民政府", Level.TOWNSHIP, "sx-jc-yc"),
]
UNITS = {
    "sx-jc-zz": ["办公室", "安全生产综合股", "救灾和物资保障股", "政策法规股"],
    "sx-jc-yc": ["办公室", "安全生产综合股", "救灾和物资保障股"],
    "sx-jc": ["办公室", "政策法规科"],
    "sx": ["办公室"],
}
LOGINS = [
    # username, organisation, role, unit
    ("zz_drafter", "sx-jc-zz", Role.DRAFTER, "安全生产综合股"),
    ("zz_office", "sx-jc-zz", Role.OFFICE, "办公室"),
    ("zz_secrecy", "sx-jc-zz", Role.SECRECY, "办公室"),
    ("zz_leader", "sx-jc-zz", Role.LEADER, None),
    ("zz_office_head", "sx-jc-zz", Role.OFFICE_HEAD, "办公室"),
    ("yc_office", "sx-jc-yc", Role.OFFICE, "办公室"),
    ("yc_leader", "sx-jc-yc", Role.LEADER, None),
    ("yc_office_head", "sx-jc-yc", Role.OFFICE_HEAD, "办公室"),
    ("jc_supervisor", "sx-jc", Role.SUPERVISOR, "办公室"),
    ("sx_supervisor", "sx", Role.SUPERVISOR, "办公室"),
    ("sx_admin", "sx", Role.ADMIN, None),
]


# Letters of disclosure requests (gongkai.foi.letters): number prefix and the review body named in
# the remedy clause (since the 2023 行政复议法, the county government reviews its departments' acts).
LETTER_SETTINGS = {
    "sx-jc-zz": ("泽应急依申", "泽州县人民政府"),
    "sx-jc-yc": ("阳应急依申", "阳城县人民政府"),
}


def ensure_letter_settings(orgs) -> None:
    """Give the demo counties a letter-number prefix and review body, unless an administrator set one."""
    for code, (prefix, review_body) in LETTER_SETTINGS.items():
        org = orgs[code]
        if not org.foi_letter_prefix and not org.review_body:
            org.foi_letter_prefix, org.review_body = prefix, review_body
            org.save(update_fields=["foi_letter_prefix", "review_body"])


def ensure_tree() -> dict[str, Organisation]:
    """Create (or update) the demo organisations and their units; return them by code."""
    orgs: dict[str, Organisation] = {}
    for code, name, level, parent in TREE:
        org, _ = Organisation.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent": orgs.get(parent)},
        )
        orgs[code] = org
        for unit in UNITS.get(code, []):
            Unit.objects.get_or_create(organisation=org, name=unit)
    return orgs


def ensure_logins(orgs, password: str) -> list[User]:
    """Create the demo logins (one per role) that do not exist yet; a new login gets `password`."""
    users = []
    for username, code, role, unit_name in LOGINS:
        org = orgs[code]
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"display_name": f"{org.name}·{Role(role).label}", "is_staff": role == Role.ADMIN,
                      "is_superuser": role == Role.ADMIN},
        )
        if created:
            user.set_password(password)
            user.save()
        unit = Unit.objects.filter(organisation=org, name=unit_name).first() if unit_name else None
        RoleAssignment.objects.get_or_create(user=user, organisation=org, role=role, defaults={"unit": unit})
        users.append(user)
    return users


def load_organisations_demo(password: str | None = None) -> tuple[dict[str, Organisation], list[User]]:
    """Build the tree, the counties' letter settings and the logins; return (organisations, logins)."""
    password = password or os.environ.get("GONGKAI_DEMO_PASSWORD", "gongkai-demo")
    orgs = ensure_tree()
    ensure_letter_settings(orgs)
    effects.touch(Organisation)  # not an audited service: public pages follow through the side-effect path
    return orgs, ensure_logins(orgs, password)
