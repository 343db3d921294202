"""Stage 4: every quantified fact of a document, each with the span of its number.

Reads the normalized text, the document's metadata and outline; gives ``Fact`` records whose
offsets are still offsets into the normalized text (the pipeline maps them to the original).

The rules run in this order for each sentence:

1. mask what holds numbers but is no fact: slogans and names (``十四五``, ``5G``), quoted or
   titled names (“850+”, 《…》), codes (``T3B``, ``PM2.5``);
2. find the quantities (number, range, scale, unit) with one compiled pattern and drop dates,
   ordinals and edition numbers;
3. split each clause into segments that each hold one quantity and read from a segment the
   indicator (text before the number, or the noun counted after it), the verbs between
   indicator and number (measure, sign), and the qualifier words around the number;
4. distribute ``分别`` lists and ``各`` over their indicators;
5. give each fact its kind, period, binding and estimate flag from its section and from the
   cues of its own sentence.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import field, replace
from functools import lru_cache

from . import patterns
from .catalogue import load_catalogue
from .lexicon import LIST_MARK, Lexicon, lexicon
from .model import DocumentMeta, Fact, Section
from .structure.frames import FrameIndex, time_frames
from .numbers import scan
from .structure import BASE_YEAR, PLAN_NAME, Sentence, FIVE_YEAR_PLANS, cn_year, sentences
from .records import dataclass


def _held(pattern: re.Pattern) -> str:
    """The one text every match of ``pattern`` holds (``patterns.required_text``), or "" (which every text
    holds) when the pattern has none or several: ``_held(p) in text`` is False only where p cannot match."""
    held = patterns.required_text(pattern.pattern, pattern.flags & ~re.UNICODE)
    return held[0] if held is not None and len(held) == 1 else ""


_HELD_BY_ID: dict[int, tuple[re.Pattern, str]] = {}


def _holds(pattern: re.Pattern) -> str:
    """``_held(pattern)``, found once per pattern object (the lexicon's patterns, read at run time)."""
    known = _HELD_BY_ID.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = _HELD_BY_ID[id(pattern)] = (pattern, _held(pattern))
    return known[1]


_BASE_YEAR_HOLDS = _held(BASE_YEAR)  # 年

_YEARS_COUNT = patterns.compile(r"(?:(?<![\d.])[1-9]|[两二三四五六七八九十])年")  # 3年增长58.6%: over the last 3 years
_TIME_SUFFIX = patterns.compile(r"(?:(?<![\d.])[1-9]年|[两二三四五六七八九十]{1,3}年(?:年均|平均|累计)?|全年|年均|平均每年|每年|年平均|当年|今年|去年|(?:今|去|明|当)?年(?:底|末|初)|"
                          r"(?:19|20)\d{2}年(?:末|底)?)的?$")
_AVERAGE = r"年均|平均每年|每年平均|年平均"  # an average over the years of a period
# after an amount: 以上 making it the threshold of a class named next ("10万元以上的村", "20万以上人口城市",
# "50亿级以上园区"), not a target ("6%以上的增长" names what is bounded; "10所以上高职院校" counts them)
# 超/超过/突破 N元 的 + a noun: the threshold of a class ("经济总量超500亿元的县域", "营收超百亿元的企业")
# steps of a threshold: "4个万亿元台阶", "两个台阶", "千亿级台阶" (their count is no fact, SPEC)
_BARE_PLACES = patterns.compile(r"[十百千万亿]{1,3}")
_AGE_LIMIT = r"(?:及|或)?(?:以上|以下)(?:的)?"  # after N岁, before the people it bounds (65岁以上老年人)
_AGE_BOUND = patterns.compile(r"\d+岁" + _AGE_LIMIT + r"(?=[\u4e00-\u9fff])")
_AGE_CLASS = patterns.compile(_AGE_LIMIT + r"[\u4e00-\u9fff]")
_THRESHOLD = patterns.compile(r"(?:级)?(?:及|或)?以上(?:的)?(?!目标|增长|增速|水平|速度|幅度|规模|的目标)[\u4e00-\u9fff]")
_THRESHOLD_HOLDS = _held(_THRESHOLD)
_MEASURE_FAMILIES = frozenset({"energy", "mass", "area", "volume", "length"})  # units measuring, not counting, things
_THRESHOLD_THEN_JOIN = patterns.compile(r"(?:及|或)?以上[并且和及与而、]")  # "稳定在万亿斤以上并逐年增加": no class after it
# SPEC: a record or rank around a threshold keeps the threshold and drops the rank: "成为中西部地区首个经济总量
# 超过3万亿元的城市", "成为全国第三个GDP突破5万亿元的省份" (the name starts after the rank word)
# a rank item before a 、 names the figure after it: "高速公路通车里程全国第四、突破1万公里"
_RANK_ITEM = patterns.compile(r"(?:居|位居|位列|排名|排)?(?:全国|全省|全球|世界|[东西中]部地区?|东北地区?|中西部地区?)?"
                        r"(?:第[一二三四五六七八九十\d]+(?:位|名)?|首位|前列)$")
# a target restated with its reason after it ("…4.8%左右，主要是由于去年价格上涨的翘尾影响较大",
# "…8%左右，是为了使预期目标符合实际情况", "…主要是综合考虑了…"): the reason marks the restatement
_EXPLAINED_AFTER = patterns.compile(r"[^。；;]*?[，,](?:(?:这|主要是|主要)?(?:综合)?考虑(?:了|到)|(?:这)?主要考虑|(?:这)?(?:主要)?是(?:为了|由于|因为)"
                              r"|主要(?:由于|因为)|(?:主要)?基于[^。；;]{0,12}考虑|目的是|兼顾了)")
_THREE_YEAR_OPENING = patterns.compile(r"\s*(?:——)?[^。；;，,]{0,20}?三年(?:任务|行动计划|行动)")
_TIME_AMOUNT = patterns.compile(r"\d+(?:小时|分钟)")
_SHARE_OF = patterns.compile(r"(?:以上|左右|以下)?的([\u4e00-\u9fff“”]{2,24})(?=[，,。；;]|$)")
_AMOUNT_OF = patterns.compile(r"的([\u4e00-\u9fff]{2,8})(?=[，,。；;]|$)")  # 3.28万亿元|的投资规模。
_AMOUNT_OF_HOLDS = _held(_AMOUNT_OF)
_DESCRIBED = patterns.compile(r"的(?:\d+(?:\.\d+)?[个项家座条]|[一二三四五六七八九十]批)?([\u4e00-\u9fff“”（）]{2,24}?)"
                       r"(?=[，,。；;、]|开工|建设|建成|落地|投产|加快|全面|顺利|有序|$)")
_LISTED_PACKAGES = patterns.compile(r"条(?:、\d+条)*、\d+(?=条)")  # "43条、16条具体举措": to the last count's 条
_LISTED_PACKAGES_HOLDS = _held(_LISTED_PACKAGES)


def _scoped_action_of(lex: Lexicon) -> re.Pattern:
    """An action verb (or two: 新建改建) opening a name, after its scope if any (全市建成…): group 2 is the verb."""
    return _scoped_action(lex.scope.pattern, lex.action.pattern)


@lru_cache(maxsize=4)
def _scoped_action(scope: str, action: str) -> re.Pattern:
    return patterns.compile(r"(" + scope + ")?((?:" + action + "){1,2})")  # 新建改建 leads as one


_CLASS_FIGURE = patterns.compile(r"\d+(?:\.\d+)?[十百千万亿]*级")
_ONE_OF = patterns.compile(r"[^，,。；;、]{0,16}(?<!分)之一")  # not 千分之一, a fraction
_ONE_OF_HOLDS = _held(_ONE_OF)  # 之一: searched for first, most sentences have none
# "五年年均增长", "近三年累计", "十年增加": the figure is of the last N years
# (not a record's window: "增速6年来首次超过全国水平", "10年来最高": SPEC, records are no facts and date none)
_YEARS_OVER = patterns.compile(r"(?<![\d.两二三四五六七八九十])([两二三四五六七八九十]|\d{1,2})年(?=年均|累计|(?:以来|来)(?!首次|首度|最|新高|新低)|间|平均)"
                         r"|(?:^|[，,；;]|过去|近)\s*([两二三四五六七八九十]|\d{1,2})年(?=增加|增长|新增)")
# the years to come from this one: 今后五年, 未来三年, (力争)用两年(左右)时间, 五年内
_NEXT_SPAN = patterns.compile(r"(?:^|[，,；;。》])\s*(?:(?:今后|未来|今明)([两二三四五六七八九十]|\d{1,2})年(?![\d〇零一二三四五六七八九])"
                              r"|(?:从今年起|从今年开始)?[，,]?(?:争取|力争|要|再)?用([两二三四五六七八九十]|\d{1,2})年(?:左右)?(?:的)?时间"
                              r"|([两二三四五六七八九十]|\d{1,2})年内)")
_PLAN_TIME = patterns.compile(r"“?(?:十[一二三四五]?|[六七八九])五”?(?:时期|期间)")
_PLAN_TIME_HOLDS = _held(_PLAN_TIME)  # 五
_PAST_SPAN = patterns.compile(r"(?:^|[，,；;。])\s*(?:近|这)?([两二三四五六七八九十]|\d{1,2})年(?:来|以来)")
_PAST_SPAN_HOLDS = _held(_PAST_SPAN)
_RESPECTIVELY = patterns.compile(r"分别|分类别")
_RESPECTIVELY_HOLDS = _held(_RESPECTIVELY)
_ONE_YEAR_ANCHOR = patterns.compile(r"(?:刚刚过去的|过去的一年)\s*((?:19|20)\d{2})\s*年|^\s*((?:19|20)\d{2})\s*年是|一年来")
_PLAN_OPENING = patterns.compile(r"\s*(?:((?:19|20)\d{2})\s*年|今年)(?:是|工作的总体要求|要着重|经济社会发展的主要预期目标)")
# the base named before a list of starting values, and the change that follows them
_LISTED_BASE = patterns.compile(r"(?:由|从)(?:前([两二三四五])年|上年|去年)(?:的)?$")
_CHANGE_BASE = patterns.compile(r"(?:由|从)(?:上年|去年)的?([\u4e00-\u9fff]{2})$")  # 由上年下降2.3%转为…: group 1 the verb
_CHANGE_AFTER = patterns.compile(r"\s*[，,]?\s*(?:转为|减为|变为|降为|升为|(?:增加|提高|提升|下降|降低|减少|扩大|缩小|回落)(?:到|至))")
_BASE_YEAR_WRITTEN = patterns.compile(r"(?:从|由)\s*((?:19|20)\d{2})\s*年")
_LAST_YEAR_CLAUSE = patterns.compile(r"\s*(?:去年|上年)(?!同期)")
_THIS_YEAR_CLAUSE = patterns.compile(r"\s*(?:今年|本年)")
_PAST_FIVE_YEARS_OPENING = patterns.compile(r"\s*(?:过去五年|五年来|这五年)[，,]")
_PAST_YEAR_OPENING = patterns.compile(r"\s*(?:过去一年|去年|上一年)[，,]")
_NAMED = patterns.compile(r"“[^”]{0,14}”|《[^》]{0,60}》|〔\d+〕|\[\d+\]")
# a digit or a place (\d|[十百千]), or a quantity word: two patterns, each of which re scans for its
# first character quickly, where the one alternation "\d|正增长|…" was tried at every character. re
# does so for an alternation only when every alternative opens on a character, not a class: N成 is
# written out (一成|二成|…), not [一二…十]成
_HAS_QUANTITY_CHAR = patterns.compile(r"[\d十百千]")


@lru_cache(maxsize=1)
def _quantity_word() -> re.Pattern:
    """The quantity words of numbers.yaml (``words``: 正增长, 持平, 实现倍增…), 翻N番, 万亿, N成, N倍 and 分之 (built
    when first needed, from the grammar the number stage reads, so that a word added there is looked for here)."""
    from .numbers.grammar import grammar

    words = sorted(grammar().words, key=len, reverse=True)
    return patterns.compile("|".join(map(re.escape, words)) + r"|翻[一两二三]?番|万亿|"
                      + "|".join(c + "成" for c in "一二三四五六七八九十") + "|"
                      + "|".join(c + "倍" for c in "一两二三四五六七八九十") + "|分之")


def _has_quantity(text: str) -> bool:
    return bool(_HAS_QUANTITY_CHAR.search(text) or _quantity_word().search(text))


_CLAUSE_BREAK = "，,；;：:。！？!?\n"
_CLAUSE_END = patterns.compile("[" + re.escape(_CLAUSE_BREAK) + "]")
_CLAUSE_TAIL = patterns.compile("[" + re.escape(_CLAUSE_BREAK) + "][^" + re.escape(_CLAUSE_BREAK) + "]*$")
_LIST_BREAK = "、"
_BRACKETS = patterns.compile(r"[（()）]")
_BRACKET_CLOSE = patterns.compile(r"[）)]")

# "连跨4个万亿元台阶", "跨越3个千亿元台阶": the count of steps is no fact (SPEC), the threshold is
_YEAR_IN = patterns.compile(r"(?:(?:到|至|在|于)\s*)?((?:19|20)\d{2}|二〇[一二三四五六七八九〇]{2})\s*年(?![\d]*月)")
_LEAD_YEAR = patterns.compile(r"\s*(?:到|至|在)?((?:19|20)\d{2})年(?:末|底)?[，,]")
_HOW_SLOGAN = patterns.compile(r"^\s*“[^”]{1,12}”(?=[\u4e00-\u9fff]{1,3}$)")
_HOW_SLOGAN_HOLDS = _held(_HOW_SLOGAN)  # “
# the plan counting its own indicators or their dimensions (SPEC: 共设置指标37项 is other): "设置了29项主要指标",
# "从创新、协调…6个维度", "7个为约束性指标"
_COMPARISON = patterns.compile(r"(?:(?:比|较|与)(?!重|例|率)(?:上年(?:末|底|年初)?|去年(?:末|底|年初)?|上年同期|同期|年初|(?:19|20)\d{2}年(?:末|底)?"
                         r"|前五年|[两二三四五六七八九十]年前|上一个五年|前一个五年|[“\"]?(?:十[一二三四五]?|[六七八九])五[”\"]?(?:时期|期间|末期|末)?)"
                         r"|(?:是|为)(?:(?:19|20)\d{2}年(?:末|底)?|上年|去年)的?)(?:预算|预计执行数|预计数|执行数)?(?:赤字)?"
                         r"(?:累计|共)?(?:高|低|多|少|新增|多增|净增)?$")  # 比前五年累计增加1852亿元: the change is the whole's;
# 比年初新增7205亿元: a stock's change (新增 after a base is no flow named)
_COMPARED_BY = frozenset("比较与是为")  # one of them opens every match of _COMPARISON
_COMPARED_LOWER = ("低", "少")  # the endings of _COMPARISON that say "lower than" 
# the base a change starts from, with the year and the basis it is counted on: "由每人每年240元提高到280元",
# "从2004年人均每月700元提高到…"
_BASE_VALUE = patterns.compile(r"(?:从|由)(?:(?:(?:19|20)\d{2}年(?:末|底)?|年初|上年|去年)的?)?(?:人均|每人)?(?:每年|每月|每天)?"
                         r"(?:不到|不足|超过|近|约)?$")
# what ends the noun after a count; _NOUN_STOP_PAST_LISTS runs on through a list of kinds and its brackets (、（()
_NOUN_STOPS = (r"[，,；;：:。！？!?{comma}与及{bracket}“”\"《》\n\d]|和(?!美)|全部|全面|总体|达到|(?<![直通到抵送下])达(?!峰)|增长|实现|完成|建成"
               r"|稳步|顺利|基本|提高|下降|增加|减少|降低|正式|成功|启动|加快|通过|入选|以上|左右|陆续|相继|先后")
_NOUN_STOP = patterns.compile(_NOUN_STOPS.format(comma="、", bracket="（("))
_NOUN_STOP_PAST_LISTS = patterns.compile(_NOUN_STOPS.format(comma="", bracket=""))


@dataclass
class Context:
    kind: str
    period: str | None
    role: str
    section: int
    binding_section: bool = False
    source: str = ""  # what set kind and period: frame:past_plan, section:review, …


@dataclass
class Quantity:
    start: int  # of the number, in the normalized text
    end: int  # end of the number (and range), before scale/unit
    span_end: int  # end of unit and qualifier words after it
    value: float
    value_high: float | None
    unit: str
    approx: str | None  # 余/多
    after: str  # text right after the quantity
    words: str | None = None  # a quantity written in words: 正增长, 翻一番
    word_qualifier: str | None = None  # what the word itself says: 正增长 >, 负增长 <, 持平 =
    terms: tuple[float, ...] = ()  # the shares of the three sectors a ratio gives (7.5∶38.2∶54.3)


@dataclass
class Draft:
    quantity: Quantity
    indicator: str
    verbs: list[str] = field(default_factory=list)
    pre: str = ""
    qualifier: str = "="
    measure: str = "level"
    value: float = 0.0
    kind_hint: str | None = None
    method: str = "segment"  # the rule that named it: segment, each, threshold-list, rate-list, respectively…
    base_offset: int | None = None  # a starting value: how many years before the period spoken of


def extract(text: str, meta: DocumentMeta, sections: list[Section], doc: str = "") -> list[Fact]:
    lex = lexicon()
    binding_names = _binding_names(text)
    facts: list[Fact] = []
    sents = sentences(text)
    contexts = ContextTracker(text, meta, sections, sents)
    observe = contexts.observe
    has_char, has_word = _HAS_QUANTITY_CHAR.search, _quantity_word().search  # _has_quantity, inlined
    before = None  # the sentence before
    for sent in sents:
        sentence = text[sent.start:sent.end]
        if "年" in sentence:  # observe passes by a sentence without it (every anchor holds 年)
            observe(sent.start, sentence)
        label, before = before, sent
        if not (has_char(sentence) or has_word(sentence)):  # most sentences: a call less for each
            continue
        ctx = contexts.at(sent.start)
        if label is not None and label.end == sent.start and label.end - label.start <= 32 \
                and text[label.end - 1] == "。" and _is_label(text[label.start:label.end]):
            # "——地区生产总值。年初预期目标为增长10%以上，实际完成50012.9亿元": an indicator's name alone before the
            # figures on its line labels them, as a label before a colon does; the sentence is read with it
            # (a label's own list number, "1.城镇新增就业。", is no figure: its sentence gave none)
            sent = Sentence(label.start, sent.end)
        facts.extend(_sentence_facts(text, sent, ctx, meta, lex, doc, binding_names))
    return facts


_LABEL = patterns.compile(r"\s*(?:——|—|%s)?\s*([\u4e00-\u9fff]{2,20})。" % LIST_MARK)


def _is_label(sentence: str) -> bool:
    """A sentence that is only an indicator's name, after a list mark ("——地区生产总值。", "1.固定资产投资。"): the
    label of the figures that follow it on its line (plan reports review each indicator so). Only a name the
    catalogue knows: "（一）坚持稳增长。" is a task's heading, no label."""
    m = _LABEL.fullmatch(sentence)
    return bool(m) and load_catalogue().lookup(m.group(1)) is not None


def split_joint_names(facts: list[Fact], match) -> list[Fact]:
    """One figure for two indicators named together ("经济总量和城乡居民收入较2020年翻一番以上", "国内生产总值和
    城乡居民人均收入比2010年翻一番"): one fact for each (SPEC), where the catalogue (``match(name, unit,
    measure)``, the linking stage's) knows each member and not the whole; "批发和零售业增加值" stays one."""
    out: list[Fact] = []
    for f in facts:
        parts = f.indicator.split("和")
        if f.kind in ("target", "actual") and not f.canonical and len(parts) == 2 and all(len(p) >= 2 for p in parts):
            ids = [match(p, f.unit, f.measure) for p in parts]
            if all(ids):
                out += [replace(f, indicator=p, canonical=c, method=f.method + ";joint") for p, c in zip(parts, ids)]
                continue
        out.append(f)
    return out


def mark_restatements(facts: list[Fact]) -> None:
    """A target the document stated before, restated in a sentence that argues for it ("今年的经济增长目标
    定为7.5%左右是必要的、适宜的" after "国内生产总值增长7.5%左右"), is other: one target, one statement. Needs
    the facts' ``canonical`` names (the catalogue's), so the pipeline calls it after linking them."""
    judgement = lexicon().target_judgement
    stated: set[tuple] = set()
    for f in facts:
        if f.kind != "target" or not f.canonical:
            continue
        key = (f.canonical, f.period, f.measure, f.value, f.unit)
        if key in stated and judgement.search(f.sentence):
            f.kind, f.binding = "other", None  # binding is a target's
            f.method += ";restated"
        stated.add(key)


# --- context: section role, kind and period ---------------------------------------------------

class ContextTracker:
    """The kind and period in force at a point of the text, from the outline and paragraph anchors."""

    def __init__(self, text: str, meta: DocumentMeta, sections: list[Section], sents: list[Sentence] | None = None):
        self.text = text
        self.meta = meta
        self.sections = sections
        self.single_year: dict[int, str] = {}  # section index → year anchored by a paragraph
        self.past_year_paragraphs: set[int] = set()  # paragraph starts anchored on the past year
        self.past_five_years_paragraphs: set[int] = set()  # … and on the past five years
        self.three_year_paragraphs: set[int] = set()  # paragraphs of a five-year review on a three-year plan
        self.starts = [sec.start for sec in sections]
        self.plan_from: dict[int, int] = {}  # review section index → where its plan part starts
        self._ancestors: dict[int, Section | None] = {}
        self.frames = FrameIndex(time_frames(text, meta, sections, sents))

    def section_at(self, pos: int) -> Section:
        """The deepest section holding pos: sections are sorted by start and nest."""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i > 0 and not (self.sections[i].start <= pos < self.sections[i].end):
            i -= 1
        return self.sections[max(i, 0)]

    def observe(self, pos: int, sentence: str) -> None:
        """Record the anchors a sentence sets for the ones after it (every sentence passes here)."""
        # every anchor holds 年 (each alternative of each pattern below): most sentences are passed by
        if "年" not in sentence:
            return
        m = _ONE_YEAR_ANCHOR.search(sentence)
        if m:
            # a five-year review turns into a one-year review at "刚刚过去的2020年" / "一年来"
            top = self._five_year_ancestor(self.section_at(pos))
            end_year = top.period.split("-")[-1] if top is not None and top.period else None
            anchored = m.group(1) or m.group(2)
            if end_year and (anchored is None or anchored == end_year):
                self.single_year[top.index] = end_year
        # "过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%": in a plan section, a
        # paragraph that opens on the past year reports outcomes of that year
        if self.meta.year and _PAST_YEAR_OPENING.match(sentence):
            self.past_year_paragraphs.add(self.text.rfind("\n", 0, pos))
        if self.meta.year and _PAST_FIVE_YEARS_OPENING.match(sentence):
            self.past_five_years_paragraphs.add(self.text.rfind("\n", 0, pos))
        # "——“八项行动计划”三年任务总体完成。…": a paragraph of a five-year review that opens on a
        # three-year plan reports on the last three years of it
        if "三年" in sentence and _THREE_YEAR_OPENING.match(sentence):
            para = self.text.rfind("\n", 0, pos)
            if self.text[para + 1:pos].strip() in ("", "——") and self._five_year_ancestor(self.section_at(pos)):
                self.three_year_paragraphs.add(para)
        # "2002年是…非常重要的一年" / "今年工作的总体要求是": a review without its own heading for
        # the plan part turns to the coming year here
        m = _PLAN_OPENING.match(sentence)
        if m and self.meta.year and (m.group(1) is None or int(m.group(1)) == self.meta.year):
            sec = self.section_at(pos)
            if sec.role == "review" and sec.index not in self.plan_from:
                self.plan_from[sec.index] = pos

    def at(self, pos: int) -> Context:
        """The kind and period in force for a sentence that starts at pos."""
        sec = self.section_at(pos)
        frame = self.frames.at(pos)
        if frame is not None:
            # the sentence's own opener, or one before it, says which period this text is about; a
            # heading that says the same more precisely (主要预期目标 under 今年是…) keeps its role
            same = (_kind_of(frame.role, self.meta), frame.period) == (_kind_of(sec.role, self.meta), sec.period)
            ctx = self._context(sec.role if same else frame.role, frame.period, sec, pos)
            ctx.source = f"frame:{frame.frame}"
            return ctx
        role, period = sec.role, sec.period
        top = self._five_year_ancestor(sec)
        if top is not None and top.index in self.single_year:
            role, period = "review", self.single_year[top.index]
        if sec.index in self.plan_from and pos >= self.plan_from[sec.index]:
            role, period = "plan", str(self.meta.year)
        para = self.text.rfind("\n", 0, pos)
        if role not in _ACTUAL_ROLES and para in self.past_year_paragraphs and self.meta.year:
            return Context("actual", str(self.meta.year - 1), "review", sec.index, source="paragraph:past-year")
        if role not in _ACTUAL_ROLES and para in self.past_five_years_paragraphs and self.meta.year:
            # "五年来，人民生活明显改善。…城镇新增就业4200万人": the five years before the report
            y = self.meta.year
            return Context("actual", f"{y - 5}-{y - 1}", "five_year_review", sec.index, source="paragraph:past-five-years")
        return self._context(role, period, sec, pos)

    def _context(self, role: str, period: str | None, sec: Section, pos: int) -> Context:
        para = self.text.rfind("\n", 0, pos)
        if role == "five_year_review" and para in self.three_year_paragraphs and period and "-" in period:
            end = int(period.split("-")[-1])
            period = f"{end - 2}-{end}"
        kind = _kind_of(role, self.meta)
        if role not in _ACTUAL_ROLES + _TARGET_ROLES:
            if period is None and self.meta.year:
                period = str(self.meta.year)
        return Context(kind, period, role, sec.index, binding_section=(role == "targets"), source=f"section:{role}")

    def _five_year_ancestor(self, sec: Section) -> Section | None:
        if sec.index not in self._ancestors:
            self._ancestors[sec.index] = self._find_five_year_ancestor(sec)
        return self._ancestors[sec.index]

    def _find_five_year_ancestor(self, sec: Section) -> Section | None:
        for s in self.sections[:bisect.bisect_right(self.starts, sec.start)]:  # sorted by start: none after sec
            if s.role == "five_year_review" and s.start <= sec.start < s.end and s.level <= max(sec.level, 1):
                return s
        return None


_ACTUAL_ROLES = ("review", "five_year_review")
_TARGET_ROLES = ("targets", "plan", "projects", "tasks", "five_year_goals")


def _kind_of(role: str, meta: DocumentMeta) -> str:
    """The kind of the facts a section or frame of this role states."""
    if role in _ACTUAL_ROLES:
        return "actual"
    if role in _TARGET_ROLES:
        return "target"
    return "target" if meta.doc_type in ("government_work_report", "plan_report") else "actual"


def _binding_names(text: str) -> list[str]:
    """Indicator names the document itself lists as 约束性 (binding); the other indicators of its
    target list are then expected (预期性)."""
    binding: list[str] = []
    if "约束性" not in text:
        return []
    for at in _binding_cues(text):
        start = max(text.rfind(c, max(0, at - 200), at) for c in "。；;:：")
        names = patterns.compile(r"^\d+个指标中[，,]?").sub("", text[start + 1:at])
        binding += [n for n in patterns.compile(r"[、，,和及]").split(names) if n]
    for m in patterns.compile(r"约束性指标[^。]{0,40}?[:：]([^。]{4,400})").finditer(text):
        binding += patterns.compile(r"——([^，,。；;\d]{2,30}?)(?:下降|增长|控制|不超过|保持|\d)").findall(m.group(1))
    return [b.strip("“”\"") for b in binding if len(b) >= 2]


def _binding_cues(text: str) -> list[int]:
    """Where each match of ``等?\\d*个?为约束性指标`` starts. The pattern opens on optional words, so
    re would try it at every character of the document; 为约束性指标 is found as a string instead and
    the optional words before it are read backwards."""
    out = []
    at = text.find("为约束性指标")
    while at >= 0:
        j = at
        if j and text[j - 1] == "个":
            j -= 1
        while j and text[j - 1].isdecimal():  # what \d matches
            j -= 1
        if j and text[j - 1] == "等":
            j -= 1
        out.append(j)
        at = text.find("为约束性指标", at + 6)
    return out


# --- sentence level ---------------------------------------------------------------------------

_DIGIT = patterns.compile(r"\d")
_QUOTED_AMOUNT = patterns.compile(r"\d+(?:\.\d+)?(?:%|亿|万)")


def _masked(sentence: str, lex: Lexicon) -> list[bool]:
    mask = [False] * len(sentence)
    for m in lex.slogan_pattern.finditer(sentence):
        mask[m.start():m.end()] = [True] * (m.end() - m.start())
    for m in _NAMED.finditer(sentence):
        inner = m.group()
        # a quoted name holding a number (“三个1亿人”, “1+2”) is masked; a quoted amount (“6%左右”,
        # “65万人”) is the figure itself, quoted; the name of a campaign (“融百业超万亿”行动) is a name
        if _DIGIT.search(inner) and (not _QUOTED_AMOUNT.search(inner) or _quoted_words(inner)) \
                or inner.startswith("“") and lex.campaign.match(sentence, m.end()):
            mask[m.start():m.end()] = [True] * (m.end() - m.start())
    return mask


def _quantities(sentence: str, lex: Lexicon, mask: list[bool]) -> list[Quantity]:
    """The numbers of a sentence (``numbers.scan``) that can be facts: with a unit or a scale, no
    duration in years, no date, no package of measures (20条措施), no class of things (10万元以上的村);
    a Chinese numeral only from 100 written with two characters (三千家; 十个方面, 一个月 and 千里 are
    rhetoric or names; 百分之一 as 前千分之一 is a rank). Of the words: growth (正增长, 负增长, 零增长, 持平,
    翻番) and 一半 (50 %); fractions (稳定在全国1/4: 0.25 with no unit, SPEC); of the ratios of more than two
    terms only the sectors' shares (三次产业结构7.5∶38.2∶54.3: one per 产业, SPEC), no other."""
    out: list[Quantity] = []
    class_level_holds = _holds(lex.class_level)
    for n in scan(sentence, mask):
        s = n.start
        prev = sentence[s - 1] if s else ""
        if prev and prev in "+/-" and not n.negative:
            continue
        if prev == "每":
            continue  # "每10万人刑事案件数": the base a rate is counted on
        if sentence.endswith(lex.streak_words, 0, s) and n.unit in lex.streak_units:
            continue  # "连续24个月保持两位数增长": the length of a streak
        after = sentence[n.end:n.end + 8]
        if n.words is not None:
            if n.words == "两位数增长" and lex.streak.search(sentence, _clause_bounds(sentence, s)[0], s):
                continue  # "增长13.3%、连续48个月保持两位数增长": a record held, the figure is said before
            if n.words in ("正增长", "负增长", "持平", "零增长", "两位数增长") or n.kind == "multiple":
                # a multiple says its own bound (翻一番以上: >=; else =), whatever verb a list lent it
                out.append(Quantity(s, n.end, n.end, n.value, None, "%", None, after, words=n.words,
                                    word_qualifier=n.qualifier if n.words in ("正增长", "负增长", "两位数增长")
                                    or n.kind == "multiple" else None))
            elif n.words in ("一半", "过半"):
                out.append(Quantity(s, n.end, n.end, n.value, None, "%", None, after,
                                    word_qualifier=">" if n.words == "过半" else None))
            continue
        if n.kind == "ratio" and len(n.terms) == len(lex.sector_names) \
                and any(w in _SECTOR_CLAUSE.split(sentence[max(0, s - 30):s])[-1] for w in lex.sector_groups):
            # SPEC: "三次产业比重 8.7∶41.2∶50.1" gives one fact per 产业, unit %
            out.append(Quantity(s, n.end, n.end, n.terms[0], None, "%", None, after, terms=n.terms))
            continue
        if n.kind == "ratio" and n.unit != ":1":
            continue
        if n.kind == "fraction":
            out.append(Quantity(s, n.end, n.end, n.value, None, "", None, sentence[n.end:n.end + 8]))
            continue
        unit = n.unit[len(n.scale):]
        if unit.startswith("/"):
            unit = ""
        # 超千亿元, 突破百亿元, 突破万亿元: a threshold written as a bare place word after a threshold verb
        threshold = (n.chinese and n.scale and _BARE_PLACES.fullmatch(sentence, s, n.num_end + len(n.scale))
                     and lex.threshold_verb.search(sentence, max(0, s - 3), s))
        # 五成, 八成左右: a share in tenths is written with one character (SPEC: value 5, unit 成)
        tenths = n.chinese and unit == "成" and n.value_high is None and 1 <= n.value <= 10
        if n.chinese and unit == "倍" and n.value_high is None and lex.growth_word.search(sentence, max(0, s - 4), s):
            # "进出口贸易总额增长两倍", "比前五年增长一倍多": a multiple of growth in words is a fact however small its
            # numeral, in 倍 as written, as 增长1.71倍 is (翻一番 alone is 100 %, SPEC)
            out.append(Quantity(s, n.end, n.end, n.value, None, "倍", None, after, words=sentence[s:n.end],
                                word_qualifier=n.qualifier or "="))
            continue
        # 近 opens an approximate numeral as 上 and 数 do (近千公里, 近两千家 as 上千家): it counts in its length
        written = n.num_end - s + (prev == "近")
        # 提高一个百分点, 下降两个多百分点: a change in points written in words is a fact however small its numeral
        points = n.chinese and unit in lex.points and n.value_high is None
        # 百分之三, 千分之五: a share written out in words is a share however small its numeral (numbers: kind percent)
        share = n.chinese and n.kind == "percent" and sentence.startswith(("百分之", "千分之"), s)
        if n.chinese and not threshold and not tenths and not points and not share and not (written >= 2 and n.value >= 100 and (n.scale or unit)
                              and n.value_high is None and n.approx in (None, "多", "余")
                              and unit not in lex.chinese_excluded_units and not sentence.startswith("级", n.end)):
            continue
        if after[:1].isascii() and after[:1].isalpha() or after[:1] in "+":
            continue  # 5G, 4A, 850+
        named = lex.ratio_name.search(sentence, max(0, s - 12), s) if not n.unit else None
        ratio = (named is not None and n.kind != "ratio" and not n.chinese and n.value_high is None
                 and not _CLAUSE_END.search(sentence, named.end(), s))
        per = lex.per_before.search(sentence, max(0, s - 8), s) if "每" in sentence[max(0, s - 8):s] else None
        if per:
            # "为每立方米25微克", "每日约650吨": the unit after the number, per the one before it (units.yaml per_before)
            denominator, per_units = lex.per_before_units[per.group(1)]
            per_unit = next((u for u in per_units if sentence.startswith(u, n.num_end + len(n.scale))), None) \
                if not n.chinese else None  # (longest first)
            if per_unit and n.kind == "number":
                end = n.num_end + len(n.scale) + len(per_unit)
                # (the word before names nothing: _segment leaves it out of the name; 约 is the qualifier)
                out.append(Quantity(s, n.num_end, end, n.value, n.value_high,
                                    n.scale + per_unit + "/" + denominator, n.approx if n.approx in ("余", "多") else None,
                                    sentence[end:end + 8], word_qualifier="~" if per.group(2) else None))
                continue
        measured = None if n.unit or ratio or n.chinese or n.kind == "ratio" \
            else lex.bare_measure_name.search(sentence, max(0, s - 16), s)
        if measured and _CLAUSE_END.search(sentence, measured.end(), s):
            measured = None
        if n.kind != "ratio" and not n.unit and not ratio and not measured:
            continue  # a bare number: a list index, a code, a date part
        if (unit == "年" and not lex.duration_name.search(sentence, max(0, s - 12), s)) \
                or (unit == "周" and after.startswith("年")) or after.startswith("周年"):
            continue  # a duration of something else, or a date; not 平均受教育年限达到9年 (cues.yaml duration_names)
        if not n.chinese and sentence.startswith(lex.version_nouns, n.num_end):
            continue  # "扩大开放3.0方案": a version
        if unit in lex.radius_units and sentence.startswith("内", n.end) and _han(sentence[n.end + 1:n.end + 2], 1, 1):
            continue  # "50米内换乘比例": a radius naming a class
        if class_level_holds in sentence and lex.class_level.match(sentence, n.end):
            continue  # 400亿级产业名镇: the class of the things counted (not 千亿级规模, a threshold reached)
        if prev == "前" and (lex.rank_threshold.match(sentence, s - 1) or share):
            continue  # 进入ESI前1%: a rank threshold
        listed = _LISTED_PACKAGES.match(sentence, n.num_end + len(n.scale)) \
            if _LISTED_PACKAGES_HOLDS in sentence else None
        if sentence.startswith(lex.package_names, listed.end() if listed else n.num_end + len(n.scale)):
            continue  # 20条措施 names a package of measures, and so do 43条、16条具体举措
        if sentence.startswith(lex.aspect_words, n.num_end + len(n.scale)):
            continue  # "主要做了6个方面工作": the parts of the report's own account
        if unit in ("小时", "分钟") and lex.time_descriptor.match(sentence, n.end):
            continue  # 24小时城市书房, 15分钟商业服务圈: a kind of thing
        if not unit and n.scale and after[:1] in ("年",):
            continue
        if (unit.endswith("元") or (n.scale and not unit) or after.startswith("级")
                or unit and load_catalogue().unit_family(unit) in _MEASURE_FAMILIES
                and not _THRESHOLD_THEN_JOIN.match(sentence, n.end)) and _THRESHOLD_HOLDS in sentence \
                and _THRESHOLD.match(sentence, n.end):
            # "经营收入10万元以上的村", "50亿元及以上制造业投资项目", "年运量150万吨以上的物流园区", "50万千瓦以上省级
            # 大型风光基地": a class of things, not a quantity (a measure's threshold; 30户以上智能工厂 counts them)
            continue
        if unit == "类" and _CLASSES_THEN_COUNT.match(sentence, n.end):
            continue  # "完成4类重点对象农村危房改造32.6万户", "推动5类县城11个试点县": the classes of what is counted
        if unit in ("岁", "周岁") and _AGE_CLASS.match(sentence, n.end):
            continue  # "为390万65岁以上老年人免费体检", "15岁以上人口", "3岁以下婴幼儿": a class of people by age
        if (unit.endswith("元") or n.scale and not unit) and lex.class_verb.search(sentence, 0, s) \
                and lex.class_after.match(sentence, n.end) \
                and not lex.record.search(sentence, max(0, s - 20), s):
            continue  # "经济总量超500亿元的县域增至12个": the class the counted things are in
        full_unit = ":1" if ratio else n.unit  # 收入比缩小至2.54: 2.54∶1
        if "(" in full_unit:  # 万套(间) of a page written half-width: the unit as the report writes it, 万套（间）
            full_unit = full_unit.replace("(", "（").replace(")", "）")
        if measured:
            full_unit = "人" if measured.group().endswith("人数") else ""  # 死亡人数不超过0.019: people; a rate: none
        if unit in lex.points:
            full_unit = "个百分点"
        if unit == "%" or unit == "‰":
            full_unit = unit
        # a bare scale (突破万亿元) is its own numeral: the number's span holds it
        num_end = n.num_end if n.num_end > s else s + len(n.scale)
        out.append(Quantity(s, num_end, n.end, n.value, n.value_high, full_unit,
                            n.approx if n.approx in ("余", "多") else None, after))
    return out


def _sentence_facts(text, sent: Sentence, ctx: Context, meta: DocumentMeta, lex: Lexicon, doc: str,
                    binding_names: list[str]) -> list[Fact]:
    sentence = text[sent.start:sent.end]
    mask = _masked(sentence, lex)
    quants = _quantities(sentence, lex, mask)
    if not quants:
        return []
    drafts = _drafts(sentence, quants, lex)
    facts = []
    for d in drafts:
        facts.append(_finish(d, sentence, sent, ctx, meta, doc, binding_names))
    return [f for f in facts if f is not None]


# How far the name, clause and cue scans look from a number: a clause or name longer than this is no
# clause of a report but text without punctuation (a table flattened, a broken file), and scanning it
# whole from every number made extraction quadratic in the sentence's length.
LOOKBACK = 400


@lru_cache(maxsize=4096)  # pure, and asked 4-5 times for each figure's position (name, period, quote…)
def _clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    lo = max(0, pos - LOOKBACK)
    m = _CLAUSE_TAIL.search(sentence, lo, pos)  # the last break before pos, and what follows it
    start = m.start() + 1 if m else lo
    m = _CLAUSE_END.search(sentence, pos, pos + LOOKBACK)
    return start, m.start() if m else min(len(sentence), pos + LOOKBACK)


def _drafts(sentence: str, quants: list[Quantity], lex: Lexicon) -> list[Draft]:
    drafts: list[Draft] = []
    i = 0
    while i < len(quants):
        q = quants[i]
        cstart, cend = _clause_bounds(sentence, q.start)
        group = list(itertools.takewhile(lambda x: x.start < cend, quants[i:i + 64]))
        clause = sentence[cstart:cend]
        # 分别, or 分类别 ("城市低保、农村低保…分类别增长2%、1.7%…")
        found = _RESPECTIVELY.search(clause) if _RESPECTIVELY_HOLDS in clause else None
        fenbie = found.start() if found else -1
        if fenbie >= 0 and len(group) > 1 and cstart + fenbie < group[0].start:
            drafts.extend(_fenbie(sentence, cstart, cstart + fenbie, group, lex, drafts))
        elif _implicit_respectively(sentence, cstart, group, lex):
            # "战略性新兴产业和高技术制造业增加值年均增长8%、7.2%", "城乡居民人均收入年均增长5.3%、7.7%": a
            # list of names, then as many numbers side by side: 分别 is understood
            found = _fenbie(sentence, cstart, group[0].start, group, lex, drafts)
            for d in found:
                d.method = "respectively-understood"
            drafts.extend(found)
        elif _bare_list(sentence, cstart, group, lex) and len(drafts) >= len(group):
            # "城镇居民收入15781元，农村居民收入4761元，实际增长8.4%和8%": the numbers go to the
            # facts before them, in order, as if 分别 were written
            drafts.extend(_fenbie(sentence, cstart, cstart, group, lex, drafts))
        else:
            prev_end = cstart
            for x in group:
                drafts.extend(_segment(sentence, prev_end, x, lex, drafts))
                # "城镇新增就业47万人左右、城镇调查失业率5.5%左右": the qualifier word after a figure is
                # that figure's, never the start of the next one's name
                after = lex.qualifier_after_pattern.match(sentence, x.span_end)
                prev_end = after.end() if after else x.span_end
        i += len(group)
    _name_spending_by_its_object(drafts, lex)
    _share_counted_head(drafts, sentence)
    _count_a_rate_is_measured_over(drafts, sentence)
    return _each_sector(_rate_of_each_item(drafts, sentence, lex), lex)


def _rate_of_each_item(drafts: list[Draft], sentence: str, lex: Lexicon) -> list[Draft]:
    """"办理省人大代表建议628件、省政协提案813件，办复率均为100%": a rate named alone (cues rate_of_items_heads), in
    the clause after a list of counted items, is each item's rate: one fact for each (省人大代表建议办复率,
    省政协提案办复率), the verb of handling that leads the items (item_verbs) left out."""
    if len(drafts) < 3 or not any(d.quantity.unit == "%" for d in drafts):
        return drafts
    out: list[Draft] = []
    for i, d in enumerate(drafts):
        items = []
        if d.quantity.unit == "%" and lex.rate_of_items.fullmatch(d.indicator):
            for p in reversed(drafts[:i]):
                if p.quantity.unit != "件" or p.kind_hint is not None:
                    break
                items.insert(0, p)
        between = sentence[items[-1].quantity.span_end:d.quantity.start] if items else ""
        if len(items) < 2 or not any(c in between for c in "，,；;") or _has_quantity(between):
            out.append(d)
            continue
        for p in items:
            verb = lex.item_verb.match(p.indicator)
            name = p.indicator[verb.end():] if verb and len(p.indicator) - verb.end() >= 2 else p.indicator
            out.append(replace(d, indicator=name + d.indicator, method="rate-of-each-item"))
    return out


_SECTOR_CLAUSE = patterns.compile(r"[，,；;。！？!?]")  # not the colon: 10.2:40.1:49.7 holds it


def _each_sector(drafts: list[Draft], lex: Lexicon) -> list[Draft]:
    """"三次产业结构调整为7.5∶38.2∶54.3": one share for each sector (cues.yaml sector_names), named as the
    ratio's name with the sector in place of the group (三次产业比重 → 第一产业比重)."""
    if not any(d.quantity.terms for d in drafts):
        return drafts
    out = []
    for d in drafts:
        if not d.quantity.terms:
            out.append(d)
            continue
        group = next((w for w in lex.sector_groups if w in d.indicator), None)
        head = d.indicator[d.indicator.index(group) + len(group):] if group else ""
        head = head if head.endswith(("比重", "占比")) else "比重"
        for sector, value in zip(lex.sector_names, d.quantity.terms):
            out.append(replace(d, quantity=replace(d.quantity, value=value, terms=()), value=value,
                               indicator=sector + head, method="each-sector"))
    return out


_RATE_HEAD = patterns.compile(r"(?:率|比例|比重|占比|浓度|指数)$")


def _count_a_rate_is_measured_over(drafts: list[Draft], sentence: str) -> None:
    """"42个国考断面水质优良比例达到100%", "31个大城市城镇调查失业率低于5%": a count right before a rate of
    the things counted says what the rate is measured over; the rate is the fact, the count other (the
    seeds' gold: 国考断面, 42个, other)."""
    for a, b in zip(drafts, drafts[1:]):
        if not (a.indicator.startswith(b.indicator) or b.indicator.startswith(a.indicator)) \
                or not _RATE_HEAD.search(b.indicator):
            continue
        qa, qb = a.quantity, b.quantity
        if qb.start <= qa.span_end or any(c in sentence[qa.span_end:qb.start] for c in _CLAUSE_BREAK):
            continue
        if load_catalogue().unit_family(qa.unit) == "count":
            a.kind_hint = "other"
            if a.indicator.startswith(b.indicator):
                a.indicator = b.indicator  # its name runs on into the rate's verbs (…比例连续3年保持, 稳定在)


_LEVEL_MODIFIER = patterns.compile(r"(?:[\u4e00-\u9fff]{1,4}|\d+(?:\.\d+)?[十百千万亿]*)级")
_LEVEL_MODIFIER_HOLDS = _held(_LEVEL_MODIFIER)
# re compiles each class holding a CJK range in ~1 ms (it maps all 20992 characters): the checks
# "x is lo..hi Chinese characters" (once four patterns [\u4e00-\u9fff]{lo,hi}) share one
_HAN_RUN = patterns.compile(r"[\u4e00-\u9fff]*")


def _han(x: str, lo: int, hi: int) -> bool:
    """``re.fullmatch(r"[\u4e00-\u9fff]{lo,hi}", x)``: lo to hi characters, all in the CJK block."""
    return lo <= len(x) <= hi and _HAN_RUN.fullmatch(x) is not None


# Four patterns that held the CJK class once each, read with _han instead (the same strings match):
_EXAMPLES_BEFORE = "）)”》"  # what may stand before 等 besides a Chinese character


def _before_end(x: str) -> int:
    """Where ``$`` matches at the end of x: before a final line break, else at the end."""
    return len(x) - 1 if x.endswith("\n") else len(x)


def _lists_the_counted(items_raw: str, k: int, q: Quantity, lex: Lexicon) -> bool:
    """Whether the 、-list right before a count names each of the things it counts: as many short names as the
    count says ("长白山、三江、吉光3个省实验室", "新增光子芯片、稀有金属材料2个…产业集群"), a verb leading the first."""
    if k < 0 or q.unit in ("%", "‰", "个百分点") or q.unit.endswith("元") or not 2 <= q.value <= 9 or q.value != int(q.value):
        return False
    items = items_raw.strip().split("、")
    if len(items) != q.value:
        return False
    lead = lex.action.match(items[0].strip())
    first = items[0].strip()[lead.end():] if lead else items[0].strip()
    return all(_han(x.strip(), 2, 12) for x in [first, *items[1:]])


def _ends_on_examples(x: str) -> bool:
    r"""``re.search(r"[\u4e00-\u9fff）)”》]等$", x)``: "北京大学重庆大数据研究院等" + 14个项目."""
    e = _before_end(x)
    return e >= 2 and x[e - 1] == "等" and (_han(x[e - 2], 1, 1) or x[e - 2] in _EXAMPLES_BEFORE)


def _examples_noun(x: str) -> str | None:
    r"""Group 1 of ``re.search(r"[\u4e00-\u9fff）)”》]等([\u4e00-\u9fff]{2,4})$", x)``: the noun after 等
    closing the text (the leftmost match is the longest noun)."""
    if "等" not in x[-6:]:  # 等 stands 3 to 5 characters before the end (or before a final line break)
        return None
    e = _before_end(x)
    for n in (4, 3, 2):
        at = e - n  # the noun's start; 等 before it, a character of the class before that
        if at >= 2 and x[at - 1] == "等" and _han(x[at:e], n, n) \
                and (_han(x[at - 2], 1, 1) or x[at - 2] in _EXAMPLES_BEFORE):
            return x[at:e]
    return None


def _drop_leading_de(x: str) -> str:
    r"""``re.sub(r"^的(?=[\u4e00-\u9fff]{2})", "", x)``: no name opens on 的."""
    return x[1:] if x.startswith("的") and _han(x[1:3], 2, 2) else x


def _quoted_words(x: str) -> bool:
    r"""``re.match(r"[“《]\s*[\u4e00-\u9fff]", x)``: a quote or title opening on words."""
    return x[:1] in ("“", "《") and _han(x[1:].lstrip()[:1], 1, 1)


def _share_counted_head(drafts: list[Draft], sentence: str) -> None:
    """"5个国家级、60个省级高技能人才培训基地", "2个千亿级、11个百亿级…项目": counts of levels listed
    side by side share the head the last one names (国家级高技能人才培训基地); the verb before the first
    leads them all."""
    for a, b in zip(drafts, drafts[1:]):
        qa, qb = a.quantity, b.quantity
        if qa.unit != qb.unit or qb.start <= qa.span_end:
            continue
        between = sentence[qa.span_end:qb.start]
        mod_a = _LEVEL_MODIFIER.fullmatch(between[:-1]) if between.endswith("、") else None
        mod_b = _LEVEL_MODIFIER.match(b.indicator) if _LEVEL_MODIFIER_HOLDS in b.indicator else None
        if not mod_a or not mod_b or len(b.indicator) <= mod_b.end() or not a.indicator.endswith(mod_a.group()):
            continue
        lead = a.indicator[: -len(mod_a.group())]
        a.indicator = a.indicator + b.indicator[mod_b.end():]
        if lead and not b.indicator.startswith(lead):
            b.indicator = lead + b.indicator


def _name_spending_by_its_object(drafts: list[Draft], lex: Lexicon) -> None:
    """"投资2650万元改扩建15个社区党群服务中心": the money is the investment in what the count after it
    counts (改扩建社区党群服务中心投资), not an "投资改扩建" of its own."""
    for a, b in zip(drafts, drafts[1:]):
        m = lex.spending_word.match(a.indicator)
        if not m or not a.quantity.unit.endswith("元") or b.quantity.unit.endswith("元"):
            continue
        rest = a.indicator[m.end():]
        if rest and lex.action.fullmatch(rest) and b.indicator.startswith(rest) and len(b.indicator) > len(rest):
            a.indicator = b.indicator + m.group(1)

def _implicit_respectively(sentence: str, cstart: int, group: list[Quantity], lex: Lexicon) -> bool:
    """A list of as many names as numbers before numbers that stand side by side (joined by 、 or 和
    alone), the names joined by 、/和 or given as 城乡 (城镇 and 农村)."""
    if not 2 <= len(group) <= 4:
        return False
    for a, b in zip(group, group[1:]):
        if sentence[a.span_end:b.start].strip() not in ("、", "和", "与", "及"):
            return False
    head, _ = _strip_verbs(sentence[cstart:group[0].start], lex)
    head = head.strip()
    if not head or patterns.compile(r"\d").search(head):  # a digit before the numbers: no plain list of names
        return False
    items = [x for x in head.split("、") if x.strip()]
    if len(items) < len(group) and items:
        items = items[:-1] + [x for x in patterns.compile(r"和|与|及").split(items[-1]) if x]
    if len(items) == len(group):
        return all(2 <= len(_clean_indicator(x)) <= 20 for x in items)
    return len(group) == 2 and len(items) == 1 and "城乡" in items[0]


def _bare_list(sentence: str, cstart: int, group: list[Quantity], lex: Lexicon) -> bool:
    """Several numbers joined by 、/和 with nothing but verbs before the first: no names of their own."""
    if len(group) < 2 or any(q.unit != group[0].unit for q in group):
        return False
    pre, _ = _strip_verbs(sentence[cstart:group[0].start].strip(), lex)
    if _clean_indicator(pre):
        return False
    return all(patterns.compile(r"[、和及与\s]*").fullmatch(sentence[a.span_end:b.start]) for a, b in zip(group, group[1:]))


_LEVEL_THEN_SCOPE = patterns.compile(r"(?:扩大到|扩大至|提高到|提高至|达到|增至)全[国省市区]$")


def _strip_verbs(pre: str, lex: Lexicon) -> tuple[str, list[str]]:
    """Split "地区生产总值比上年增长" into ("地区生产总值", ["增长", "比上年"])."""
    if lex is not lexicon():
        return _strip_verbs_with(pre, lex)
    stripped, verbs = _stripped_verbs(pre)
    return stripped, list(verbs)  # a list of the caller's own: a draft keeps it and may change it


@lru_cache(maxsize=4096)  # pure, with the process's lexicon: 2474 calls, 1544 texts on the bench corpus
def _stripped_verbs(pre: str) -> tuple[str, tuple[str, ...]]:
    stripped, verbs = _strip_verbs_with(pre, lexicon())
    return stripped, tuple(verbs)


def _strip_verbs_with(pre: str, lex: Lexicon) -> tuple[str, list[str]]:
    verbs: list[str] = []
    if pre.endswith(("全国", "全省", "全市", "全区")) and _LEVEL_THEN_SCOPE.search(pre):
        # "试点范围扩大到全国40%的县": the area after the verb is what the share is of, no part of the name
        pre = pre[:-2]
    changed = True
    while changed and pre:
        changed = False
        # both patterns open on alternatives (re tries them at every character): searched only when the
        # characters every match holds are there
        m = _COMPARISON.search(pre) if not _COMPARED_BY.isdisjoint(pre) else None
        if m:
            verbs.append(m.group())
            pre = pre[:m.start()]
            changed = True
            continue
        m = _TIME_SUFFIX.search(pre) if "年" in pre else None
        if m and (len(pre) > len(m.group()) or not verbs or m.group() in lex.rate_adverbs
                  or _YEARS_COUNT.fullmatch(m.group())):
            verbs.append(m.group())
            pre = pre[:m.start()]
            changed = True
            continue
        if pre[-1] == "了" and len(pre) >= 2:
            # "最低收购价提高了25%", "试点范围又扩大了8个省份": the verb before the aspect particle
            words, lengths = lex.verb_tiers[0]
            w = next((pre[-n - 1:-1] for n in lengths if n < len(pre) and pre[-n - 1:-1] in words), None)
            if w:
                verbs.append(w)
                pre = pre[: -len(w) - 1]
                changed = True
                continue
        for words, lengths in lex.verb_tiers:  # verbs first, then qualifier words; longest first
            w = None
            for n in lengths:  # a loop, not next(generator): the hottest line of extraction
                if n <= len(pre) and pre[-n:] in words:
                    w = pre[-n:]
                    break
            if w and len(pre) > len(w) and pre[-len(w) - 1] in lex.qualifier_not_after.get(w, ()):
                w = None  # "签约120个项目": 约 ends 签约, no "about"
            if w:
                verbs.append(w)
                pre = pre[: -len(w)]
                changed = True
                break
    return pre, verbs


# 等 closing a list ("合川至长寿等367公里"), not 等 inside a word (高等学校, 中等职业, 平等, 等级); the
# character before 等 is looked behind from after it, so that the pattern opens on 等 (re then scans
# for it quickly, where a pattern opening on a look-behind is tried at every character)
_LIST_DENG = patterns.compile(r"等(?<![高中初平同相优特上次均对超]等)(?![级待奖同额])")


def _last_list_break(text: str) -> int:
    """Where the last item of a 、-list before a figure starts (-1: no list); a 、 inside brackets lists
    inside a name ("国家级服务型制造示范企业（平台、项目）达29个", "28个省（区、市）")."""
    if _LIST_BREAK not in text:
        return -1
    if not _BRACKETS.search(text):
        return text.rfind(_LIST_BREAK)  # no bracket: the last 、
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if c in "）)":
            depth += 1
        elif c in "（(":
            depth = max(0, depth - 1)
        elif c == _LIST_BREAK and not depth:
            return i
    return -1


def _last_list_deng(text: str) -> int:
    if "等" not in text:  # every match opens on 等
        return -1
    found = [m.start() for m in _LIST_DENG.finditer(text)]
    return found[-1] if found else -1


# _clean_indicator's patterns (compiled here: it runs for every name, and re's cache lookup is a call)
_TRAILING_DE = patterns.compile(r"的$")
_TRAILING_DE_HOLDS = _held(_TRAILING_DE)
_BASIS_END = patterns.compile(r"(?<=[\u4e00-\u9fff]{2})(?:拟按照|拟按|按照|按|拟)$")
_DASHES = r"[——\-]+"
_LEADING_DASHES = patterns.compile("^" + _DASHES)
_LEADING_MARK = patterns.compile(r"^(?:%s|%s)" % (_DASHES, LIST_MARK))  # a dash, or a numbered line's mark
_LEADING_PLAN = patterns.compile(r"^[“\"]?(?:十[一二三四五]?|[六七八九])五[”\"]?(?:时期|期间|末)?(?:年均)?")
_LEADING_PLAN_HOLDS = _held(_LEADING_PLAN)
_LEADING_PERIOD = patterns.compile(r"^”?(?:时期|期间)(?:年均)?|^(?:[两二三四五六七八九十]|\d{1,2})年内"
                                   r"|^前(?:[两二三四五六七八九]|\d)年(?:累计|年均|平均)?|^(?:[两二三四五六七八九]|\d)年(?:累计|年均|平均)")  # 三年内参保率: the period's
# a span of years written out ("2003年到2006年年均超收2040亿元", "2026年至2028年，累计建设…"): the figure's period
# when it is an average, a sum or a change over those years; no part of a name
_WRITTEN_SPAN = patterns.compile(r"(?:从|在)?((?:19|20)\d{2})\s*年?\s*(?:到|至|—|－|-|～)\s*((?:19|20)\d{2})\s*年(?:间|期间)?(?:年均|平均每年|累计|共)?")
_OVER_A_SPAN = patterns.compile(_AVERAGE + r"|每年|累计|共计|总和|合计")
_UNCLOSED_BRACKET = patterns.compile(r"^[（(](?=[^）)]*$)")


def _leading_span(sentence: str) -> re.Match | None:
    """A span of years opening the sentence as a clause of its own ("2026年至2028年，累计建设…")."""
    m = _WRITTEN_SPAN.match(sentence)
    return m if m and sentence[m.end():m.end() + 1] in ("，", ",") else None


def _what_is_built(m: re.Match) -> str:
    """The replacement r"\1" of a reporting frame, as a function: re reads a template string in
    Python at every sub() call (3 µs). A group that took no part is "", as in a template."""
    return m.group(1) or ""


def _strip_leads(text: str) -> str:
    """``text`` without the words that open a phrase but name nothing (lexicon ``lead``), up to three of them."""
    lead = lexicon().lead
    for _ in range(3):
        stripped = lead.sub("", text)
        if stripped == text:
            break  # nothing led: a second sub() would find nothing either
        text = stripped
    return text


@lru_cache(maxsize=4096)  # pure (the lexicon is the process's), and a name is cleaned again in many sentences
def _clean_indicator(pre: str) -> str:
    written = pre
    quoted = pre.strip(" 　,，、;；:：")
    quoted = quoted.startswith("“") and quoted.endswith("”") and quoted.count("“") == 1
    pre = pre.strip(" 　,，、;；:：“”\"")
    k = _last_list_deng(pre)
    if k >= 0 and k >= len(pre) - 3:
        pre = pre[:k]
    elif k >= 0:
        pre = pre[k + 1:]
    if _holds(lexicon().reporting_frame) in pre:
        pre = lexicon().reporting_frame.sub(_what_is_built, pre)  # SPEC: 推进…建设 is a reporting frame
    pre = _strip_leads(pre)
    scope = lexicon().scope.match(pre)
    if scope and lexicon().lead.match(pre[scope.end():]) and len(pre) > scope.end() + 2:
        # "全区实现地区生产总值": the scope stays, the lead word after it goes
        pre = scope.group() + _strip_leads(pre[scope.end():])
    if _TRAILING_DE_HOLDS in pre:
        pre = _TRAILING_DE.sub("", pre)  # 外商直接投资的60%
    # "地区生产总值按增长5%安排", "按可比价格计算": the basis a figure is set on is no part of its name
    if "按" in pre or "拟" in pre:  # in every match: the pattern opens on a look-behind, tried at every character
        pre = _BASIS_END.sub("", pre)  # 赤字率拟按3%左右安排
    # "遴选第三批重庆英才计划", "精准实施各类项目": a batch number or 各类 does not name the thing
    pre = lexicon().batch.sub("", pre)
    if _holds(lexicon().streak) in pre:
        pre = lexicon().streak.sub("", pre)  # "群众安全感连续7年保持": the streak names nothing
    if any(w in pre for w in lexicon().since_closers):
        pre = lexicon().since.sub("", pre)  # "外贸出口从7月份开始回升": when it began names nothing
    if "在" in pre:  # (every match opens on 在)
        pre = lexicon().condition_frame.sub("", pre)  # "粮食总产量在上年大幅度增长的基础上": the circumstances
    pre = _LEADING_DASHES.sub("", pre)
    # "“十五”期间年均经济增长速度": the plan period and 年均 belong to the period, not the name
    if _LEADING_PLAN_HOLDS in pre:
        pre = _LEADING_PLAN.sub("", pre)
    pre = _LEADING_PERIOD.sub("", pre)
    if "年" in pre:  # (every match holds 年)
        pre = _WRITTEN_SPAN.sub("", pre)  # "从2003年到2006年年均超收": the years are the period's
    pre = pre.strip(" ,，、“”\"")
    if "将" in pre or "拟" in pre or "为此" in pre:  # (every match holds one of them)
        pre = lexicon().modal_before_verb.sub("", pre)  # "中央财政将投入": 中央财政投入
    pre = _drop_leading_de(pre)  # "今年的经济增长": 今年 went as a lead word
    close = pre.find("”")
    if close > 0 and "“" not in pre[:close]:
        pre = "“" + pre  # "“一带一路”沿线国家": the opening quote went with the strip
    opened = _UNCLOSED_BRACKET.sub("", pre)  # "（同口径": a bracket opened before the figure and never closed
    if opened != pre:
        pre = _strip_leads(opened)  # … and the lead words inside it (同口径)
    if pre.count("“") > pre.count("”") and pre + "”" in written:
        pre += "”"  # "新改建“四好农村路”3000公里", "对“不良中介”等": the closing quote is the name's
    elif quoted and pre and "“" not in pre and "”" not in pre:
        pre = "“" + pre + "”"  # "、“城市书房”12个": a name quoted whole
    return pre


_BOUND_WORD = patterns.compile(r"^(?:以上|左右|以内|以下|多|余)")
_AMOUNT_CLASS = patterns.compile(r"[十百千万亿]*[万亿]元?及?")  # 亿元, 千万元, 10亿元 (its figure read apart)


def _after_noun(q: Quantity, sentence: str) -> str:
    return _noun_of_tail(sentence[q.span_end:q.span_end + 30])


@lru_cache(maxsize=4096)  # pure (the lexicon is the process's): 1455 calls, 1076 tails on the bench corpus
def _noun_of_tail(tail: str) -> str:
    """The noun a count names in the 30 characters after its unit."""
    if not tail.startswith(lexicon().duo_compounds):  # 45个多功能运动场: 多功能 is the noun's
        tail = _BOUND_WORD.sub("", tail)
    m = _NOUN_STOP.search(tail)
    if m and tail[m.start()].isdigit():  # "12个24小时城市书房": a time naming the kind of thing counted
        t = _TIME_AMOUNT.match(tail, m.start())
        if t and lexicon().time_descriptor.match(tail, t.end()):
            m = _NOUN_STOP.search(tail, t.end())
        # "1个400亿级、3个100亿级产业名镇", "24个前1%学科", "120万65岁以上老年人": a class, a rank threshold or an
        # age bound in the name
        t = _CLASS_FIGURE.match(tail, m.start()) or lexicon().rank_threshold.match(tail, max(0, m.start() - 1)) \
            or _AGE_BOUND.match(tail, m.start())
        if t and (t.group().startswith("前") or "岁" in t.group() or lexicon().class_level.match(tail, t.end() - 1)):
            m = _NOUN_STOP.search(tail, t.end())
        # "200家世界500强企业", "7000个农村4G/5G基站": a name holding a number (not_facts.yaml slogans) is part of
        # the noun, as many as stand in it
        while m and tail[m.start()].isdigit() and (named := next(
                (x for x in lexicon().slogan_pattern.finditer(tail, 0, m.start() + 8)
                 if x.start() <= m.start() < x.end()), None)):
            m = _NOUN_STOP.search(tail, named.end())
    if m and tail.startswith("以上", m.start()) and _AMOUNT_CLASS.fullmatch(tail, 0, m.start()):
        # "6000个亿元以上项目": an amount and 以上 name the class of the things counted
        m = _NOUN_STOP.search(tail, m.start() + 2)
    if m and tail[m.start()] == "、":
        # "240万户林区、垦区、煤矿等棚户区居民的住房问题": kinds listed after a count up to 等 are examples of the
        # things counted, which the noun after 等 names
        end = _NOUN_STOP_PAST_LISTS.search(tail, m.start())
        listed = tail[:end.start() if end else len(tail)]
        deng = _last_list_deng(listed)
        if deng > m.start() and _han(listed[deng + 1:deng + 3], 2, 2) \
                and max(map(len, listed[:deng].split("、"))) <= 6:  # kinds, not projects' names
            return listed[deng + 1:].strip()
    if m and m.start() == 1 and tail[1] == "、":
        # "250个省、市（地）级疾病预防控制中心", "27个省、自治区、直辖市工业效益好于上年": a noun of one character
        # opens a list of the kinds of thing counted, which the count names whole
        item = _NOUN_STOP.search(tail, 2)
        if not (item and tail[item.start()].isdigit()):  # not "旅客30余万人次": an item of its own figure
            m = _NOUN_STOP_PAST_LISTS.search(tail, 2)
    if m and tail[m.start()] in "（(":
        # "28个省（区、市）全部免征了农业税": a bracket right after the noun is part of its name
        close = _BRACKET_CLOSE.search(tail, m.start())
        if close and close.start() - m.start() <= 12 and not lexicon().steps_noun.match(tail):
            return tail[:close.end()].strip()
    noun = tail[: m.start()] if m else tail
    if m and tail[m.start()] in "、和及与" and (run := _modifier_list_noun(tail, m.start())):
        # "105个专项和部门应急预案", "7700多项食品、药品和其他消费品安全国家标准": short kinds joined before the head
        # noun they share are one noun, the things counted
        noun = run
    if noun.endswith("级") and m and (graded := _GRADE_THEN_HEAD.match(tail, m.start())):
        # "1410个县级和250个省、市（地）级疾病预防控制中心": a grade alone, then another count of the same things
        # with their name: the grade's things are named by it
        head = graded.group(1)
        stop = _NOUN_STOP_PAST_LISTS.search(head)
        return noun + _HEAD_ADVERB_END.sub("", head[:stop.start()] if stop else head)
    if m and tail[m.start()].isdigit():
        # "惠及80个乡镇近300万群众": the word bounding the next figure is no part of this one's noun
        noun = lexicon().qualifier_before_end.sub("", noun)
    if noun.endswith("等") and _last_list_deng(noun) == len(noun) - 1:
        noun = noun[:-1]  # "…和85个口袋公园等建成开放": 等 closes the list the noun ends
    if lexicon().steps_noun.match(noun):
        return ""  # "迈上4万亿、5万亿两个台阶": the steps name nothing of their own
    # keep quoted names whole: 新改建“四好农村路”
    if m and tail[m.start():m.start() + 1] == "“":
        close = tail.find("”", m.start())
        if close > 0:
            rest = tail[close + 1:]
            m2 = _NOUN_STOP.search(rest)
            noun = tail[: close + 1] + (rest[: m2.start()] if m2 else rest)
    return noun.strip()


# what ends a noun after a count, past the 、/和/及/与 joining the kinds of a list
_NOUN_STOP_PAST_AND = patterns.compile(_NOUN_STOPS.replace("与及", "").replace("|和(?!美)", "").format(comma="", bracket=""))
_JOINERS = patterns.compile(r"[、和及与]")


def _modifier_list_noun(tail: str, stop: int) -> str:
    """The noun after a count when the text at ``stop`` joins short kinds (、, 和) that run on, without a figure,
    into the head noun they share (专项和部门应急预案); "" when the joined words are nouns of their own (学校和医院)."""
    end = _NOUN_STOP_PAST_AND.search(tail, stop)
    run = tail[:end.start() if end else len(tail)]
    if end and tail[end.start()].isdigit():
        return ""  # "…、2万户棚户区改造": the next item is counted on its own
    if run.find("的", stop) > 0:
        run = run[:run.find("的", stop)]  # "…安全国家标准的制定修订工作": the head noun ends before 的
    elif end and tail[end.start()] not in "，,；;。！？!?\n":
        return ""  # the noun runs on into a predicate: no head noun closes the clause
    if lexicon().noun_run_breaker.search(run, stop):
        return ""  # "…和教学点配备了远程教育设施": a predicate after the noun
    parts = _JOINERS.split(run)
    if not 2 <= len(parts) <= 5 or not all(_han(x, 1, 6) for x in parts[:-1]) or not _han(parts[-1], 4, 16) \
            or len(parts[-1]) <= max(map(len, parts[:-1])) + 1:
        return ""
    return run


_BOUND_AFTER = patterns.compile(r"^(?:以上|左右|多|余)")  # the bound after a figure, before what follows it


def _rest_of_clause(sentence: str, q: Quantity, limit: int) -> str:
    """The words after a figure (and the word bounding it) to its clause's end, at most ``limit`` characters."""
    end = _CLAUSE_END.search(sentence, q.span_end, q.span_end + limit)
    return _BOUND_AFTER.sub("", sentence[q.span_end:end.start() if end else min(len(sentence), q.span_end + limit)])


def _subject_predicate(sentence: str, q: Quantity, lex: Lexicon) -> str:
    """The name of a count that opens its clause, when a predicate of ``cues.yaml: subject_predicates``
    follows its noun: the noun and what the things did ("30个县区通过国家义务教育优质均衡发展评估",
    "6个集聚区获评首批国家级…集聚区" → 集聚区获评国家级…集聚区). Empty otherwise."""
    after = _rest_of_clause(sentence, q, 60)
    m = lex.subject_predicate.search(after, 1, 14)
    if not m or patterns.compile(r"[\d，,、“”《》（）()]").search(after[:m.start()]) \
            or patterns.compile(r"\d").search(lex.rank_threshold.sub("", after[m.start():])):
        return ""  # no noun before it, or another figure in the clause names itself
    return lex.batch.sub("", after)


_PERSON_UNITS = ("人", "人次", "户", "名")  # units that count the people themselves: no noun follows


def _what_people_did(sentence: str, q: Quantity, lex: Lexicon) -> str:
    """A count of people closing the words before a predicate of ``cues.yaml: subject_predicates`` that ends its
    clause ("52万人实现再就业"): the predicate, without 了. Empty otherwise."""
    after = _rest_of_clause(sentence, q, 40).strip()
    if not (2 <= len(after) <= 20 and lex.subject_predicate.match(after)) or _has_quantity(after):
        return ""
    return after.replace("了", "")


def _compared_target(d: Draft, sentence: str, seg_start: int, outcome: Draft, lex: Lexicon) -> None:
    """The reviewed year's target restated as the outcome before it is compared with it (cues.yaml
    compared_target_verbs): "全年城镇新增就业75.2万人，超过70万人的年度目标" is 城镇新增就业's target, qualified by the
    words after it alone (超过 compares the outcome); the gap after such a target ("比年初确定的6%以上的预期目标高0.1个
    百分点") is other."""
    q = d.quantity
    if outcome.method == "compared-target":
        if lex.compared_target_gap.fullmatch(sentence, seg_start, q.start):
            d.kind_hint, d.qualifier = "other", "="
        return
    cstart = _clause_bounds(sentence, q.start)[0]
    before = lex.compared_target_before.fullmatch(sentence, cstart, q.start)
    if not before or outcome.quantity.start >= cstart or not lex.compared_target_after.match(sentence, q.span_end):
        return
    # the outcome's unit, or a rate the target clause says is growth ("达到5200亿元，超过增长5%的年度目标")
    rate = q.unit == "%" and before.group(1) is not None
    if outcome.quantity.unit != q.unit and not rate:
        return
    after = lex.qualifier_after_pattern.match(q.after)
    d.indicator, d.kind_hint, d.method = outcome.indicator, "target", "compared-target"
    d.qualifier = "range" if q.value_high is not None else lex.qualifier_after[after.group()] if after else "="
    if outcome.quantity.unit != q.unit:
        d.measure = "growth"  # (its sign from its own verb)
    else:
        d.measure, d.value = outcome.measure, -abs(q.value) if outcome.value < 0 else abs(q.value)


def _qualifier(q: Quantity, verbs: list[str], lex: Lexicon, pre_raw: str) -> str:
    if q.value_high is not None:
        return "range"
    m = lex.qualifier_after_pattern.match(q.after)
    if m:
        return lex.qualifier_after[m.group()]
    if q.approx:
        return ">"
    if q.word_qualifier:
        return q.word_qualifier
    for v in verbs:
        if v in lex.qualifier_before:
            return lex.qualifier_before[v]
    if pre_raw.endswith("近") or pre_raw.endswith("约") and pre_raw[-2:-1] not in lex.qualifier_not_after.get("约", ()):
        return "~"
    if "约" in pre_raw and (m := _ABOUT_SHARE.search(pre_raw)) \
            and pre_raw[m.start() - 1:m.start()] not in lex.qualifier_not_after.get("约", ()):
        return "~"  # "约占全市的三分之一", "约为三成": 约 bounds the share, said before its verb (not 签约占…)
    return "="


_ABOUT_SHARE = patterns.compile(r"约(?:占|为|是|相当于)[^，,。；;：:、]{0,12}?$")


def _measure_and_sign(q: Quantity, indicator: str, verbs: list[str], lex: Lexicon) -> tuple[str, float, str]:
    value = q.value
    if q.words:
        return "growth", value, indicator
    measure = "level"
    if q.unit == "个百分点":
        measure = "growth"
    # the verbs are stripped from the end of the phrase one by one: 减少到 may come back as 到, 减少
    written = "".join(reversed(verbs))
    if any(v in lex.level_forms for v in verbs) or lex.level_form.search(written):
        return "level", value, indicator
    for v in verbs:
        if v == "改善" and q.unit in ("%", "个百分点"):
            # "PM2.5浓度改善24.7%": a pollutant's concentration fell; anything else rose
            return "growth", (-value if lex.improved_fall.search(indicator) else value), indicator
        if lex.decline_word.search(v) or v.endswith(_COMPARED_LOWER) and _COMPARISON.fullmatch(v):
            return "growth", -value, indicator  # (比去年预算低0.4个百分点: lower than, a decline)
        if lex.growth_word.search(v) or v.startswith("比"):
            measure = "growth"
    m = lex.growth_suffix.search(indicator)
    if m:
        measure = "growth"
        if "降幅" in m.group():
            value = -value
        indicator = indicator[: m.start()] or indicator
    return measure, value, indicator


_LIST_AND_CHARS = frozenset("和及与")  # one of them, or "and", is in every match of _LIST_AND
_LIST_AND = patterns.compile(r"(?:和|(?<![惠涉普波危顾提])及|与|以及|and)\s*$")  # not 惠及, 涉及, 普及 …
_TIME_VERB = patterns.compile(r"(?:19|20)\d{2}年|五年|三年|全年|当年|今年")
_TOTAL_ALONE = patterns.compile(r"总(?:产量|量|额|数|规模)")
_TOTAL_ALONE_HOLDS = _held(_TOTAL_ALONE)
_TOTAL_OF_BEFORE = patterns.compile(r"总(?:量|额|规模)")
_TOTAL_OF_BEFORE_HOLDS = _held(_TOTAL_OF_BEFORE)
_ECONOMY = patterns.compile(r"(?:全市|全省|全国|全区|全县|我国|区域)?经济")  # 区域经济增长: a district's
_ECONOMY_HOLDS = _held(_ECONOMY)
_HELD_FOR = patterns.compile(r"连续([两二三四五六七八九十]{1,2}|\d{1,2})年(?:稳定在|保持在|保持|站稳|超过|超|突破|均?在)\D{0,2}$")
# funds that say what they are (国债资金, 灾后重建资金, 专项经费; not 资金 alone, which says nothing)
_FUNDS = patterns.compile(r"([\u4e00-\u9fff“”]{1,8}(?:资金|经费)|[\u4e00-\u9fff“”]{0,8}(?:国债|债券))"
                          r"(?:(?:支持|用于|帮助|推动|实施).*)?")
_FUNDS_AFTER = patterns.compile(r"[\u4e00-\u9fff“”]{0,8}?(?:国债资金|债券资金|资金|经费|国债|债券)")  # the funds after an amount
_SPAN_CLAUSE = patterns.compile(r"\s*(?:近|这|最近)?([两二三四五六七八九十]|\d{1,2})年(?:来|以来)?\s*")  # 近三年，…
# a year that dates no figure: the base of prices ("2300元（2010年不变价）", "按2020年价格计算"), or when a
# plan was proposed ("2004年我们提出用三年时间基本解决…，各地已偿还拖欠工程款1834亿元": the years it took)
_YEAR_NAMES_NO_DATE = patterns.compile(r"\s*(?:不变价|价格|可比价)|(?:我们|国务院|党中央|中央)?(?:提出|部署|确定|决定)用")
_PROPOSED_SPAN = patterns.compile(r"((?:19|20)\d{2})年(?:我们|国务院|党中央|中央)?(?:提出|部署|确定|决定)用"
                                  r"([两二三四五]|\d)年(?:左右)?时间")
_SECTOR_NUMERALS = "一二三四五六七八九十"  # 一、二、三产业: the sectors, read by their own rule
_GRADE_THEN_HEAD = patterns.compile(r"和\s*\d+(?:\.\d+)?[万亿]?[个家所座处][^，,。；;\d]{0,12}?级([\u4e00-\u9fff]{2,12})")
_HEAD_ADVERB_END = patterns.compile(r"(?:基本|全面|已经|已|全部|均)$")
_GRADED = patterns.compile(r"[\u4e00-\u9fff][两二三四五六七八九十]级")  # 村三级: the grades listed before it
_RATE_OF_ITS_OWN = patterns.compile(r"(?:率|度|比重|占比|比例|指数|人次|人数)$")  # an item measured already: 林木覆盖率, 旅游人次
_WITHIN_YEARS = patterns.compile(r"(?:^|[，,；;])\s*(?:力争|争取|用)?([两二三四五六七八九十]|\d{1,2})年(?:内|时间)")
_THIS_YEAR_INSIDE = patterns.compile(r"今年(?!以来|来|前|初以来|上半年|一季度|前三季度)")  # this year's, not since its start
_YEAR_BY = patterns.compile(r"(?:到|至)(?:19|20)\d{2}年")
_ALREADY_END = patterns.compile(r"(?:已经|已|将|拟)$")  # before a base (支出将由上年18亿元…): no part of the name
_ASPECT_END = patterns.compile(r"(?:了|过)$")  # 建成了 → 建成


@lru_cache(maxsize=1)
def _object() -> re.Pattern:
    """The object after a spending verb (compiled when first needed: few reports have one)."""
    return patterns.compile(r"([\u4e00-\u9fff“”]{2,16})[，,]")


def _object_after(verb: str, text: str) -> str | None:
    """Group 1 of ``re.search(re.escape(verb) + r"([\u4e00-\u9fff“”]{2,16})[，,]", text)``: the first
    place the verb is followed by an object and a comma. One pattern for every verb: a pattern made
    per verb cost a compile (2 ms: its class holds a CJK range) for each verb met."""
    at = text.find(verb)
    while at >= 0:
        m = _object().match(text, at + len(verb))
        if m:
            return m.group(1)
        at = text.find(verb, at + 1)
    return None


def _segment(sentence: str, seg_start: int, q: Quantity, lex: Lexicon, previous: list[Draft]) -> list[Draft]:
    """The fact(s) of one quantity whose indicator is read from the text before or after it."""
    raw = sentence[seg_start:q.start]
    if "/" in q.unit and "每" in raw[-4:]:
        raw = lex.per_before.sub("", raw)  # "厨余垃圾分出量每日约650吨": 每日 is the unit's (吨/日)
    k = _last_list_break(raw)
    items_raw = raw
    if k >= 0:
        raw = raw[k + 1:]
    # the word bounding the figure (和近千公里) stands between 和 and the figure
    m = _LIST_AND.search(lex.qualifier_before_end.sub("", raw)) if not _LIST_AND_CHARS.isdisjoint(raw) \
        or "and" in raw else None
    if m and q.unit not in ("%", "个百分点") and (previous or _after_noun(q, sentence)):
        # "832个老旧小区改造和2万户棚户区改造", "规划纲要和52个市级专项规划": a count after 和 names
        # its own noun; a word bounding the figure stays (和近千公里: ~)
        bound = lex.qualifier_before_end.search(raw)
        raw = bound.group() if bound else ""
    # "“一链一策”推动33条重点产业链": a slogan saying how, then a verb; the count names what follows
    slogan = _HOW_SLOGAN.match(raw) if _HOW_SLOGAN_HOLDS in raw else None
    if slogan and len(raw) - slogan.end() >= 2:
        raw = raw[slogan.end():]  # not "“百村示范”村200个": a quoted name and the one-character noun it names
    # "在对美贸易下降超3成的情况下增长12%": the circumstances name nothing; a figure inside them is
    # named from the 在 that opens them
    if _holds(lex.condition_frame) in raw:
        raw = lex.condition_frame.sub("", raw)
    opened = raw.rfind("在")
    if opened >= 0 and lex.condition_close.match(sentence, q.span_end):
        raw = raw[opened + 1:]
    elif (closed := lex.condition_close.match(raw)) and previous:
        # the figure after a frame that held the one before: named from before the frame's 在
        cstart = _clause_bounds(sentence, q.start)[0]
        opened = sentence.rfind("在", cstart, seg_start)
        if opened > cstart:
            raw = sentence[cstart:opened] + raw[closed.end():]
    pre, verbs = _strip_verbs(raw.strip(), lex)
    if q.unit.endswith("元") and (per := lex.per_tail.search(pre)) and per.start() >= 2:
        # "城乡低保标准提高到每人每月760元", "基础养老金最低标准每人每月提高20元": whom and how often the money is paid
        # is no part of the name (cues per_words), nor the verb before it
        base, more = _strip_verbs(pre[:per.start()], lex)
        if len(base) >= 2:
            pre, verbs = base, more + verbs
    # a verb that leads what is counted stays whole ("在建8座": not 在 as a lead word); one character
    # left of a word the strip cut ("今年底" → 今, "二是为" → 二, "长达" → 长) names nothing
    indicator = pre if lex.action.fullmatch(pre) else _clean_indicator(pre)
    if lex.scope.fullmatch(indicator):
        indicator = ""  # "全国有27个省、自治区、直辖市工业效益好于上年": the area alone names nothing counted
    if (listed := _examples_noun(pre)) and k >= 0 and not lex.batch.fullmatch(listed) \
            and not _after_noun(q, sentence):
        # "实施节能降碳、循环经济等项目2983个", "组建产业、科技、文旅等联盟11个": the names before 等 are
        # examples of the things counted, which the noun after 等 names (after the verb that leads, if any)
        lead = lex.action.match(items_raw.strip())
        indicator = (lead.group() if lead else "") + listed
    if indicator and (basis := lex.basis_frame.search(indicator)):
        # "扣除留抵退税因素后增长6.1%", "按不变价格计算增长2.8%": the basis names nothing; a basis word after it stays
        # (扣除…后同口径: the figure before's 同口径)
        indicator = indicator[:basis.start()] + (basis.group(1) or "")
    if indicator and (label := lex.target_label.match(indicator)) and len(indicator) - label.end() >= 2:
        # "年度预期目标为全省生产总值增长5.5%左右": the label says the figure is the target and names nothing
        indicator, verbs = indicator[label.end():], verbs + [label.group(1)]
    if (opener := lex.outcome_opener.match(indicator)) \
            and (not indicator[opener.end():] or lex.action_run.fullmatch(indicator[opener.end():])) \
            and (previous or lex.target_label.search(sentence, max(0, _clause_bounds(sentence, seg_start)[0] - 40), seg_start)):
        # "城镇新增就业80万人，实际新增85.9万人": the outcome of the indicator before; "进出口总值预期目标为稳中
        # 提质，实际完成8200亿元": of the indicator whose target, in words, the clause before labels
        indicator = ""
    # "预期增长7%左右，完成6.8%": an outcome of the figure before, measured as it is
    outcome_of = previous[-1] if previous and not indicator and lex.outcome_opener.match(raw) \
        and previous[-1].quantity.unit == q.unit else None
    if len(indicator) == 1 or indicator in lex.per_words:
        indicator = ""  # (每人每月增加20元: the one it is per names nothing; the clause before names it)
    starts_change = bool(_BASE_VALUE.search(raw) and lex.change_to.match(sentence, q.span_end))
    # "工业企业利润由上年下降2.3%转为增长8.5%": the change the thing started from, the year before's (as
    # "由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%")
    if not starts_change and q.unit == "%" and (base := _CHANGE_BASE.search(raw)) \
            and (lex.growth_word.fullmatch(base.group(1)) or lex.decline_word.fullmatch(base.group(1))):
        starts_change = bool(_CHANGE_AFTER.match(sentence, q.span_end))
    # "由66户整合至12户": the words after a starting value are the change, not the noun it counts
    noun = _after_noun(q, sentence) if q.unit != "%" and q.unit != "个百分点" and not starts_change else ""
    if noun and raw.rstrip().endswith("的") and _has_quantity(raw):
        indicator = ""  # "对总投资10亿元以上的320个重大项目…": a clause with a figure before 的 describes the things counted
    kind_hint = None
    counts_indicators = False
    if lex.plan_indicators.match(q.after) or (noun and lex.plan_indicators.match(noun)) or indicator.endswith("指标"):
        kind_hint = "other"  # "36个指标", "7个为约束性指标": the plan counting its own indicators
        counts_indicators = True
    elif previous and previous[-1].method == "plan-indicators" and q.unit == previous[-1].quantity.unit \
            and not _has_quantity(sentence[previous[-1].quantity.span_end:q.start]):
        # "27项主要指标中，24项完成或好于预期，3项未达到预期": counts of those indicators too
        kind_hint, indicator, counts_indicators = "other", previous[-1].indicator, True
    if lex.step_count.match(sentence, q.end) and q.unit in ("个", "级", ""):
        kind_hint = "other"
    if _ONE_OF_HOLDS in sentence and _ONE_OF.match(sentence, q.span_end):
        kind_hint = "other"  # "成为全国首批5条示范步行街之一": the class it joined, not a count of its own
    if lex.addressed_people.match(sentence, q.span_end):
        kind_hint = "other"  # "3400万重庆人民都是平凡的英雄": a head-count of the people addressed (SPEC)
    # "北京大学重庆大数据研究院等14个项目", "建好福州、厦门、泉州3个省级人工智能产业园": the names before the count are
    # examples of the things it counts (before 等), or all of them (as many as the count)
    examples = bool(noun) and (_ends_on_examples(raw.strip()) or _lists_the_counted(items_raw, k, q, lex))
    subject = _subject_predicate(sentence, q, lex) if noun and (not indicator or examples) else ""
    if subject:
        # "30个县区通过国家义务教育优质均衡发展评估", "电影《钢铁意志》等6部作品获…奖": the count opens the
        # clause and is the subject; what it did names what is counted
        indicator, noun = subject, ""
    if examples and noun:
        # "北京大学重庆大数据研究院等14个项目", "建成合川至长寿等367公里项目": the names before 等 are
        # examples of what is counted; the count is of the noun (after the verb that leads, if any)
        lead = lex.action.match(items_raw.strip())  # the whole list: "开工万州至开州南雅、巫溪至巫山大昌等"
        indicator = (lead.group() if lead else "") + noun
    elif noun:
        predicate = [v for v in verbs if not _TIME_VERB.fullmatch(v)
                     and v not in lex.qualifier_before]  # "归集发布不少于10万个…岗位": 不少于 bounds, predicates nothing
        acted = _ASPECT_END.sub("", indicator)
        if predicate == ["为"] and not noun.startswith("的"):
            # "以长协价为24个省份保供电煤", "累计为12.8万户小微企业发放贷款": 为 before a count and its noun is "for";
            # the things counted and what was done for them name it
            indicator = noun
        elif noun.startswith("的") and _han(noun[1:3], 2, 2) and acted and lex.action.fullmatch(acted):
            # "建成了3500多公里的高速公路", "完成了长达3500多公里的长江干堤": the figure describes the
            # things after 的, which the verb acts on; a word of size before it (长达, 全长) names nothing
            indicator = acted + noun[1:]
        elif indicator and (len(indicator) <= 8 and not predicate or indicator.endswith(lex.reach_verbs)):
            # "学生营养改善计划惠及" + 孩子; "又撤销了9个国家行业主管局": no 了 in the name
            indicator = (acted if len(acted) >= 2 else indicator) + noun
        elif indicator and lex.action.fullmatch(indicator) and predicate \
                and all(v in lex.growth for v in predicate) and q.unit not in ("%", "个百分点"):
            # "改造提升39个基层综合文化服务中心": two verbs acting on the things counted
            indicator += "".join(reversed(predicate)) + noun
        elif indicator and len(indicator) > 8 and noun[:1] != "的" \
                and (lex.spending_last.search(indicator) or lex.action_last.search(indicator)
                     or lex.sum_last.search(indicator)):
            # "广阳湾智创生态城新增4个市级重点实验室", "两年来通过财政向银行发行2100亿元长期国债": a long lead
            # ending on the verb the thing counted is the object of
            indicator += noun
        elif indicator and q.unit.endswith("元") and any(lex.sum_verb.fullmatch(v) for v in predicate) \
                and all(lex.sum_verb.fullmatch(v) or v in lex.verb_adverbs for v in predicate) \
                and (funds := _FUNDS.fullmatch(noun)):
            # "中央财政今年再安排1300亿元灾后重建资金", "中央安排30亿元国债资金支持…": the funds named after the
            # amount are what it is of
            indicator += funds.group(1)
        elif indicator in lex.running_total_words:
            indicator += _drop_leading_de(noun)  # "累计完成1177个城镇老旧小区改造": the total of the noun counted
        else:
            indicator = indicator or _drop_leading_de(noun)  # 长达4000公里的西气东输管道
    if noun and q.unit.endswith("元") and (funds := _FUNDS_AFTER.match(sentence, q.span_end)) \
            and indicator.endswith(funds.group()) and (purpose := lex.purpose_after.match(sentence, funds.end())) \
            and not _has_quantity(purpose.group(3)):
        # "中央财政安排27亿元国债资金用于县、乡、村三级医疗卫生基础设施建设", "安排30亿元建设资金，支持国有煤矿安全
        # 技术改造": the funds named after the amount, and what they are for
        indicator += purpose.group(2) + purpose.group(3)
    if kind_hint == "other" and noun and _ONE_OF_HOLDS in sentence and _ONE_OF.match(sentence, q.span_end):
        indicator = patterns.compile(r"之一$").sub("", noun)  # "成为全国首批5条示范步行街之一": the 5 count 示范步行街
    if previous and lex.action_run.fullmatch(indicator) and not noun:
        # "新开工保障性安居工程666万套，基本建成544万套": the verb's object is the thing before
        owner = lex.action.sub("", previous[-1].indicator, count=1) if lex.action.match(
            previous[-1].indicator) else ""
        last = lex.action_last.search(previous[-1].indicator)
        if owner:
            indicator += owner
        elif last and last.start() >= 2:
            # "老旧小区改造开工742个、完工548个": the verb after the thing, as the figure before had it
            indicator = patterns.compile(r"(?:基本|全面|已经|已)$").sub("", previous[-1].indicator[: last.start()]) + indicator
    if previous and raw.strip() in lex.reach_verbs and q.unit.endswith(_PEOPLE_REACHED):
        # "基础养老金提高到125元/月，惠及344万人": the people the thing before reaches
        indicator = _owner(previous[-1].indicator, lex) + raw.strip() + (noun or "人数")
    elif not previous and indicator.startswith(lex.reach_verbs) and q.unit.endswith(_REACHED_UNITS) \
            and sentence[(own := _clause_bounds(sentence, q.start)[0]):q.start].lstrip().startswith(lex.reach_verbs) \
            and (policy := _policy_before(sentence, own, lex)):
        # "落实国家育儿补贴政策，惠及154万户家庭", "扩面实施科创企业“共同成长计划”，惠及企业1.2万家": the policy of the
        # clause before reaches them
        indicator = policy + indicator
    benefit = lex.benefit_after.match(sentence, q.span_end) if "益" in sentence[q.span_end:q.span_end + 16] else None
    if benefit and not q.unit.endswith(("%", "‰", "元", "个百分点")) and (who := _benefactor(sentence, q, lex)):
        # "农村饮水安全工程使6069万农民受益", "对小微企业实行税收优惠，600多万户企业受益": what reached them, the
        # verb and what is counted (cues.yaml benefit_verbs)
        indicator, noun = who + benefit.group(2) + (benefit.group(1) or "人数"), ""
    if _BASE_VALUE.fullmatch(indicator) or previous and lex.change_to.fullmatch(raw.strip()):
        indicator = ""  # "由1997年的65%提高到…": 由 names nothing; nor 整合至 the value it changes to
    framed = lex.reporting_frame.fullmatch(raw.strip() + noun) if noun else None
    if framed and indicator.endswith("建设"):
        # "抓好186公里续建项目建设", "加快12座污水处理厂建设": what is built (SPEC)
        indicator = lex.reporting_frame.sub(_what_is_built, indicator) if lex.reporting_frame.fullmatch(indicator) \
            else indicator[:-2]
    record = lex.record.search(indicator)
    if record:
        indicator = indicator[record.end():]
    if not indicator and k >= 0 and not previous:
        item = items_raw[:k].split("、")[-1]
        rank = _RANK_ITEM.search(item)
        if rank and rank.start() > 0:
            indicator = _clean_indicator(item[:rank.start()])
    if not indicator and not previous and (share := _SHARE_OF.match(sentence, q.span_end)):
        # "确保今年底95%以上的学生都能在永久性校舍中学习", "三分之二的公园实现无界融通": a share of the
        # things named after it, as the clause says what they do
        indicator = share.group(1)
    if not indicator and q.unit.endswith(_PERSON_UNITS) and (done := _what_people_did(sentence, q, lex)):
        # "52万人实现再就业", "有1800多万人通过多种渠道实现了再就业": the people counted are named by what they did
        indicator = done
    running_total = False
    if not indicator:
        own = _clause_bounds(sentence, q.start)[0]
        # the figure before names this one, unless a clause with a name of its own stands between
        topic = _topic(sentence, seg_start, lex) if not previous else _topic(sentence, seg_start, lex, True) \
            if own > 0 and previous[-1].quantity.start < _clause_bounds(sentence, own - 1)[0] else ""
        indicator = topic or (previous[-1].indicator if previous else "")
        if not topic and previous and raw.strip().startswith("累计") and (things := _things_added(indicator, lex)):
            indicator, running_total = things + "累计", True  # "新增上市企业6家、累计达到81家": as 累计3家 below
    elif (indicator in lex.attributes or indicator.startswith("占")) and previous \
            and previous[-1].indicator not in lex.attributes:
        # 重大前期项目 + 总投资; 全社会研发经费支出 + 占地区生产总值比重; 市属国有企业 (资产总额) + 营业收入
        entity = _entity_of(previous[-1].indicator, lex) if indicator in lex.entity_attributes else ""
        owner = entity or _owner(previous[-1].indicator, lex)
        if indicator.startswith("累计") and (things := _things_added(owner, lex)):
            # "新增国家大学科技园1家、累计3家": the running total of the things, not of the ones added (as 总数)
            owner, running_total = things, True
        indicator = owner + indicator
    elif _TOTAL_ALONE_HOLDS in indicator and _TOTAL_ALONE.fullmatch(indicator) and not previous:
        # "粮食连续五年增产，总产量10570亿斤": the total of the subject of the clause before
        indicator = _subject(sentence, seg_start, lex) + indicator
    elif _TOTAL_OF_BEFORE_HOLDS in indicator and _TOTAL_OF_BEFORE.fullmatch(indicator) and previous:
        # "一般公共预算收入增长4.6%，总量首次突破1900亿元": the total of the figure before
        indicator = _owner(previous[-1].indicator, lex)
    elif indicator == "总数" and previous:
        # "新增全国重点实验室15家、总数达23家": the total of the things the figure before added
        indicator = lex.action.sub("", _owner(previous[-1].indicator, lex), count=1) + indicator
    elif previous and indicator in lex.entity_attributes and (owner := _entity_of(previous[-1].indicator, lex)):
        # "全国国有企业资产总额…增长60.98%，实现利润增长2.23倍": the same enterprises' profit
        indicator = owner + indicator
    elif previous and indicator in lex.basis_words:
        # "地方一般公共预算收入增长1.7%（同口径增长2.5%以上）": the same thing, counted on another basis (the thing
        # before's, less its own basis: "…自然口径下降3.3%，扣除留抵退税因素后同口径增长7.6%")
        owner = previous[-1].indicator
        own_basis = next((w for w in patterns.longest_first(lex.basis_words) if owner.endswith(w) and len(owner) > len(w)), "")
        indicator = owner[:len(owner) - len(own_basis)] + indicator
    elif previous and len(indicator) >= 2 and any(indicator in group for group in lex.parallel_modifiers):
        # "居民人均可支配收入增长5.5%，其中城镇居民增长4.8%，农村居民增长6.6%": a parallel member alone is a
        # part of the thing named before, and takes what that name has after the words they share
        indicator = _parts_of_the_thing_before([indicator], previous)[0]
    if k >= 0 and previous and indicator:
        indicator = _shared_prefix(previous[-1].indicator, indicator, lex)
        led = _scoped_action_of(lex).match(previous[-1].indicator)
        if led and previous[-1].indicator[led.end():led.end() + 1] in ("及", "和", "与", "、"):
            led = None  # "新建及改造农村电网10千伏线路…、低压线路…": the verbs lead a longer phrase
        if led and not verbs and not running_total and not lex.action.match(indicator) and not lex.flow.match(indicator) \
                and raw.strip() \
                and not raw.strip().startswith(lex.reach_verbs) \
                and not indicator.startswith(tuple(v for v in lex.report_verbs if len(v) > 1)) and \
                sentence[previous[-1].quantity.span_end:seg_start + len(items_raw) - len(raw)].strip(" 、") == "":
            # "全市建成绿色园区10个、绿色工厂115个": a bare item of the list has the verb that leads it (建成绿色工厂)
            indicator = led.group(2) + indicator
        elif led and not verbs and not raw.strip() and noun and indicator == noun \
                and (prev_noun := previous[-1].indicator[led.end():]) and not prev_noun.endswith("级") \
                and sentence[previous[-1].quantity.span_end:q.start].strip(" 、") == prev_noun \
                and not lex.action.match(noun) and not lex.flow.match(noun) and not noun.startswith(lex.reach_verbs):
            # "打造16条省级重点产业链、30个省级重点专业镇": counts before their nouns, the first led by a verb, which
            # leads each (打造省级重点专业镇)
            indicator = led.group(2) + indicator
    if not previous and (bare := lex.bare_spending.fullmatch(raw.strip())):
        # "从今年开始拟连续几年发行超长期特别国债，今年先发行1万亿元": the verb's object, named before
        obj = _object_after(bare.group(1), sentence[:seg_start])
        if obj:
            indicator = obj
    if indicator and not previous and (joint := _joint_scope(sentence, q.start, lex)) \
            and not lex.joint_region.search(indicator):
        indicator = joint + indicator  # "川渝一体化发展格局加速形成，地区生产总值…突破10万亿元": 川渝's
    if q.unit == "%" and _ECONOMY_HOLDS in indicator and _ECONOMY.fullmatch(indicator):
        indicator += "增长"  # 经济增长 names GDP growth; 经济 alone names nothing
    attribute = next((a for a in lex.descriptive_attributes if indicator.endswith(a) or pre.strip().endswith(a)), None) \
        if q.unit.endswith("元") else None  # "占规划总投资65.5%" is progress, not the total
    if attribute:
        # "总投资1.78万亿元的289个省重点项目": the total is the projects' (省重点项目总投资), and it describes
        # them: other (SPEC), in a plan or a review
        things = _DESCRIBED.match(sentence, q.span_end) if pre.strip().endswith(attribute) else None
        if things:
            indicator = things.group(1) + attribute
        kind_hint = kind_hint or "other"
    elif q.unit.endswith("元") and not kind_hint and _AMOUNT_OF_HOLDS in sentence \
            and (held := _AMOUNT_OF.match(sentence, q.span_end)) \
            and not lex.class_after.match(sentence, q.span_end):
        # "带动…形成3.28万亿元的投资规模", "取消了原先336亿元的农业税赋": the noun after 的, closing the clause,
        # is what the amount is of
        indicator = held.group(1)
    elif q.unit.endswith("元") and not kind_hint and not noun and indicator \
            and (lex.spending_last.search(indicator) or any(lex.sum_verb.fullmatch(v) for v in verbs)) \
            and (purpose := lex.purpose_after.match(sentence, q.span_end)) and purpose.group(1) \
            and not _has_quantity(purpose.group(3)):
        # "中央财政拟投入423亿元，用于扶助和促进就业", "中央财政安排51亿元，用于支持…": an amount put in that
        # names nothing after it is named by the clause saying what it is for, as 投入433亿元用于促进就业 is
        indicator += purpose.group(2) + purpose.group(3)
    lead = lex.decline_lead.match(indicator)
    if lead and _han(indicator[lead.end():lead.end() + 2], 2, 2) and not kind_hint \
            and (lex.decline_lead_stock.search(indicator) or q.unit in ("%", "个百分点")):
        # "再减少农村贫困人口1000万以上", "削减财政赤字450亿元": a decline of the object, as 农村贫困人口减少…;
        # so is a rate cut by points. Not "压减钢铁产能5000万吨", "降低企业税负5700亿元": the amount cut
        verbs = verbs + [lead.group(1)]
        indicator = indicator[lead.end():]
    elif lead and lead.start(1) > 0:
        indicator = indicator[lead.start(1):]  # "再压减钢铁产能": the amount cut, named by the verb and its object
    d = Draft(q, indicator, verbs, raw, kind_hint=kind_hint, method="plan-indicators" if counts_indicators else "segment")
    d.qualifier = _qualifier(q, verbs, lex, raw)
    if d.qualifier == "=" and not raw.strip() and k >= 0 and previous and previous[-1].qualifier in (">", ">=") \
            and not q.word_qualifier \
            and previous[-1].quantity.span_end == seg_start and sentence[seg_start:q.start].strip() == "、":
        d.qualifier = previous[-1].qualifier  # "迈上4万亿、5万亿": the verb before the list bounds each
    d.measure, d.value, d.indicator = _measure_and_sign(q, indicator, verbs, lex)
    if outcome_of is not None and outcome_of.measure == "growth" and d.measure == "level" and q.unit == "%":
        d.measure = "growth"
    if d.measure == "growth" and noun and indicator.endswith(noun) and q.unit not in ("%", "个百分点") and not q.words:
        # "提升122个劳务品牌知名度", "改造提升39个基层综合文化服务中心": the count counts the things the verb
        # acts on; no rate of change
        d.measure, d.value = "level", q.value
    if lex.rank_word.search(d.indicator) and q.unit in ("位", "名", "个位次"):
        d.kind_hint = "other"  # "创新能力排名上升5位": a rank moved, no quantity (SPEC: ranks are no facts)
    if lex.gap.search(raw):
        d.kind_hint = "other"
        d.qualifier = "="  # SPEC: a gap (高于预期目标2.3个百分点) is stated, not bounded
    elif d.indicator in lex.population_names and d.measure == "level":
        d.kind_hint = "forecast"  # "今年高校毕业生将达727万人": the population the year's work serves (cues.yaml)
    if starts_change:
        d.kind_hint = "base"  # "从3.16万亿元增加到8.31万亿元": the starting value is no fact of its own
    if previous and previous[-1].kind_hint in (None, "target"):
        _compared_target(d, sentence, seg_start, previous[-1], lex)
    if d.kind_hint is None and q.unit.endswith(lex.event_units) and lex.event_noun.search(d.indicator):
        d.kind_hint = "other"  # "举办供需对接活动150场", "有效应对23次强降水": events counted (SPEC: other)
    d.indicator = _ALREADY_END.sub("", _BASE_VALUE.sub("", d.indicator)) or d.indicator
    d.indicator = _drop_leading_de(d.indicator)  # "三分之二的公园": no name opens on 的
    # 各, 均, 双双: one number for each of several indicators ("新增博士、硕士学位授予单位各1所",
    # "人民币存款、贷款余额双双突破2万亿元")
    distributor = lex.distributor.search(d.indicator)
    if distributor and k >= 0:
        d.indicator = d.indicator[:distributor.start()]
    each = not lex.each_verbs.isdisjoint(verbs) or any(v.startswith(w) for v in verbs for w in lex.each_verbs if len(w) > 1)
    joined = k < 0 and each and d.indicator.count("和") == 1 \
        and all(len(x) >= 2 for x in d.indicator.split("和"))
    if (distributor or each) and k >= 0 or joined:  # ("分别增长": the word for each opening the verb)
        # ("广义货币M2和社会融资规模余额预期增长均为12%左右": two names joined by 和, then the word for each)
        kinds = _kinds_before_deng(items_raw, lex) if not joined else []
        names = kinds or ([_clean_indicator(n) for n in patterns.compile(r"[、]").split(items_raw.strip()) if n.strip()]
                          if not joined else d.indicator.split("和"))
        names = [lex.distributor.sub("", _strip_verbs(n, lex)[0]) for n in names]
        if distributor:
            names = [n for n in names if n and not lex.steps_noun.match(n)]
            if len(names) < 2:
                # "人民币存款、贷款余额连跨4个万亿元台阶、双双突破9万亿元": the list opens the clause
                cstart = _clause_bounds(sentence, q.start)[0]
                lead = patterns.compile(r"\d").split(sentence[cstart:q.start], maxsplit=1)[0]
                names = [_strip_verbs(_clean_indicator(n), lex)[0] for n in lead.split("、")]
                names = [n for n in names if n] if len(lead.split("、")) >= 2 else names
        names = _share_head([n for n in names if n], lex)
        out = []
        for n in names:
            x = Draft(q, n, verbs, raw, d.qualifier, d.measure, d.value, d.kind_hint, "each")
            out.append(x)
        return out
    if k >= 0 and q.words in lex.each_kind_words:
        # "出国（境）经费、车辆购置及运行费、公务接待费等支出原则上零增长": no growth of the whole is no growth of
        # each item listed (the list ends at 等 before the group's name); "航空航天、车联网、信创等产业保持两位数增长":
        # each industry grew so, named with the group's name when it says what of each is measured (cues.yaml)
        names = _kinds_before_deng(items_raw, lex)
        if names:
            return [Draft(q, n, verbs, raw, d.qualifier, d.measure, d.value, d.kind_hint, "each") for n in names]
    if k >= 0 and d.qualifier in (">", ">=") and d.measure == "level":
        names = _threshold_list_names(items_raw, lex)
        said = lex.threshold_list_last.search(previous[-1].indicator) if names and previous else None
        if said and said.end() == len(previous[-1].indicator) and said.group(3):
            # "有色金属产业年产值超4千亿元，钢铁、食品加工产业超3千亿元": the attribute said once holds for the next
            names = [n + said.group(3) if n.endswith(said.group(2)) else n for n in names]
        if names:
            return [Draft(q, n, verbs, raw, d.qualifier, d.measure, d.value, d.kind_hint, "threshold-list")
                    for n in names]
    if k >= 0 and d.measure == "growth" and lex.total_verbs.isdisjoint(verbs) \
            and (names := _same_head_list_names(items_raw, lex)):
        return [Draft(q, n, verbs, raw, d.qualifier, d.measure, d.value, d.kind_hint, "same-head-list") for n in names]
    if k >= 0 and q.unit in ("%", "‰") and d.measure == "level":
        names = _rate_list_names(items_raw, lex)
        if names:
            return [Draft(q, n, verbs, raw, d.qualifier, d.measure, d.value, d.kind_hint, "rate-list")
                    for n in names]
    return [d]


def _kinds_before_deng(items_raw: str, lex: Lexicon) -> list[str]:
    """The kinds a 、-list names up to 等 before the group's name, each named with the group's name when it ends
    on a head saying what of each kind is measured (cues.yaml each_kind_words): "钢铁、石化等行业增加值" → 钢铁行业
    增加值, 石化行业增加值; "会议费、培训费等一般性支出" → 会议费, 培训费. No 等 closing the list: none."""
    items = items_raw.strip().split("、")
    cut = _last_list_deng(items[-1])
    if cut <= 0 or len(items) < 2:
        return []
    group = _COUNT_OPENING.sub("", _clean_indicator(_strip_verbs(items[-1][cut + 1:], lex)[0]))
    items[-1] = items[-1][:cut]
    names = [lex.distributor.sub("", _clean_indicator(_strip_verbs(x, lex)[0])) for x in items]
    if not all(names) or any(_has_quantity(x) for x in names):
        return []
    if len(group) >= 2 and group.endswith(lex.kind_heads) and _han(group, 2, 12):
        names = [n + group for n in names]
    return names


# a count of the group's members opening its name ("无人机、光子等8条产业链产值": 产业链产值)
_COUNT_OPENING = patterns.compile(r"^(?:\d+|[两二三四五六七八九十]{1,3})[个条项家类大种]")


def _shared_prefix(before: str, name: str, lex: Lexicon) -> str:
    """"一般公共预算收入增长3.3%、支出规模28.5万亿元": a name after 、 that opens with the parallel member
    of one inside the name before (收入 → 支出, cues.yaml parallel_modifiers) shares what stood before
    that member (一般公共预算支出规模)."""
    for group in lex.parallel_modifiers:
        first = next((m for m in group if len(m) >= 2 and name.startswith(m)), None)
        if first is None:
            continue
        for m in group:
            at = before.find(m)
            if m != first and at > 0 and not name.startswith(before[:at]):
                return before[:at] + name
    return name


def _threshold_list_names(items_raw: str, lex: Lexicon) -> list[str]:
    """"钢铁、食品加工产业超3千亿元", "新一代信息技术、装备制造产业营收突破万亿元": a threshold each of a
    list of industries passed, one fact per item. The items are short names with no verb, the last ends
    on a head of ``cues.yaml: threshold_list_heads`` (and maybe an attribute: 营收); a list of verbs
    (新建、改扩建机场50个) or of things counted together is a total."""
    parts = [x.strip() for x in items_raw.strip().split("、")]
    if not 2 <= len(parts) <= 6:
        return []
    last, _ = _strip_verbs(parts[-1], lex)
    m = lex.threshold_list_last.fullmatch(last)
    if not m:
        return []
    items = [_clean_indicator(x) for x in parts[:-1]] + [m.group(1)]
    if not all(_han(x, 2, 10) and not _strip_verbs(x, lex)[1] for x in items):
        return []
    return [x + m.group(2) + m.group(3) for x in items]


def _same_head_list_names(items_raw: str, lex: Lexicon) -> list[str]:
    """"将国有企业下岗职工基本生活费水平、失业保险金水平、城镇居民最低生活保障金水平提高30%": names written whole,
    each ending on the same head, before one change: each changed by it (SPEC's gold: one fact per item).
    So are modifiers that share the last item's head ("二氧化硫、氮氧化物排放量要下降3%": 二氧化硫排放量 and
    氮氧化物排放量, the head said once)."""
    parts = [x.strip() for x in items_raw.strip().split("、")]
    if not 2 <= len(parts) <= 4 or _last_list_deng(parts[-1]) >= 0:
        return []
    names = [_clean_indicator(_strip_verbs(x, lex)[0]) for x in parts]
    if any(_strip_verbs(x, lex)[1] or _has_quantity(x) or not x for x in names[:-1]) \
            or lex.group_count.search(names[-1]):
        return []  # (四市规上服务业营收: the members counted before their head, a total of them)
    shared = _share_head(names, lex)
    if shared != names and len(shared) == len(names) \
            and not any(x.endswith(h) for x in names[:-1] for h in lex.shared_heads):  # 粮食产量、农民收入: two names
        names = shared
    head = names[-1][-2:]
    if not all(_han(x, 4, 24) and x.endswith(head) and not _has_quantity(x) for x in names):
        return []
    return names


def _rate_list_names(items_raw: str, lex: Lexicon) -> list[str]:
    """"基本养老、医疗保险参保率稳定在95%以上", "川渝汽车、电子产业全域配套率超过80%": one rate stated for
    each of a list of two-character modifiers that share the last item's head → 川渝汽车产业全域配套率,
    川渝电子产业全域配套率. Only for rates: a count after such a list (新建、改扩建机场50个) is a total."""
    parts = [x.strip() for x in items_raw.strip().split("、")]
    if not 2 <= len(parts) <= 4 or _last_list_deng(parts[-1]) >= 0:
        return []  # "食品、石化、医药、信息等重点产业增加值占比": examples of a group, whose share it is
    last = _clean_indicator(_strip_verbs(parts[-1], lex)[0])
    earlier = [_clean_indicator(x) for x in parts[:-1]]
    if len(last) < 5 or not patterns.compile(r"(?:率|比重|占比)$").search(last) \
            or not all(_han(x, 2, 4) for x in earlier):
        return []
    prefix, tail = earlier[0][:-2], last[2:]
    return [x + tail for x in earlier] + [prefix + last]


def _share_head(items: list[str], lex: Lexicon) -> list[str]:
    """"装备、材料、消费品产业增加值": the head noun of the last item goes to the short items before it.
    A summary before the head ("对东盟、欧盟、美国三大贸易伙伴进出口") is dropped, and a leading 对 is shared."""
    if len(items) < 2:
        return items
    if all(_han(x, 1, 1) and x not in _SECTOR_NUMERALS for x in items[:-1]) and _han(items[-1], 4, 24) \
            and not _GRADED.match(items[-1]):
        # "中、高等职业教育在校生", "大、中城市": one character for the first word of the last item, which the
        # rest of it completes (中等职业教育在校生, 大城市); not a count of grades (县、乡、村三级医疗卫生机构)
        return [x + items[-1][1:] for x in items[:-1]] + [items[-1]]
    base = next((b for b in lex.intensity_bases if items[0].startswith(b)), None)
    if base and items[0][len(base):] in lex.intensity_measures and all(x in lex.intensity_measures for x in items[1:]):
        # "单位国内生产总值能耗和二氧化碳排放": the unit of output is each intensity's
        return [items[0]] + [base + x for x in items[1:]]
    parallel = _parallel_names(items, lex)
    if parallel:
        return parallel
    heads = "|".join(lex.shared_heads)
    items = items[:-1] + [patterns.compile(r"[两三四五六七八九十]大[\u4e00-\u9fff]{2,4}?(?=(?:" + heads + r")$)").sub("",
                                 items[-1])]
    if items[0].startswith("对") and not any(x.startswith("对") for x in items[1:]):
        items = [items[0]] + ["对" + x for x in items[1:]]
    head = next((h for h in lex.shared_heads if items[-1].endswith(h) and len(items[-1]) > len(h)), None)
    if head is None:
        # "小麦、稻谷最低收购价平均每50公斤": the head with what follows it in the last item
        inner = next((p for h in lex.shared_heads if (p := items[-1].find(h, 2)) > 0), None)
        head = items[-1][inner:] if inner is not None else None
    before = items[-1][-len(head) - 2:-len(head)] if head and items[-1].endswith(head) else ""
    if before in lex.shared_head_prefixes and all(_han(x, 2, 2) for x in items[:-1]) \
            and _han(items[-1][:-len(head) - 2], 2, 6) and not any(x.endswith(before[-1]) for x in items[:-1]):
        head = items[-1][-len(head) - 2:]  # "文化、旅游产业增加值" → 文化产业增加值: the head with the word before it
    if head is None and all(_han(x, 2, 2) for x in items[:-1]) \
            and _han(items[-1], 4, 14) \
            and not any(len(v) > 1 and v in items[-1] for v in lex.report_verbs):
        # "批发、零售销售额", "食品、药品抽检合格率": two-character modifiers side by side, the last one's
        # head shared (批发销售额, 食品抽检合格率); the last one's modifier ends where it echoes the first
        # one's end ("铁路、高速公路运营里程": 高速公路, and the head is 运营里程)
        echo = items[-1].find(items[0][-1], 2, len(items[-1]) - 2)
        head = items[-1][echo + 1:] if echo >= 2 else items[-1][2:]
    if head is None:
        head = _rate_head(items, lex)
    # a long item takes the head when it ends as the last one does before the head ("城镇职工基本养老保险、
    # 基本医疗保险参保人数": both name an insurance)
    stem = items[-1][:-len(head)] if head and items[-1].endswith(head) else ""
    # (or both name an industry: "战略性新兴产业和高技术制造业增加值", "租赁和商务服务业、…邮政业营业收入")
    if head is None or any(len(x) > 6 and not (len(stem) >= 4 and (x.endswith(stem[-2:]) or x[-1] == stem[-1] == "业"))
                           or x.endswith(head) for x in items[:-1]):
        return items
    if any(_RATE_OF_ITS_OWN.search(x) or any(x.endswith(h) for h in lex.shared_heads) for x in items[:-1]):
        return items  # "粮食产量、农民收入": an item with a measure of its own is a name of its own
    return [x + head for x in items[:-1]] + [items[-1]]


def _rate_head(items: list[str], lex: Lexicon) -> str | None:
    """The rate the last item of a list ends on (cues.yaml: rate_heads), when every item before it names a thing
    and no measure of its own ("人大代表建议、政协提案办结率": 办结率; not "林木覆盖率、湿地保护率")."""
    head = next((h for h in lex.rate_heads if items[-1].endswith(h) and len(items[-1]) >= len(h) + 2), None)
    if head is None or not all(_han(x, 2, 8) and not _RATE_OF_ITS_OWN.search(x) for x in items[:-1]):
        return None
    return head


def _parallel_names(items: list[str], lex: Lexicon) -> list[str]:
    """"城镇、农村常住居民人均可支配收入" → 城镇常住居民人均可支配收入, 农村常住居民人均可支配收入: the
    earlier items are members of one group of parallel modifiers (data: cues.yaml), the last starts with
    another member, and the rest of it is the head all share; a prefix before the first (人民币存款) too."""
    for group in lex.parallel_modifiers:
        members = sorted(group, key=len, reverse=True)
        shared = _members_after_the_first(items, members)
        if shared:
            return shared
        last_member = next((m for m in members if items[-1].startswith(m)), None)
        if last_member is None or len(items[-1]) <= len(last_member):
            continue
        firsts = []
        prefix = ""
        for i, x in enumerate(items[:-1]):
            m = next((m for m in members if x.endswith(m) and (i == 0 or x == m)), None)
            if m is None:
                break
            if i == 0:
                prefix = x[: -len(m)]
                if len(prefix) > 8:
                    break
            firsts.append(m)
        else:
            if len(set(firsts + [last_member])) < len(items):
                continue  # a member twice is no parallel list
            tail = items[-1][len(last_member):]
            return [prefix + lex.modifier_names.get(m, m) + tail for m in firsts + [last_member]]
    return []


def _entity_of(name: str, lex: Lexicon) -> str:
    """The enterprises a name measures by one of cues.yaml entity_attributes (省属企业营业收入 → 省属企业), or ""."""
    attribute = next((a for a in lex.entity_attributes if name.endswith(a) and len(name) > len(a) + 1), "")
    return name[: -len(attribute)] if attribute else ""


def _members_after_the_first(items: list[str], members: list[str]) -> list[str]:
    """"一般公共预算收入、支出" → 一般公共预算收入, 一般公共预算支出: the first item ends on a member of a group
    of parallel words and the others are members alone; what the first has before its member they share."""
    first = next((m for m in members if items[0].endswith(m) and len(items[0]) > len(m)), None)
    if first is None or not all(x in members for x in items[1:]) or len({first, *items[1:]}) < len(items):
        return []
    prefix = items[0][: -len(first)]
    return [items[0]] + [prefix + x for x in items[1:]]


def _parts_of_the_thing_before(items: list[str], previous: list["Draft"]) -> list[str]:
    """"全体居民人均可支配收入增长5.5%，其中城镇、农村居民分别增长4.8%、6.6%": items that are parts of what the
    figure before names (after 其中, or a parallel member alone); what that name has after the words an item
    ends on is the item's too (城镇居民人均可支配收入)."""
    if not previous:
        return items
    before = previous[-1].indicator
    out = []
    for x in items:
        # (a proper end of the item: an item found whole in the name before, 出口 in 进出口总额, is a name of
        # its own)
        tail = next((before[at + k:] for k in range(len(x) - 1, 1, -1)
                     if 0 <= (at := before.find(x[-k:])) and at + k < len(before)), None)
        if tail is None:
            return items  # "进出口总额…，其中出口、进口分别…": an item that is a name of its own, and so are all
        out.append(x + tail)
    return out


def _subject(sentence: str, pos: int, lex: Lexicon) -> str:
    """The noun a clause before ``pos`` starts with, up to its first verb or adverb ("粮食连续五年增产"
    → 粮食); "" when there is none."""
    cstart = _clause_bounds(sentence, pos)[0]
    if cstart == 0:
        return ""
    pstart = _clause_bounds(sentence, cstart - 1)[0]
    m = patterns.compile(r"\s*([\u4e00-\u9fff]{2,16}?)(?:连续|继续|再|又|持续|稳定|保持|实现|大幅|获得|喜获|增产|增长|生产)").match(
                 sentence[pstart:cstart - 1])
    return _clean_indicator(m.group(1)) if m else ""


def _joint_scope(sentence: str, pos: int, lex: Lexicon) -> str:
    """The joint area (regions.yaml joint_regions) a clause with no figure opens on, right before the clause
    of ``pos`` when that clause names no scope of its own (全市, 全省, 我省 …)."""
    cstart = _clause_bounds(sentence, pos)[0]
    if cstart == 0 or sentence[cstart - 1] not in "，,：:":
        return ""  # (a label before a colon too: "地区生产总值：预期增长7%左右，完成6.8%")
    own = sentence[cstart:pos]
    if lex.scope.match(own.lstrip()):
        return ""
    pstart = _clause_bounds(sentence, cstart - 1)[0]
    m = lex.joint_region.match(sentence, pstart, cstart - 1)
    return m.group(1) if m and not _has_quantity(sentence[pstart:cstart - 1]) else ""


def _topic(sentence: str, pos: int, lex: Lexicon, said_only: bool = False) -> str:
    """The clause before ``pos`` when it is only a name: the topic of a clause that has none of its own
    ("…人口地区覆盖率，由1997年的65%提高到2002年的91%", "城镇居民人均可支配收入，考虑价格下降因素比上年实际增长9.3%")."""
    cstart = _clause_bounds(sentence, pos)[0]
    if cstart == 0 or sentence[cstart - 1] not in "，,：:。":
        return ""  # (a label before a colon too: "地区生产总值：预期增长7%左右，完成6.8%"; or its own sentence,
        # read with the one after it: "——地区生产总值。预期增长7%左右")
    pstart = _clause_bounds(sentence, cstart - 1)[0]
    clause = _LEADING_MARK.sub("", sentence[pstart:cstart - 1].lstrip())  # "1.城镇新增就业：…": the mark is no name
    listed = "、" in clause and not clause.rfind("的") > clause.rfind("、")  # not a list inside a modifier (A、B的覆盖率)
    if (label := lex.target_label.search(clause)) and label.start() >= 2:
        clause = clause[:label.start()]  # "进出口总值预期目标为稳中提质": the indicator the target is set for
    if listed or patterns.compile(r"[“”]|等|^\s*(?:关于|对于|其中|主要)").search(clause):
        return ""  # a list or a heading-like "关于失业率，…": no single name
    name = _clean_indicator(clause)
    if name and _has_quantity(name):
        # "地区生产总值连跨两个万亿元台阶，年均增长5.7%": the clause's figure is no fact of its own (a count
        # of steps); its subject, before the verb, is the topic
        head, verbs = _strip_verbs(_QUANTITY_START.split(name, maxsplit=1)[0], lex)
        return head if verbs and len(head) >= 2 and not _has_quantity(head) and not _strip_verbs(head, lex)[1] else ""
    if not name or len(name) > 30:
        return ""
    said = lex.topic_predicate.search(name)
    if not said and lex.streak.search(clause):
        # "贸易顺差连续两年下降，2010年比上年减少6.4%", "基本养老金连续5年增加，去年又人均提高10%": a streak of
        # change (the clean name has dropped the streak) says how the thing went, as a topic predicate does
        head, verbs = _strip_verbs(name, lex)
        if len(verbs) == 1 and (lex.growth_word.fullmatch(verbs[0]) or lex.decline_word.fullmatch(verbs[0])) \
                and len(head) >= 2 and not _strip_verbs(head, lex)[1] and not lex.scope.fullmatch(head):
            return head
    if said_only and not said:
        return ""  # (after a figure of its own: only a clause that says how the thing went is a topic)
    if said:
        # "外贸出口大幅度回升，全年达到1949亿美元", "全省进出口总值创历史新高，达到5379亿元": the subject of a
        # clause that says how the figure went (cues.yaml topic_predicates)
        head, verbs = _strip_verbs(name[:said.start()], lex)
        return head if len(head) >= 2 and lex.verb_adverbs.issuperset(verbs) and not lex.scope.fullmatch(head) else ""
    if _strip_verbs(name, lex)[1]:
        return ""
    lead = lex.topic_lead.match(name)
    # "提高城乡居民基础养老金最低标准，每人每月增加20元": what the verb opening the clause changes
    return name[lead.end():] if lead and len(name) - lead.end() >= 4 else name


_QUANTITY_START = patterns.compile(r"[\d两二三四五六七八九十百千万亿]")


_PEOPLE_REACHED = ("人", "人次", "户", "万", "亿")  # counts of the people a measure reaches
_REACHED_UNITS = _PEOPLE_REACHED + ("户次", "家", "个", "名", "所")  # … or of the bodies


def _benefactor(sentence: str, q: Quantity, lex: Lexicon) -> str:
    """What reached the people or things counted before 受益: the words before 使/让 in the count's clause, or,
    when the clause has nothing before the count but 有, the clause before it if it has no figure, without the
    verb carrying the policy out ("实施农村饮水安全工程，6069万农民受益": 农村饮水安全工程)."""
    cstart = _clause_bounds(sentence, q.start)[0]
    own = sentence[cstart:q.start].strip()
    cause = lex.benefit_causative.search(own)
    if cause:
        name = _clean_indicator(own[:cause.start()])
        return name if len(name) >= 2 and not _has_quantity(name) else ""
    if len(own) > 3 or own and not own.endswith("有"):
        return ""
    return _policy_before(sentence, cstart, lex)


def _policy_before(sentence: str, cstart: int, lex: Lexicon) -> str:
    """The clause before the one opening at ``cstart`` when it names a policy and has no figure, without the verb
    carrying the policy out ("全面实施城乡免费义务教育，惠及1.6亿学生": 城乡免费义务教育)."""
    if cstart == 0 or sentence[cstart - 1] not in "，,；;":
        return ""
    clause = sentence[_clause_bounds(sentence, cstart - 1)[0]:cstart - 1].strip()
    if _has_quantity(clause) or "、" in clause:
        return ""
    lead = lex.policy_lead.match(clause)
    name = _clean_indicator((lead.group(1) or "") + clause[lead.end():] if lead else clause)
    return name if 2 <= len(name) <= 24 and not _strip_verbs(name, lex)[1] else ""


def _things_added(name: str, lex: Lexicon) -> str:
    """The things a name of the ones added counts, without the verb that adds them (新增国家大学科技园 →
    国家大学科技园); "" when no action verb leads it or the verb leads a longer phrase (新建和改造…)."""
    things = lex.action.sub("", name, count=1) if lex.action.match(name) else ""
    return things if len(things) >= 2 and things[0] not in "和及与、" else ""


def _owner(indicator: str, lex: Lexicon) -> str:
    """The thing an earlier indicator names, without its own attribute: 重大前期项目总投资 → 重大前期项目."""
    for a in sorted(lex.attributes, key=len, reverse=True):
        if indicator.endswith(a) and len(indicator) > len(a):
            return indicator[: -len(a)]
    return indicator


def _fenbie(sentence: str, cstart: int, fpos: int, group: list[Quantity], lex: Lexicon,
            previous: list[Draft]) -> list[Draft]:
    """A list of indicators, then 分别, then as many numbers: one fact for each pair."""
    head = sentence[cstart:fpos]
    # "能耗由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%", "排放量由上年分别增长5.6%和13.1%，减为…":
    # the numbers are the starting values of a change, of the years the phrase names
    base = _LISTED_BASE.search(head)
    if base and not _CHANGE_AFTER.match(sentence, group[-1].span_end):
        base = None
    years_back = cn_year_count(base.group(1)) if base and base.group(1) else None
    if base:
        head = head[:base.start()]
    head, head_verbs = _strip_verbs(head, lex)
    items = [x for x in patterns.compile(r"[、]").split(head) if x.strip()]
    if len(items) < len(group) and items:
        last = items.pop()
        items += [x for x in patterns.compile(r"和|及|与").split(last) if x]
    if len(items) == 1 and len(group) == 2:
        # "城乡居民人均可支配收入分别…", "存贷款余额分别增长…": one word writes both members (cues.yaml)
        word = next((w for w in lex.compressed_pairs if w in items[0]), None)
        if word:
            items = [items[0].replace(word, m, 1) for m in lex.compressed_pairs[word]]
    if items and _last_list_deng(items[-1]) >= 0:
        items[-1] = items[-1][: _last_list_deng(items[-1])]  # "中长期贷款余额等先行指标": the list ends before 等
    items = [_clean_indicator(x) for x in items]
    # (an outcome opener alone, "实际分别达到54897元、30931元", names nothing: the facts before name them)
    items = [x for x in items if x and not lex.outcome_opener.fullmatch(x)]
    items = _share_head(items, lex)
    if len(items) == 1 and len(group) == len(lex.sector_names) > 1:
        # "三次产业增加值分别增长3.5%、6.1%和5.2%": one item for each sector, in order
        word = next((w for w in lex.sector_groups if w in items[0]), None)
        if word:
            items = [items[0].replace(word, sector, 1) for sector in lex.sector_names]
    if len(items) > 1 and (owner := _entity_of(items[0], lex)) and all(x in lex.entity_attributes for x in items[1:]):
        items = [items[0]] + [owner + x for x in items[1:]]  # "省属企业营业收入、利润分别增长…": the same enterprises'
    if sentence[cstart:fpos].lstrip().startswith("其中"):
        items = _parts_of_the_thing_before(items, previous)
    if not items and cstart > 0 and sentence[cstart - 1] in "，,":
        # "农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元": the list is the
        # clause before, when that clause is nothing but names
        pstart = max(sentence.rfind(c, 0, cstart - 1) for c in _CLAUSE_BREAK) + 1
        names = [_clean_indicator(x) for x in patterns.compile(r"、|和|及|与").split(sentence[pstart:cstart - 1])]
        if len(names) == len(group) and all(names) and not any(_has_quantity(x) for x in names) \
                and not any(_strip_verbs(x, lex)[1] for x in names):
            items = names
    if not items and len(previous) >= len(group):
        # "城镇居民收入9422元，农村居民收入2936元，分别增长7.7%和6.8%": the list is the facts before
        items = [d.indicator for d in previous[-len(group):]]
    out = []
    prev_end = fpos
    _, shared_verbs = _strip_verbs(sentence[fpos:group[0].start], lex)
    for n, q in enumerate(group):
        between = sentence[prev_end:q.start]
        _, verbs = _strip_verbs(between.strip("、和及与 "), lex)
        verbs = verbs + [v for v in shared_verbs if v not in verbs] + head_verbs
        indicator = items[n] if n < len(items) else (items[-1] if items else "")
        d = Draft(q, indicator, verbs, between, method="respectively")
        d.qualifier = _qualifier(q, verbs, lex, between)
        d.measure, d.value, d.indicator = _measure_and_sign(q, indicator, verbs, lex)
        if lex.gap.search(sentence[cstart:q.start]):
            d.kind_hint, d.qualifier = "other", "="  # "…增速分别高于全市平均4.5个、0.7个百分点": gaps
        if base:
            d.kind_hint = "base"
            # 前三年 with three numbers: one a year, the last the year before the one reviewed
            d.base_offset = (years_back - n) if years_back == len(group) else 1
        out.append(d)
        prev_end = q.span_end
    return out


# --- kind, period, binding ---------------------------------------------------------------------

_AVERAGE_RE = patterns.compile(_AVERAGE)
_AVERAGE_OR_FIVE = patterns.compile(_AVERAGE + r"|五年")
# 五年 or 每年 opening a clause with its verb (五年生产原煤65亿吨，…), not a frame (过去五年，, 五年来) nor a plan (五年规划)
_CLAUSE_YEARS = patterns.compile(r"(?:^|[，,；;：:])\s*(五年|每年)(?![来间内前后规计，,])")
_COMPARED_FROM = patterns.compile(r"(?:比|较|由|从)\s*$")
# the classes a count counts in, before it in its clause (4类重点对象农村危房改造32.6万户)
_CLASSES_THEN_COUNT = patterns.compile(r"[\u4e00-\u9fff]{2,16}?(?:\d|[一二两三四五六七八九十百千万]+[个项件户万])")
# "资金1713亿元，是2010年的2.2倍": the year whose value the figure is a multiple of dates nothing; nor one it is a
# share of ("接待游客恢复到2019年同期的85.3%": the level of the year reviewed, as a share of the base year's), nor
# the figures listed after it ("分别恢复到2019年的75%和64%左右")
_MULTIPLE_OF_YEAR = patterns.compile(r"(?:末|底|同期)?(?:水平)?的\s*(?:\d+(?:\.\d+)?\s*(?:%|倍)?\s*(?:和|、|及|与)\s*)*$")
# "是2010年的2.2倍，全年城镇保障性住房基本建成432万套": the year of a multiple before is a base, no date of the figures after
_MULTIPLE_THEN = patterns.compile(r"(?:末|底)?的\s*(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)(?:多)?倍")
_MULTIPLE_OPENER = patterns.compile(r"(?:为|是|相当于|恢复到|恢复至)\s*$")
_MULTIPLE_BASE = patterns.compile(_MULTIPLE_OPENER.pattern.removesuffix("$") + r"((?:19|20)\d{2})\s*年"
                                  + _MULTIPLE_OF_YEAR.pattern)  # 为1997年的 (2.9倍): the year and its figure
_CLAUSE_SPLIT = patterns.compile(r"[、，,；;。]")


_SCALE_CHARS = "万亿千百"


def _list_lead(sentence: str, own_start: int, unit: str) -> str:
    """The clause that leads a list written with commas, each item a name and a figure in ``unit`` ending
    its clause ("五年建成新线5944公里，复线4603公里，…"): its text, or "" when the clause before ``own_start``
    does not end on such a figure."""
    start = own_start
    while start > 0 and sentence[start - 1] in "，," and unit and sentence.endswith(unit, 0, start - 1):
        at = start - 1 - len(unit)  # before the unit: the figure, maybe with a scale (1.2万公里, 复线643公里)
        if at > 0 and sentence[at - 1] in _SCALE_CHARS:
            at -= 1
        if not sentence[at - 1:at].isdigit():
            break
        start = _clause_bounds(sentence, start - 1)[0]
    return sentence[start:own_start] if start < own_start else ""


def _says_flow(seg: str, indicator: str) -> bool:
    """The words of a figure in a five-year review or a plan's goals make it a flow over the period (cues.yaml
    flow_words, not inside not_flow_words; flow_words_leading opening the name)."""
    lex = lexicon()
    return bool(lex.flow.search(lex.not_flow.sub("", seg)) or lex.flow_lead.match(indicator))


def _reaches_level(seg: str) -> bool:
    """The words reach a level (达, 达到, 提高到…: cues.yaml level_forms): the figure stands at the end. A word
    of size (长达, 全长: cues.yaml size_words) reaches nothing."""
    if "达" in seg:
        seg = lexicon().size_word.sub("", seg)
    return "达" in seg or bool(lexicon().level_form.search(seg))


def _finish(d: Draft, sentence: str, sent: Sentence, ctx: Context, meta: DocumentMeta, doc: str,
            binding_names: list[str]) -> Fact | None:
    q = d.quantity
    if not d.indicator:
        return None
    if d.kind_hint == "base":
        return _base_fact(d, sentence, sent, ctx, meta, doc)
    before = sentence[max(0, q.start - LOOKBACK): q.start]
    kind = ctx.kind
    period = ctx.period
    not_estimated = lexicon().not_estimated  # 预计数 is no estimate: left out before 预计 is looked for
    unmarked = not_estimated.sub("", before) if _holds(not_estimated) in before else before
    estimated = any(w in unmarked for w in lexicon().estimated)
    if estimated and ctx.kind == "target":
        # "今年高校毕业生预计1270万人，要强化就业优先政策，…，中央财政就业补助资金增加到700亿元": an estimate holds
        # for the clauses after it up to one that says what the plan will do (cues.yaml target)
        last = max(unmarked.rfind(w) for w in lexicon().estimated)
        cut = _CLAUSE_END.search(unmarked, last)  # full- or half-width (district pages, newspaper prints)
        if cut and lexicon().target_cue.search(unmarked, cut.start()):
            estimated = False
    if estimated and meta.year and ctx.kind == "target" and patterns.compile(
            rf"(?:{'|'.join(lexicon().estimated)})(?:今年|本年度?|全年|{meta.year}年)"
            rf"|(?:今年|本年度?|{meta.year}年)[^，,。；;]{{0,16}}?(?:预算|支出|收入|赤字|债)[^，,。；;]{{0,8}}?"
            rf"(?:{'|'.join(lexicon().estimated)})[^，,。；;]{{0,6}}$").search(before):
        # SPEC: "预计今年…支出规模…" in this year's budget paragraph is what the plan sets, a target; so is "今年全省一般
        # 公共预算支出预计为1.28万亿元" (the year and the budget named before 预计, in the figure's clause; not "今年城镇
        # 新增劳动力预计1500万人", a forecast)
        estimated = False
    # explicit years in the sentence before the number
    years = [cn_year(m.group(1)) for m in (_YEAR_IN.finditer(before) if "年" in before else ())  # each has 年
             if not _COMPARED_FROM.search(before[max(0, m.start() - 2):m.start()])
             and not ((_MULTIPLE_OF_YEAR.match(before, m.end()) or _MULTIPLE_THEN.match(before, m.end()))
                      and _MULTIPLE_OPENER.search(before, 0, m.start(1)))
             and not _YEAR_NAMES_NO_DATE.match(before, m.end())]
    years = [y for y in years if y]
    # the years that date this figure: one opening the sentence ("2012年，…"), or one in its own clause
    # — not one inside another figure's phrase ("增长到2025年的4.93万亿元、…粮食产量稳定在760亿斤")
    own_start = _clause_bounds(sentence, q.start)[0]
    own_years = [y for y in years if y and (str(y) in sentence[own_start:q.start] or _LEAD_YEAR.match(sentence)
                                            and _LEAD_YEAR.match(sentence).group(1) == str(y))]
    bases = list(BASE_YEAR.finditer(before)) if _BASE_YEAR_HOLDS in before else []
    base = bases[-1] if bases else None
    plan = meta.year
    if ctx.role == "five_year_goals":
        # the plan that ends in the period, or the five years from this one (今后五年 mid-way through a plan)
        span = _plan_span(ctx.period) or ((plan, plan + 4) if plan and ctx.period == str(plan + 4) else None)
        if span and d.measure == "growth":
            # SPEC: an average or a cumulative change over the plan has its span ("年均增长7%以上",
            # "单位国内生产总值能耗降低13.5%"); a level to be reached has its end year. A change from a base
            # before the plan ("到2020年…比2010年翻一番") is dated, as the seeds' gold does, by the year it reaches
            period = f"{span[0]}-{span[1]}"
            own_base = BASE_YEAR.search(sentence, own_start, q.start)
            if own_base and int(own_base.group(1)) < span[0] - 1 and not _AVERAGE_RE.search(sentence, own_start, q.start):
                period = str(max(years) if years else span[1])
        elif span and d.measure == "level":
            # a flow over the plan ("城镇新增就业4500万人" in the 十二五's goals) has its span, as in a review;
            # a level to be reached ("常住人口城镇化率提高到51.5%") its end year
            seg = d.pre + "".join(d.verbs) + _CLAUSE_SPLIT.split(sentence[q.span_end:], maxsplit=1)[0]
            if not d.verbs and d.kind_hint != "other" and sentence[own_start:q.start].count("、"):
                # "五年淘汰落后炼铁产能1亿吨、落后炼钢产能5500万吨": a bare item of a list has the words that lead it
                seg = sentence[own_start:q.start] + seg
            if _says_flow(seg, d.indicator) and not _reaches_level(seg):
                period = f"{span[0]}-{span[1]}"
        if years and max(years) > (span[1] if span else 0):
            period = str(max(years))
    elif ctx.role == "five_year_review" and ctx.period:
        span = ctx.period
        after = _CLAUSE_SPLIT.split(sentence[q.span_end:], maxsplit=1)[0]
        seg = d.pre + "".join(d.verbs) + after
        if _LEVEL_MODIFIER_HOLDS in d.indicator and _LEVEL_MODIFIER.match(d.indicator):
            seg += d.indicator  # a level listed first (2个千亿级、11个百亿级…项目落地建设) has the head's verb
        item = sentence[own_start:q.start].rsplit("、", 1)[-1].strip()
        if all(lexicon().qualifier_before.get(v) == "~" for v in d.verbs) and own_start < q.start \
                and not item.startswith(lexicon().reach_verbs) and (
                sentence[own_start:q.start].count("、") or _LIST_AND.search(
                lexicon().qualifier_before_end.sub("", sentence[own_start:q.start]))):
            # "新增全国文明城市5个、全国文明村镇108个", "完成了…长江干堤和近千公里的黄河堤防加固工程": a bare
            # item of a list has the verb that leads it
            seg = sentence[own_start:q.start] + after
        elif not d.verbs and not after.strip() and q.unit not in ("%", "‰") and not lexicon().action.match(d.indicator) \
                and not _TOTAL_ALONE.search(d.indicator) and (lead := _list_lead(sentence, own_start, q.unit)):
            # "五年建成新线5944公里，复线4603公里，电气化线路5704公里": a clause of a name and a figure only,
            # after clauses ending on figures of the same unit, has the verb that leads them
            seg = lead + seg
        # a sum of money over the plan (一般公共预算收入累计超1.6万亿元) is a flow of its years; a count
        # 累计 reached (累计开行超过7000班) is where the end year stands
        years_word = _CLAUSE_YEARS.search(sentence, 0, own_start) \
            if "五年" in sentence[:own_start] or "每年" in sentence[:own_start] else None
        if years_word and not _reaches_level(sentence[years_word.end():q.start] + seg) and (
                q.unit not in ("%", "‰", "成") or sentence[own_start:q.start].lstrip(" ，,").startswith("占")):
            # "五年生产原煤65亿吨，占全国近三成，以长协价为24个省份保供电煤20亿吨": 五年 opening a clause says over
            # what time each clause after it counts, up to a level reached (…总数达到2497项，占原有审批项目的69.3%);
            # a rate stays a level (五年新建学校80所，入学率98%), a share of the flow before (占全国…) does not. 每年
            # does the same (每年资助金额近1000亿元，资助学生近8000万人次: each year of the plan)
            seg = years_word.group(1) + seg
        # "中央财政用于“三农”的支出五年累计1.6万亿元，其中用于农村基础设施建设近3000亿元": a part of a flow is a flow
        part = sentence[own_start:q.start].lstrip(" ，,").startswith("其中") and own_start > 0
        whole = sentence[_clause_bounds(sentence, own_start - 1)[0]:own_start] if part else ""
        if d.measure == "growth" or _says_flow(seg, d.indicator) or lexicon().flow_after.search(after) \
                or whole and _says_flow(whole, "") and not _reaches_level(whole) \
                or ("累计" in d.indicator + seg or lexicon().sum_verb.search(d.indicator + seg)) \
                and load_catalogue().unit_family(q.unit) == "currency" \
                or any(_against_plan_start(v, span) for v in d.verbs):
            if not _reaches_level(seg) or _AVERAGE_OR_FIVE.search(seg):  # "由40户压减到18户": a level reached
                period = span
            else:
                period = span.split("-")[-1]
        else:
            period = span.split("-")[-1]
        if _AVERAGE_OR_FIVE.search(before) and d.measure == "growth":
            period = span
        elif d.measure == "growth" and (n := next((cn_year_count(v[:-1]) for v in d.verbs if _YEARS_COUNT.fullmatch(v)), None)) \
                and n < 5 and span.split("-")[-1].isdigit():
            end_year = int(span.split("-")[-1])
            period = f"{end_year - n + 1}-{end_year}"  # "3年增长58.6%" in a five-year review: its last 3 years
        elif own_years and not patterns.compile(_AVERAGE + r"|五年|累计").search(seg) and span.split("-")[-1].isdigit() \
                and int(span.split("-")[0]) <= own_years[-1] <= int(span.split("-")[-1]):
            # "2012年，…国内生产总值增长7.8%", "1998年，国务院组成部门由40个减少到29个" inside a five-year review:
            # the year the sentence names, any year of the plan
            period = str(own_years[-1])
    else:
        if years:
            y = years[-1]
            if kind == "target" and plan and y < plan and not lexicon().target_cue.search(before[-30:]):
                kind, period = "actual", str(y)
            elif kind == "target" and y >= (plan or 0):
                period = str(y)
                own = sentence[own_start:q.start]
                if plan and y > plan and d.measure == "level" and _YEAR_BY.search(before) \
                        and (lexicon().sum_verb.search(own) or "累计" in own) and not _reaches_level(own):
                    # "到2007年使西部地区基本普及九年义务教育…，中央财政将为此投入100亿元": a sum over the years
                    # to the year named, from this one
                    period = f"{plan}-{y}"
            elif kind == "actual" and plan and y < plan:
                period = str(y)
        if ctx.period and _PLAN_TIME_HOLDS in before and (named := _PLAN_TIME.search(before)):
            span = _plan_span_from_text(before)
            own = sentence[own_start:q.start]
            if span and (_AVERAGE_RE.search(before) or kind == "target" and plan and span[0] <= plan <= span[1]
                         and (lexicon().sum_verb.search(own) or _says_flow(own, d.indicator)) and not _reaches_level(own)
                         and named.start() < q.start):
                # an average over the plan named ("“十五”期间年均增长…"); in a plan section, a sum or a flow of the
                # plan the year is in ("“十一五”时期中央财政将投入100亿元"): the plan's span
                period = f"{span[0]}-{span[1]}"
    if not base and q.unit == "倍" and kind != "target" and "年" in before:
        # "实现利润2392亿元，为1997年的2.9倍", "是1997年的2.3倍": a multiple of a base year's figure compares the
        # two, as a change from the base does
        base = _MULTIPLE_BASE.search(sentence, own_start, q.start)
    if base and (d.measure == "growth" or q.unit == "倍") and kind != "target":
        # a change from a stated base year spans base..end; in a five-year review that starts the
        # year after the base, the span is the plan period itself
        b = int(base.group(1))
        end = period.split("-")[-1] if period else None
        if ctx.role == "five_year_review" and ctx.period and ctx.period.startswith(str(b + 1)) \
                and (not end or end == ctx.period.split("-")[-1]):
            period = ctx.period  # (not "2006年，…资产总额比2002年增长60.98%" in a review of 2003-2007: 2002-2006)
        elif end and int(end) > b:
            period = f"{b}-{end}"
    clause = sentence[own_start:q.start]
    if kind == "target" and plan and _LAST_YEAR_CLAUSE.match(clause):
        kind, period = "actual", str(plan - 1)  # "去年居民消费价格涨幅回落到2.6%" in a plan section
    elif kind == "target" and plan and ctx.role == "five_year_goals" and _THIS_YEAR_CLAUSE.match(clause):
        period = str(plan)  # "“十一五”期间，关停5000万千瓦小火电机组，今年要关停1000万千瓦": this year's part
    # searched only where it counts
    span = _PAST_SPAN.search(before) if kind == "target" and plan and _PAST_SPAN_HOLDS in before else None
    if kind == "target" and plan and span and not lexicon().target_cue.search(before[span.end():]):
        # "两年来通过财政向银行发行2100亿元长期国债" in a plan section: what the last years did
        n = cn_year_count(span.group(1))
        if n:
            kind, period = "actual", f"{plan - n}-{plan - 1}"
    over = _YEARS_OVER.search(clause) if kind == "actual" and "年" in clause else None
    if over is None and kind == "actual" and own_start > 1 and "年" in sentence[max(0, own_start - 8):own_start] \
            and (d.measure == "growth" or lexicon().sum_verb.search(clause) or _says_flow(clause, d.indicator)) \
            and not _reaches_level(clause):
        # "…农村卫生工作，近三年，中央和地方投入105亿元": a clause of the last N years alone dates the sum, flow or
        # change after it (not a level reached: 近三年，人均收入达到3万元 is the last year's)
        over = _SPAN_CLAUSE.fullmatch(sentence, _clause_bounds(sentence, own_start - 1)[0], own_start - 1)
    if over is None and kind == "actual" and d.measure == "growth" and own_start > 0 and "年" not in clause \
            and "年" in (opening := sentence[:_clause_bounds(sentence, 0)[1]]) and (lexicon().growth_word.search(opening)
                                                                               or lexicon().decline_word.search(opening)):
        # "“十一五”前四年累计单位国内生产总值能耗下降14.38%，化学需氧量、二氧化硫排放量分别下降9.66%和13.14%":
        # the changes listed after a change over the last N years, with no time of their own, are over them too
        over = _YEARS_OVER.search(opening)
    end_year = period.split("-")[-1] if period else ""
    if kind == "actual" and over and end_year.isdigit() and (n := cn_year_count(over.group(1) or over.group(2))) and n > 1 \
            and (ctx.role != "five_year_review" and period.isdigit() or n > 5):
        # "五年年均增长5.2%" in a review of the past year, "十年增加近70万亿元" in one of the past five: the
        # last N years, not the year nor the plan
        period = f"{int(end_year) - n + 1}-{end_year}"
    held = _HELD_FOR.search(clause) if kind == "actual" and "连续" in clause and d.measure == "level" else None
    if held and end_year.isdigit() and (n := cn_year_count(held.group(1))) and n > 1:
        # "粮食总产量连续6年稳定在万亿斤以上", "连续5年超万亿斤": a level held through the years of the streak, which
        # end with the period's (SPEC: a level held through a plan has its span)
        period = f"{int(end_year) - n + 1}-{end_year}"
    written = (_WRITTEN_SPAN.search(sentence, own_start, q.start) or _leading_span(sentence)) if "年" in before else None
    if written and int(written.group(1)) < int(written.group(2)) and (
            d.measure == "growth" or _OVER_A_SPAN.search(sentence, written.start(), q.start)):
        period = f"{written.group(1)}-{written.group(2)}"  # an average, a sum or a change over the years written
    ahead = _NEXT_SPAN.search(before) if kind == "target" and plan else None
    if kind == "target" and plan and ahead and period == str(plan) \
            and (n := cn_year_count(next(g for g in ahead.groups() if g))):
        # "今后五年中央财政将投入100亿元", "今后五年国家财政新增义务教育经费累计将达2182亿元": the years to
        # come, from this one; a sum or a change over them has their span, a level their last year
        rest = before[ahead.end():]
        flow = d.measure == "growth" or "累计" in rest or lexicon().sum_verb.search(rest) \
            or lexicon().flow.search(rest) and not _reaches_level(rest)  # "用两年时间将筹资标准…提高到100元": a level
        period = f"{plan}-{plan + n - 1}" if flow else str(plan + n - 1)
    if kind == "target" and plan and period == str(plan) and _AVERAGE_RE.search(clause) \
            and (within := _WITHIN_YEARS.search(sentence, q.span_end)) and (n := cn_year_count(within.group(1))) and n > 1:
        # "逐步降低农业税税率，平均每年降低1个百分点以上，五年内取消农业税": an average a year over the years the
        # sentence gives the work, from this one
        period = f"{plan}-{plan + n - 1}"
    if kind == "target" and (_EXPLAINED_AFTER.match(sentence, q.span_end) or lexicon().explaining.match(sentence)):
        # "提出国内生产总值增长8%左右，主要是综合考虑了…": a target restated to explain it; the
        # statement of it is elsewhere (the gold files leave these out)
        kind = "other"
    proposed = _PROPOSED_SPAN.search(before) if kind == "actual" and "年时间" in before else None
    if proposed and (n := cn_year_count(proposed.group(2))) and period and period.isdigit() \
            and int(proposed.group(1)) + n - 1 == int(period) and not _reaches_level(clause):
        # "2004年我们提出用三年时间基本解决…拖欠…的问题，这项工作基本完成，各地已偿还拖欠工程款1834亿元": what the
        # years proposed did, from the year of the proposal to the one reviewed
        period = f"{proposed.group(1)}-{period}"
    if kind == "actual" and plan and ctx.role in ("review", "five_year_review") and "今年" in clause \
            and _THIS_YEAR_INSIDE.search(clause):
        # "国务院决定今年安排30亿元建设资金" in the review of last year: this year's, a target
        kind, period = "target", str(plan)
    if kind == "actual" and ctx.role in _ACTUAL_ROLES and (
            not lexicon().target_words.isdisjoint(d.verbs) or _outcome_follows(sentence, q, lexicon())):
        # "地区生产总值：预期增长7%左右，完成6.8%", "城镇新增就业80万人，实际新增85.9万人": the reviewed year's
        # target, restated before its outcome
        kind = "target"
    elif kind == "actual" and ctx.role in _ACTUAL_ROLES and "的" in sentence[q.span_end:] \
            and lexicon().target_noun_after.match(sentence, q.span_end) \
            and lexicon().target_reference.search(sentence, own_start, q.start):
        # "全国没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标": the targets of the
        # period reviewed, quoted; no outcome (the outcome is said elsewhere, or not at all). What the name
        # holds of the words quoting it (没有实现年初确定的) is no part of it
        kind = "target"
        if (quoted := lexicon().target_reference.search(d.indicator)) and len(d.indicator) - quoted.end() >= 2:
            d.indicator = d.indicator[quoted.end():]
    elif kind == "actual" and "的" in clause and lexicon().target_reference_before.search(clause):
        # "全年减税降费2.36万亿元，超过原定的近2万亿元规模": the figure a plan set, named as the outcome is compared
        # with it; no outcome of its own (SPEC: a comparison is other)
        kind = "other"
    if d.kind_hint == "forecast":
        kind, estimated = "actual", True  # the size of a population the year will have: an estimate, no target
    elif d.kind_hint:
        kind = d.kind_hint
    if estimated and kind == "target" and ctx.role not in ("targets",):
        kind = "actual"
    end = (period or "").split("-")[-1]
    if kind == "actual" and plan and end.isdigit() and int(end) > plan:
        kind = "target"  # "将会超过…2010年…翻一番的要求" in a review: what a year to come will bring
    binding = None
    if kind == "target" and binding_names and ctx.binding_section:
        binding = any(_name_alike(d.indicator, b) for b in binding_names)
    if period is None:
        period = str(plan) if plan else ""
    return _fact(d, sentence, sent, ctx, doc, kind, period, binding, estimated and kind == "actual",
                 f"{d.method};{ctx.source}")


def _fact(d: Draft, sentence: str, sent: Sentence, ctx: Context, doc: str, kind: str, period: str,
          binding: bool | None, estimated: bool, method: str) -> Fact:
    """The Fact of a draft, its offsets in the text (the number's span), quote and sentence."""
    q = d.quantity
    return Fact(
        doc=doc, kind=kind, indicator=d.indicator, measure=d.measure, value=d.value,
        value_high=q.value_high, unit=q.unit, qualifier=d.qualifier, period=period,
        binding=binding, estimated=estimated, quote=_quote(sentence, q),
        sentence=sentence.strip(), start=sent.start + q.start, end=sent.start + q.end, section=ctx.section,
        method=method,
    )


def _outcome_follows(sentence: str, q: Quantity, lex: Lexicon) -> bool:
    """Whether the clause after the figure's opens on an outcome opener and gives its figure at once ("，实际增长
    3.8%", "，完成6.8%"; not "，完成年度目标的124%", whose figure is a share of the target)."""
    end = _clause_bounds(sentence, q.start)[1]
    if end >= len(sentence) or sentence[end] not in "，,；;":
        return False
    opener = lex.outcome_opener.match(sentence, end + 1)
    if not opener:
        return False
    figure = _OUTCOME_FIGURE.match(sentence, opener.end())
    if not figure:
        return False
    rest = _strip_verbs(figure.group(1), lex)[0]
    if opener.group().strip() == "实际" and figure.group(1).startswith("增长") \
            and not lex.qualifier_after_pattern.match(sentence, q.span_end) and not _against_the_target(sentence, figure.end(), lex):
        # "收入增长8.7%，实际增长6.5%": real growth after nominal, unless the first is bounded (7%左右) or the second
        # is set against the target ("增长5%，实际增长4.6%，比预期目标低0.4个百分点")
        return False
    # the same unit (not "收入4761元，实际增长8%": real growth, of a level); not the target the figure is compared
    # with ("，完成下降3%的年度目标": compared_target_after)
    return (not rest or bool(lex.action_run.fullmatch(rest))) and sentence.startswith(q.unit, figure.end()) \
        and not lex.compared_target_after.match(sentence, figure.end() + len(q.unit))


_OUTCOME_FIGURE = patterns.compile(r"([\u4e00-\u9fff]{0,4}?)[\d.]+")


def _against_the_target(sentence: str, pos: int, lex: Lexicon) -> bool:
    """Whether the clause after ``pos`` judges the figure before it against the target ("，比预期目标低0.4个百分点",
    "，未完成预期目标": cues.yaml target_nouns)."""
    end = _clause_bounds(sentence, pos)[1]
    if end >= len(sentence) or sentence[end] not in "，,；;":
        return False
    return bool(lex.target_noun.search(sentence, end + 1, _clause_bounds(sentence, end + 1)[1]))


def _base_fact(d: Draft, sentence: str, sent: Sentence, ctx: Context, meta: DocumentMeta, doc: str) -> Fact | None:
    """The starting value of a change (SPEC: "从X增加到Y" gives X as an actual of the base year): the
    year written (从2020年的3.68万亿元), else the year before the period the text speaks of (a
    five-year review's start, the past year's year before)."""
    q = d.quantity
    m = None
    for m in _BASE_YEAR_WRITTEN.finditer(sentence, max(0, q.start - LOOKBACK), q.start):
        pass
    if m is not None and not _CLAUSE_END.search(sentence, m.end(), q.start):
        period = m.group(1)
    elif d.base_offset is not None and (ctx.period or "").split("-")[-1].isdigit():
        period = str(int(ctx.period.split("-")[-1]) - d.base_offset)  # 由前三年分别…: one a year
    else:
        span = ctx.period or (str(meta.year) if meta.year else "")
        first = span.split("-")[0]
        if not first.isdigit():
            return None
        if ctx.kind == "target" and meta.year:
            first = str(meta.year)  # a target's starting point is where the report stands
        period = str(int(first) - 1)
    return _fact(d, sentence, sent, ctx, doc, "actual", period, None, False, f"{d.method};base-value;{ctx.source}")


def cn_year_count(text: str) -> int | None:
    """"两" → 2, "5" → 5: the number of years in 两年来, 5年来."""
    if text.isdigit():
        return int(text)
    return {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}.get(text)


_PLAN_START = patterns.compile(r"(?:比|较)(?:((?:19|20)\d{2})年(?:末|底)?|[“\"]?" + PLAN_NAME + r"[”\"]?末期?)")


def _against_plan_start(verb: str, span: str) -> bool:
    """SPEC: a change against the plan's start (比2020年增加…, 较“十三五”末净增…) has the plan span."""
    m = _PLAN_START.fullmatch(verb)
    return bool(m) and (not m.group(1) or span.startswith(str(int(m.group(1)) + 1)))


def _plan_span(period: str | None) -> tuple[int, int] | None:
    if not period:
        return None
    for start, end in FIVE_YEAR_PLANS.values():
        if str(end) == period.split("-")[-1]:
            return start, end
    return None


def _plan_span_from_text(text: str) -> tuple[int, int] | None:
    m = patterns.compile(PLAN_NAME).search(text)
    return FIVE_YEAR_PLANS.get(m.group(1)) if m else None


def _name_alike(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    return bool(a and b) and (a in b or b in a)


def _quote(sentence: str, q: Quantity) -> str:
    start, end = _clause_bounds(sentence, q.start)
    # a list item's dash or mark ("——地区生产总值增长5%左右", "1.全年城镇新增就业66.3万人") opens the clause, not
    # the quote
    return _LEADING_MARK.sub("", sentence[start:max(end, q.span_end)].strip()).strip()
