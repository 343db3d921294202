"""normalize(): the text the extractor reads, and the map back to the original."""
import pytest

from planledger.normalize import normalize


@pytest.mark.parametrize(
    "original, expected",
    [
        ("增长8.\n3%，", "增长8.3%，"),  # a PDF wrap inside a number
        ("达到4222\n家", "达到4222家"),
        ("达到 4222 家、增长 8.3 %", "达到4222家、增长8.3%"),
        ("增长６．５％以上", "增长6.5%以上"),  # full-width digits and signs
        ("(下转12版)完善机制", "完善机制"),
        ("（上接 第1版）完善机制", "完善机制"),
        ("## 二、总体考虑\n2025 年", "二、总体考虑\n2025年"),
        ("细颗粒物(PM<sub>2.5</sub>)浓度", "细颗粒物(PM2.5)浓度"),
        ("完成。\n\n二、2021年", "完成。\n二、2021年"),  # paragraph breaks survive
        ("一、回顾\n　　去年春天", "一、回顾\n去年春天"),
        ("地區生產總值增長6%以上，城鎮調查失業率5.5%左右", "地区生产总值增长6%以上，城镇调查失业率5.5%左右"),
    ],
)
def test_normalized_text(original, expected):
    assert normalize(original).text == expected


@pytest.mark.parametrize("original", ["增长 8.\n3 %，", "(下转12版)地区生产总值达到 27894 亿元", "ＡＢ１２ 3"])
def test_offsets_point_into_the_original(original):
    norm = normalize(original)
    assert len(norm.offsets) == len(norm.text) + 1
    for i, c in enumerate(norm.text):
        source = original[norm.offsets[i]]
        assert source == c or source in "\n 　" or ord(source) - 0xFEE0 == ord(c)


def test_span_of_a_broken_number_covers_it_whole():
    original = "经济增长8.\n3%，"
    norm = normalize(original)
    i = norm.text.index("8.3")
    start, end = norm.span(i, i + 3)
    assert original[start:end] == "8.\n3"
