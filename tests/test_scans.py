"""Scans rewritten for speed find what their plain definitions find (Hypothesis, on text made of the
characters each one looks at, and on the development documents).

re scans quickly for a pattern's first character only when the pattern opens on a literal or a
character class; several full-text scans were rewritten for that, and each is checked here against
the pattern it replaced, kept as the oracle."""
from __future__ import annotations

import glob
import itertools
import re

import pytest

from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from planledger import extract, normalize
from planledger.structure import sentences

DOCS = sorted(glob.glob(str(SHARED / "seeds" / "*.txt")) + glob.glob(str(SHARED / "corpus" / "*" / "*.txt")))
WHITE = [" ", "\t", "\r", "\u3000", "\xa0", "\x85", "\u2028", "\x1c", "\x0b", "\n", "\n\n", " \n"]


def _bits(*words: str):
    return st.lists(st.sampled_from([*words, *WHITE, "字", "a", "1", "２", "("]), max_size=40).map("".join)


def plain_sentences(text: str) -> list[tuple[int, int]]:
    """The definition: split after each run of 。！？!?；; and after each line break; drop pieces that
    are white space only."""
    out, start = [], 0
    for m in re.finditer(r"[。！？!?；;]+|\n", text):
        if text[start:m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


@settings(max_examples=400, deadline=None)
@given(_bits("。", "！", "？", "!", "?", "；", ";", "，"))
def test_sentences_are_the_pieces_between_sentence_ends(text):
    assert [(s.start, s.end) for s in sentences(text)] == plain_sentences(text)


def _need_docs():
    if not DOCS:
        pytest.skip("shared/ is not beside the repository")


def test_sentences_of_the_development_documents():
    _need_docs()
    for path in DOCS:
        text = open(path, encoding="utf-8").read()
        assert [(s.start, s.end) for s in sentences(text)] == plain_sentences(text), path


@settings(max_examples=400, deadline=None)
@given(_bits("（", "下", "上", "转", "接", "第", "版", "）", ")", "12", "-", "—", "－", "<sub>", "</p>", "<br/>",
             "#", "##", "**", "*"))
def test_markers_are_found_where_the_marker_pattern_finds_them(text):
    assert [m.span() for m in normalize._markers(text)] == [m.span() for m in normalize._MARKER.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_bits("为约束性指标", "等", "个", "12", "３", "为", "约束性指标"))
def test_binding_cues_start_where_the_pattern_matches(text):
    pattern = re.compile(r"等?\d*个?为约束性指标")
    assert extract._binding_cues(text) == [m.start() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_bits("正增长", "负增长", "零增长", "持平", "翻番", "翻一番", "翻", "番", "一半", "过半", "十", "百", "千", "万亿",
             "万", "增长", "平", "半", "五成", "成", "四分之一", "分之"))
def test_has_quantity_is_the_alternation(text):
    pattern = re.compile(r"\d|正增长|负增长|零增长|持平|翻[一两二三]?番|一半|过半|[十百千]|万亿|[一二三四五六七八九十]成|分之")
    assert extract._has_quantity(text) == bool(pattern.search(text))


@settings(max_examples=400, deadline=None)
@given(_bits("地区生产总值增长", "８．３％", "（下转12版）", "（上接第1版）", "- 12 -", "<sub>", "**", "##", "一、", "。",
             "增長", "PM 2.5", "b c"))
def test_a_normalized_span_maps_back_through_the_runs_as_through_the_offset_list(text):
    norm = normalize.normalize(text)
    offsets = list(norm.offsets)  # built from the runs, checked character by character in test_properties
    assert len(offsets) == len(norm.text) + 1
    assert [norm.at(i) for i in range(len(offsets))] == offsets
    for start in range(len(norm.text) + 1):
        end = min(len(norm.text), start + 3)
        assert norm.span(start, end) == ((offsets[start], offsets[end - 1] + 1) if end > start
                                         else (offsets[start], offsets[start]))


# -- one shared pattern for what was a pattern per call (each CJK range class costs a compile) ------
@settings(max_examples=400, deadline=None)
@given(_bits("经济", "增长", "十四五", "ｍ", "Ａ", "\U00020000", "〇", "鿿", "㐀"), st.integers(0, 6), st.integers(0, 16))
def test_han_is_the_fullmatch_of_a_cjk_run(text, lo, width):
    hi = lo + width
    assert extract._han(text, lo, hi) == bool(re.fullmatch(r"[\u4e00-\u9fff]{%d,%d}" % (lo, hi), text))


@settings(max_examples=400, deadline=None)
@given(_bits("发行", "发", "行", "安排", "超长期特别国债", "“", "”", "，", ",", "。", "国债"),
       st.sampled_from(["发行", "安排", "发", "“"]))
def test_the_object_after_a_verb_is_what_the_verb_pattern_found(text, verb):
    m = re.search(re.escape(verb) + r"([\u4e00-\u9fff“”]{2,16})[，,]", text)
    assert extract._object_after(verb, text) == (m.group(1) if m else None)


def test_the_object_after_a_verb_in_the_development_documents():
    _need_docs()
    for path in DOCS:
        text = open(path, encoding="utf-8").read()
        for verb in ("发行", "安排", "投入", "下达"):
            m = re.search(re.escape(verb) + r"([\u4e00-\u9fff“”]{2,16})[，,]", text)
            assert extract._object_after(verb, text) == (m.group(1) if m else None), (path, verb)


@settings(max_examples=400, deadline=None)
@given(_bits("浙江", "江西", "浙江西", "重庆", "重", "庆", "内蒙古", "蒙古", "黑龙江", "龙江", "广西", "西藏", "山西", "陕西"))
def test_the_province_counts_are_what_str_count_counts(text):
    from planledger.lexicon import region_key, regions
    from planledger.structure import _province_counts

    assert _province_counts(text) == [text.count(region_key(full)) for full in regions().provinces]


def test_the_province_counts_of_the_development_documents():
    from planledger.lexicon import region_key, regions
    from planledger.structure import _province_counts, _province_names

    assert _province_names()[1] is not None  # the names allow one scan: it is what runs
    _need_docs()
    for path in DOCS:
        text = open(path, encoding="utf-8").read()
        assert _province_counts(text) == [text.count(region_key(full)) for full in regions().provinces], path


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_word_patterns_find_what_a_substring_test_finds(data):
    from planledger.lexicon import lexicon

    lex = lexicon()
    for words, pattern in ((lex.growth, lex.growth_word), (lex.decline, lex.decline_word),
                           (tuple(lex.level_forms), lex.level_form)):
        text = data.draw(_bits(*words, *(w[:1] for w in words), *(w[1:] for w in words)))
        assert bool(pattern.search(text)) == any(w in text for w in words), text


@settings(max_examples=400, deadline=None)
@given(_bits("等", "高等", "中等", "等级", "平等", "超", "待", "额", "合川至长寿等"))
def test_the_list_deng_is_the_deng_after_no_word_character(text):
    pattern = re.compile(r"(?<![高中初平同相优特上次均对超])等(?![级待奖同额])")
    assert [m.span() for m in extract._LIST_DENG.finditer(text)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_bits("一、", "十二、", "第三部分", "第一章", "（二）", "(三)", "1.", "12、", "（3）", "#", "## ", "工作", "回顾",
             "2025年", "，", "3.5", "安排"))
def test_a_heading_line_has_the_level_of_the_first_heading_pattern_that_matches(text):
    from planledger import structure

    line = text.strip()
    first = next((level for level, pattern in structure._HEADING if re.match(pattern, line)), None)
    m = structure._HEADING_ANY.match(line)
    assert (structure._HEADING[int(m.lastgroup[1:])][0] if m else None) == first


# the four checks of a CJK class that extract reads with _han instead of a pattern of its own
EXAMPLES = ["等", "字", "项目", "）", ")", "”", "》", "的", "“", "《", "\n", " ", "\u3000", "a", "1"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(EXAMPLES), max_size=10).map("".join))
def test_the_examples_checks_are_the_patterns_they_replaced(text):
    noun = re.search(r"[\u4e00-\u9fff）)”》]等([\u4e00-\u9fff]{2,4})$", text)
    assert extract._examples_noun(text) == (noun.group(1) if noun else None)
    assert extract._ends_on_examples(text) == bool(re.search(r"[\u4e00-\u9fff）)”》]等$", text))
    assert extract._drop_leading_de(text) == re.sub(r"^的(?=[\u4e00-\u9fff]{2})", "", text)
    assert extract._quoted_words(text) == bool(re.match(r"[“《]\s*[\u4e00-\u9fff]", text))


