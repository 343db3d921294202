"""The value of one numeral as the grammar found it: 2.5, 三千五百, 1万600, 4万多亿, 十几万, 八九, 数百.

``read_numeral(text)`` gives a ``Numeral`` (value in the unit of its trailing scale, the scale as
written, the upper end of a digit pair, the approximation word) or None for what is no number
(十四五, 一二三, 亿万): the scale kept as written (三千五百万 is 3500 万), approximations, digit pairs,
Arabic numbers mixed with places (1万600, 3.5万亿, 1亿2000万), places with 零, 两 and the omitted
last place (一千五). The value of the numeral itself is composed here rather than by cn2an, which
the property tests use as the oracle: importing cn2an costs 0.2-0.3 s of CPU per process (its
package builds its converters and the transformer's patterns at import), more than extracting a
whole report.
"""
from __future__ import annotations

import math
from typing import NamedTuple
from functools import lru_cache

from .. import patterns
from .grammar import ARABIC, Grammar, grammar

_ARABIC = patterns.compile(ARABIC)
_DIGIT_OF = "零一二三四五六七八九"
_ARABIC_FULL = patterns.compile(rf"(?:{ARABIC})")


class Numeral(NamedTuple):
    value: float  # in the unit of ``scale``
    scale: str  # trailing scale kept as written ("万", "万亿", "千万"), or ""
    high: float | None  # upper end of a digit pair (八九 → 8, 9), same scale
    approx: str | None  # 多, 余, 几, 数, 上
    chinese: bool  # written without Arabic digits
    digits_only: bool  # Chinese digits without places (二〇二一): a year or a code when long


@lru_cache(maxsize=8192)
def read_numeral(text: str) -> Numeral | None:
    n = _read(text)
    if n is None or not math.isfinite(n.value * (1 if n.high is None else n.high)):
        return None  # a run of hundreds of digits is no number (float infinity)
    return n


def _read(text: str) -> Numeral | None:
    g = grammar()
    head = _ARABIC.match(text)
    if head is not None:  # the common cases, read as _composed reads them: 2.5, 1,200; 1.07万亿, 1000万
        end = head.end()
        if end == len(text):
            return Numeral(float(text.replace(",", "")), "", None, None, False, False)
        if text[end:] in _plain_scales():
            return Numeral(float(text[:end].replace(",", "")), text[end:], None, None, False, False)
    return _composed(text, g)


@lru_cache(maxsize=1)
def _plain_scales() -> frozenset[str]:
    """The scales after which an Arabic number (``ARABIC`` whole) is read by ``_composed`` as that number
    in the scale and nothing else: those with no character ``_composed`` reads otherwise (a 廿 it
    rewrites, a 多 it drops, the decimal point). None when an Arabic number's own characters (digits,
    ``,`` ``.``) could be such a character, a Chinese digit or an approximation word's first
    character: then every numeral goes through ``_composed``."""
    g = grammar()
    special = set(g.tens) | set(g.approx_inner) | {g.point}
    arabic = set("0123456789,.")
    if special & arabic or arabic & (set(g.digits) | set(g.bigs) | set(g.places) | {w[:1] for w in g.approx_before}) \
            or g.point.isdecimal() or any(c.isdecimal() for c in "".join(g.digits) + "".join(g.approx_before)):
        return frozenset()
    return frozenset(s for s in g.scales if not special & set(s))


def _composed(text: str, g: Grammar) -> Numeral | None:
    """Any numeral: places, 零, 两, an omitted last place, approximations, digit pairs, scales."""
    if any(c in g.tens for c in text):  # 廿二 is 二十二
        text = "".join(f"{_DIGIT_OF[g.tens[c] // 10]}十" if c in g.tens else c for c in text)
    if _ARABIC_FULL.fullmatch(text):  # the common case: 2.5, 1,200
        return Numeral(float(text.replace(",", "")), "", None, None, False, False)
    approx = None
    body = text
    if body[0] in g.approx_before and len(body) > 1:
        approx, body = body[0], body[1:]
    found = [c for c in body if c in g.approx_inner]
    if found:
        approx = approx or found[0]
        ji = "几" in found
        # 十几 → 十 (ten and more), 几十 → 一十 (some tens); 多/余 are only dropped
        body = patterns.compile(r"(?<=[十拾百佰千仟万亿])几|几$").sub("", body) if ji else body
        body = body.replace("几", "一")
        for c in g.approx_inner:
            body = body.replace(c, "")
        if not body:
            return None
    chinese = not any(c.isdigit() for c in body)
    # the trailing scale kept in the unit: 万, 亿, 万亿; after an Arabic number also 千万, 百万
    scale = ""
    arabic_head = _ARABIC.match(body)
    if arabic_head and arabic_head.end() < len(body):
        rest = body[arabic_head.end():]
        if rest in g.scales:
            scale = rest
    if not scale:
        k = len(body)
        while k > 0 and body[k - 1] in g.bigs:
            k -= 1
        if k < len(body) and body[k:] in g.scales:
            scale = body[k:]
    numeral = body[: len(body) - len(scale)]
    factor = g.scales[scale] if scale else 1.0
    if not numeral:
        if not scale:
            return None  # 亿万, 万万
        return Numeral(1.0, scale, None, approx, True, False)  # 万亿 (突破万亿元): one of the scale
    if all(c in g.digits for c in numeral) and len(numeral) > 1:
        # 八九, 四五: a pair; 二〇二一: digits of a year or code
        pair = _pair(numeral, g)
        if pair:
            return Numeral(pair[0], scale, pair[1], approx, True, False)
        value = float("".join(str(g.digits[c]) for c in numeral))
        return Numeral(value, scale, None, approx, True, True)
    pair_at = _pair_position(numeral, g)
    if pair_at is not None:
        low = _scaled(numeral[:pair_at] + numeral[pair_at] + numeral[pair_at + 2:], scale, factor, g)
        high = _scaled(numeral[:pair_at] + numeral[pair_at + 1] + numeral[pair_at + 2:], scale, factor, g)
        if low is None or high is None or high <= low:
            return None
        return Numeral(low, scale, high, approx, chinese, False)
    value = _scaled(numeral, scale, factor, g)
    if value is None:
        return None
    return Numeral(value, scale, None, approx, chinese, False)


