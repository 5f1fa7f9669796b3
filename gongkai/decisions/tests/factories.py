"""Test data for the 双公示 register."""
import datetime as dt

from gongkai.core import clock

from ..demo import demo_credit_code

BEIJING = dt.timezone(dt.timedelta(hours=8))


def pin(day: dt.date) -> None:
    clock.pin(dt.datetime.combine(day, dt.time(10), tzinfo=BEIJING))


def data(**over) -> dict:
    """The content items of a valid penalty decision on a demo company (strings, as a form posts them)."""
    values = {
        "kind": "penalty", "document_number": "泽应急罚〔2026〕1号", "title": "未按规定开展安全生产教育和培训",
        "category": "罚款", "subject_type": "legal", "subject_name": "【演示】岭东煤业有限公司",
        "credit_code": demo_credit_code("140525", 1), "legal_representative": "演示法定代表人",
        "facts": "未如实记录安全生产教育和培训情况", "basis": "《中华人民共和国安全生产法》第九十七条第（三）项",
        "content": "罚款人民币三万元", "fine_amount": "3", "decided_on": "2026-09-30", "authority": "",
        "valid_until": "", "publicity_until": "", "id_number": "",
    }
    values.update(over)
    return values
