"""Builders of engagement objects through the real services (so every row has its audit trail)."""
import datetime as dt
import re

from gongkai.core import clock
from gongkai.engagement import services
from gongkai.engagement.states import CommenterKind, MessageKind, Severity

SH = dt.timezone(dt.timedelta(hours=8))


def chinese_number(text: str) -> int:
    """Return the value of a Chinese numeral from 零 to 九十九 (the intake's arithmetic question)."""
    digits = "零一二三四五六七八九"
    if "十" not in text:
        return digits.index(text)
    tens, _, units = text.partition("十")
    return (digits.index(tens) if tens else 1) * 10 + (digits.index(units) if units else 0)


def at(y, mo, d, h=9, mi=0):
    """Return an aware Beijing-time moment."""
    return dt.datetime(y, mo, d, h, mi, tzinfo=SH)


def pin(moment):
    clock.pin(moment)
    return moment


def consultation(org, actor, *, opens=None, closes=None, publish=True, **data):
    opens = opens or at(2026, 6, 1, 9)
    closes = closes or at(2026, 6, 30, 17)
    values = {"title": "《安全生产举报奖励办法（征求意见稿）》", "draft_text": "第一条……", "basis": "《安全生产法》",
              "explanation": "起草说明", "opens_at": opens, "closes_at": closes}
    values.update(data)
    c = services.consultation_create(organisation=org, actor=actor, data=values)
    if publish:
        services.consultation_publish(consultation=c, actor=actor)
    return c


def comment(c, body="建议提高奖励标准。", name="测试公民", **kw):
    return services.comment_submit(consultation=c, kind=kw.pop("kind", CommenterKind.CITIZEN), name=name, body=body,
                                   **kw)


def message(org, kind=MessageKind.CONSULTATION, **kw):
    values = {"name": "测试留言人", "phone": "13800000000", "subject": "咨询办事材料", "body": "请问需要哪些材料？"}
    values.update(kw)
    return services.message_submit(organisation=org, kind=kind, **values)[0]


def opinion(org, actor, severity=Severity.ORDINARY, first_seen_at=None, **kw):
    return services.opinion_log(organisation=org, actor=actor, source="某新闻网站", summary=kw.pop("summary", "网传事故"),
                                first_seen_at=first_seen_at or clock.now(), severity=severity, **kw)


def catalog(org, actor, year=2026, entries=1):
    cat = services.decision_catalog_create(organisation=org, year=year, actor=actor)
    for i in range(entries):
        services.decision_entry_save(catalog=cat, actor=actor, data={
            "title": f"决策事项{i + 1}", "unit": "政策法规股", "decision_time": "2026年第三季度", "hearing": i == 0})
    return cat


def meeting(org, actor, starts_at, **kw):
    values = {"title": "安全生产工作会议", "starts_at": starts_at, "place": "三楼会议室", "invitation": "邀请群众代表5名列席"}
    values.update(kw)
    return services.meeting_create(organisation=org, actor=actor, data=values)


def solve(html: str) -> dict:
    m = re.search(r"请计算：([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)等于几", html)
    a, op, b = chinese_number(m.group(1)), m.group(2), chinese_number(m.group(3))
    token = re.search(r'name="challenge" value="([^"]+)"', html).group(1)
    return {"challenge": token, "answer": str(a + b if op == "加" else a - b)}
