"""The only code that opens the word lists in ``planledger/data/``: loads, checks and compiles them.

``lexicon()`` is cached: the YAML files are read once per process, on first use, and their parsed
data is kept between processes (``packaged_data``), so that a start-up neither imports PyYAML nor
parses the files unless one of them changed.
"""
from __future__ import annotations

import hashlib
import io
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from . import patterns
from .patterns import cache_dir
from .errors import DataFileError
from .records import dataclass

DATA = Path(__file__).parent / "data"
QUALIFIER_CODES = (">=", ">", "<=", "<", "~")


# A numbered line's mark, when the line goes on as a paragraph ("1.城镇新增就业：…", "（一）粮食产量。…"): no
# part of a name or a quote; not a list of numerals ("一、二、三产业增加值")
LIST_MARK = (r"(?:\d{1,2}[.．、](?!\d)|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]"
             r"|[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十]{1,3}[、产]))")
# Leading phrases that are patterns rather than words (a year, 一是, 两年来, 中央 before 提出): kept here
LEAD_PATTERNS = (
    r"中央(?=提出|决定|要求)",  # 中央 stays in names (中央财政, 中央部署…) but not as the subject of 提出
    r"(?:到|至)?(?:19|20)\d{2}年(?:末|底|前)?",
    r"计划(?=(?:19|20)\d{2}年|实施)",  # "计划2025年实施市级重点项目1200个": the plan's cue (计划生育, 计划单列 stay)
    r"[一二三四五六七八九十]{1,3}是",  # 一是, 十一是: list numbering
    r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]",  # circled list numbering (SPEC: list numbering is no fact, nor a name)
    LIST_MARK,
    r"(?:近|这)?[两二三四五六七八九十]年(?:来|以来)",
    # since an event ("上线运营以来累计服务游客", "长江十年禁渔以来重庆段监测鱼类"): no name; not a time after the
    # subject ("工业用电量三季度以来稳步回升": cues since_closers)
    r"[\u4e00-\u9fff]{0,8}?(?:运营|上线|开通|实施|启动|成立|建成|投用|运行|开展|禁渔|禁捕|开放|挂牌|设立)以来",
    # how well or when the work was done, before its verb ("高质量完成20件民生实事", "提前完成…"): no name
    r"(?:高质量|高标准|高水平|圆满|扎实|如期|超额|提前)(?=完成|建成|实现|办好|交付|$)",
    r"(?:大约|约)(?=占)",  # "约占全市的一半": 约 bounds the share (a qualifier), the name is the share of (占全市)
    r"(?:今后|未来)(?:[两二三四五六七八九十]|\d{1,2})年(?:内|间)?",  # the years to come: the period's, not the name's
    # a plan or a meeting that set the figure: "《纲要（草案）》提出了", "全市“十四五”规划纲要提出", "市委六届二次全会提出"
    r"[^，,。；;]{0,24}?(?:纲要|规划|建议|全会|会议)(?:[（(]草案[）)]|草案)?[”》]?(?:提出|确定|明确)了?的?",
    r"用[一两二三四五六七八九十半\d]+(?:个)?(?:月|年|天|周)(?:左右)?(?:的)?时间(?:实现)?",  # the time it took
)


