"""The number-expression stage: the table of phrases in tests/data/numbers_cases.yaml (one test per
phrase), every entry of data/numbers.yaml, and a broken data file named in one line."""
from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
import yaml

from planledger import lexicon as lexicon_module
from planledger.errors import DataFileError
from planledger.numbers import NumberSpan, read_numeral, scan
from planledger.numbers.grammar import KINDS, QUALIFIER_HINTS, grammar

grammar_module = __import__("sys").modules["planledger.numbers.grammar"]

CASES_FILE = Path(__file__).parent / "data" / "numbers_cases.yaml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
CASE_KEYS = {"text", "none", "nth", "value", "high", "unit", "kind", "qualifier", "approx", "negative", "small",
             "words", "span", "count"}
NUMBERS = yaml.safe_load((lexicon_module.DATA / "numbers.yaml").read_text(encoding="utf-8"))


def _case_id(case) -> str:
    return f"{case.get('text')!r}" + (f"#{case['nth']}" if "nth" in case else "")


# --- the table --------------------------------------------------------------------------------------

def test_the_table_has_300_cases_and_no_duplicate():
    assert len(CASES) >= 300
    seen = [(c["text"], c.get("nth", 0)) for c in CASES]
    assert len(seen) == len(set(seen)), [s for s in seen if seen.count(s) > 1]


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_case_is_well_formed(case):
    assert isinstance(case, dict) and isinstance(case.get("text"), str), case
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    if case.get("none"):
        assert set(case) == {"text", "none"}, "a 'none' case gives no reading"
    else:
        assert {"value", "unit"} <= set(case), "a reading needs value and unit"
        assert isinstance(case["value"], (int, float)) and isinstance(case["unit"], str)
        assert case.get("kind") is None or case["kind"] in KINDS
        assert case.get("qualifier") is None or case["qualifier"] in QUALIFIER_HINTS + ("range",)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_reading(case):
    spans = scan(case["text"])
    if case.get("none"):
        assert spans == [], f"{case['text']!r} holds no number, read {spans}"
        return
    if "count" in case:
        assert len(spans) == case["count"], spans
    n = case.get("nth", 0)
    assert len(spans) > n, f"{case['text']!r}: no number read"
    s = spans[n]
    got = (s.value, s.value_high, s.unit)
    assert _close(s.value, case["value"]) and _close(s.value_high, case.get("high")) and s.unit == case["unit"], got
    for key, attr in (("kind", "kind"), ("qualifier", "qualifier"), ("approx", "approx"), ("negative", "negative"),
                      ("small", "small"), ("words", "words")):
        if key in case:
            assert getattr(s, attr) == case[key], (key, getattr(s, attr), s)
    if "span" in case:
        assert case["text"][s.start:s.end] == case["span"], (s.start, s.end)


# --- offsets on real text ---------------------------------------------------------------------------

def test_offsets_point_at_the_numbers_of_a_sentence():
    text = "全省地区生产总值增长5%—5.5%，城镇新增就业60万人以上，居民消费价格涨幅3%左右，粮食产量稳定在1300亿斤以上。"
    spans = scan(text)
    assert [text[s.start:s.end] for s in spans] == ["5%—5.5%", "60万人", "3%", "1300亿斤"]
    assert [s.qualifier for s in spans] == ["range", ">=", "~", ">="]
    assert [text[s.start:s.num_end] for s in spans] == ["5%—5.5", "60", "3", "1300"]


def test_a_masked_number_is_left_out():
    text = "实施“三个1亿人”工程，新增就业1200万人"
    mask = [False] * len(text)
    k = text.index("“")
    for i in range(k, text.index("”") + 1):
        mask[i] = True
    assert [s.value for s in scan(text, mask)] == [1200]


def test_spans_are_frozen_records():
    s = scan("增长6.5%")[0]
    assert isinstance(s, NumberSpan) and (s.start, s.end, s.factor) == (2, 6, 1.0)
    assert scan("2.5万亿元")[0].factor == 1e12
    with pytest.raises(AttributeError):
        s.value = 7  # type: ignore[misc]


