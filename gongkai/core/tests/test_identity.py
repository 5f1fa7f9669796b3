"""The one identity-number rule (issue 21 item 1): real birth date and right check character; area code ignored."""
import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import ric

from gongkai.core import clock, identity, validators


def make(area: str, birth: str, serial: str = "123") -> str:
    first17 = area + birth + serial
    return first17 + identity.check_char(first17)


# Counties whose area code dates from after their holders' birth (synthetic numbers, no real person):
# 泽州县 140525 (1996), 重庆市万州区 500101 (1997), 杭州市余杭区 330110 (2001), 深圳市龙岗区 440307
# (1993), 北京市延庆区 110119 (2015, formerly 延庆县 110229); and codes no table knows.
LATER_COUNTIES = [make("140525", "19700615"), make("500101", "19600615"), make("330110", "19700615"),
                  make("440307", "19500615"), make("110119", "19800615")]
UNKNOWN_AREAS = [make("990101", "19850615"), make("000000", "19851231"), make("149999", "20010228")]


def _library_accepts(number):
    try:
        return ric.is_valid(number)
    except KeyError:  # python-stdnum 1.20 even fails on some unknown codes
        return False


@pytest.mark.parametrize("number", LATER_COUNTIES + UNKNOWN_AREAS)
def test_the_area_codes_history_does_not_matter(number):
    assert not _library_accepts(number)  # the library's region table would stay silent
    assert identity.is_id_number(number)
    assert identity.problem(number) is None
    validators.validate_id_number(number)  # the intake accepts what the privacy check flags


def test_the_check_character_is_iso_7064_and_agrees_with_the_published_example():
    assert identity.check_char("11010519491231002") == "X"  # GB 11643's own example
    for _ in range(200):
        first17 = "".join(random.choice("0123456789") for _ in range(17))
        assert identity.check_char(first17) == ric.calc_check_digit(first17 + "0")
    with pytest.raises(ValueError):
        identity.check_char("１１０１０５１９４９１２３１００２")


@pytest.mark.parametrize("number, problem", [
    (make("110101", "19900230")[:17] + "0", identity.DATE),       # 30 February
    (make("110101", "19901301"), identity.DATE),                  # month 13
    (make("110101", "18791231"), identity.DATE),                  # before anyone alive was born
    (make("110101", "20900101"), identity.DATE),                  # in the future
    ("11010519491231002", identity.FORMAT),                      # 17 characters
    ("1101051949123100XX", identity.FORMAT),
    ("110105194912310021", identity.CHECKSUM),
    ("110105491231002", None),                                    # first generation, a real date
    ("110105491331002", identity.DATE),                           # first generation, month 13
    ("990105491231002", None),                                    # first generation, unknown area
])
def test_problems(number, problem):
    assert identity.problem(number) == problem


def test_the_birth_date_may_be_today_but_not_tomorrow():
    clock.pin(dt.datetime(2026, 3, 10, 2, 0, tzinfo=dt.timezone.utc))
    try:
        assert identity.birth_date(make("110101", "20260310")) == dt.date(2026, 3, 10)
        assert identity.birth_date(make("110101", "20260311")) is None
    finally:
        clock.pin(None)


def test_normalise_folds_every_written_form():
    assert identity.normalise("１１０１０５ １９４９１２３１-００２ｘ") == "11010519491231002X"
    assert identity.upgrade("110105491231002") == "11010519491231002X"


def test_intake_messages_follow_the_problem():
    for value, code in (("1234", "id_format"), (make("110101", "19901301"), "id_date"),
                        ("110105194912310021", "id_checksum"), ("110105491231002", "id_format")):
        with pytest.raises(ValidationError) as exc:
            validators.validate_id_number(value)
        assert exc.value.code == code, value
    validators.validate_id_number("11010519491231002x")
