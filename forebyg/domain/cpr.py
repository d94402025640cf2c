# SPDX-License-Identifier: MPL-2.0
"""CPR numbers: format and date validation, masking, and recognisably fake numbers.

Modulus-11 is not checked: CPR numbers without it have been issued since 2007
(CPR-kontoret). The century follows from the 7th digit (CPR-kontoret's table).
Synthetic numbers made by `fake_cpr` always have the sequence part 9xx9 with
days 61-91 ("erstatningspersonnummer"-style day+60), so they can never be a real
person's number, and `is_fake` recognises them.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_FORM = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


class CprError(ValueError):
    pass


def _century(yy: int, seventh: int) -> int:
    if seventh in (0, 1, 2, 3):
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    if seventh in (5, 6, 7, 8):
        return 2000 if yy <= 57 else 1800
    raise CprError("invalid")


@lru_cache(maxsize=65536)
def _valid_date(dd: str, mm: str, yy: str, seventh: str) -> bool:
    day = int(dd)
    if day > 60:  # substitute numbers add 60 to the day
        day -= 60
    try:
        date(_century(int(yy), int(seventh)) + int(yy), int(mm), day)
    except ValueError:
        return False
    return True


def normalise(value: str) -> str:
    """Return the 10 digits without a dash, or raise CprError with a reason."""
    digits = value[:6] + value[7:] if len(value) == 11 and value[6] == "-" else value
    if len(digits) == 10 and digits.isascii() and digits.isdigit():  # the common forms without a regex (#20)
        if _valid_date(digits[0:2], digits[2:4], digits[4:6], digits[6]):
            return digits
        raise CprError("The first six digits of the CPR number are not a valid date.")
    m = _FORM.match(value.strip())
    if not m:
        raise CprError("A CPR number has 10 digits, as DDMMYY-XXXX.")
    dd, mm, yy, seq = m.groups()
    day = int(dd)
    if day > 60:  # substitute numbers add 60 to the day
        day -= 60
    try:
        date(_century(int(yy), int(seq[0])) + int(yy), int(mm), day)
    except ValueError as exc:
        raise CprError("The first six digits of the CPR number are not a valid date.") from exc
    return f"{dd}{mm}{yy}{seq}"


def birth_date(value: str) -> date:
    digits = normalise(value)
    day, month, yy, seventh = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if day > 60:
        day -= 60
    return date(_century(yy, seventh) + yy, month, day)


def mask(value: str | None) -> str:
    """DDMMYY-XXXX becomes DDMMYY-****; nothing else of the number is shown."""
    if not value:
        return ""
    digits = value.replace("-", "")
    return f"{digits[:6]}-****"


def fake_cpr(born: date, serial: int) -> str:
    """A recognisably fake CPR number for synthetic data: day + 60, sequence 9xx9."""
    seventh = 4 if born.year >= 2000 else 0
    if born.year >= 2000:
        seventh = 4 if born.year % 100 <= 36 else 9
    seq = f"{seventh}{serial % 100:02d}9"
    return f"{born.day + 60:02d}{born.month:02d}{born.year % 100:02d}-{seq}"


def is_fake(value: str) -> bool:
    digits = value.replace("-", "")
    return len(digits) == 10 and int(digits[0:2]) > 60 and digits[9] == "9"