@pytest.mark.parametrize("text, value, high", [("十七", 17, None), ("二〇二一", 2021, None), ("八九", 8, 9),
                                               ("四五千", 4000, 5000), ("十几", 10, None), ("一千五", 1500, None)])
def test_read_numeral(text, value, high):
    n = read_numeral(text)
    assert n is not None and (n.value, n.high) == (value, high)


@pytest.mark.parametrize("text", ["十四五", "亿万", "万万", "一二三四"])
def test_what_no_numeral_is(text):
    n = read_numeral(text)
    assert n is None or n.digits_only


# --- data/numbers.yaml, entry by entry --------------------------------------------------------------

@pytest.mark.parametrize("key", ["digits", "places", "bigs"])
def test_numeral_characters(key):
    table = NUMBERS[key]
    assert table and all(len(c) == 1 and isinstance(v, int) for c, v in table.items())
    others = {c for k in ("digits", "places", "bigs") if k != key for c in NUMBERS[k]}
    assert not set(table) & others, "a character is in one table only"


@pytest.mark.parametrize("char, value", sorted(NUMBERS["digits"].items()))
def test_each_digit_reads_as_its_value(char, value):
    written = f"{char}百人" if value else f"一千{char}五人"
    assert scan(written)[0].value == (value * 100 if value else 1005)


@pytest.mark.parametrize("char, value", sorted(NUMBERS["places"].items()))
def test_each_place_reads_as_its_value(char, value):
    assert scan(f"三{char}人")[0].value == 3 * value


@pytest.mark.parametrize("char, value", sorted(NUMBERS["bigs"].items()))
def test_each_big_place_is_a_scale_of_units_yaml(char, value):
    assert grammar().scales[char] == value
    s = scan(f"三{char}人")[0]
    assert (s.value, s.scale, s.unit) == (3, char, f"{char}人")


@pytest.mark.parametrize("word, code", sorted({**NUMBERS["approx_inner"], **NUMBERS["approx_before"]}.items()))
def test_approximation_words(word, code):
    assert code in QUALIFIER_HINTS
    text = f"{word}百人" if word in NUMBERS["approx_before"] else (f"十{word}万人" if word == "几" else f"30{word}万人")
    s = scan(text)[0]
    assert (s.approx, s.qualifier) == (word, code)


@pytest.mark.parametrize("pair", NUMBERS["digit_pairs"])
def test_digit_pairs(pair):
    s = scan(pair + "天")[0]
    assert (s.value, s.value_high) == (NUMBERS["digits"][pair[0]], NUMBERS["digits"][pair[1]])


@pytest.mark.parametrize("sep", NUMBERS["range_separators"])
def test_each_range_separator(sep):
    s = scan(f"增长4.5%{sep}5%")[0]
    assert (s.value, s.value_high, s.unit, s.kind) == (4.5, 5, "%", "range")
    s = scan(f"10{sep}20万元")[0]
    assert (s.value, s.value_high, s.unit) == (10, 20, "万元")


@pytest.mark.parametrize("prefix, unit", sorted(NUMBERS["percent_prefixes"].items()))
def test_percent_prefixes(prefix, unit):
    s = scan(f"{prefix}十二")[0]
    assert (s.value, s.unit, s.kind) == (12, unit, "percent")


@pytest.mark.parametrize("sign", NUMBERS["minus_signs"])
def test_minus_signs(sign):
    s = scan(f"增长{sign}3.5%")[0]
    assert (s.value, s.negative) == (-3.5, True)


@pytest.mark.parametrize("wide, narrow", sorted(NUMBERS["fullwidth"].items()))
def test_fullwidth_forms(wide, narrow):
    assert len(wide) == len(narrow) == 1
    if narrow.isdigit():
        assert scan(f"{wide}{wide}家")[0].value == int(narrow * 2)


@pytest.mark.parametrize("char", NUMBERS["invisible"])
def test_invisible_characters(char):
    text = f"12{char}34家"
    s = scan(text)[0]
    assert (s.value, text[s.start:s.end]) == (1234, text)


