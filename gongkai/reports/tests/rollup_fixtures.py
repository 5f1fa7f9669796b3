"""Two counties with real-sized request histories for the rollup tests: a few hundred requests each,
imported through the foi importer over two years (some open at the year's end, so 结转 carries
over), with appeals and jointly issued documents; each county's reports compiled and published
through the report services. All data is synthetic."""
import datetime as dt

import pytest

from gongkai.catalog.demo import publish_demo_catalog
from gongkai.catalog.models import CatalogItem
from gongkai.catalog.states import VersionStatus
from gongkai.foi.importing import import_requests
from gongkai.foi.tests.factories import pin
from gongkai.records.models import Record
from gongkai.records.states import DocumentType, RecordStatus
from gongkai.reports import services

D = dt.date
HEADER = ["申请人类型", "申请人", "申请渠道", "收到申请日期", "申请内容", "办理结果", "具体情形", "办结日期",
          "行政复议结果", "行政复议提起日期"]
TYPES = ["自然人", "自然人", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
CHANNELS = ["网上申请", "当面提交", "电子邮件", "邮寄（需签收）"]
OUTCOMES = {
    # 泽州县 discloses most of what it is asked; 阳城县 mostly holds nothing (so the averaged share and
    # the share of the summed counts differ).
    "sx-jc-zz": [("予以公开", "")] * 6 + [("部分公开", "属于四类过程性信息"), ("不予公开", "属于国家秘密"),
                                       ("无法提供", "本机关不掌握相关政府信息"), ("不予处理", "重复申请"),
                                       ("其他处理", "逾期不补正")],
    "sx-jc-yc": [("无法提供", "本机关不掌握相关政府信息")] * 4 + [("予以公开", ""), ("不予公开", "属于四类过程性信息"),
                                                          ("无法提供", "没有现成信息需要另行制作"),
                                                          ("不予处理", "信访举报投诉类申请"), ("其他处理", "其他")],
}
SIZES = {"sx-jc-zz": 180, "sx-jc-yc": 130}  # requests per year
TODAY = D(2026, 3, 2)
JOINT_NUMBER = "晋市应急〔2025〕7号"  # issued jointly by both counties (each publishes it)


def history_rows(code: str, year: int) -> list[list[str]]:
    rows = []
    n = SIZES[code]
    outcomes = OUTCOMES[code]
    for i in range(n):
        received = D(year, 1, 3) + dt.timedelta(days=(i * 360) // n)
        outcome, reason = outcomes[i % len(outcomes)]
        closed = received + dt.timedelta(days=12)
        if i >= n - 6:  # the last ones of the year: open on 31 December
            closed = D(year + 1, 1, 14) if i % 2 else None
        appeal = ["维持", (closed or received).isoformat()] if i % 37 == 5 and closed else ["", ""]
        if closed is None:
            outcome = reason = ""
        rows.append([TYPES[i % len(TYPES)], f"测试申请人{code[-2:]}{year}{i:03d}", CHANNELS[i % len(CHANNELS)],
                     received.isoformat(), f"{year}年度安全生产检查记录（第{i}项）", outcome, reason,
                     closed.isoformat() if closed else "", *appeal])
    return rows


def csv_bytes(rows) -> bytes:
    return ("\n".join(",".join(r) for r in [HEADER, *rows]) + "\n").encode("utf-8-sig")


def add_documents(org, user, numbers):
    """Published 行政规范性文件 the county issued in 2025, one per 文号 (filed under 阳城县's demo catalog:
    the section 二 counts do not read the catalog)."""
    yc = org.parent.children.get(code="sx-jc-yc")
    publish_demo_catalog(yc)
    item = CatalogItem.objects.filter(version__catalog__organisation=yc,
                                      version__status=VersionStatus.PUBLISHED).order_by("position").first()
    for n, number in enumerate(numbers):
        Record.objects.create(
            organisation=org, catalog_item=item, catalog_key=item.key, title=f"规范性文件（测试）{number}",
            doc_number=number, issuing_unit=org.name, formation_date=D(2025, 4, 1 + n),
            document_type=DocumentType.NORMATIVE, issued_here=True, status=RecordStatus.PUBLISHED,
            published_at=dt.datetime(2025, 4, 10 + n, 10, tzinfo=dt.timezone.utc), created_by=user,
            index_number=f"{org.code}-test-{n}")


def publish_report(org, year, users, prefix, day):
    """Compile and publish the county's report of `year` on `day` through the report services."""
    pin(day)
    office, leader = users[f"{prefix}_office"], users[f"{prefix}_leader"]
    report = services.report_open(organisation=org, year=year, actor=office)
    services.report_update_narrative(report=report, actor=office, data={
        "overview": f"{org.name}{year}年度政府信息公开工作总体情况（测试文字）。",
        "problems": f"{org.name}存在的主要问题及改进情况（测试文字）。", "other": ""})
    for key in sorted(services.manual_cell_keys(services.report_format(report))):
        if services.live_tables(report).cell(key).source == "missing":
            value = "1.5" if key.endswith("fees.amount") else "无" if "coercion" in key else "3"
            services.report_set_figure(report=report, actor=office, key=key, value=value, note="测试台账")
    report = services.report_submit(report=report, actor=office)
    return services.report_publish(report=report, actor=leader)


def build(tree):
    """Import both counties' histories, add their documents and publish their 2024 and 2025 reports:
    泽州县's on time, 阳城县's 2025 report after 31 January (late)."""
    orgs, users = tree
    pin(TODAY)
    for code, prefix in (("sx-jc-zz", "zz"), ("sx-jc-yc", "yc")):
        rows = history_rows(code, 2024) + history_rows(code, 2025)
        import_requests(organisation=orgs[code], name="history.csv", data=csv_bytes(rows), actor=users[f"{prefix}_office"])
    add_documents(orgs["sx-jc-zz"], users["zz_office"], [JOINT_NUMBER, "泽应急规〔2025〕1号"])
    add_documents(orgs["sx-jc-yc"], users["yc_office"], ["晋市应急[2025]7号", "阳应急规〔2025〕2号", ""])
    reports = {}
    for code, prefix, late_day in (("sx-jc-zz", "zz", D(2026, 1, 20)), ("sx-jc-yc", "yc", D(2026, 2, 10))):
        reports[(code, 2024)] = publish_report(orgs[code], 2024, users, prefix, D(2025, 1, 25))
        reports[(code, 2025)] = publish_report(orgs[code], 2025, users, prefix, late_day)
    pin(TODAY)
    return reports


@pytest.fixture
def counties(tree, seed_templates):
    reports = build(tree)
    return tree[0], tree[1], reports
