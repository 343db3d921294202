"""Number expressions: every number of a text with its value, range, unit as written and hints.

``scan(text)`` → ``list[NumberSpan]``, in text order, each with offsets into ``text``::

    >>> [(s.value, s.value_high, s.unit, s.kind) for s in scan("增长4.5%—5%，投资两到三万元")]
    [(4.5, 5.0, '%', 'range'), (2.0, 3.0, '万元', 'range')]

The patterns and word lists are ``data/numbers.yaml`` (with the units and scales of
``data/units.yaml`` and the qualifier words of ``data/qualifiers.yaml``); ``grammar.py`` compiles
them, ``numeral.py`` reads one numeral (plain Chinese numerals through cn2an). What holds digits
but is no number is not returned: years and dates (2021年1月21日, 二〇二一年), ordinals (第三),
numbers joined to Latin letters (5G, PM2.5), list numbering (1. （一）), codes in brackets
(〔2021〕3号), 十四五. A Chinese numeral with no unit is read only when it has a place (三千, 数百).
"""
from __future__ import annotations

from typing import NamedTuple

from .grammar import Grammar
from .grammar import grammar as _grammar
from .numeral import Numeral, read_numeral

__all__ = ["NumberSpan", "scan", "read_numeral"]


class NumberSpan(NamedTuple):
    """One number expression (an immutable record: a named tuple, cheap to make by the thousand)."""

    start: int  # first character of the expression (of 百分之, 翻, or a minus sign)
    end: int  # after the unit (and 多/余 before it); qualifier words (以上, 左右) are not inside
    num_end: int  # after the numeral (the upper end of a range), before its scale and unit
    value: float  # in the unit as written: 2.5 for 2.5万亿元; negative when written with a minus
    value_high: float | None  # upper end of a range
    unit: str  # as written, scale kept: 万亿元, %, 个百分点, 成, :1; "" for a bare number or a fraction
    scale: str  # the scale inside ``unit`` (万亿, 亿, 万, 千万 …) or ""
    kind: str  # number, range, percent, fraction, multiple, ratio
    approx: str | None = None  # the approximation word: 多, 余, 几, 数, 上
    qualifier: str | None = None  # hint from the words around: >=, >, <=, <, ~, =, range
    negative: bool = False  # a decline: 下降/降低/减少/缩小 before it, or a minus sign
    chinese: bool = False  # the numeral is written in Chinese characters
    small: bool = False  # a Chinese numeral under 100 or of one character (三届, 两次, 十个方面, 千家)
    words: str | None = None  # a quantity written as a word: 正增长, 翻一番, 一半, 持平
    terms: tuple[float, ...] = ()  # the terms of a ratio (8.7∶41.2∶50.1)

    @property
    def factor(self) -> float:
        """What the scale multiplies: 1e12 for 万亿."""
        return _grammar().scales.get(self.scale, 1.0) if self.scale else 1.0


def scan(text: str, mask: list[bool] | None = None) -> list[NumberSpan]:
    """Every number expression of ``text``; those starting at a masked character are left out."""
    g = _grammar()
    t = text.translate(g.fullwidth) if g.wide.search(text) else text
    offsets = None
    if g.invisible.search(t):
        keep = [i for i, c in enumerate(t) if not g.invisible.match(c)]
        t = "".join(t[i] for i in keep)
        offsets = keep + [len(text)]
    out: list[NumberSpan] = []
    pos = 0
    search = g.expression.search
    while True:
        m = search(t, pos)
        if m is None:
            break
        span, pos = _read(t, m, g)
        if span is None:
            continue
        if offsets is not None:
            span = _moved(span, offsets)
        if mask is not None and span.start < len(mask) and mask[span.start]:
            continue
        out.append(span)
    return _shared_units(out, text) if len(out) > 1 else out


def _shared_units(spans: list[NumberSpan], text: str) -> list[NumberSpan]:
    """A list of numbers written with its unit once, on the last ("分别增长5、6、7%", "分别提高1.3个、1.1个百分点",
    "分别为1.2、3.4亿元"): each earlier number, bare and in digits (or with the first word of a unit of points, 个),
    standing right before the next one with 、 between, takes the unit of the number after it."""
    for i in range(len(spans) - 2, -1, -1):
        a, b = spans[i], spans[i + 1]
        if a.chinese or a.kind != "number" or not b.unit or text[a.end:b.start] != "、" \
                or not (a.unit == "" or b.unit != a.unit and b.unit.startswith(a.unit) and b.kind == "percent"):
            continue
        spans[i] = a._replace(unit=b.unit, scale=b.scale, kind=b.kind if b.kind != "range" else "number")
    return spans