def test_the_examples_checks_on_every_short_text():
    """Every text of up to five of the characters the patterns look at (and one each side of the block)."""
    alphabet = ["等", "字", "\u4e00", "\u9fff", "\u4dff", "\ua000", "）", "的", "“", "\n", " "]
    for n in range(6):
        for chars in itertools.product(alphabet, repeat=n):
            test_the_examples_checks_are_the_patterns_they_replaced.hypothesis.inner_test("".join(chars))


# the searches extract skips when a literal every match holds is absent: the literal must stay in every
# match when a pattern is edited (else the skip would lose matches)
GUARDED = [
    ("_COMPARISON", lambda s: not extract._COMPARED_BY.isdisjoint(s)),
    ("_TIME_SUFFIX", lambda s: "年" in s),
    ("_BASIS_END", lambda s: "按" in s or "拟" in s),
    ("_LIST_AND", lambda s: not extract._LIST_AND_CHARS.isdisjoint(s) or "and" in s),
    ("_YEARS_OVER", lambda s: "年" in s),
    ("_ONE_YEAR_ANCHOR", lambda s: "年" in s),  # ContextTracker.observe: every anchor holds 年
    ("_PAST_YEAR_OPENING", lambda s: "年" in s),
    ("_PAST_FIVE_YEARS_OPENING", lambda s: "年" in s),
    ("_PLAN_OPENING", lambda s: "年" in s),
    ("_THREE_YEAR_OPENING", lambda s: "年" in s),
]
GUARD_BITS = ["比", "较", "与", "是", "为", "上年", "去年", "同期", "2020年", "十四五", "年", "年均", "每年", "三年",
              "两", "5", "按", "拟", "拟按照", "和", "及", "以及", "and", "过去一年", "五年来", "今年", "工作的总体要求",
              "行动计划", "刚刚过去的", "一年来", "增长", "来", "，", "末", "底", "预算", "高", "的", "经济", " ", "\n"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(GUARD_BITS), max_size=12).map("".join))
