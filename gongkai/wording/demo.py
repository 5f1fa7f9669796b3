"""Demo data of the wording check (idempotent; part of ``manage.py load_demo``), marked as demo.

The province keeps a short list of replaced terms (the disparaging words for people with
disabilities that 新华社's list of words not to use names, with the words to use instead); 泽州县
keeps the tenures of two fictitious leaders, named 演示甲/演示乙 and noted as demo data, so the
leader check has something to find. Writes go through the audited services as the demo logins.
"""
from __future__ import annotations

from gongkai.organisations.models import Organisation, User

from . import rule_services
from .models import Leader, WordingRule

DEMO_SOURCE = "演示数据：参照新华社《新闻报道中的禁用词（第一批）》"
PROVINCE_TERMS = [("残废人", "残疾人"), ("瞎子", "盲人"), ("聋子", "聋人"), ("弱智", "智力障碍者")]
DEMO_NOTE = "演示数据：虚构人员，不是任何机关的真实领导"
TENURES = [("演示甲", "局长", "2021-03-01", "2024-02-29"), ("演示甲", "调研员", "2024-03-01", None),
           ("演示乙", "局长", "2024-03-01", None), ("演示乙", "副局长", "2021-03-01", "2024-02-29")]


def load_wording_demo() -> str:
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=["sx", "sx-jc-zz"])}
    users = {u.username: u for u in User.objects.filter(username__in=["sx_admin", "zz_office"])}
    if len(orgs) < 2 or len(users) < 2:
        return "wording demo skipped (no demo tree)"
    added = 0
    for term, suggestion in PROVINCE_TERMS:
        if not WordingRule.objects.filter(organisation=orgs["sx"], kind="forbidden", term=term).exists():
            rule_services.add_rule(actor=users["sx_admin"], organisation=orgs["sx"], data={
                "kind": "forbidden", "term": term, "suggestion": suggestion, "severity": "major",
                "source": DEMO_SOURCE, "explanation": f"对残疾人不使用蔑称，应称“{suggestion}”。"})
            added += 1
    county = orgs["sx-jc-zz"]
    if not Leader.objects.filter(organisation=county, name__startswith="演示").exists():
        for name, post, start, end in TENURES:
            rule_services.add_tenure(actor=users["zz_office"], organisation=county,
                                     data={"name": name, "post": post, "start": start, "end": end})
            added += 1
        Leader.objects.filter(organisation=county, name__startswith="演示").update(note=DEMO_NOTE)
    return f"wording demo: {added} rules and tenures added"