def _moved(s: NumberSpan, offsets: list[int]) -> NumberSpan:
    def at(i: int) -> int:
        return offsets[i] if i < len(offsets) else offsets[-1]

    def end(i: int) -> int:
        return offsets[i - 1] + 1 if i > 0 else 0

    return NumberSpan(at(s.start), end(s.end), end(s.num_end), s.value, s.value_high, s.unit, s.scale, s.kind,
                      s.approx, s.qualifier, s.negative, s.chinese, s.small, s.words, s.terms)


def _tail(tail: str, g: Grammar) -> tuple[str | None, str]:
    if tail and tail[0] in g.approx_inner:
        return tail[0], tail[1:]
    return None, tail


def _hint(t: str, start: int, end: int, approx: str | None, unit: str, g: Grammar) -> str | None:
    if t[end:end + 1] in g.after_first:
        m = g.qualifier_after.match(t, end)
        if m:
            return g.qualifier_after_codes[m.group()]
    if approx:
        return g.approx_inner.get(approx) or g.approx_before.get(approx)
    if start and t[start - 1] in g.before_last:
        m = g.qualifier_before.search(t, max(0, start - 4), start)
        if m and not (m.group() == "近" and unit in g.window_units):
            return g.qualifier_before_codes[m.group()]
    return None


def _declines(t: str, start: int, g: Grammar) -> bool:
    return start > 0 and t[start - 1] in g.decline_last and g.decline.search(t, max(0, start - 4), start) is not None


def _is_year(n: Numeral, unit: str, g: Grammar) -> bool:
    if n.scale or n.high is not None or n.approx or n.value != int(n.value):
        return False
    if n.digits_only:
        return unit in g.year_units or not unit
    if n.chinese:
        return False  # years in Chinese are written digit by digit (二〇二一年)
    return (unit in g.year_units or not unit) and g.year_range[0] <= n.value <= g.year_range[1]


def _read(t: str, m, g: Grammar) -> tuple[NumberSpan | None, int]:
    """The span of one match of the expression pattern, or None; and where to search next."""
    start, end = m.span()
    word, n1, t1, sep, minus, pct, den, ratio, fden = m.group("word", "n1", "t1", "sep", "minus", "pct", "den",
                                                            "ratio", "fden")
    prev = t[start - 1] if start else ""
    if word is not None:
        if prev and prev in g.words_not_after.get(word, ()):
            return None, start + 1  # 保持平稳: no 持平
        return _word(t, m, g), end
    if prev and n1[:1] in g.approx_not_after and prev in g.approx_not_after[n1[0]]:
        return None, start + 1  # 跨上万亿元台阶: 上 ends the verb, the number is 万亿元
    if minus is not None and minus in g.minus_words and prev.isalnum():
        return None, start + 1  # 减负1000亿元, 辜负三秦: 负 ends another word, the number is read after it
    if not t1 and sep is None and len(n1) == 1 and not n1.isdigit() and end == start + 1 \
            and not _standing_alone(t, start, end):
        return None, end  # 一 of 统一, 一些, 一是: a lone Chinese digit with nothing after it
    n1_end = m.end("n1")
    num = read_numeral(n1)
    if num is None:
        return None, end
    if prev and (prev in g.ordinal_before or (prev.isascii() and (prev.isalnum() or prev in "._"))):
        return None, end  # 第三, PM2.5, T3B, 1.2.3
    end1 = m.end("t1")
    after_num = t[n1_end:n1_end + 1]
    if after_num.isascii() and after_num:
        next_char = t[end1:end1 + 1]
        latin_unit = t1.startswith(after_num) and not (next_char.isascii() and next_char.isalpha())
        if after_num.isalpha() and n1[-1].isdigit() and not latin_unit or after_num == "+":
            return None, end  # 5G, 4A, 850+ (but 3.2EFLOPS, 4.8万P: a unit in Latin letters)
    if g.name_after.match(t, n1_end):
        return None, end  # 500强, 90后, 70周年
    if t1 and t1[0] in g.approx_inner:
        approx1, unit1 = t1[0], t1[1:]
    else:
        approx1, unit1 = None, t1
    if len(unit1) >= 2 and unit1[0] in g.money_units:
        unit1, cents = _money(unit1, g)
    else:
        cents = 0.0  # what _money gives for any other unit
    negative = minus is not None
    if negative and prev and (prev.isascii() and prev.isalnum() or prev in "%‰"):
        negative = False  # "2020-2025": the dash is between two numbers
    if pct is not None or den is not None:
        return _share(t, m, g, num, pct, den, approx1, unit1), end
    if ratio is not None:
        if num.chinese or unit1:
            return None, end
        terms = (num.value,) + tuple(float(x) for x in _ratio_terms(ratio))
        unit = ":" + _fmt(terms[-1]) if len(terms) == 2 else ""
        return NumberSpan(start, end, end, terms[0], None, unit, "", "ratio", terms=terms,
                          qualifier=_hint(t, start, end, None, unit, g)), end
    if fden is not None:
        denominator = float(fden)
        if num.chinese or unit1 or num.scale or not denominator or num.value != int(num.value):
            return None, end
        return NumberSpan(start, end, end, round(num.value / denominator, 10), None, "", "", "fraction",
                          qualifier=_hint(t, start, end, None, "", g)), end
    if sep is not None:
        span = _range(t, m, g, num, approx1, unit1, start, negative)
        if span is not None:
            return span, end
        if _range_is_years(m, num, g) or _range_is_date(t, m, g):
            return None, end
    # a single number
    if cents:
        num = num._replace(value=round(num.value + cents, 10))
    if unit1 and not approx1 and not num.approx and t[end1:end1 + 1] in g.approx_inner and t[end1:end1 + 1]:
        # "提高2个多百分点": the approximation inside a unit of points (个 … 百分点) is the number's
        whole = next((u for u in g.point_units if len(u) > len(unit1) and u.startswith(unit1)
                      and t.startswith(u[len(unit1):], end1 + 1)), None)
        if whole:
            approx1, end1, unit1 = t[end1], end1 + 1 + len(whole) - len(unit1), whole
    if unit1 in g.approx_after_units and not approx1 and not num.approx and t[end1:end1 + 1] in g.approx_inner:
        approx1, end1 = t[end1], end1 + 1  # 三成多, 两倍多: more than the share or the multiple
    unit = num.scale + unit1
    if unit1 in g.date_units or (not unit1 or unit1 in g.year_units) and _is_year(num, unit1, g) \
            or (not unit1 and t[end1:end1 + 1] in g.date_units and t[end1:end1 + 1]):
        return None, end1
    if not unit:
        if not _bare_number(t, start, n1_end, num, g) and not (
                num.chinese and not num.digits_only and num.high is None and _standing_alone(t, start, n1_end)):
            return None, end1
    high = num.high
    if high is not None:
        kind = qualifier = "range"
    else:
        kind = _kind(unit1, g)
        qualifier = _hint(t, start, end1, approx1 or num.approx, unit1, g)
    return NumberSpan(start, end1, n1_end - len(num.scale), -num.value if negative else num.value, high, unit,
                      num.scale, kind, approx1 or num.approx, qualifier, negative or _declines(t, start, g),
                      num.chinese, kind == "number" and _small(num, n1), None), end1