@pytest.mark.parametrize("word, entry", sorted(NUMBERS["words"].items()))
def test_word_forms(word, entry):
    assert set(entry) == {"value", "unit", "kind", "qualifier"}
    assert entry["kind"] in KINDS and entry["qualifier"] in QUALIFIER_HINTS
    s = scan(f"今年实现{word}。")[0]
    assert (s.value, s.unit, s.kind, s.qualifier, s.words) == (entry["value"], entry["unit"], entry["kind"],
                                                                entry["qualifier"], word)


@pytest.mark.parametrize("times, growth", [("一", 100), ("两", 300), ("二", 300), ("三", 700), ("四", 1500)])
def test_doubling(times, growth):
    d = NUMBERS["doubling"]
    for written in (f"{d['prefix']}{times}{d['suffix']}", f"{d['prefix']}{d['optional']}{times}{d['suffix']}"):
        s = scan(written)[0]
        assert (s.value, s.unit, s.kind) == (growth, "%", "multiple")


@pytest.mark.parametrize("word", NUMBERS["decline"])
def test_decline_words(word):
    assert scan(f"{word}3%")[0].negative


@pytest.mark.parametrize("unit", NUMBERS["window_units"])
def test_window_units(unit):
    spans = scan(f"近5{unit}")
    assert spans == [] if unit in NUMBERS["not_numbers"]["date_units"] else spans[0].qualifier is None
    assert scan("近5万人")[0].qualifier == "~"


@pytest.mark.parametrize("key", ["ordinal_before", "date_units", "year_units", "name_after", "list_marks",
                                 "brackets"])
def test_not_number_lists(key):
    words = NUMBERS["not_numbers"][key]
    assert words and all(isinstance(w, str) and w for w in words)


@pytest.mark.parametrize("word", NUMBERS["not_numbers"]["ordinal_before"])
def test_ordinal_words(word):
    assert scan(f"{word}3位") == [] and scan(f"{word}三批") == []


@pytest.mark.parametrize("unit", NUMBERS["not_numbers"]["date_units"])
def test_date_units(unit):
    assert scan(f"12{unit}") == []


@pytest.mark.parametrize("unit", NUMBERS["not_numbers"]["year_units"])
def test_year_units(unit):
    low, high = NUMBERS["not_numbers"]["year_range"]
    assert scan(f"{low}{unit}") == [] and scan(f"{high}{unit}") == []
    assert scan(f"{high + 1}{unit}") != [] or unit != "年"


@pytest.mark.parametrize("word", NUMBERS["not_numbers"]["name_after"])
def test_name_words(word):
    assert scan(f"90{word}") == []


@pytest.mark.parametrize("mark", NUMBERS["not_numbers"]["list_marks"])
def test_list_marks(mark):
    assert scan(f"3{mark}主要任务") == []
    assert scan(f"\n3{mark}主要任务") == []


@pytest.mark.parametrize("pair", NUMBERS["not_numbers"]["brackets"])
def test_brackets(pair):
    assert len(pair) == 2 and scan(f"{pair[0]}12{pair[1]}") == []


@pytest.mark.parametrize("char, value", sorted(NUMBERS["tens"].items()))
def test_each_ten_written_in_one_character(char, value):
    assert (scan(f"建成{char}五个")[0].value, scan(f"{char}万人")[0].value) == (value + 5, value)


@pytest.mark.parametrize("word", NUMBERS["minus_words"])
def test_each_minus_word_opens_a_number_but_never_ends_a_word(word):
    s = scan(f"增速为 {word}0.6%")[0]
    assert (s.value, s.negative) == (-0.6, True)
    s = scan(f"减{word}三百亿元")[0]  # 减负: the word before it
    assert (s.value, s.negative) == (300, False)


@pytest.mark.parametrize("sub, fraction", sorted(NUMBERS["money_subunits"].items()))
@pytest.mark.parametrize("unit", NUMBERS["money_units"])
def test_each_smaller_unit_of_money_adds_to_the_amount(unit, sub, fraction):
    s = scan(f"发放拾{unit}三{sub}")[0]
    assert (s.value, s.unit) == (pytest.approx(10 + 3 * fraction), unit)


@pytest.mark.parametrize("closer", NUMBERS["money_closers"])
def test_each_money_closer_is_part_of_the_sum(closer):
    text = f"合计伍佰元{closer}。"
    s = scan(text)[0]
    assert (s.value, s.unit, text[s.start:s.end]) == (500, "元", f"伍佰元{closer}")


