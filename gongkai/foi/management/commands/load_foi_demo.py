"""Load demo disclosure requests for 泽州县 in every state, through the real services (idempotent).

Needs the demo tree and logins (load_demo). Each request is filed on a past day and worked on the
days it would have been (the clock is moved for each step and put back): received; assigned
(办理中) with an extension waiting for the office head; awaiting correction; consulting a third
party; awaiting a fee; awaiting the applicant's reasons (第三十五条); closed as 予以公开 with the
information in the reply, as 不予公开, and as lapsed after an uncorrected notice. Everything is
marked as demo (“（演示）” in every description and applicant name), besides the site-wide banner.
"""
import datetime as dt
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.core import clock
from gongkai.core.validators import id_check_char
from gongkai.foi import services
from gongkai.foi.models import DisclosureRequest
from gongkai.organisations.models import Organisation, User

ORG = "sx-jc-zz"
DEMO_MARK = "（演示）"


def _at(day: dt.date) -> None:
    clock.pin(dt.datetime.combine(day, dt.time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")))


def _application(n: int, description: str, **extra) -> services.Application:
    first17 = f"14052519850101{n:03d}"
    data = dict(applicant_type="natural", applicant_name=f"演示申请人{n}{DEMO_MARK}", id_document_type="id_card",
                id_number=first17 + id_check_char(first17), phone="13800000000",
                description=f"{DEMO_MARK}{description}", info_form="electronic", delivery="online",
                email="demo@example.invalid")
    data.update(extra)
    return services.Application(**data)


class Command(BaseCommand):
    help = "Load demo disclosure requests for 泽州县 in every state (idempotent)."

    def handle(self, *args, **options):
        org = Organisation.objects.filter(code=ORG).first()
        office = User.objects.filter(username="zz_office").first()
        if org is None or office is None:
            self.stderr.write("run load_demo first")
            return
        if DisclosureRequest.objects.filter(organisation=org, description__startswith=DEMO_MARK).exists():
            self.stdout.write("foi demo already loaded")
            return
        pinned = clock._frozen  # put back whatever the caller had (a test may have pinned the clock)
        today = clock.today()
        try:
            with transaction.atomic():
                count = self._load(org, office, today)
        finally:
            clock.pin(pinned)
        self.stdout.write(f"{count} demo requests for {org.name}")

    def _load(self, org, office, today: dt.date) -> int:
        unit = org.units.order_by("pk").first()
        day = lambda n: today - dt.timedelta(days=n)  # noqa: E731

        def file(n, days_ago, description, **extra):
            _at(day(days_ago))
            return services.foi_request_submit(organisation=org, application=_application(n, description, **extra))[0]

        file(1, 0, "2025年度本县生产安全事故统计数据")
        extension = file(2, 12, "本县2025年度安全生产执法检查计划及执行情况")
        services.foi_request_assign(request=extension, actor=office, unit=unit, note="演示：分办给业务股室")
        _at(today)
        services.foi_request_request_extension(request=extension, actor=office, working_days=10,
                                               reason="需要调取多个年度的档案")
        unclear = file(3, 2, "有关文件")
        _at(today)
        services.foi_request_ask_correction(request=unclear, actor=office, items="请写明所需文件的名称、文号或者其他特征描述。")
        consulted = file(4, 9, "某企业2025年度重大事故隐患整改情况")
        _at(day(7))
        services.foi_request_consult(request=consulted, actor=office, third_party=f"某安全技术有限公司{DEMO_MARK}",
                                     sent_on=day(7))
        fee = file(5, 6, "2016年至2025年全部安全生产行政处罚决定书")
        _at(today)
        services.foi_request_assess_fee(request=fee, actor=office, scheme="per_page", units=40)
        many = file(6, 3, "本县2000年以来全部会议纪要、请示、批复及内部通知")
        _at(today)
        services.foi_request_ask_reasons(request=many, actor=office, question="请说明一次申请上述大量信息的用途。")
        disclosed = file(7, 40, "2025年度本县应急避难场所名录")
        _at(day(30))
        services.foi_request_answer(request=disclosed, actor=office, outcome="disclosed",
                                    reply_text="所申请的信息：本县现有应急避难场所12处，名录（演示数据）如下：县体育场、"
                                               "县第一中学操场、滨河公园等。")
        withheld = file(8, 40, "县安全生产委员会办公室内部讨论记录")
        _at(day(28))
        services.foi_request_answer(request=withheld, actor=office, outcome="withheld", reason="process",
                                    reply_text="所申请的信息属于行政机关在履行行政管理职能过程中形成的讨论记录，不予公开。")
        lapsed = file(9, 60, "相关材料")
        _at(day(59))
        services.foi_request_ask_correction(request=lapsed, actor=office, items="请写明所需材料的名称或者其他特征描述。")
        _at(today)
        services.foi_request_lapse(request=lapsed, actor=office)
        return 9
