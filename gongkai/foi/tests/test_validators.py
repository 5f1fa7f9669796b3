"""Identity numbers (GB 11643 checksum), phone numbers and masking."""
import pytest
from django.core.exceptions import ValidationError

from gongkai.core import validators

from .factories import synthetic_id


def test_checksum_valid_number_passes_and_lowercase_x_is_normalised():
    validators.validate_id_number(synthetic_id(1))
    # 11010519491231002X is the published GB 11643 example.
    validators.validate_id_number("11010519491231002x")


@pytest.mark.parametrize("value, code", [
    ("1234", "id_format"),
    ("14052519901301001X", "id_date"),  # month 13
])
def test_malformed_numbers_are_refused(value, code):
    with pytest.raises(ValidationError) as exc:
        validators.validate_id_number(value)
    assert exc.value.code == code


def test_wrong_check_digit_is_refused():
    good = synthetic_id(5)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        validators.validate_id_number(bad)
    assert exc.value.code == "id_checksum"


@pytest.mark.parametrize("phone", ["13800000000", "0356-1234567", "035612345678", "010-12345678-123", "138 0000 0000"])
def test_phones_accepted(phone):
    validators.validate_phone(phone)


@pytest.mark.parametrize("phone", ["12800000000", "1380000000", "abc", "356-1234567"])
def test_phones_refused(phone):
    with pytest.raises(ValidationError):
        validators.validate_phone(phone)


def test_masking():
    assert validators.mask_name("测试人") == "测**"
    assert validators.mask_middle("13800001234", 3, 4) == "138****1234"
    assert validators.mask_middle(synthetic_id(1), 4, 4).count("*") == 10
    assert validators.mask_email("someone@example.invalid") == "s***@example.invalid"
    assert validators.mask_name("泽州县某某科技有限公司") == "泽州县某**公司"