def _scaled(numeral: str, scale: str, factor: float, g: Grammar) -> float | None:
    """The value of ``numeral`` in the unit of its scale: 三千五百 before 万 is 3500; 一亿五千 before 万
    is the whole 一亿五千万 (150000000) counted in 万 (15000)."""
    if scale and any(c in g.bigs for c in numeral):
        whole = _value(numeral + scale, g)
        return None if whole is None else round(whole / factor, 10)
    return _value(numeral, g)


def _pair(digits: str, g: Grammar) -> tuple[float, float] | None:
    if len(digits) != 2:
        return None
    a, b = g.digits[digits[0]], g.digits[digits[1]]
    if b == a + 1 and a > 0 or digits in g.digit_pairs:
        return float(a), float(b)
    return None


def _pair_position(numeral: str, g: Grammar) -> int | None:
    """Two Chinese digits opening a numeral with places (四五千, 二三十): the two ends of a range. Not
    after a place: 十四五 and 十三五 name plans."""
    if len(numeral) > 2 and numeral[0] in g.digits and numeral[1] in g.digits and _pair(numeral[:2], g):
        return 0
    return None


def _value(numeral: str, g: Grammar) -> float | None:
    """The value of a numeral without its trailing scale."""
    if numeral[0] in g.bigs:
        return None  # 万一 is no numeral; a lone 万 or 亿 is a scale, read before
    if g.point in numeral:
        whole, _, fraction = numeral.partition(g.point)
        if not fraction or not all(c in g.digits for c in fraction):
            return None
        head = _compose(whole) if whole else None
        if head is None:
            return None
        return head + float("0." + "".join(str(g.digits[c]) for c in fraction))
    return _compose(numeral)


@lru_cache(maxsize=4096)
def _compose(numeral: str) -> float | None:
    """A numeral of digits (Arabic numbers or Chinese digits), places and big places, the standard way:
    places multiply the digit before them inside a section, a big place closes a section (十万零一千,
    一亿零一, 1亿2000万, 3万5千); a last Chinese digit right after a place or a big place, with no 零
    before it, stands for the next lower place (一千五 = 1500, 两万三 = 23000). Places must fall from
    left to right inside a section; two digits in a row are no numeral (十四五)."""
    g = grammar()
    total = section = 0.0
    current: float | None = None
    chinese_digit = False  # the current digit is one Chinese digit (may abbreviate a place)
    last_place = None  # the last place of this section
    last_big: float | None = None
    prev = ""  # kind of the previous token: n (number), p (place), b (big), z (zero)
    pos = 0
    while pos < len(numeral):
        m = _ARABIC.match(numeral, pos)
        c = numeral[pos]
        if m:
            kind, v, pos = "n", float(m.group().replace(",", "")), m.end()
        elif c in g.digits:
            kind, v, pos = ("z" if g.digits[c] == 0 else "d"), float(g.digits[c]), pos + 1
        elif c in g.places:
            kind, v, pos = "p", float(g.places[c]), pos + 1
        elif c in g.bigs:
            kind, v, pos = "b", float(g.bigs[c]), pos + 1
        else:
            return None
        if kind == "z":
            if current is not None:
                return None
            prev = "z"
            continue
        if kind in ("n", "d"):
            if current is not None:
                return None
            current, chinese_digit = v, kind == "d"
        elif kind == "p":
            if last_place is not None and v >= last_place:
                return None  # 十百, 一千二千
            if current is None:
                colloquial = prev == "p" and v == 10 and last_place == 100  # 一百十一 is 一百一十一
                if not colloquial and (prev not in ("", "b", "z") or (prev and v != 10 and prev != "z")):
                    return None  # 十 alone is 一十 (十五, 二十万零十); 百 needs its digit after a big place
                current = 1.0
            section += current * v
            current, last_place = None, v
        else:  # a big place
            if prev == "b":
                if last_big is None or v <= last_big or section or current is not None:
                    return None
                total *= v  # 万亿
                last_big = v
                prev = "b"
                continue
            section += current or 0
            current = None
            if section == 0:
                return None
            if last_big is not None and v > last_big:
                total = (total + section) * v
            else:
                if last_big is not None and v == last_big:
                    return None
                total += section * v
            section, last_place, last_big = 0.0, None, v
        prev = kind if kind != "d" else "n"
    if current is not None:
        if chinese_digit and prev == "n":
            # 一千五, 两万三: the last digit right after a place stands for the next place down
            before = numeral[-2] if len(numeral) > 1 else ""
            if before in g.places and last_place is not None and last_place > 10:
                current *= last_place / 10
            elif before in g.bigs and last_big is not None:
                current *= last_big / 10
        section += current
    return total + section
