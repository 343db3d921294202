"""Properties (Hypothesis): the offset map of normalize, the number scanner (cn2an as oracle), extraction on any text."""
from __future__ import annotations

import cn2an
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planledger.numbers import scan
from planledger.model import Document
from planledger.normalize import _FULLWIDTH, _t2s, normalize
from planledger.pipeline import process_document

WHITE = set(" \t\u3000\u00a0\u2002\u2003\u2009\n\r")

# text that looks like a report: Chinese, numbers, full-width forms, traditional characters,
# edition markers, line breaks and indents; plus any Unicode at all
REPORT_BITS = ["地区生产总值增长", "6", "%", "左右", "。", "，", "\n", "\u3000\u3000", " ", "８．３％", "（下转12版）",
               "一、", "（二）", "1.", "增長", "城鎮調查失業率", "５．５", "億元", "<sub>", "**", "##", "- 12 -", "十四五",
               "三千", "各位代表：", "\r\n", "２０２１年", "PM2.5", "万亩", "亿", "达到", "——"]
report_text = st.lists(st.one_of(st.sampled_from(REPORT_BITS), st.text(max_size=4)), max_size=60).map("".join)
any_text = st.one_of(report_text, st.text(max_size=300),
                     st.text(alphabet=st.characters(codec="utf-8"), max_size=200))


def _same_char(original: str, normalized: str) -> bool:
    """``normalized`` is ``original``, modulo full-width → ASCII, white space, a full stop written as a dot and
    traditional → simplified."""
    if normalized == original:
        return True
    wide = original.translate(_FULLWIDTH)
    if normalized == wide:
        return True
    if original in WHITE and normalized in " \n":
        return True
    if wide == "." and normalized == "。":  # a full stop typed "." or printed "．" (normalize._full_stops)
        return True
    simplified = _t2s().convert(wide)
    return normalized == simplified or (len(simplified) == 1 and normalized == _t2s().convert(simplified))


def _phrase_converted(original: str, normalized: str) -> bool:
    """OpenCC converts some phrases as a whole (a character may become another in context)."""
    return len(_t2s().convert(original)) == 1 and "\u4e00" <= normalized <= "\u9fff" and "\u4e00" <= original <= "\u9fff"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_normalize_offsets_point_back_into_the_original(text):
    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text) + 1
    assert norm.offsets[-1] == len(text)
    assert all(a <= b for a, b in zip(norm.offsets, norm.offsets[1:]))
    assert all(0 <= o < len(text) for o in norm.offsets[:-1])
    for i, c in enumerate(norm.text):
        o = text[norm.offsets[i]]
        assert _same_char(o, c) or _phrase_converted(o, c), (i, c, o, text)


def _read_back(written: str) -> float:
    """The value scan gives a numeral written before a unit (人), its scale applied."""
    spans = scan(written + "人")
    assert len(spans) == 1, (written, spans)
    s = spans[0]
    assert (s.start, s.end) == (0, len(written) + 1), (written, s)
    return s.value * s.factor


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_agree_with_cn2an(n):
    written = cn2an.an2cn(n)  # 一千零五, 二十, 十万零一千, 一亿零一…: cn2an's own writing, 零 and all
    assert cn2an.cn2an(written, "normal") == n
    assert _read_back(written) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**8 - 1), st.integers(min_value=1, max_value=99))
def test_chinese_decimals_agree_with_cn2an(whole, cents):
    x = whole + cents / 100
    written = cn2an.an2cn(f"{x:.2f}")  # 三百一十二点零五
    assert abs(_read_back(written) - cn2an.cn2an(written, "normal")) < 1e-6 * max(1, x)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=9).flatmap(
    lambda d: st.sampled_from([f"{cn2an.an2cn(d)}千", f"{cn2an.an2cn(d)}百", f"{cn2an.an2cn(d)}十",
                               f"{cn2an.an2cn(d)}万", f"{cn2an.an2cn(d)}亿", f"{cn2an.an2cn(d)}千万"])))
def test_chinese_round_places(written):
    assert _read_back(written) == cn2an.cn2an(written, "normal")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_extraction_never_raises_and_spans_point_into_the_text(text):
    processed = process_document(Document(path="/x/fuzz.txt", text=text, format="text", sha256="0" * 64))
    for fact in processed.facts:
        assert 0 <= fact.start <= fact.end <= len(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPORT_BITS + ["\x00", "\x07", "\ufeff", "\U0001F600", "\u202e"]),
       st.integers(min_value=2_000, max_value=40_000))
def test_extraction_on_very_long_lines(piece, repeat):
    text = "地区生产总值增长6%左右" + piece * repeat + "城镇调查失业率5.5%左右。"
    processed = process_document(Document(path="/x/long.txt", text=text, format="text", sha256="0" * 64))
    assert all(0 <= f.start <= f.end <= len(text) for f in processed.facts)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in range(0x20)] + ["\x7f", "\u0085", "\u2028", "\u2029",
                                                                          "增", "长", "6", "%", "。"]),
               max_size=400))
def test_extraction_on_control_characters(text):
    process_document(Document(path="/x/ctl.txt", text=text, format="text", sha256="0" * 64))
