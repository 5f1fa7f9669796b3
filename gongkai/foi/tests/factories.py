"""Test factories for disclosure requests. All data is obviously synthetic."""
import datetime as dt

from gongkai.core import clock
from gongkai.foi import services
from gongkai.core.validators import id_check_char

SHANGHAI_NOON = dt.time(12, 0)


def synthetic_id(serial: int = 1, birth: str = "19900101") -> str:
    """Return a checksum-valid 18-digit identity number for a made-up person (area code 140525)."""
    first17 = f"140525{birth}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def application(**overrides) -> services.Application:
    data = dict(
        applicant_type="natural", applicant_name="测试申请人", id_document_type="id_card",
        id_number=synthetic_id(), phone="13800000000", description="2025年度本县安全生产事故统计数据",
        info_form="electronic", delivery="online", email="applicant@example.invalid",
    )
    data.update(overrides)
    return services.Application(**data)


def pin(day: dt.date, hour: int = 10) -> None:
    """Pin the clock to `day` at `hour`:00 Beijing time."""
    from zoneinfo import ZoneInfo

    clock.pin(dt.datetime.combine(day, dt.time(hour, 0), tzinfo=ZoneInfo("Asia/Shanghai")))


def submitted(org, *, day: dt.date | None = None, **overrides):
    """Return (request, secret) filed online on `day` (clock pinned to it)."""
    if day:
        pin(day)
    return services.foi_request_submit(organisation=org, application=application(**overrides))
