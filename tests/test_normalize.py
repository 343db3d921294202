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


def _column(paragraphs: list[str], width: int = 14) -> str:
    """Paragraphs printed in a newspaper column: cut every ``width`` characters, a new paragraph indented."""
    lines = []
    for p in paragraphs:
        cut = [p[i:i + width] for i in range(0, len(p), width)]
        lines += ["\u3000\u3000" + cut[0]] + cut[1:]
    return "\n".join(lines) + "\n"


_FILL = "全市上下坚持稳中求进工作总基调，推动经济持续回升向好，各项事业取得新进展。" * 3


def _cut_before(paragraph: str, at: str) -> int:
    """The column width that cuts ``paragraph`` right before ``at``, as the print did."""
    return paragraph.index(at)


def test_a_line_cut_at_the_column_width_goes_on_though_the_next_opens_like_a_heading():
    # "…市场体系建设统" + "一、开放、竞争…": 统一 cut by the column, no heading
    p = "加快建设高标准市场体系，推动全国统一、开放、竞争、有序的市场体系建设。"
    text = _column([_FILL, _FILL, p, _FILL, _FILL], width=_cut_before(p, "一、开放"))
    assert "\n一、开放" in text
    assert "统一、开放、竞争" in normalize(text).text


def test_a_line_cut_inside_a_quotation_goes_on():
    p = "落实“五统一、一开放”要求，建立年度任务清单。"
    text = _column([_FILL, _FILL, p, _FILL, _FILL], width=_cut_before(p, "一、一开放"))
    assert "\n一、一开放" in text
    assert "“五统一、一开放”" in normalize(text).text


def test_a_semicolon_at_the_column_width_goes_on_and_a_heading_after_a_full_stop_breaks():
    p = "今年要关停小火电机组1000万千瓦；五年淘汰落后产能1亿吨。"
    text = _column([_FILL, _FILL, p, _FILL, "二、2026年工作安排", _FILL, _FILL], width=_cut_before(p, "五年"))
    assert "；\n五年" in text
    out = normalize(text).text
    assert "千瓦；五年淘汰" in out
    assert "\n二、2026年工作安排\n" in out


@pytest.mark.parametrize("original, expected", [
    ("社会物流总费用与G\nDP的比率为13%", "社会物流总费用与GDP的比率为13%"),  # an ASCII word in Chinese text, cut
    ("超算算力228P\nF，增长34.6%", "超算算力228PF，增长34.6%"),
    ("the annual\nreport of the", "the annual report of the"),  # English keeps its space
])
def test_an_ascii_word_cut_by_a_line_break(original, expected):
    assert normalize(original).text == expected


@pytest.mark.parametrize("original, expected", [
    # a full stop typed "." (an input method in half-width mode) or printed "．" ends the sentence as 。 does
    ("工业增加值增长7.4%.新增规上企业320家.", "工业增加值增长7.4%。新增规上企业320家。"),
    ("粮食产量居全国第12.新建高标准农田80万亩．", "粮食产量居全国第12。新建高标准农田80万亩。"),
    ("算力规模达到3.2万P.推进数据空间建设", "算力规模达到3.2万P。推进数据空间建设"),
    ("获评优秀等次.PM2.5平均浓度下降4%", "获评优秀等次。PM2.5平均浓度下降4%"),
    ("城乡收入比缩小到2.1:1.城镇化率", "城乡收入比缩小到2.1:1。城镇化率"),
    # a decimal point, a dot inside an ASCII word, a run of dots and the dot numbering a line stay
    ("增长5.2%，达到3.45万亿元", "增长5.2%，达到3.45万亿元"),
    ("详见www.gov.cn和No.1文件", "详见www.gov.cn和No.1文件"),
    ("等等...", "等等..."),
    ("2.推进城市更新，改造小区120个。", "2.推进城市更新，改造小区120个。"),
])
def test_a_full_stop_written_as_a_dot(original, expected):
    norm = normalize(original)
    assert norm.text == expected
    assert len(norm.text) == len(original) and norm.span(0, len(norm.text)) == (0, len(original))

# -- the t2s shortcut: a text OpenCC would give back unchanged is not given to it -----------------------
def _t2s_samples() -> list[str]:
    """Texts of every report beside the repository, each with its traditional twin (OpenCC s2t): what
    the shortcut is asked about (a report's first 20000 characters, as _simplify asks) and a window of
    each of its paragraphs."""
    import opencc

    from conftest import SHARED, national_paths, seed_paths

    s2t = opencc.OpenCC("s2t")
    paths = seed_paths() + national_paths() + sorted((SHARED / "corpus").glob("provinces-*/*.txt"))
    out: list[str] = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        out.append(text[:20000])
        out += [para[:400] for para in text.split("\n")[::5] if para.strip()]
        out.append(s2t.convert(text[:3000]))
    return out


