"""A published demo catalog for 阳城县, produced through the real workflow services."""
from gongkai.organisations.models import Organisation, User

from . import services
from .models import Catalog

DEMO_NOTE = "演示数据：已对照原表核对；原表渠道为空的事项参照本栏目第1项（法律法规）的渠道设置。"


def publish_demo_catalog(organisation: Organisation) -> str:
    """Derive, complete, submit and approve the county's 安全生产 catalog, unless it exists."""
    if Catalog.objects.filter(organisation=organisation, domain="safety").exists():
        return "Demo catalog already present."
    template = Catalog.objects.filter(is_template=True, domain="safety").first()
    if template is None:
        return "No national template imported; demo catalog skipped."
    office = User.objects.get(username="yc_office")
    leader = User.objects.get(username="yc_leader")
    catalog = services.catalog_derive(organisation=organisation, template=template, actor=office)
    version = catalog.latest_version
    items = list(version.items.order_by("position"))
    reference_channels = items[0].channels
    for item in items:
        if item.open_anomalies or not item.channels:
            services.catalog_item_update(
                item=item, actor=office,
                data={"channels": item.channels or reference_channels},
                anomalies_checked_note=DEMO_NOTE,
            )
    first = items[0]
    services.catalog_item_update(
        item=first, actor=office,
        data={"content": first.content + "；阳城县地方性安全生产法规、规章的目录及全文链接"},
    )
    services.catalog_item_add(version=version, actor=office, data={
        "first_level": "行政管理", "second_level": "煤矿安全生产监管信息",
        "content": "本县煤矿安全生产监管执法计划、检查结果及整改落实情况",
        "basis": "《中华人民共和国安全生产法》、《中华人民共和国政府信息公开条例》(国务院令第711号）",
        "time_limit_text": "信息形成或变更之日起20个工作日内", "subject": "阳城县应急管理局",
        "channels": ["政府网站", "两微一端", "公开查阅点"], "audience": ["全社会"], "mode": ["主动"], "level": ["县级"],
    })
    retire = next(i for i in items if i.second_level == "重大工程项目信息")
    services.catalog_item_retire(item=retire, actor=office, reason="本局当前无承担的重大工程项目，相关信息由县发改部门统一公开。")
    services.catalog_version_submit(version=version, actor=office)
    services.catalog_version_approve(version=version, actor=leader, comment="经县政府办审核同意发布。")
    return f"Demo catalog published: {catalog.title} v{version.number}."
