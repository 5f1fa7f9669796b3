"""Demo records for 阳城县 (needs `load_demo` first), produced through the real workflow services.

Adds two role logins the demo tree lacks for 阳城县 (`yc_drafter`, `yc_secrecy`; password from
GONGKAI_DEMO_PASSWORD, default as in the README) and a few records: published ones (one with a
masked ID number, one with its interpretation), one waiting for secrecy review and one 依申请公开.
The texts are synthetic; no person is named. Idempotent: does nothing when 阳城县 has records.
"""
import datetime as dt
import os

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gongkai.catalog.selectors import active_items
from gongkai.organisations.models import Organisation, Role, RoleAssignment, Unit, User
from gongkai.records import services
from gongkai.records.models import Record

# A checksum-valid ID number of the kind used in format examples (not a real person's).
EXAMPLE_ID = "110101199003074514"


def _login(username, org, role, password, unit_name=None):
    user, created = User.objects.get_or_create(username=username, defaults={
        "display_name": f"{org.name}·{Role(role).label}"})
    if created:
        user.set_password(password)
        user.save()
    unit = Unit.objects.filter(organisation=org, name=unit_name).first() if unit_name else None
    RoleAssignment.objects.get_or_create(user=user, organisation=org, role=role, defaults={"unit": unit})
    return user


class Command(BaseCommand):
    help = "Create demo records for 阳城县 through the workflow services (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        org = Organisation.objects.filter(code="sx-jc-yc").first()
        if org is None:
            raise CommandError("Run `manage.py load_demo` first.")
        if Record.objects.filter(organisation=org).exists():
            self.stdout.write("Demo records already present.")
            return
        password = os.environ.get("GONGKAI_DEMO_PASSWORD", "gongkai-demo")
        drafter = _login("yc_drafter", org, Role.DRAFTER, password, "安全生产综合股")
        secrecy = _login("yc_secrecy", org, Role.SECRECY, password, "办公室")
        office = User.objects.get(username="yc_office")
        items = {i.second_level: i for i in active_items(org)}
        if not items:
            raise CommandError("阳城县 has no published catalog.")
        first = next(iter(items.values()))

        def item(name):
            return items.get(name, first)

        def create(name, **data):
            base = {"issuing_unit": org.name, "attribute": "proactive"}
            return services.record_create(organisation=org, catalog_item=item(name), actor=drafter, data=base | data)

        def publish(record):
            record = services.record_submit(record=record, actor=drafter)
            record = services.record_secrecy_review(record=record, actor=secrecy, outcome="cleared", opinion="不涉密")
            for finding in record.findings.filter(status="open"):
                services.finding_mask(finding=finding, actor=office)
            return services.record_publish(record=record, actor=office)

        publish(create("法律法规", title="阳城县应急管理局关于开展安全生产月活动的通知", doc_number="阳应急〔2026〕8号",
                       formation_date=dt.date(2026, 5, 25), summary="部署2026年安全生产月活动。",
                       body="各乡镇人民政府、县直有关单位：\n为深入开展安全生产月活动，现就开展隐患排查、应急演练和宣传教育"
                            "等工作通知如下。\n一、加强组织领导。\n二、突出隐患排查治理。\n三、扎实开展救灾应急演练。"))
        relief = create("事故通报", title="阳城县2026年第一季度生产安全事故和隐患排查情况通报",
                        doc_number="阳应急〔2026〕5号", formation_date=dt.date(2026, 4, 8),
                        body=f"一季度全县排查一般隐患312处，已整改297处。已向受灾户发放临时救助金（身份证号"
                             f"{EXAMPLE_ID}）。")
        publish(relief)
        policy = create("法律法规", title="阳城县自然灾害救助资金管理办法", doc_number="阳应急〔2026〕9号",
                        formation_date=dt.date(2026, 6, 10), needs_interpretation=True,
                        document_type="normative", issued_here=True,
                        body="第一条 为规范自然灾害救助资金管理，制定本办法。\n第二条 救助资金专款专用。")
        services.interpretation_save(record=policy, actor=drafter, data={
            "title": "一图读懂《阳城县自然灾害救助资金管理办法》", "form": "graphic", "interpreting_body": org.name,
            "background": "依据《自然灾害救助条例》制定。", "main_content": "明确救助资金的申请、审核和发放程序。",
            "target_group": "本县受灾群众和各乡镇。"})
        publish(policy)
        services.record_submit(record=create("法律法规", title="关于做好冬春救助工作的通知",
                                             formation_date=dt.date(2026, 11, 16),
                                             body="做好冬春期间受灾群众基本生活救助工作。"), actor=drafter)
        create("法律法规", title="县安委会成员单位联席会议纪要", attribute="on_request",
               attribute_reason="涉及企业经营信息，依申请公开", formation_date=dt.date(2026, 9, 3),
               body="会议研究了重点行业领域安全监管工作。")
        self.stdout.write("Demo records created for 阳城县 (logins yc_drafter, yc_secrecy added).")