def _standing_alone(t: str, start: int, end: int) -> bool:
    """A numeral that is the whole text or a whole line (a form given alone: "一", "负十"): read although
    one Chinese digit in running text (统一, 一是) is none."""
    return (not start or t[start - 1] == "\n") and (end >= len(t) or t[end] == "\n")


def _money(unit: str, g: Grammar) -> tuple[str, float]:
    """元 with its smaller units after it, and the word closing a written sum: 元壹角壹分 → (元, 0.11),
    元整 → (元, 0)."""
    if len(unit) < 2 or unit[0] not in g.money_units:
        return unit, 0.0
    rest, cents, i = unit[1:], 0.0, 0
    while i + 1 < len(rest) and rest[i + 1] in g.money_subunits:
        digit = rest[i]
        value = int(digit) if digit.isdigit() else g.digits.get(digit)
        if value is None:
            return unit, 0.0
        cents += value * g.money_subunits[rest[i + 1]]
        i += 2
    if rest[i:] and rest[i:] not in g.money_closers:
        return unit, 0.0  # 元/月: a unit per something
    return unit[0], round(cents, 10)


def _small(num: Numeral, written: str) -> bool:
    if not num.chinese:
        return False
    return num.value * (_grammar().scales.get(num.scale, 1.0) if num.scale else 1.0) < 100 or len(written) == 1


def _bare_number(t: str, start: int, end: int, num: Numeral, g: Grammar) -> bool:
    """A number with no unit: an Arabic one unless it numbers a list or sits in brackets; a Chinese
    one only with a place (三千) or an approximation (数百)."""
    if num.chinese:
        if num.digits_only:
            return False
        written = t[start:end]
        return num.approx is not None or (len(written) >= 2 and any(c in g.digits for c in written) and any(
            c in g.places or c in g.bigs or c == g.point for c in written))
    prev = t[start - 1] if start else ""
    nxt = t[end:end + 1]
    closing = g.brackets.get(prev)
    if closing is not None and nxt == closing:
        return False  # （1）, 〔2021〕
    if nxt in g.list_marks and not (nxt == "." and t[end + 1:end + 2].isdigit()):
        if not prev or prev in "\n \t\u3000" or closing is not None:
            return False  # "1." or "1、" opening a line
    return True


