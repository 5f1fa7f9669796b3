"""The cases behind the seed's 2020 report (seed 004, 应急管理部2020年政府信息公开工作报告), built through
the disclosure-request services, and the figures the seed prints for them."""
import datetime as dt

from gongkai.core import clock
from gongkai.foi import services
from gongkai.foi.constants import Channel
from gongkai.foi.tests.factories import application, pin, synthetic_id

COLUMNS = ["natural", "commercial", "research", "public_welfare", "legal_service", "other", "total"]

# Section 三 of the seed, row by row (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计).
SEED_SECTION_THREE = {
    "new": [95, 5, 0, 1, 0, 0, 101],
    "carried_in": [0, 1, 0, 0, 0, 0, 1],
    "disclosed": [46, 0, 0, 0, 0, 0, 46],
    "partial": [11, 2, 0, 0, 0, 0, 13],
    "withheld.state_secret": [0] * 7,
    "withheld.prohibited": [0] * 7,
    "withheld.security": [3, 0, 0, 0, 0, 0, 3],
    "withheld.third_party": [0] * 7,
    "withheld.internal": [0] * 7,
    "withheld.process": [0] * 7,
    "withheld.enforcement": [0] * 7,
    "withheld.inquiry": [0] * 7,
    "unavailable.not_held": [18, 4, 0, 1, 0, 0, 23],
    "unavailable.needs_creation": [0] * 7,
    "unavailable.still_unclear": [2, 0, 0, 0, 0, 0, 2],
    "not_processed.petition": [2, 0, 0, 0, 0, 0, 2],
    "not_processed.repeat": [9, 0, 0, 0, 0, 0, 9],
    "not_processed.publication": [0] * 7,
    "not_processed.excessive": [0] * 7,
    "not_processed.confirmation": [0] * 7,
    "other": [0] * 7,
    "total": [91, 6, 0, 1, 0, 0, 98],
    "carried_out": [4, 0, 0, 0, 0, 0, 4],
}

# (applicant type, outcome, reason, number of cases received in 2020 and answered in 2020)
ANSWERED_2020 = [
    ("natural", "disclosed", "provided", 46),
    ("natural", "partial", "process", 11),
    ("natural", "withheld", "security", 3),
    ("natural", "unavailable", "not_held", 18),
    ("natural", "unavailable", "still_unclear", 2),
    ("natural", "not_processed", "petition", 2),
    ("natural", "not_processed", "repeat", 9),
    ("commercial", "partial", "process", 1),
    ("commercial", "unavailable", "not_held", 4),
    ("public_welfare", "unavailable", "not_held", 1),
]
# 全年共收到有效申请公开件87件，其中网络申请68件，信函申请19件 — so 19 of the substantive cases came by letter.
LETTER_CASES = 19


def _application(kind: str, serial: int):
    if kind == "natural":
        return application(applicant_type="natural", applicant_name=f"测试申请人{serial}",
                           id_number=synthetic_id(serial), phone=f"138{serial:08d}",
                           description=f"测试申请内容第{serial}号")
    return application(applicant_type=kind, applicant_name=f"测试单位{serial}", id_document_type="other",
                       id_number=f"TEST-{serial}", contact_person="联系人", phone=f"139{serial:08d}",
                       description=f"测试申请内容第{serial}号")


def build_cases(org, office) -> None:
    """Create every case of the seed's 2020 table through the services (clock pinned per step)."""
    serial = 0
    # One commercial request received in 2019, answered (部分公开) in January 2020: 上年结转.
    serial += 1
    pin(dt.date(2019, 12, 20))
    req, _ = services.foi_request_submit(organisation=org, application=_application("commercial", serial))
    pin(dt.date(2020, 1, 10))
    services.foi_request_answer(request=req, actor=office, outcome="partial", reason="process",
                                reply_text="部分公开，可以公开的部分：事故3起，死亡0人。")

    day = dt.date(2020, 2, 3)
    letters_left = LETTER_CASES
    for kind, outcome, reason, count in ANSWERED_2020:
        for _n in range(count):
            serial += 1
            day += dt.timedelta(days=2)
            pin(day)
            substantive = outcome in ("disclosed", "partial", "withheld", "unavailable")
            if substantive and letters_left:
                letters_left -= 1
                req, _ = services.foi_request_register(organisation=org, application=_application(kind, serial),
                                                       actor=office, channel=Channel.POST, arrived_on=day)
            else:
                req, _ = services.foi_request_submit(organisation=org, application=_application(kind, serial))
            if reason == "still_unclear":
                services.foi_request_ask_correction(request=req, actor=office, items="请明确所需信息的名称或文号")
                services.foi_request_correct(request=req, actor=office, text="补正后的描述", received_on=day)
            pin(day + dt.timedelta(days=1))
            services.foi_request_answer(request=req, actor=office, outcome=outcome, reason=reason,
                                        reply_text="所申请的信息：本县2025年度发生生产安全事故3起，死亡0人。")
    # Four requests received at the end of December and still open on 31 December: carried over.
    for offset in range(4):
        serial += 1
        pin(dt.date(2020, 12, 28) + dt.timedelta(days=offset))
        services.foi_request_submit(organisation=org, application=_application("natural", serial))
    clock.pin(None)
