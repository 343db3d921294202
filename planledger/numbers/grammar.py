"""The number grammar compiled from ``data/numbers.yaml`` and ``data/units.yaml``: one pattern that
finds number expressions, and the tables that read them.

An expression is, in order (every part but the numeral is optional)::

    [百分之 | N分之]  NUMERAL  [多|余|几]  [UNIT [/PER]]  [SEP NUMERAL [多|余] [UNIT [/PER]]]
                               or  [∶ NUMBER]… (a ratio)  or  [/ NUMBER] (a fraction)

or a quantity written as a word (正增长, 翻一番, 一半). A NUMERAL is a run of Arabic numbers,
Chinese digits, places and big places (2.5, 三千五百, 1万600, 4万多亿, 十几万, 数百, 上亿).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import patterns
from ..errors import DataFileError
from .. import lexicon as lexicon_module
from ..lexicon import DATA, built_tables, load_yaml
from ..records import dataclass

NUMBERS_FILE = DATA / "numbers.yaml"
UNITS_FILE = DATA / "units.yaml"
QUALIFIERS_FILE = DATA / "qualifiers.yaml"
ARABIC = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in patterns.longest_first(words))


def _need(data: dict, key: str, kind: type, path=NUMBERS_FILE):
    value = data.get(key)
    if not isinstance(value, kind) or not value:
        raise DataFileError(path, f"'{key}' must be a non-empty {kind.__name__}")
    return value


def _char_map(data: dict, key: str) -> dict[str, float]:
    table = _need(data, key, dict)
    for k, v in table.items():
        if not (isinstance(k, str) and len(k) == 1) or not isinstance(v, (int, float)) or isinstance(v, bool):
            raise DataFileError(NUMBERS_FILE, f"'{key}': entry {k!r} must map one character to a number")
    return table


def _word_list(data: dict, key: str, path=NUMBERS_FILE) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise DataFileError(path, f"'{key}' must be a non-empty list of non-empty strings")
    return value


def _qualifier_map(data: dict, key: str) -> dict[str, str]:
    table = _need(data, key, dict)
    for k, v in table.items():
        if not isinstance(k, str) or not k or v not in QUALIFIER_HINTS:
            raise DataFileError(NUMBERS_FILE, f"'{key}': entry {k!r} must give one of {', '.join(QUALIFIER_HINTS)}")
    return table


QUALIFIER_HINTS = (">=", ">", "<=", "<", "~", "=")
KINDS = ("number", "range", "percent", "fraction", "multiple", "ratio")


@dataclass(frozen=True)
class WordForm:
    """A quantity written as a word (正增长, 一半): its reading."""

    value: float
    unit: str
    kind: str
    qualifier: str


@dataclass(frozen=True)
class Grammar:
    """data/numbers.yaml with the units and qualifier words, checked and compiled (``grammar()``)."""

    digits: dict[str, int]
    places: dict[str, int]
    tens: dict[str, int]  # 廿 (20), 卅, 卌: a digit and 十 in one character
    bigs: dict[str, int]
    point: str
    approx_inner: dict[str, str]
    approx_before: dict[str, str]
    digit_pairs: frozenset[str]
    scales: dict[str, float]  # units.yaml scales: kept in the unit as written
    percent_prefixes: dict[str, str]
    percent_units: frozenset[str]
    point_units: frozenset[str]
    words: dict[str, WordForm]
    words_not_after: dict[str, frozenset[str]]
    approx_not_after: dict[str, frozenset[str]]  # 上 of 跨上/迈上 is the verb's, not "up to"
    doubling: tuple[str, str, str]  # prefix, optional infix, suffix
    minus: str
    minus_words: tuple[str, ...]  # 负: a minus sign before a numeral, opening a word
    money_units: frozenset[str]  # 元, 圆: the unit the money_subunits follow
    money_subunits: dict[str, float]  # 角 0.1, 分 0.01
    money_closers: frozenset[str]  # 整, 正: closing a sum written out (壹佰元整)
    approx_after_units: frozenset[str]  # 成, 倍, %: a 多/余 right after them marks the figure
    fullwidth: dict[int, str]
    wide: re.Pattern  # any character of ``fullwidth``
    invisible: re.Pattern
    decline: re.Pattern  # a decline word ending right before a number
    qualifier_before: re.Pattern  # a qualifier word ending right before a number (longest first)
    qualifier_before_codes: dict[str, str]
    qualifier_after: re.Pattern  # a qualifier word right after the expression
    qualifier_after_codes: dict[str, str]
    window_units: frozenset[str]
    after_first: frozenset[str]  # first characters of the after-words, last ones of the before- and decline words
    before_last: frozenset[str]
    decline_last: frozenset[str]
    ordinal_before: frozenset[str]
    date_units: frozenset[str]
    year_units: frozenset[str]
    year_range: tuple[int, int]
    name_after: re.Pattern  # after a number: it is part of a name (500强, 90后)
    list_marks: frozenset[str]
    brackets: dict[str, str]  # opening → closing
    expression: re.Pattern


def _build() -> Grammar:
    data = load_yaml("numbers.yaml")
    units = load_yaml("units.yaml")
    digits = _char_map(data, "digits")
    places = _char_map(data, "places")
    tens = _char_map(data, "tens")
    bigs = _char_map(data, "bigs")
    point = data.get("decimal_point")
    if not isinstance(point, str) or len(point) != 1:
        raise DataFileError(NUMBERS_FILE, "'decimal_point' must be one character")
    approx_inner = _qualifier_map(data, "approx_inner")
    approx_before = _qualifier_map(data, "approx_before")
    pairs = _word_list(data, "digit_pairs")
    for p in pairs:
        if len(p) != 2 or not all(c in digits for c in p):
            raise DataFileError(NUMBERS_FILE, f"'digit_pairs': entry {p!r} must be two Chinese digits")
    separators = _word_list(data, "range_separators")
    percent_prefixes = _need(data, "percent_prefixes", dict)
    infix = data.get("fraction_infix")
    if not isinstance(infix, str) or not infix:
        raise DataFileError(NUMBERS_FILE, "'fraction_infix' must be a non-empty string")
    minus = "".join(_word_list(data, "minus_signs"))
    minus_words = _word_list(data, "minus_words")
    money_units = _word_list(data, "money_units")
    money_subunits = _need(data, "money_subunits", dict)
    if not all(isinstance(k, str) and k and isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < 1
               for k, v in money_subunits.items()):
        raise DataFileError(NUMBERS_FILE, "'money_subunits': every entry maps a word to a fraction of the unit")
    money_closers = _word_list(data, "money_closers")
    approx_after_units = _word_list(data, "approx_after_units")
    fullwidth = _need(data, "fullwidth", dict)
    if not all(isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in fullwidth.items()):
        raise DataFileError(NUMBERS_FILE, "'fullwidth': every entry maps one character to one character")
    invisible = _word_list(data, "invisible")
    words: dict[str, WordForm] = {}
    for w, e in _need(data, "words", dict).items():
        if not isinstance(e, dict) or set(e) != {"value", "unit", "kind", "qualifier"} \
                or e["kind"] not in KINDS or e["qualifier"] not in QUALIFIER_HINTS:
            raise DataFileError(NUMBERS_FILE, f"'words': entry {w!r} needs value, unit, kind ({', '.join(KINDS)}) "
                                              f"and qualifier ({', '.join(QUALIFIER_HINTS)})")
        words[w] = WordForm(float(e["value"]), str(e["unit"]), e["kind"], e["qualifier"])
    not_after = data.get("words_not_after") or {}
    if not isinstance(not_after, dict) or not all(
            w in words and isinstance(v, list) and all(isinstance(c, str) and len(c) == 1 for c in v)
            for w, v in not_after.items()):
        raise DataFileError(NUMBERS_FILE, "'words_not_after' must map a word of 'words' to a list of characters")
    approx_not_after = data.get("approx_not_after") or {}
    if not isinstance(approx_not_after, dict) or not all(
            w in approx_before and isinstance(v, list) and all(isinstance(c, str) and len(c) == 1 for c in v)
            for w, v in approx_not_after.items()):
        raise DataFileError(NUMBERS_FILE, "'approx_not_after' must map a word of 'approx_before' to a list of characters")
    dbl = _need(data, "doubling", dict)
    if set(dbl) != {"prefix", "optional", "suffix"} or not all(isinstance(v, str) for v in dbl.values()):
        raise DataFileError(NUMBERS_FILE, "'doubling' needs prefix, optional and suffix strings")
    nf = _need(data, "not_numbers", dict)
    yr = nf.get("year_range")
    if not (isinstance(yr, list) and len(yr) == 2 and all(isinstance(y, int) for y in yr) and yr[0] < yr[1]):
        raise DataFileError(NUMBERS_FILE, "'not_numbers.year_range' must be two years, the first the smaller")
    brackets = _word_list(nf, "brackets")
    if not all(len(b) == 2 for b in brackets):
        raise DataFileError(NUMBERS_FILE, "'not_numbers.brackets': each entry is an opening and a closing character")

    # units.yaml: what may follow a number, and the scales kept in a unit as written
    scales = units.get("scales")
    if not isinstance(scales, dict):
        raise DataFileError(UNITS_FILE, "'scales' must map a prefix to a number")
    mw = units.get("measure_words")
    if not isinstance(mw, dict):
        raise DataFileError(UNITS_FILE, "'measure_words' must map a family to a word list")
    percent = _word_list(units, "percent", UNITS_FILE)
    points = _word_list(units, "points", UNITS_FILE)
    per = _word_list(units, "per", UNITS_FILE)
    unit_words = [w for fam in mw for w in _word_list(mw, fam, UNITS_FILE)] + percent + points

    quals = load_yaml("qualifiers.yaml")
    before_not_after = quals.get("before_not_after") or {}
    if not isinstance(before_not_after, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) and len(c) == 1 for c in v) for v in before_not_after.values()):
        raise DataFileError(QUALIFIERS_FILE, "'before_not_after' must map a word to a list of characters")
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for code in QUALIFIER_HINTS[:-1]:
        entry = quals.get(code) or {}
        for w in entry.get("before") or []:
            before.setdefault(w, code)
        for w in entry.get("after") or []:
            if w not in approx_inner:  # 多/余 are read as part of the number
                after.setdefault(w, code)

    # --- the expression pattern ------------------------------------------------------------
    d = "".join(digits)
    tn = "".join(tens)
    big = "".join(bigs)
    # a place or big place that begins a unit (千米, 千瓦时, 万人次?) is the unit's, not the numeral's
    def unless_a_unit(c: str, also: tuple[str, ...] | list[str] = ()) -> str:
        """``c`` not where it opens a unit (千 of 千米), nor before the words ``also``."""
        tails = [u[len(c):] for u in unit_words if u.startswith(c) and len(u) > len(c)] + list(also)
        return re.escape(c) + (f"(?!{_alternation(tails)})" if tails else "")

    place_alt = "|".join(unless_a_unit(c) for c in list(places) + list(bigs))
    inner = _alternation(approx_inner)
    before_alt = _alternation(approx_before)
    cn_atom = rf"[{d}{tn}]|{place_alt}|{re.escape(point)}(?=[{d}])"
    # led by Chinese characters: 三千五百, 十几万, 数百, 上亿, 两万三
    chinese = (rf"(?:(?:{before_alt})(?=[{''.join(places)}{big}]))?"
               rf"(?:{cn_atom}|几(?=[{''.join(places)}]))(?:{cn_atom}|(?:{inner})(?=[{big}])|几)*")
    # led by an Arabic number: 2.5, 3.5万亿, 4万多亿, 540余亿, and the lower places written on after
    # a big place (1万600, 1亿2000万); a Chinese digit after it is the next word's (5万亿两个台阶)
    # a scale that begins a unit (千 of 千米, 千瓦时) is the unit's there
    scale_not_before = data.get("scale_not_before") or {}
    if not isinstance(scale_not_before, dict) or not all(
            k in scales and isinstance(v, list) and v and all(isinstance(w, str) and w for w in v)
            for k, v in scale_not_before.items()):
        raise DataFileError(NUMBERS_FILE, "'scale_not_before' must map a scale of units.yaml to the words it does "
                                          "not stand before")

    scale_alt = "|".join(unless_a_unit(c, scale_not_before.get(c, [])) for c in sorted(scales, key=len, reverse=True))
    # ... or a section with its places (2万5千, 100万三千)
    arabic = (rf"(?:{ARABIC})(?:(?:{inner})?(?:{scale_alt})(?:(?:{inner})?[{big}])?)?"
              rf"(?:(?<=亿)\d{{1,4}}(?:{inner})?万|(?<=万)\d{{3,4}}(?![\d.])"
              rf"|(?<=[{big}])零?(?:\d|[{d}])(?=(?:{place_alt}))(?:{cn_atom}|\d)*)?")
    numeral = rf"(?:{arabic}|{chinese})"
    # a unit that begins a longer word is no unit there: 台 of 台阶 (迈上5万亿台阶)
    not_before = data.get("unit_not_before") or {}
    if not isinstance(not_before, dict) or not all(isinstance(v, list) and v for v in not_before.values()):
        raise DataFileError(NUMBERS_FILE, "'unit_not_before' must map a unit to the words it does not stand before")
    unit = "|".join(re.escape(w) + (f"(?!{_alternation(not_before[w])})" if w in not_before else "")
                    for w in patterns.longest_first(unit_words))
    per_alt = _alternation(per)
    # after 元: its smaller units and the word closing a sum (壹拾壹元壹角壹分, 壹佰元整)
    sub_alt = _alternation(money_subunits)
    money = (rf"(?:(?<=[{''.join(map(re.escape, money_units))}])"
             rf"(?=(?:\d|[{d}])(?:{sub_alt})|(?:{_alternation(money_closers)})(?![{d}\u4e00-\u9fff]))"
             rf"(?:(?:\d|[{d}])(?:{sub_alt}))*(?:{_alternation(money_closers)})?)?")
    tail = rf"(?:{inner})?(?:(?:{unit})(?:/(?:{per_alt}))?{money})?"
    sep = _alternation(separators)
    word_alt = _alternation(words)
    doubling = (rf"{re.escape(dbl['prefix'])}(?:{re.escape(dbl['optional'])})?"
                rf"(?P<times>[{d}]|\d){re.escape(dbl['suffix'])}")
    # N分之M: N in Chinese numerals (四分之一); looked ahead for first, it is rare
    cn_chars = re.escape(d + "".join(places) + big + point)
    share = (rf"(?P<pct>{_alternation(percent_prefixes)})"
             rf"|(?=[{cn_chars}]{{1,8}}{re.escape(infix)})(?P<den>{chinese}){re.escape(infix)}")
    # every character an expression can start with, tested first: most characters of a text start none
    first = set(d) | set(tens) | set(places) | set(bigs) | set(approx_before) | set(minus) | {"几"} \
        | {w[0] for w in minus_words} \
        | {w[0] for w in words} | {dbl["prefix"]} | {p[0] for p in percent_prefixes}
    first_class = "[0-9" + "".join(re.escape(c) for c in sorted(first)) + "]"
    expression = patterns.compile(
        rf"(?={first_class})"
        rf"(?:(?P<word>{word_alt}|{doubling})"
        rf"|(?P<minus>[{re.escape(minus)}](?=\d)|(?:{_alternation(minus_words)})(?=[\d{cn_chars}{tn}]))?(?:{share})?"
        rf"(?P<n1>{numeral})(?P<t1>{tail})"
        rf"(?:(?P<ratio>(?:\s*[∶:：]\s*(?:{ARABIC}))+)"
        rf"|/(?P<fden>\d+)(?![\d/])"
        rf"|\s*(?P<sep>{sep})\s*(?P<n2>{numeral})(?P<t2>{tail}))?)"
    )
    return Grammar(
        digits={k: int(v) for k, v in digits.items()},
        places={k: int(v) for k, v in places.items()},
        tens={k: int(v) for k, v in tens.items()},
        bigs={k: int(v) for k, v in bigs.items()},
        point=point,
        approx_inner=approx_inner,
        approx_before=approx_before,
        digit_pairs=frozenset(pairs),
        scales={k: float(v) for k, v in scales.items()},
        percent_prefixes=percent_prefixes,
        percent_units=frozenset(percent),
        point_units=frozenset(points),
        words=words,
        words_not_after={w: frozenset(v) for w, v in not_after.items()},
        approx_not_after={w: frozenset(v) for w, v in approx_not_after.items()},
        doubling=(dbl["prefix"], dbl["optional"], dbl["suffix"]),
        minus=minus,
        minus_words=tuple(minus_words),
        money_units=frozenset(money_units),
        money_subunits={k: float(v) for k, v in money_subunits.items()},
        money_closers=frozenset(money_closers),
        approx_after_units=frozenset(approx_after_units),
        fullwidth={ord(k): v for k, v in fullwidth.items()},
        wide=patterns.compile("[" + "".join(re.escape(k) for k in fullwidth) + "]"),
        invisible=patterns.compile("[" + "".join(invisible) + "]"),
        decline=patterns.compile(rf"(?:{_alternation(_word_list(data, 'decline'))})了?$"),
        qualifier_before=patterns.compile("(?:%s)$" % "|".join(
            (f"(?<![{''.join(map(re.escape, before_not_after[w]))}])" if w in before_not_after else "") + re.escape(w)
            for w in patterns.longest_first(before))),
        qualifier_before_codes=before,
        qualifier_after=patterns.compile(_alternation(after)),
        qualifier_after_codes=after,
        window_units=frozenset(_word_list(data, "window_units")),
        after_first=frozenset(w[0] for w in after),
        before_last=frozenset(w[-1] for w in before),
        decline_last=frozenset(w[-1] for w in _word_list(data, "decline")) | {"了"},
        ordinal_before=frozenset(_word_list(nf, "ordinal_before")),
        date_units=frozenset(_word_list(nf, "date_units")),
        year_units=frozenset(_word_list(nf, "year_units")),
        year_range=(yr[0], yr[1]),
        name_after=patterns.compile(_alternation(_word_list(nf, "name_after"))),
        list_marks=frozenset(_word_list(nf, "list_marks")),
        brackets={b[0]: b[1] for b in brackets},
        expression=expression,
    )


GRAMMAR_FILES = ("numbers.yaml", "units.yaml", "qualifiers.yaml")  # what _build reads


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The compiled grammar, built once per process on first use, or read as built from the cache folder
    (``lexicon.built_tables``)."""
    return built_tables("grammar", GRAMMAR_FILES, (__file__, patterns.__file__, lexicon_module.__file__), _build,
                        (Grammar, WordForm))