def test_t2s_shortcut_only_where_opencc_changes_nothing(tmp_path, monkeypatch):
    """_t2s_leaves says "unchanged" only for texts that t2s gives back as they are, and says it for the
    simplified reports (the point of it); a traditional text goes to OpenCC. From a cold cache folder
    (the dictionaries read with opencc_dict) and from the file it wrote."""
    from planledger import normalize as N

    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", str(tmp_path))
    samples = _t2s_samples()
    for attempt in ("cold", "warm"):
        N._t2s_changes.cache_clear()
        assert N._t2s_changes() is not None, attempt
        left = 0
        for s in samples:
            if N._t2s_leaves(s):
                left += 1
                assert N._t2s().convert(s) == s, (attempt, s[:60])
        assert left >= len(samples) // 2, attempt  # most of a simplified corpus passes by OpenCC
        assert list(tmp_path.glob("opencc-t2s.*.marshal")), attempt
    assert not N._t2s_leaves("地區生產總值增長6%以上")
    assert not N._t2s_leaves("深沈")  # a change only a phrase makes (深沉): 沈 alone stays
    assert not N._t2s_leaves("增长\U00020000")  # beyond the BMP: left to OpenCC
    N._t2s_changes.cache_clear()


def test_t2s_shortcut_off_without_a_cache_folder(monkeypatch):
    """With no cache folder the dictionaries are not read (that costs more than loading OpenCC): every
    text goes to OpenCC, as before."""
    from planledger import normalize as N

    monkeypatch.setenv("PLANLEDGER_CACHE_DIR", "")
    N._t2s_changes.cache_clear()
    try:
        assert not N._t2s_leaves("地区生产总值增长6%以上")
        assert normalize("地區生產總值增長6%以上，城鎮調查失業率5.5%左右").text == "地区生产总值增长6%以上，城镇调查失业率5.5%左右"
    finally:
        N._t2s_changes.cache_clear()


def test_to_halfwidth_is_the_tables_translation():
    """_to_halfwidth (the ideographic spaces by str.replace, the other characters by a pattern) gives what
    str.translate gives with the table, on every report of the corpus and on mixtures of the table's
    characters."""
    import random

    from planledger.normalize import _FULLWIDTH, _to_halfwidth

    from conftest import SHARED

    texts = [p.read_text(encoding="utf-8") for folder in ("seeds", "corpus/national", "corpus/provinces-2026",
                                                           "corpus/provinces-2025")
             for p in sorted((SHARED / folder).glob("*.txt"))]
    rng = random.Random(7)
    alphabet = [chr(c) for c in _FULLWIDTH] + list("a1 中，。\n\t\u3000\u3000\u3000")
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 60))) for _ in range(2000)]
    assert sum("\u3000" in t for t in texts) > 100
    for text in texts:
        assert _to_halfwidth(text) == text.translate(_FULLWIDTH)


def test_full_stops_tried_at_the_dots_equal_the_one_pattern_of_their_definition():
    # normalize._full_stops looks only at the dots; its definition is one pattern tried at every character
    import itertools
    import re

    from conftest import SHARED, seed_paths
    from planledger.normalize import _full_stops

    one = re.compile(r"(?m)(^[ \t\u3000]*(?:\d{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})\.)(?!\d)"
                     r"|(?<=[\u2e80-\u9fff\uff00-\uffef\u2018-\u201d%‰)\]])\.(?!\.)"
                     r"|(?<=[0-9A-Za-z])\.(?=[\u2e80-\u9fff\uff00-\uffef\u2018-\u201d]|[ \t]*$(?![\n\r][ \t]*\d))")
    texts = [p.read_text(encoding="utf-8") for p in seed_paths() + sorted((SHARED / "corpus").glob("*/*.txt"))]
    texts += [t.replace("。", ".") for t in texts]
    bits = ["1", ".", "a", "一", "增长", "%", "）", "\n", " ", "\u3000", "…", "”", "5.2", "第9", "\t", "。"]
    texts += ["".join(p) for p in itertools.product(bits, repeat=3)]
    for text in texts:
        assert _full_stops(text) == one.sub(lambda m: m.group(1) or "。", text), text[:60]