@pytest.mark.parametrize("unit", NUMBERS["approx_after_units"])
def test_more_after_each_share_unit_marks_the_figure(unit):
    s = scan(f"增长5{unit}多，")[0]
    assert (s.value, s.unit, s.approx, s.qualifier) == (5, unit, "多", ">")


@pytest.mark.parametrize("scale, word", [(k, w) for k, v in sorted(NUMBERS["scale_not_before"].items()) for w in v])
def test_no_scale_before_each_word_it_opens(scale, word):
    assert all(s.scale != scale for s in scan(f"建设10{scale}{word}线路"))
    assert scan(f"补助5{scale}元")[0].scale == scale  # 5千元


# --- a broken file is named -------------------------------------------------------------------------

@pytest.mark.parametrize("key, value, problem", [
    ("digits", ["一"], "'digits' must be a non-empty dict"),
    ("places", {"十": "ten"}, "'places': entry '十' must map one character to a number"),
    ("approx_inner", {"多": "more"}, "'approx_inner': entry '多' must give one of"),
    ("digit_pairs", ["三"], "'digit_pairs': entry '三' must be two Chinese digits"),
    ("range_separators", "—", "'range_separators' must be a non-empty list"),
    ("words", {"持平": {"value": 0}}, "'words': entry '持平' needs value, unit, kind"),
    ("not_numbers", {"year_range": [2100, 1900]}, "'not_numbers.year_range' must be two years"),
    ("approx_not_after", {"约": ["跨"]}, "'approx_not_after' must map a word of 'approx_before'"),
    ("scale_not_before", {"千": "伏"}, "'scale_not_before' must map a scale of units.yaml"),
    ("tens", {"廿": "twenty"}, "'tens': entry '廿' must map one character to a number"),
    ("minus_words", "负", "'minus_words' must be a non-empty list"),
    ("money_subunits", {"角": 10}, "'money_subunits': every entry maps a word to a fraction"),
    ("money_closers", [], "'money_closers' must be a non-empty list"),
    ("approx_after_units", None, "'approx_after_units' must be a non-empty list"),
])
def test_a_broken_numbers_file_is_named(tmp_path, monkeypatch, key, value, problem):
    data = tmp_path / "data"
    shutil.copytree(lexicon_module.DATA, data)
    broken = dict(NUMBERS)
    broken[key] = value
    (data / "numbers.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "DATA", data)
    monkeypatch.setattr(grammar_module, "NUMBERS_FILE", data / "numbers.yaml")
    grammar_module.grammar.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            grammar_module.grammar()
        message = str(err.value)
        assert "numbers.yaml" in message and problem in message and "\n" not in message
    finally:
        monkeypatch.undo()
        grammar_module.grammar.cache_clear()
        from planledger.numbers import numeral

        numeral.read_numeral.cache_clear()
        numeral._compose.cache_clear()


def test_every_unit_of_a_case_is_known():
    g = grammar()
    units = {c["unit"] for c in CASES if "unit" in c}
    for u in units - {"", ":1"}:
        rest = u
        for sc in sorted(g.scales, key=len, reverse=True):
            if rest.startswith(sc) and len(rest) > len(sc):
                rest = rest[len(sc):]
                break
        rest = rest.split("/")[0]
        assert re.fullmatch(r"[^\d\s]+", rest), u


@pytest.mark.parametrize("word, chars", sorted(NUMBERS["words_not_after"].items()))
def test_words_not_after(word, chars):
    assert word in NUMBERS["words"]
    for c in chars:
        assert scan(f"{c}{word}") == [], c
    assert scan(f"与上年{word}")[0].words == word


@pytest.mark.parametrize("word, chars", sorted(NUMBERS["approx_not_after"].items()))
def test_approx_not_after(word, chars):
    assert word in NUMBERS["approx_before"]
    for c in chars:
        (span,) = scan(f"{c}{word}万亿元台阶")
        assert (span.start, span.value, span.unit) == (2, 1, "万亿元"), c  # the verb keeps 上
    (span,) = scan(f"投资{word}亿元")
    assert span.start == 2 and span.qualifier == NUMBERS["approx_before"][word]  # 上亿元: "up to"


# --- what extraction makes of them ------------------------------------------------------------------

PLAN_HEAD = "二、2026年国民经济和社会发展计划总体考虑\n（三）主要发展目标\n"
REVIEW_HEAD = "各位代表：\n一、2025年工作回顾\n"


def _facts(body: str, head: str = PLAN_HEAD):
    from planledger.model import Document
    from planledger.pipeline import process_document

    doc = Document(path="snippet.txt", text=head + body, format="text", sha256="0")
    return [f for f in process_document(doc).facts if f.kind in ("target", "actual")]


@pytest.mark.parametrize("body, value, high, unit", [
    ("地区生产总值增长4.5%—5%。", 4.5, 5, "%"),
    ("地区生产总值增长5%-5.5%。", 5, 5.5, "%"),
    ("地区生产总值增长4.5-5%。", 4.5, 5, "%"),
    ("地区生产总值增长4.5%～5%。", 4.5, 5, "%"),
])
def test_a_range_target_is_one_fact_with_its_range(body, value, high, unit):
    [f] = _facts(body)
    assert (f.indicator, f.value, f.value_high, f.unit, f.qualifier) == ("地区生产总值", value, high, unit, "range")


@pytest.mark.parametrize("body, value, unit, measure, qualifier", [
    ("居民消费价格与上年持平。", 0, "%", "growth", "="),
    ("进出口总额实现翻番。", 100, "%", "growth", "="),
    ("利润翻三番。", 700, "%", "growth", "="),
    ("规上工业增加值实现正增长。", 0, "%", "growth", ">"),
    ("外贸出口出现负增长。", 0, "%", "growth", "<"),
    ("新建项目超过一半。", 50, "%", "level", ">"),
    ("新增科技型企业一千五百家。", 1500, "家", "level", "="),
    ("新增就业一千五万人。", None, None, None, None),  # 一千五 is 1500 (the old reader gave 1005)
])
def test_words_and_numerals_in_facts(body, value, unit, measure, qualifier):
    facts = _facts(body, REVIEW_HEAD)
    if value is None:
        assert [f.value for f in facts] == [1500] and facts[0].unit == "万人"
        return
    [f] = facts
    assert (f.value, f.unit, f.measure, f.qualifier) == (value, unit, measure, qualifier)


# -- the reading of an Arabic number, alone or before a scale, without the general composition --------
def _numerals_of_the_corpora() -> list[str]:
    from conftest import SHARED

    if not (SHARED / "corpus" / "national").is_dir():
        pytest.skip("shared/ is not beside the repository")
    g = grammar()
    texts = [p.read_text(encoding="utf-8") for folder in ("seeds", "corpus/national")
             for p in sorted((SHARED / folder).glob("*.txt"))]
    assert len(texts) >= 20
    return sorted({m.group("n1") for t in texts for m in g.expression.finditer(t.translate(g.fullwidth))
                   if m.group("n1")} | {m.group("n2") for t in texts for m in g.expression.finditer(t)
                                         if m.group("n2")})


def test_the_short_reading_of_arabic_numbers_is_the_composed_one():
    from planledger.numbers import numeral

    g = grammar()
    found = _numerals_of_the_corpora()
    arabic = ["0", "7", "2.5", "1,200", "1,200.75", "12,3456", "1,00", "3.", "０３", "٣٫٥", "10000000000"]
    made = [a + s + t for a in arabic for s in [""] + list(g.scales) for t in ("", "多", "余", "几", "万", "亿", "点五")]
    made += [s + a for a in arabic for s in list(g.scales) + ["十", "数", "上", "廿"]]
    cases = found + made
    assert len(found) > 1000 and any(numeral._ARABIC.fullmatch(c) for c in found)
    assert sum(c[:1].isdigit() and c[-1] in g.scales for c in found) > 300  # the short reading's cases
    assert numeral._plain_scales() >= {"万", "亿", "万亿", "千万"}
    for text in cases:
        assert numeral._read(text) == numeral._composed(text, g), text
