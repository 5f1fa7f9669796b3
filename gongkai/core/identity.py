"""Resident identity numbers (居民身份证号码, GB 11643-1999): the one rule for the whole product.

Used by the request intake's validation (``core.validators.validate_id_number``) and by the
privacy check before publication (``core.privacy``), so the two can never disagree.

A number is an identity number when

- 18 characters (second generation): 17 digits and a check character (a digit or X, ISO 7064
  MOD 11-2) that is right, and digits 7–14 a real calendar date (YYYYMMDD);
- 15 digits (first generation, issued until 2004 and still found in old documents): digits 7–12
  a real calendar date (YYMMDD, 19YY).

A "real date" lies between 1 January 1880 and today: nobody now alive (or named in a record
about the living) was born earlier, and nobody is born in the future.

The area code (digits 1–6) is NOT checked (issue 21 item 1). A number carries the code in force
where and when the card was issued, not in the holder's birth year: a county created, merged or
renamed after its people were born (e.g. a district set up in 1996) issues cards to people born
long before, and codes retired since remain on valid cards. python-stdnum's ``cn.ric.validate``
accepts an 18-digit number only when the code existed in the birth year, and that silently let
most adults' numbers through the privacy check; an unknown code is no reason to stay silent either.
"""
from __future__ import annotations

import datetime as dt
import unicodedata

# ISO 7064 MOD 11-2 weights of the first 17 digits, and the check character for each remainder.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
EARLIEST_BIRTH = dt.date(1880, 1, 1)

# Problems `problem()` reports (stable codes: forms and tests use them).
FORMAT, DATE, CHECKSUM = "id_format", "id_date", "id_checksum"


def check_char(first17: str) -> str:
    """Return the check character (a digit or X) of the 17 leading digits of an 18-digit number."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("17 ASCII digits expected")
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def normalise(value: str) -> str:
    """Return `value` NFKC-folded, without whitespace, separators or invisible characters, upper case.

    "１１０１０１ １９９００３０７-４５１ｘ" -> "11010119900307451X".
    """
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(c for c in value if not c.isspace() and c != "-" and unicodedata.category(c) != "Cf").upper()


def birth_date(number: str) -> dt.date | None:
    """Return the birth date written in a normalised 18- or 15-digit number, or None when it is no real date."""
    if len(number) == 18:
        year, month, day = number[6:10], number[10:12], number[12:14]
    elif len(number) == 15:
        year, month, day = "19" + number[6:8], number[8:10], number[10:12]
    else:
        return None
    if not (year + month + day).isdigit():
        return None
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not (EARLIEST_BIRTH <= date <= _today()):
        return None
    return date


def _today() -> dt.date:
    from . import clock

    return clock.today()


def problem(number: str) -> str | None:
    """Return why a normalised number is no identity number (FORMAT, DATE or CHECKSUM), or None when it is one."""
    if len(number) == 18:
        if not (number.isascii() and number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")):
            return FORMAT
        if birth_date(number) is None:
            return DATE
        if check_char(number[:17]) != number[17]:
            return CHECKSUM
        return None
    if len(number) == 15:
        if not (number.isascii() and number.isdigit()):
            return FORMAT
        return None if birth_date(number) is not None else DATE
    return FORMAT


def is_id_number(number: str, *, first_generation: bool = True) -> bool:
    """Return True when the normalised `number` is an identity number (15-digit ones only if `first_generation`)."""
    if len(number) == 15 and not first_generation:
        return False
    return problem(number) is None


def upgrade(first_generation: str) -> str:
    """Return the 18-digit form of a 15-digit number (century 19 inserted, check character added)."""
    first17 = first_generation[:6] + "19" + first_generation[6:]
    return first17 + check_char(first17)