def _kind(unit: str, g: Grammar) -> str:
    if unit in g.percent_units or unit in g.point_units:
        return "percent"
    if unit == "倍":
        return "multiple"
    return "number"


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _ratio_terms(text: str) -> list[str]:
    out, cur = [], ""
    for c in text:
        if c in "∶:：":
            if cur.strip():
                out.append(cur.strip())
            cur = ""
        else:
            cur += c
    if cur.strip():
        out.append(cur.strip())
    return [x.replace(",", "") for x in out]


def _word(t: str, m, g: Grammar) -> NumberSpan:
    w = m.group("word")
    start, end = m.span()
    form = g.words.get(w)
    if form is not None:
        qualifier = _hint(t, start, end, None, form.unit, g) or form.qualifier
        return NumberSpan(start, end, end, form.value, None, form.unit, "", form.kind, qualifier=qualifier,
                          words=w)
    times = m.group("times")
    n = g.digits.get(times, None) if not times.isdigit() else int(times)
    return NumberSpan(start, end, end, float(2 ** n - 1) * 100, None, "%", "", "multiple",
                      qualifier=_hint(t, start, end, None, "%", g) or "=", words=w)


def _share(t, m, g: Grammar, num: Numeral, pct, den, approx, unit1) -> NumberSpan | None:
    """百分之八 (8 %), 千分之三 (3 ‰), 四分之一 (0.25)."""
    start = m.start()
    if num.scale or num.high is not None:
        return None
    if pct is not None:
        unit = g.percent_prefixes[pct]
        return NumberSpan(start, m.end("n1"), m.end("n1"), num.value, None, unit, "", "percent", approx,
                          _hint(t, start, m.end("n1"), approx or num.approx, unit, g), _declines(t, start, g),
                          num.chinese, False)
    d = read_numeral(den)
    if d is None or d.scale or d.high is not None or not d.value or num.scale:
        return None
    return NumberSpan(start, m.end("n1"), m.end("n1"), round(num.value / d.value, 10), None, "", "", "fraction",
                      approx, _hint(t, start, m.end("n1"), approx or num.approx, "", g), _declines(t, start, g),
                      num.chinese and d.chinese, False)


def _range_is_date(t: str, m, g: Grammar) -> bool:
    """1—2月, 3至5日: a span of dates."""
    _, unit2 = _tail(m.group("t2"), g)
    nxt = t[m.end("t2"):m.end("t2") + 1]
    return unit2 in g.date_units or (not unit2 and nxt != "" and nxt in g.date_units)


def _range_is_years(m, num: Numeral, g: Grammar) -> bool:
    n2 = read_numeral(m.group("n2"))
    _, unit2 = _tail(m.group("t2"), g)
    return n2 is not None and _is_year(num, unit2, g) and _is_year(n2, unit2, g)


def _range(t: str, m, g: Grammar, n1: Numeral, approx1, unit1: str, start: int, negative: bool) -> NumberSpan | None:
    """4.5%—5%, 4.5-5%, 2——3万元, 从8500到3万元, 两到三万元, 十八至三十万元: one unit for both ends."""
    n2 = read_numeral(m.group("n2"))
    if n2 is None or n1.high is not None or n2.high is not None or negative:
        return None
    approx2, unit2 = _tail(m.group("t2"), g)
    if unit1 and unit1 != unit2 or (unit1 and not unit2):
        return None
    unit = unit2
    if not unit and t[m.end("t2"):m.end("t2") + 1] in g.date_units and t[m.end("t2"):m.end("t2") + 1]:
        return None
    if unit in g.date_units or _is_year(n1, unit, g) or _is_year(n2, unit, g):
        return None
    low, high = n1.value, n2.value
    f1 = g.scales.get(n1.scale, 1.0) if n1.scale else 1.0
    f2 = g.scales.get(n2.scale, 1.0) if n2.scale else 1.0
    scale = n2.scale
    if n1.scale == n2.scale:
        pass
    elif not n1.scale and low < high and not unit1:
        pass  # 2——3万元, 十八至三十万元: the first end takes the scale of the second
    elif f1 <= f2:
        scale, high = n1.scale, round(high * f2 / f1, 10)  # 从8500到3万元: both in 元
    else:
        scale, low = n2.scale, round(low * f1 / f2, 10)  # 3万至35000人
    if not high > low:
        return None
    end = m.end("t2")
    num_end = m.end("n2") - len(n2.scale)
    kind = "range"
    approx = approx2 or n2.approx or approx1 or n1.approx
    return NumberSpan(start, end, num_end, low, high, scale + unit, scale, kind, approx, "range",
                      _declines(t, start, g), n1.chinese and n2.chinese,
                      n1.chinese and n2.chinese and high * (g.scales.get(scale, 1.0) if scale else 1.0) < 100)