def yaml_loader():
    """PyYAML's safe loader, libyaml's C parser when it is built in (the pure-Python one costs ~0.3 s
    per start-up). PyYAML is imported here, on a first parse: with the parsed files cached
    (``packaged_data``) a run that changes no data file does not import it (30 ms)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def packaged_data(path: Path, text: str, parse: Callable[[str], Any], derived_by: str | None = None) -> Any:
    """``parse(text)`` for a data file of the package (``DATA``), through a cache of the parsed data
    as ``marshal`` files (``cache_dir``), as Python keeps compiled modules: loading a cached file
    takes 0.1 ms where parsing YAML takes a few, and importing PyYAML 30. A cache file is named by the
    data file's name and a hash of its text, so an edited file is parsed again, and checkouts with
    other data share the folder safely. Files outside the package are parsed each time; a cache that
    cannot be read or written is passed by.

    ``derived_by``: the source file of the module whose code ``parse`` runs beyond reading YAML (what
    the catalogue makes of its entries, checked and indexed): the cache file is then named by that
    module too, and its hash covers that source as well, so an edit to the code is a miss as an edit
    to the data is."""
    folder = path.parent
    cached = cache_dir()
    if cached is None or folder != DATA and folder.resolve() != DATA.resolve():
        return parse(text)
    key = text.encode("utf-8")
    name = path.name
    if derived_by is not None:
        try:
            key += b"\0" + Path(derived_by).read_bytes()
        except OSError:
            return parse(text)  # the code cannot be read: nothing to key its data by
        name += "." + Path(derived_by).stem
    digest = hashlib.sha256(key).hexdigest()[:32]
    cache = cached / f"{name}.py{sys.version_info[0]}{sys.version_info[1]}.{digest}.marshal"
    found = patterns.read_file(cache)
    if found is not None:
        return found
    data = parse(text)
    patterns.write_file(cache, data)  # passed by for what marshal cannot hold (a YAML date)
    return data


_PATTERN_TAG = "\x00re.Pattern"  # the plain form of a compiled pattern: (tag, pattern, flags)
_RECORD_TAG = "\x00record"  # of a record of one of the classes named: (tag, class name, field values)


def built_tables(name: str, data_files: tuple[str, ...], code: tuple[str, ...], build: Callable[[], Any],
                 records: tuple[type, ...] = ()) -> Any:
    """``build()``, the checked and compiled tables of data files of the package (a ``Lexicon``, the number
    ``Grammar``), kept between processes as ``packaged_data`` keeps parsed files: a start-up then neither
    checks the word lists again nor writes the hundred patterns' texts from them (each escaped, sorted,
    joined) to look them up in the pattern cache (``patterns.compile`` builds them from there).

    The tables are kept in plain form (a compiled pattern as its text and flags, a record of one of the
    classes ``records`` as its class's name and field values) in one file of the cache folder named by
    ``name`` and a hash of the texts of ``data_files`` (names in ``DATA``) and of the source files ``code``
    (the modules whose code builds the tables): an edit to either is a miss. They are kept only when
    the plain form, marshalled and read back, gives tables equal to those built; a data file that
    fails its checks raises as ``build`` raises, and nothing is kept."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        key = hashlib.sha256()
        for file in data_files:
            key.update((DATA / file).read_bytes() + b"\0")
        for file in code:
            key.update(Path(file).read_bytes() + b"\0")
    except OSError:
        return build()  # what cannot be read keys nothing (build names the data file that is missing)
    cache = folder / f"{name}.py{sys.version_info[0]}{sys.version_info[1]}.{key.hexdigest()[:32]}.marshal"
    classes = {cls.__name__: cls for cls in records}
    found = patterns.read_file(cache)
    if found is not None:
        try:
            return _from_plain(found, classes)
        except Exception:  # noqa: BLE001 - a damaged or foreign file: built again (and written again)
            pass
    tables = build()
    try:
        plain = _to_plain(tables, classes)
        again = _from_plain(_marshal_round_trip(plain), classes)
    except (TypeError, ValueError):
        return tables  # something the plain form cannot hold: built at every start-up
    if type(again) is type(tables) and again == tables and _identical(_to_plain(again, classes), plain):
        patterns.write_file(cache, plain)
    return tables


def _marshal_round_trip(value: Any) -> Any:
    import marshal

    return marshal.loads(marshal.dumps(value))


def _identical(a: Any, b: Any) -> bool:
    """Equal, of the same types, and every dict in the same order (the order of a longest-first table
    is read, and ``==`` does not compare it)."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return list(a) == list(b) and all(_identical(a[k], b[k]) for k in a)
    if type(a) in (tuple, list):
        return len(a) == len(b) and all(map(_identical, a, b))
    return a == b


def _to_plain(value: Any, classes: dict[str, type]) -> Any:
    if isinstance(value, re.Pattern):
        # the flags it was compiled with: a text pattern's own flags hold re.UNICODE whether given or not
        flags = value.flags & ~re.UNICODE if isinstance(value.pattern, str) else value.flags
        return (_PATTERN_TAG, value.pattern, int(flags))
    if type(value).__name__ in classes and type(value) is classes[type(value).__name__]:
        import dataclasses

        return (_RECORD_TAG, type(value).__name__,
                tuple(_to_plain(getattr(value, f.name), classes) for f in dataclasses.fields(value)))
    if type(value) is tuple:
        return tuple(_to_plain(v, classes) for v in value)
    if type(value) is list:
        return [_to_plain(v, classes) for v in value]
    if type(value) is dict:
        return {_to_plain(k, classes): _to_plain(v, classes) for k, v in value.items()}
    if type(value) in (str, int, float, bool, type(None), frozenset, bytes):
        return value  # a frozenset holds only hashable plain values here (words, characters)
    raise TypeError(f"no plain form for {type(value).__name__}")


def _from_plain(value: Any, classes: dict[str, type]) -> Any:
    if type(value) is tuple:
        if len(value) == 3 and value[0] == _PATTERN_TAG:
            return patterns.compile(value[1], value[2])
        if len(value) == 3 and value[0] == _RECORD_TAG:
            return classes[value[1]](*(_from_plain(v, classes) for v in value[2]))
        return tuple(_from_plain(v, classes) for v in value)
    if type(value) is list:
        return [_from_plain(v, classes) for v in value]
    if type(value) is dict:
        return {_from_plain(k, classes): _from_plain(v, classes) for k, v in value.items()}
    return value


def load_yaml(name: str) -> dict:
    path = DATA / name
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise DataFileError(path, f"cannot open: {e.strerror}") from e

    def parse(text: str) -> Any:
        import yaml

        stream = io.StringIO(text)
        stream.name = str(path)  # the file yaml's error messages name
        try:
            return yaml.load(stream, Loader=yaml_loader())
        except yaml.YAMLError as e:
            raise DataFileError(path, f"not valid YAML: {e}") from e

    data = packaged_data(path, text, parse)
    if not isinstance(data, dict):
        raise DataFileError(path, "expected a mapping at the top level")
    return data


def _words(data: dict, key: str, path: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise DataFileError(DATA / path, f"'{key}' must be a list of non-empty strings")
    return value


def _alternation(words) -> str:
    """The words as one alternation, longest first, grouped by first character (``patterns.alternation``)."""
    return patterns.alternation(words)


def _steps(cues: dict) -> str:
    """A threshold passed, as written after its figure: 迈上4万亿元新台阶, 突破6万亿元大关 (threshold_nouns)."""
    return r"(?:[十百千万]*亿元?级?)?新?(?:%s)" % _alternation(_words(cues, "threshold_nouns", "cues.yaml"))


def _since(cues: dict) -> re.Pattern:
    """When a change began (since_openers? since_times since_closers): 从7月份开始, 自下半年起, 三季度以来. In
    since_times N is a month's or quarter's number and YYYY a year."""
    times = "|".join(re.escape(t).replace("N", r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})").replace(
        "YYYY", r"(?:19|20)\d{2}") for t in patterns.longest_first(_words(cues, "since_times", "cues.yaml")))
    return patterns.compile("(?:%s)?(?:%s)(?:%s)" % (_alternation(_words(cues, "since_openers", "cues.yaml")), times,
                                               _alternation(_words(cues, "since_closers", "cues.yaml"))))


def _pattern(data: dict, key: str, path: str = "cues.yaml", around: str = "%s") -> re.Pattern:
    """The words of a data list as one pattern, longest first (``around``: the pattern they stand in)."""
    return patterns.compile(around % _alternation(_words(data, key, path)))


@dataclass(frozen=True)
class Lexicon:
    """The word lists of data/*.yaml, checked and compiled (``lexicon()``)."""

    scales: dict[str, float]
    percent: tuple[str, ...]
    points: tuple[str, ...]
    ratio: tuple[str, ...]
    measure_words: dict[str, str]  # word → family
    qualifier_before: dict[str, str]  # word → code
    qualifier_before_end: re.Pattern  # one of them closing a text ("…和近" before 千公里)
    qualifier_after: dict[str, str]
    qualifier_not_after: dict[str, frozenset[str]]  # 约 after 签, 均 after 日…: the end of another word (签约, 日均)
    qualifier_after_pattern: re.Pattern  # the after-words but 余/多 (which stand before the unit), longest first
    growth: tuple[str, ...]
    decline: tuple[str, ...]
    growth_word: re.Pattern  # any growth word, where it stands: search(v) is any(w in v for w in growth)
    decline_word: re.Pattern  # the same for the decline words
    report_verbs: tuple[str, ...]
    estimated: tuple[str, ...]
    descriptive_attributes: tuple[str, ...]  # 总投资: describes the things (other), names them when before them
    attributes: frozenset[str]  # attribute names qualified by the thing named before them
    shared_heads: tuple[str, ...]  # head nouns a 、-list names once, on its last item; longest first
    running_total_words: frozenset[str]  # 累计: a running total's word, kept before the noun after the count
    rate_heads: tuple[str, ...]  # heads of a rate a 、-list of things names once, on its last item; longest first
    rate_of_items: re.Pattern  # (rate_of_items_leads)? rate_of_items_heads: fullmatch a rate named alone
    item_verb: re.Pattern  # item_verbs opening an item: match it
    shared_head_prefixes: tuple[str, ...]  # two-character words shared with a head (产业 of 产业增加值)
    intensity_bases: tuple[str, ...]  # 单位国内生产总值…, longest first: shared by the intensities after it
    intensity_measures: frozenset[str]  # 能耗, 二氧化碳排放…: the intensities that take it
    parallel_modifiers: tuple[tuple[str, ...], ...]  # 城镇/农村, 一/二/三: modifiers a list sets side by side
    modifier_names: dict[str, str]  # how a listed modifier is written in a name of its own: 一 → 第一
    compressed_pairs: dict[str, tuple[str, str]]  # 收支 → (收入, 支出): one word for two members; longest first
    ratio_name: re.Pattern  # ratio_names: a bare number after one of these is N∶1
    bare_measure_name: re.Pattern  # bare_measure_names: a bare number after one of these is a fact (no unit)
    subject_predicate: re.Pattern  # subject_predicates: what the things a count opens its clause with did
    reporting_frame: re.Pattern  # reporting_frame_leads …建设: group 1 is what is built
    bare_spending: re.Pattern  # a name that is only a spending verb (先发行): group 1 is the verb
    condition_frame: re.Pattern  # 在…的情况下 (condition_frames): the circumstances, no part of a name
    condition_close: re.Pattern  # the close of such a frame after a figure inside it
    # the last item of a 、-list whose items each passed a threshold: (name)(head: 产业, 集群)(attribute: 营收)
    threshold_list_last: re.Pattern
    lead: re.Pattern  # what opens a phrase but names nothing: lead_words and the patterns of LEAD_PATTERNS
    flow: re.Pattern  # flow_words: a count in a five-year review that is a flow over the period
    flow_after: re.Pattern  # flow_words_after: the same, standing after the number only
    flow_lead: re.Pattern  # flow_words_leading: the same, opening the name only
    not_flow: re.Pattern  # not_flow_words: nouns that hold a flow word (通过能力)
    size_word: re.Pattern  # size_words: how large the thing is (长达, 全长), no verb of the figure
    verb_adverbs: frozenset[str]  # verb_adverbs: 又, 连年… between a subject and its verb
    decline_lead: re.Pattern  # decline_leads opening a name (再减少农村贫困人口): group 1 the verb
    decline_lead_stock: re.Pattern  # decline_lead_stocks ending the object a decline lead makes decline
    action: re.Pattern  # action_verbs: a verb leading what a count counts
    action_last: re.Pattern  # an action verb closing a name (老旧小区改造开工)
    action_run: re.Pattern  # action verbs one after another (新开工建设): fullmatch it
    spending_last: re.Pattern  # a spending verb closing a text (…通过财政向银行发行)
    purpose_after: re.Pattern  # purpose_words after an amount, to the clause end (1: a comma before, 2: the word, 3: what for)
    target_cue: re.Pattern  # words that make a sentence about a past year still a target
    rank_word: re.Pattern  # rank_words: a name measuring a rank
    threshold_verb: re.Pattern  # threshold_verbs, ending the text before a bare place word (超千亿元)
    class_verb: re.Pattern  # class_verbs, ending the text before a class's threshold figure
    addressed_people: re.Pattern  # addressed_people after a count: a rhetorical head-count
    reach_verbs: tuple[str, ...]  # reach_verbs: 惠及 + N人
    population_names: frozenset[str]  # population_names: a population counted alone is context (other)
    noun_run_breaker: re.Pattern  # noun_run_breakers: search it
    benefit_after: re.Pattern  # the counted noun and benefit_verbs after a count, to the clause's end: match it
    benefit_causative: re.Pattern  # benefit_causatives ending the words before a count: search it
    policy_lead: re.Pattern  # (对…)policy_leads opening a clause naming a policy: match it
    distributor: re.Pattern  # distributors ending a list's last name: each of them
    each_verbs: frozenset[str]  # each_verbs: reporting words after a list giving each member the figure
    each_kind_words: frozenset[str]  # each_kind_words: word quantities holding for each kind listed before 等
    kind_heads: tuple[str, ...]  # shared_heads + threshold_list_heads: a group's name saying what of a kind it measures
    total_verbs: frozenset[str]  # total_verbs: a list's one figure is the members' total
    group_count: re.Pattern  # a count of a list's members before their head (四市, 三大): search it
    rate_adverbs: frozenset[str]  # rate_adverbs: 平均每年 names nothing
    per_words: frozenset[str]  # per_words: 每人每月 alone names nothing
    event_units: tuple[str, ...]  # event_units: a count of events is in one of these (场, 次…)
    event_noun: re.Pattern  # event_nouns: what names an event counted (活动, 会议…): search it
    per_tail: re.Pattern  # (平均)? + per_words closing a name (城乡低保标准提高到每人每月): sub it
    per_before: re.Pattern  # units.yaml per_before: 每立方米 (约) right before a number: group 1 the word, 2 约
    per_before_units: dict[str, tuple[str, tuple[str, ...]]]  # that word → (the denominator, the units it takes, longest first)
    target_words: frozenset[str]  # target_words: a verb before a review's figure that restates the target
    outcome_opener: re.Pattern  # outcome_openers opening the clause after a restated target: match it
    target_label: re.Pattern  # (年度)target_words + 为/是 labelling the figure after it as the target: search it
    basis_frame: re.Pattern  # basis_frames …后 or 按 basis_prices 计算 closing a name (group 1: a basis word after it)
    topic_lead: re.Pattern  # topic_leads opening a topic clause: match it
    explaining: re.Pattern  # explaining_openers opening a sentence
    growth_suffix: re.Pattern  # growth_suffixes ending a name
    gap: re.Pattern  # gap_verbs + gap_references, gap_verbs_of_periods + a year or plan: a gap
    spending_word: re.Pattern  # spending_words opening a name (group 1)
    sum_verb: re.Pattern  # sum_verbs: a sum over the years to come
    sum_last: re.Pattern  # a sum verb closing a text (…安排专项资金支持)
    duo_compounds: tuple[str, ...]  # words opening on 多 that are no approximation (多功能运动场)
    target_reference: re.Pattern  # target_references: a target of the period reviewed quoted (年初确定的…)
    target_reference_before: re.Pattern  # one of them right before a figure (超过原定的近2万亿元规模)
    target_noun_after: re.Pattern  # …的 + target_nouns after a figure, up to its clause's end (4%左右、…减少2%的目标)
    target_noun: re.Pattern  # target_nouns: search it
    compared_target_before: re.Pattern  # compared_target_verbs (+ a target_reference, a change verb: group 1) as a clause before a figure: fullmatch
    compared_target_after: re.Pattern  # (左右|以上…)的 + compared_target_nouns right after that figure: match
    compared_target_gap: re.Pattern  # the same nouns, then a comparing character, before a gap (…的预期目标高): fullmatch
    modal_before_verb: re.Pattern  # modal_adverbs inside a name, before an action verb or a sum verb (将投入)
    duration_name: re.Pattern  # duration_names closing the words before a figure in 年, and the verb after them
    level_forms: frozenset[str]  # level_forms: verbs that reach a level
    level_form: re.Pattern  # any of them in a text
    topic_predicate: re.Pattern  # topic_predicates, ending a clause: its subject names the figure after it
    since_closers: tuple[str, ...]  # 开始, 起, 以来: each match of ``since`` holds one
    basis_words: frozenset[str]  # 同口径: a basis named alone after a figure qualifies the name before it
    entity_attributes: tuple[str, ...]  # 营业收入, 利润, 税收…: alone after a name ending on one, the same enterprises'
    since: re.Pattern  # since_openers? since_times since_closers: when a change began, no part of a name
    scope: re.Pattern  # scope_words: the area a figure is of (全市, 我省…), opening a name
    sector_names: tuple[str, ...]  # 第一产业…: the sectors a ratio of shares (7.5∶38.2∶54.3) gives in order
    sector_groups: tuple[str, ...]  # 三次产业, 产业结构: the words that say a ratio is one of the sectors
    steps_noun: re.Pattern  # a threshold after a number, a noun naming nothing: 两个台阶, 6万亿元大关
    step_count: re.Pattern  # right after a count of thresholds passed: 4|个万亿元台阶
    change_to: re.Pattern  # one of them and the time of the level reached (level_times): a change from a base
    plan_indicators: re.Pattern  # a count of the plan's own indicators (plan_indicator_kinds, _heads)
    batch: re.Pattern  # batch_words and 第N批: no part of a name
    streak_words: tuple[str, ...]  # 连续: a run of years, months, times before a figure
    streak_units: tuple[str, ...]  # 年, 个月, 次, 届…: what a streak's length is counted in
    streak: re.Pattern  # 连续 and the streak's length: no part of a name
    record: re.Pattern  # record_words and 第N个 before a name that ends the text
    not_estimated: re.Pattern  # not_estimated: 预计数, the base of a change, no estimate
    improved_fall: re.Pattern  # improved_falls: a name whose 改善 is a fall
    target_judgement: re.Pattern  # target_judgements: a sentence arguing for a target it restates
    slogans: tuple[str, ...]
    slogan_pattern: re.Pattern  # any slogan or name that holds a number but is no fact
    package_names: tuple[str, ...]  # 条措施…: the count names a package of measures
    aspect_words: tuple[str, ...]  # 个方面…: the count names the parts of the report's own account
    class_after: re.Pattern  # class_nouns after a threshold figure: the class of the things counted
    radius_units: frozenset[str]  # radius_units: N米内 + a name is a radius in the name
    version_nouns: tuple[str, ...]  # version_nouns: 3.0方案 names a version
    joint_region: re.Pattern  # regions.yaml joint_regions, opening a clause: 川渝一体化…
    campaign: re.Pattern  # campaign_nouns: after a quoted name, the figures inside it are the name's
    class_level: re.Pattern  # 级 after a figure that names a class (400亿级产业名镇), not 级规模
    rank_threshold: re.Pattern  # 前1%学科, 前1‰: a share after 前 is a rank threshold (rank_threshold_units)
    time_descriptor: re.Pattern  # after N小时/N分钟: a kind of thing (24小时城市书房), not a duration
    chinese_excluded_units: frozenset[str]  # units a Chinese numeral before them counts no fact by
    verb_tiers: tuple  # ((words, lengths longest first), ...): verbs, then qualifier words, for suffix lookup


LEXICON_FILES = ("units.yaml", "qualifiers.yaml", "cues.yaml", "not_facts.yaml", "regions.yaml")  # what _build reads


def _build() -> Lexicon:
    units = load_yaml("units.yaml")
    scales = units.get("scales")
    if not isinstance(scales, dict) or not all(isinstance(v, (int, float)) for v in scales.values()):
        raise DataFileError(DATA / "units.yaml", "'scales' must map a prefix to a number")
    percent = _words(units, "percent", "units.yaml")
    points = _words(units, "points", "units.yaml")
    ratio = _words(units, "ratio", "units.yaml")
    mw = units.get("measure_words")
    if not isinstance(mw, dict):
        raise DataFileError(DATA / "units.yaml", "'measure_words' must map a family to a word list")
    measure_words = {w: fam for fam in mw for w in _words(mw, fam, "units.yaml")}

    qual_data = load_yaml("qualifiers.yaml")
    not_after = qual_data.get("before_not_after") or {}
    if not isinstance(not_after, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) and len(c) == 1 for c in v) for v in not_after.values()):
        raise DataFileError(DATA / "qualifiers.yaml", "'before_not_after' must map a word to a list of characters")
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for code in QUALIFIER_CODES:
        entry = qual_data.get(code)
        if not isinstance(entry, dict):
            raise DataFileError(DATA / "qualifiers.yaml", f"'{code}' must have 'before' and 'after' lists")
        for w in entry.get("before") or []:
            before.setdefault(w, code)
        for w in entry.get("after") or []:
            after.setdefault(w, code)

    cues = load_yaml("cues.yaml")
    not_facts = load_yaml("not_facts.yaml")
    verb_not_after = cues.get("verb_not_after") or {}
    if not isinstance(verb_not_after, dict) or not all(
            isinstance(v, list) and all(isinstance(c, str) and len(c) == 1 for c in v) for v in verb_not_after.values()):
        raise DataFileError(DATA / "cues.yaml", "'verb_not_after' must map a word to a list of characters")

    excluded = frozenset(_words(units, "chinese_excluded_units", "units.yaml"))
    per_before = {}
    entries = units.get("per_before") or {}
    if not isinstance(entries, dict):
        raise DataFileError(DATA / "units.yaml", "'per_before' must map a word to its 'per' and 'units'")
    for word, entry in entries.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("per"), str) or not entry["per"]:
            raise DataFileError(DATA / "units.yaml", "'per_before' must map a word to its 'per' and 'units'")
        per_before[str(word)] = (entry["per"], tuple(patterns.longest_first(_words(entry, "units", "units.yaml"))))
    # words dropped from the end of a name as the report verbs are: sizes (长达) and adverbs (又, 连年)
    dropped = _words(cues, "size_words", "cues.yaml") + _words(cues, "verb_adverbs", "cues.yaml")
    verbs = frozenset(_words(cues, "report_verbs", "cues.yaml") + dropped + _words(cues, "decline", "cues.yaml")
                      + _words(cues, "growth", "cues.yaml"))
    quals = frozenset(before)
    verb_tiers = tuple((words, tuple(sorted({len(w) for w in words}, reverse=True))) for words in (verbs, quals))
    return Lexicon(
        scales={k: float(v) for k, v in scales.items()},
        percent=tuple(percent), points=tuple(points), ratio=tuple(ratio),
        measure_words=measure_words,
        qualifier_before=before, qualifier_after=after,
        qualifier_before_end=patterns.compile("(?:%s)$" % _alternation(before)),
        qualifier_not_after={w: frozenset(v) for w, v in (not_after | verb_not_after).items()},
        qualifier_after_pattern=patterns.compile(_alternation(w for w in after if w not in ("余", "多"))),
        growth=tuple(_words(cues, "growth", "cues.yaml")),
        decline=tuple(_words(cues, "decline", "cues.yaml")),
        growth_word=_pattern(cues, "growth"),
        decline_word=_pattern(cues, "decline"),
        report_verbs=tuple(sorted(_words(cues, "report_verbs", "cues.yaml") + dropped, key=len, reverse=True)),
        size_word=_pattern(cues, "size_words"),
        verb_adverbs=frozenset(_words(cues, "verb_adverbs", "cues.yaml")),
        decline_lead=patterns.compile("(?:%s)?(%s)" % (_alternation(_words(cues, "verb_adverbs", "cues.yaml")),
                                                       _alternation(_words(cues, "decline_leads", "cues.yaml")))),
        decline_lead_stock=_pattern(cues, "decline_lead_stocks", around="(?:%s)$"),
        estimated=tuple(_words(cues, "estimated", "cues.yaml")),
        attributes=frozenset(_words(cues, "attributes", "cues.yaml")),
        descriptive_attributes=tuple(_words(cues, "descriptive_attributes", "cues.yaml")),
        shared_heads=tuple(sorted(_words(cues, "shared_heads", "cues.yaml"), key=len, reverse=True)),
        running_total_words=frozenset(_words(cues, "running_total_words", "cues.yaml")),
        rate_heads=tuple(sorted(_words(cues, "rate_heads", "cues.yaml"), key=len, reverse=True)),
        rate_of_items=patterns.compile("(?:%s)?(?:%s)" % (_alternation(_words(cues, "rate_of_items_leads", "cues.yaml")),
                                                           _alternation(_words(cues, "rate_of_items_heads", "cues.yaml")))),
        item_verb=_pattern(cues, "item_verbs"),
        shared_head_prefixes=tuple(_words(cues, "shared_head_prefixes", "cues.yaml")),
        intensity_bases=tuple(patterns.longest_first(_words(cues, "intensity_bases", "cues.yaml"))),
        intensity_measures=frozenset(_words(cues, "intensity_measures", "cues.yaml")),
        parallel_modifiers=_modifier_groups(cues),
        modifier_names=_modifier_names(cues),
        compressed_pairs=_compressed_pairs(cues),
        ratio_name=_pattern(cues, "ratio_names"),
        bare_measure_name=_pattern(cues, "bare_measure_names"),
        subject_predicate=_pattern(cues, "subject_predicates"),
        reporting_frame=_pattern(cues, "reporting_frame_leads", around="^(?:%s)(.{2,}?)建设$"),
        bare_spending=_pattern(cues, "spending_verbs", around="(?:今年|全年)?(?:先|再|共|拟|计划|还将|将){0,2}(%s)"),
        spending_last=_pattern(cues, "spending_verbs", around="(?:%s)$"),
        purpose_after=patterns.compile(
            r"\s*([，,])?\s*(?:" + _alternation(_words(cues, "purpose_adverbs", "cues.yaml")) + r")?("
            + _alternation(_words(cues, "purpose_words", "cues.yaml")) + r")([^，,。；;：:！？!?\d]{2,30}?)(?=[，,。；;！？!?]|$)"),
        condition_frame=_pattern(cues, "condition_frames", around="在[^，,。；;在]{2,30}?的?(?:%s)"),
        condition_close=_pattern(cues, "condition_frames", around="[^，,。；;在]{0,24}?的?(?:%s)"),
        threshold_list_last=patterns.compile(
            r"([\u4e00-\u9fff]{2,10}?)(" + "|".join(re.escape(h) for h in _words(cues, "threshold_list_heads", "cues.yaml"))
            + r")((?:" + _alternation(_words(cues, "threshold_list_attributes", "cues.yaml")) + r")?)"),
        lead=patterns.compile(r"^(?!" + _alternation(_words(cues, "lead_word_names", "cues.yaml")) + ")(?:"
                        + _alternation(_words(cues, "lead_words", "cues.yaml")) + "|"
                        + "|".join(LEAD_PATTERNS) + ")"),
        flow=_pattern(cues, "flow_words"),
        flow_after=_pattern(cues, "flow_words_after"),
        flow_lead=_pattern(cues, "flow_words_leading"),
        not_flow=_pattern(cues, "not_flow_words"),
        action=_pattern(cues, "action_verbs"),
        action_last=_pattern(cues, "action_verbs", around="(?:%s)$"),
        action_run=_pattern(cues, "action_verbs", around="(?:%s)+"),
        target_cue=_pattern(cues, "target"),
        target_judgement=_pattern(cues, "target_judgements"),
        rank_word=_pattern(cues, "rank_words"),
        threshold_verb=_pattern(cues, "threshold_verbs", around="(?:%s)$"),
        class_verb=_pattern(cues, "class_verbs", around="(?:%s)$"),
        addressed_people=_pattern(cues, "addressed_people", around=r"[\u4e00-\u9fff]{0,4}?(?:%s)(?!币)"),
        reach_verbs=tuple(_words(cues, "reach_verbs", "cues.yaml")),
        population_names=frozenset(_words(cues, "population_names", "cues.yaml")),
        noun_run_breaker=_pattern(cues, "noun_run_breakers"),
        benefit_after=_pattern(cues, "benefit_verbs", around=r"(?:的)?([\u4e00-\u9fff]{0,12}?)(%s)(?=[，,。；;！!]|$)"),
        benefit_causative=_pattern(cues, "benefit_causatives", around="(?:%s)$"),
        policy_lead=_pattern(cues, "policy_leads", around="^[^，,；;。对]{0,8}?(?:对([^，,；;。]{2,16}?))?(?:%s)"),
        distributor=_pattern(cues, "distributors", around="(?:%s)$"),
        each_verbs=frozenset(_words(cues, "each_verbs", "cues.yaml")),
        each_kind_words=frozenset(_words(cues, "each_kind_words", "cues.yaml")),
        kind_heads=tuple(_words(cues, "shared_heads", "cues.yaml") + _words(cues, "threshold_list_heads", "cues.yaml")),
        total_verbs=frozenset(_words(cues, "total_verbs", "cues.yaml")),
        group_count=_pattern(cues, "group_nouns", around="[两二三四五六七八九十]+个?(?:%s)"),
        rate_adverbs=frozenset(_words(cues, "rate_adverbs", "cues.yaml")),
        per_words=frozenset(_words(cues, "per_words", "cues.yaml")),
        event_units=tuple(_words(cues, "event_units", "cues.yaml")),
        event_noun=_pattern(cues, "event_nouns"),
        per_tail=_pattern(cues, "per_words", around="(?:平均)?(?:%s)$"),
        per_before=patterns.compile("(%s)(约|近)?$" % _alternation(list(per_before)) if per_before else "(?!)()()"),
        per_before_units=per_before,
        target_words=frozenset(_words(cues, "target_words", "cues.yaml")),
        outcome_opener=_pattern(cues, "outcome_openers", around=r"\s*(?:%s)"),
        target_label=_pattern(cues, "target_words", around="(?:年度|全年|年初)?(%s)(?:为|是)"),
        basis_frame=patterns.compile(r"(?:(?:%s)[\u4e00-\u9fff]{1,12}?后|按(?:%s)计算)(%s)?$" % (
            _alternation(_words(cues, "basis_frames", "cues.yaml")), _alternation(_words(cues, "basis_prices", "cues.yaml")),
            _alternation(_words(cues, "basis_words", "cues.yaml")))),
        topic_lead=_pattern(cues, "topic_leads", around="(?:%s)"),
        explaining=_pattern(cues, "explaining_openers", around=r"\s*(?:%s)"),
        growth_suffix=_pattern(cues, "growth_suffixes", around=r"(?:的)?(?:%s)$"),
        gap=patterns.compile(r"(?:{v})(?:{m})?(?:{r})|(?:{p})(?:(?:19|20)\d{{2}}年|上年|去年|“?(?:十[一二三四五]?|[六七八九])五”?"
                       r"(?:时期|期间)?)".format(
                           v=_alternation(_words(cues, "gap_verbs", "cues.yaml")),
                           r=_alternation(_words(cues, "gap_references", "cues.yaml")),
                           m=_alternation(_words(cues, "gap_reference_modifiers", "cues.yaml")),
                           p=_alternation(_words(cues, "gap_verbs_of_periods", "cues.yaml")))),
        spending_word=_pattern(cues, "spending_words", around=r"^(%s)"),
        sum_verb=_pattern(cues, "sum_verbs"),
        sum_last=_pattern(cues, "sum_verbs", around="(?:%s)$"),
        duo_compounds=tuple(_words(cues, "duo_compounds", "cues.yaml")),
        target_reference=_pattern(cues, "target_references"),
        target_reference_before=_pattern(cues, "target_references", around=r"(?:%s)(?:近|约|超过|超|逾)?\s*$"),
        target_noun_after=_pattern(cues, "target_nouns", around=r"[^，,。；;：:！？!?]*?的(?:%s)"),
        target_noun=_pattern(cues, "target_nouns"),
        compared_target_before=patterns.compile(r"\s*(?:%s)\s*(?:%s)?\s*(增长|下降|降低|减少|提高|上涨)?\s*" % (
            _alternation(_words(cues, "compared_target_verbs", "cues.yaml")),
            _alternation(_words(cues, "target_references", "cues.yaml")))),
        compared_target_after=_pattern(cues, "compared_target_nouns", around="(?:左右|以上|以下|以内|上下)?的(?:%s)"),
        compared_target_gap=_pattern(cues, "compared_target_nouns",
                                     around="\\s*(?:左右|以上|以下|以内|上下)?的(?:%s)(?:高|低|快|慢|多|少)出?\\s*"),
        duration_name=patterns.compile(r"(?:" + _alternation(_words(cues, "duration_names", "cues.yaml"))
                                       + r")(?:达到|提高到|提高至|增至|为|超过|延长到|延长至)?\s*$"),
        modal_before_verb=patterns.compile(
            r"(?<=[\u4e00-\u9fff”）])(?:" + _alternation(_words(cues, "modal_adverbs", "cues.yaml")) + r")(?="
            + _alternation(_words(cues, "action_verbs", "cues.yaml") + _words(cues, "sum_verbs", "cues.yaml")) + ")"),
        level_forms=frozenset(_words(cues, "level_forms", "cues.yaml")),
        level_form=_pattern(cues, "level_forms"),
        scope=_pattern(cues, "scope_words"),
        topic_predicate=_pattern(cues, "topic_predicates", around="(?:%s)$"),
        since_closers=tuple(_words(cues, "since_closers", "cues.yaml")),
        since=_since(cues),
        basis_words=frozenset(_words(cues, "basis_words", "cues.yaml")),
        entity_attributes=tuple(patterns.longest_first(_words(cues, "entity_attributes", "cues.yaml"))),
        sector_names=tuple(_words(cues, "sector_names", "cues.yaml")),
        sector_groups=tuple(_words(cues, "sector_groups", "cues.yaml")),
        steps_noun=patterns.compile(r"[两二三四五六七八九十\d]*个?" + _steps(cues)),
        step_count=patterns.compile(r"\s*(?:个|级)?" + _steps(cues)),
        change_to=patterns.compile("(?:%s)(?:%s)?" % (_alternation(_words(cues, "level_forms", "cues.yaml")),
                                                _alternation(_words(cues, "level_times", "cues.yaml")))),
        plan_indicators=patterns.compile(r"^(?:个|项)?(?:为|是)?(?:{k})?(?:{h})".format(
            k=_alternation(_words(cues, "plan_indicator_kinds", "cues.yaml")),
            h=_alternation(_words(cues, "plan_indicator_heads", "cues.yaml")))),
        not_estimated=_pattern(cues, "not_estimated"),
        improved_fall=_pattern(cues, "improved_falls"),
        slogans=tuple(sorted(_words(not_facts, "slogans", "not_facts.yaml"), key=len, reverse=True)),
        verb_tiers=verb_tiers,
        chinese_excluded_units=excluded,
        package_names=tuple(_words(not_facts, "package_names", "not_facts.yaml")),
        aspect_words=tuple(_words(not_facts, "aspect_words", "not_facts.yaml")),
        campaign=_pattern(not_facts, "campaign_nouns", "not_facts.yaml"),
        radius_units=frozenset(_words(not_facts, "radius_units", "not_facts.yaml")),
        version_nouns=tuple(_words(not_facts, "version_nouns", "not_facts.yaml")),
        joint_region=_pattern(load_yaml("regions.yaml"), "joint_regions", "regions.yaml", around=r"\s*(%s)"),
        class_after=patterns.compile(r"(?:以上)?(?:的(?:{n}|[\u4e00-\u9fff]{{1,6}}?(?:{long}))(?![\u4e00-\u9fff]{{0,2}}(?:目标|任务))|"
                               r"[\u4e00-\u9fff]{{0,4}}?(?:{long})(?=\d|达|增至|增加到|超过|突破)|"
                               r"(?:、(?:超过|超|突破)?[\d.百千万亿]+元?)*(?:{n})(?=[\d（(，,。；;、]|$))"
                               .format(n=_alternation(_words(not_facts, "class_nouns", "not_facts.yaml")),
                                       # a one-character noun (县, 区) right after 的 only: 采煤沉陷区 is no class
                                       long=_alternation(w for w in _words(not_facts, "class_nouns", "not_facts.yaml")
                                                         if len(w) > 1))),
        class_level=_pattern(not_facts, "class_level_nouns", "not_facts.yaml", around="级(?!%s)"),
        rank_threshold=_pattern(not_facts, "rank_threshold_units", "not_facts.yaml",
                                around=r"前\d+(?:\.\d+)?(?:%s)"),
        time_descriptor=patterns.compile(r"[\u4e00-\u9fff]{0,6}?(?:"
                                   + _alternation(_words(not_facts, "time_descriptor_heads", "not_facts.yaml")) + ")"),
        slogan_pattern=patterns.compile("(?:" + _alternation(_words(not_facts, "slogans", "not_facts.yaml")) + ")(?!"
                                        + _alternation(_words(not_facts, "slogans_not_before", "not_facts.yaml")) + ")"),
        batch=_pattern(not_facts, "batch_words", "not_facts.yaml", around=r"第[一二三四五六七八九十百\d]+批|%s"),
        streak_words=tuple(_words(not_facts, "streak_words", "not_facts.yaml")),
        streak_units=tuple(_words(not_facts, "streak_units", "not_facts.yaml")),
        streak=patterns.compile("(?:%s)(?:第?(?:\\d+|[一二三四五六七八九十两]+)(?:%s))?" % (
            _alternation(_words(not_facts, "streak_words", "not_facts.yaml")),
            _alternation(_words(not_facts, "streak_units", "not_facts.yaml")))),
        record=_pattern(not_facts, "record_words", "not_facts.yaml",
                        around=r"(?:%s|第[一二三四五六七八九十\d]+个)(?=[\u4e00-\u9fffA-Za-z]+$)"),
    )


def _modifier_groups(cues: dict) -> tuple[tuple[str, ...], ...]:
    groups = cues.get("parallel_modifiers")
    if not isinstance(groups, list) or not all(
            isinstance(g, list) and len(g) >= 2 and all(isinstance(w, str) and w for w in g) for g in groups):
        raise DataFileError(DATA / "cues.yaml", "'parallel_modifiers' must be a list of lists of two or more words")
    return tuple(tuple(g) for g in groups)


def _modifier_names(cues: dict) -> dict[str, str]:
    names = cues.get("modifier_names")
    if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v
                                              for k, v in names.items()):
        raise DataFileError(DATA / "cues.yaml", "'modifier_names' must map a word to a word")
    return dict(names)


def _compressed_pairs(cues: dict) -> dict[str, tuple[str, str]]:
    pairs = cues.get("compressed_pairs")
    if not isinstance(pairs, dict) or not all(
            isinstance(k, str) and k and isinstance(v, list) and len(v) == 2 and all(isinstance(w, str) and w for w in v)
            for k, v in pairs.items()):
        raise DataFileError(DATA / "cues.yaml", "'compressed_pairs' must map a word to a list of two words")
    return {k: (pairs[k][0], pairs[k][1]) for k in sorted(pairs, key=len, reverse=True)}  # longest first


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, built once per process, or read as built from the cache folder (``built_tables``)."""
    return built_tables("lexicon", LEXICON_FILES, (__file__, patterns.__file__), _build, (Lexicon,))


def to_base(value: float, unit: str) -> tuple[float, str]:
    """(value in base unit, base unit): 2.5万亿元 → (2.5e12, 元); 个百分点 stays apart from %."""
    unit = (unit or "").replace("％", "%")
    for prefix, scale in sorted(lexicon().scales.items(), key=lambda kv: -len(kv[0])):
        if unit.startswith(prefix):
            return value * scale, {"名": "人", "位": "人"}.get(unit[len(prefix):], unit[len(prefix):])
    return value, {"名": "人", "位": "人"}.get(unit, unit)


@dataclass(frozen=True)
class Regions:
    """data/regions.yaml (``regions()``)."""

    provinces: tuple[str, ...]  # full names of the provincial-level units
    suffixes: tuple[str, ...]  # administrative suffixes, longest first
    suffix_pattern: str  # a regex alternation of the suffixes, longest first


@lru_cache(maxsize=1)
def regions() -> Regions:
    """``data/regions.yaml``, read once per process."""
    data = load_yaml("regions.yaml")
    suffixes = tuple(sorted(set(_words(data, "suffixes", "regions.yaml")), key=len, reverse=True))
    return Regions(provinces=tuple(_words(data, "provinces", "regions.yaml")), suffixes=suffixes,
                   suffix_pattern=_alternation(suffixes))


@lru_cache(maxsize=1024)  # pure, with the process's regions.yaml: asked for the same region at every fact
def region_key(region: str | None) -> str:
    """The short form of a region's name, which reports and users write as often as the full one:
    重庆市 → 重庆, 广西壮族自治区 → 广西, 渝中区 → 渝中; 全国 and names with no suffix stay. A name the
    suffix would leave under two characters stays whole."""
    r = (region or "").strip()
    for suffix in regions().suffixes:
        if r.endswith(suffix) and len(r) - len(suffix) >= 2:
            return r[: -len(suffix)]
    return r