def test_a_guarded_pattern_matches_only_where_its_literal_is(text):
    for name, holds in GUARDED:
        pattern = getattr(extract, name)
        if pattern.search(text):
            assert holds(text), (name, text)


def test_sentences_frames_pass_by_open_on_no_frame():
    """frames._passed_by settles only sentences on which _opener finds no frame, in any report year; and
    it settles most sentences (what it is for)."""
    from planledger.normalize import normalize
    from planledger.structure import frames

    _need_docs()
    passed_by = frames._passed_by(frames.frame_rules())
    assert passed_by is not None
    passed = total = 0
    for path in DOCS:
        text = normalize(open(path, encoding="utf-8").read()).text
        for s in sentences(text):
            total += 1
            if passed_by(text, s.start, s.end):
                passed += 1
                for year in (2003, 2011, 2016, 2021, 2026):
                    assert frames._opener(text[s.start:s.end], year) is None, (path, text[s.start:s.end])
    assert passed > total // 2


@settings(max_examples=400, deadline=None)
@given(_bits("过去一年", "过去五年", "今年", "2025年", "“十四五”时期", "编制了", "规划", "各位代表", "五年来", "。", "，"))
def test_frames_pass_by_only_where_no_frame_opens(text):
    from planledger.structure import frames

    passed_by = frames._passed_by(frames.frame_rules())
    for a, b in itertools.combinations(range(len(text) + 1), 2) if len(text) < 16 else [(0, len(text))]:
        if passed_by(text, a, b):
            assert all(frames._opener(text[a:b], y) is None for y in (2021, 2026)), text[a:b]


def _list_break_by_the_loop(text: str) -> int:
    """The definition: the last 、 outside brackets, read from the end."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if c in "）)":
            depth += 1
        elif c in "（(":
            depth = max(0, depth - 1)
        elif c == "、" and not depth:
            return i
    return -1


@settings(max_examples=400, deadline=None)
@given(_bits("、", "（", "）", "(", ")", "等", "高等", "等级", "平台", "项目"))
def test_list_break_and_deng_shortcuts_find_what_the_scans_find(text):
    assert extract._last_list_break(text) == _list_break_by_the_loop(text)
    found = [m.start() for m in extract._LIST_DENG.finditer(text)]
    assert extract._last_list_deng(text) == (found[-1] if found else -1)


def test_list_break_on_the_development_documents():
    _need_docs()
    for path in DOCS[:20]:
        for line in open(path, encoding="utf-8").read().split("\n"):
            for piece in line.split("，"):
                assert extract._last_list_break(piece) == _list_break_by_the_loop(piece), path


def test_every_match_of_a_guarded_pattern_holds_its_held_text():
    """extract's guards computed from the patterns (``_held``: ``patterns.required_text``; ``_holds`` for the
    lexicon's): every match of each pattern on the development documents holds the text it is skipped
    without, and the guards are the texts the patterns are written with."""
    from planledger.lexicon import lexicon

    lex = lexicon()
    names = [name.removesuffix("_HOLDS") for name in dir(extract) if name.endswith("_HOLDS")]
    guarded = [(getattr(extract, n, None) or getattr(extract, n.lstrip("_")), getattr(extract, n + "_HOLDS"))
               for n in names]  # _BASE_YEAR_HOLDS guards structure's BASE_YEAR
    guarded += [(getattr(lex, name), extract._holds(getattr(lex, name)))
                for name in ("class_level", "condition_frame", "reporting_frame", "streak", "not_estimated")]
    assert len(guarded) >= 20 and all(held for _, held in guarded)
    assert dict((p.pattern, h) for p, h in guarded)[extract._ONE_OF.pattern] == "之一"
    _need_docs()
    for path in DOCS:
        text = open(path, encoding="utf-8").read()
        for pattern, held in guarded:
            for m in pattern.finditer(text):
                assert held in m.group(), (pattern.pattern, m.group())
