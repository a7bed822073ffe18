"""Numbers as written in Chinese policy texts: Arabic, Chinese numerals, 万/亿."""
from __future__ import annotations

from typing import Optional

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}


def cn_int(text: str) -> Optional[int]:
    """一 -> 1, 十五 -> 15, 三十八 -> 38, 一百二十 -> 120, 两万 -> 20000. None if not a numeral."""
    if not text:
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            section += (1 if digit is None else digit) * _UNIT[ch]
            digit = None
        elif ch in _BIG:
            section += digit or 0
            total += (section or 1) * _BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def cn_number(text: str) -> Optional[float]:
    """Chinese numeral with an optional decimal part: 三十 -> 30, 三点五 -> 3.5."""
    whole, _, frac = text.partition("点")
    n = cn_int(whole)
    if n is None:
        return None
    if frac:
        digits = "".join(str(_DIGIT[c]) for c in frac if c in _DIGIT)
        return float(f"{n}.{digits}") if digits else float(n)
    return float(n)


MULTIPLIER = {"万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6, None: 1.0, "": 1.0}


def scaled(number: str, multiplier: Optional[str]) -> float:
    """'18.35', '万' -> 183500.0, rounded to drop float noise."""
    return round(float(number) * MULTIPLIER[multiplier], 6)
