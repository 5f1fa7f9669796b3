"""The public open-day sign-up: window, capacity (also under concurrency), duplicates, personal data."""
import datetime as dt
import threading

import pytest
from django.db import connection

from gongkai.core.errors import ValidationFailed
from gongkai.outreach import services
from gongkai.outreach.models import OpenDaySignup

from . import factories as f

NOW = f.at(2026, 6, 10, 10)
LATER = NOW + dt.timedelta(days=8)


@pytest.fixture
def day(tree):
    orgs, users = tree
    f.pin(NOW)
    d = f.open_day(orgs["sx-jc-zz"], users["zz_office"], LATER, capacity=2, opens=NOW - dt.timedelta(days=1))
    return services.open_day_open(open_day=d, actor=users["zz_office"])


def _refused(call, message):
    count = OpenDaySignup.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        call()
    assert message in exc.value.problems and OpenDaySignup.objects.count() == count


def test_capacity_and_duplicates(day):
    s = services.signup_submit(open_day=day, name="张三", phone="１３８００００００01", id_number="")
    assert s.phone == "13800000001" and s.number.startswith("KFR-")
    _refused(lambda: services.signup_submit(open_day=day, name="张三", phone="138 0000 0001"),
             "该联系电话已报名本次活动，无须重复报名。")
    services.signup_submit(open_day=day, name="李四", phone="0356-4200003")
    _refused(lambda: services.signup_submit(open_day=day, name="王五", phone="13800000009"), "名额已满，报名未成功。")


def test_the_window_and_the_state(day, tree):
    f.pin(day.signup_closes_at)
    _refused(lambda: services.signup_submit(open_day=day, name="张三", phone="13800000001"), "报名已截止。")
    f.pin(day.signup_opens_at - dt.timedelta(minutes=1))
    _refused(lambda: services.signup_submit(open_day=day, name="张三", phone="13800000001"), "报名尚未开始。")
    f.pin(NOW)
    services.open_day_cancel(open_day=day, actor=tree[1]["zz_office"], reason="改期")
    _refused(lambda: services.signup_submit(open_day=day, name="张三", phone="13800000001"), "该活动不接受报名。")


@pytest.mark.parametrize("name,phone,id_number,message", [
    ("", "13800000001", "", "姓名不能为空。"),
    ("\u200b\u202e", "13800000001", "", "姓名不能为空。"),
    ("张" * 61, "13800000001", "", "姓名不能超过60字。"),
    ("张三", "12345", "", "请填写11位手机号码或带区号的固定电话（如 0356-1234567）。"),
    ("张三", "", "", "联系电话不能为空。"),
    ("张三", "13800000001", "140525199001011234", "居民身份证号码校验位不正确，请核对。"),
    ("张三", "13800000001", "1405", "居民身份证号码应为18位（最后一位可为X）。"),
])
def test_personal_data_is_validated_by_the_core_rules(day, name, phone, id_number, message):
    _refused(lambda: services.signup_submit(open_day=day, name=name, phone=phone, id_number=id_number), message)


def test_an_identity_number_is_kept_normalised(day):
    from gongkai.core.validators import id_check_char
    first17 = "14052519900101123"
    number = first17 + id_check_char(first17)
    s = services.signup_submit(open_day=day, name="张三", phone="13800000001", id_number=number.lower() + " ")
    assert s.id_number == number.upper()


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_exceed_the_capacity(tree):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent writers and row locks")
    orgs, users = tree
    f.pin(NOW)
    d = f.open_day(orgs["sx-jc-zz"], users["zz_office"], LATER, capacity=3, opens=NOW - dt.timedelta(days=1))
    d = services.open_day_open(open_day=d, actor=users["zz_office"])
    results, barrier = [], threading.Barrier(8)

    def sign(n):
        from django.db import connections
        try:
            barrier.wait()
            services.signup_submit(open_day=d, name=f"报名{n}", phone=f"1380000{n:04d}")
            results.append("ok")
        except ValidationFailed:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 3 and OpenDaySignup.objects.filter(open_day=d).count() == 3
