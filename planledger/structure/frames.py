"""Stage 3b: the time frame in force at each point of a report, from the words its sentences open on.

A heading gives a section its role and period (``structure.outline``), but reports mix periods
under one heading: "一、2025年工作和“十四五”发展回顾" reviews the past year ("过去一年，…") and then
the past five years ("回望“十四五”…", "——这五年，…"); "二、“十四五”时期发展成就和“十五五”时期主要
目标任务" turns from the review to the next plan's goals at "“十五五”时期是…"; a heading without a
keyword ("一、一年接着一年干，…") says nothing, and its first sentence ("2025年是“十四五”收官之年")
does. ``time_frames()`` reads these openers (data: ``data/frames.yaml``) and gives the frames they
set, each from its opener to where it stops:

- a frame set under a top-level heading lasts until the next opener or the next top-level section,
  or a sub-heading that names a role of its own;
- inside a section whose heading says it is this year's plan or targets, a backward frame (the past
  year, the past plan) lasts one paragraph ("去年，…" in the middle of the year's tasks).

The frames are the document model's explicit "which period is this text about": the extractor
takes its kind and period from the frame in force, and from the section only where no frame is.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

from .. import patterns
from ..errors import DataFileError
from .. import lexicon as lexicon_module
from ..lexicon import DATA, built_tables, load_yaml
from ..model import DocumentMeta, Section
from . import FIVE_YEAR_PLANS, PLAN_NAME, Sentence, sentences
from ..records import dataclass

FRAME_ROLES = {
    "past_year": "review",
    "past_plan": "five_year_review",
    "next_plan": "five_year_goals",
    "this_year": "plan",
    "this_year_targets": "targets",
}
_BACKWARD = ("past_year", "past_plan")
_FORWARD_SECTIONS = ("plan", "targets", "projects", "tasks")
_CN = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Frame:
    """One time frame: from the sentence that opened it to where it stops."""

    start: int  # offset (normalized text) of the opening sentence
    end: int  # where the frame stops
    frame: str  # past_year, past_plan, next_plan, this_year, this_year_targets
    role: str  # the section role it stands for (review, five_year_review, …)
    period: str  # "2025", "2021-2025", "2030", "2026"
    cue: str  # the words that opened it


@dataclass(frozen=True)
class FrameRules:
    """data/frames.yaml, checked and compiled."""

    skip: re.Pattern
    frames: tuple[tuple[str, tuple[str, ...], str], ...]  # (frame, pattern templates, scope), in file order
    # every template of every frame, in file order, as one pattern: group frame_<i> is frames[i]'s
    # templates, and what it matches is what frames[i]'s own pattern (``_frame_pattern``) matches
    pattern: re.Pattern
    # the characters a template's match can open on (``patterns.first_chars``), of the templates
    # whose are known; and the others ("[^。！；]{0,120}?编制了…": any character) as ``pattern`` is
    # made (same groups, same order), or None when there are none. Where a sentence's words open on
    # a character not in ``first``, none of the first can match there, and ``pattern`` matches what
    # ``others`` matches: a match tries every alternative, and most sentences open on no frame
    first: frozenset[str] = frozenset()
    others: re.Pattern | None = None
    # words one of which a match of ``others`` holds (``patterns.required_text``; None: not known):
    # a sentence that holds none after its opening words opens on no frame of those
    others_need: tuple[str, ...] | None = None
    # the characters a skip pattern's match opens on, white space aside (None: not known): a sentence
    # opening on none of them and on no white space has nothing to skip
    skip_first: frozenset[str] | None = None


@lru_cache(maxsize=1)
def frame_rules() -> FrameRules:
    """data/frames.yaml checked and compiled, once per process, or read as built from the cache folder
    (``lexicon.built_tables``: the templates' first characters and needed words are found by parsing
    them, ~4 ms a start-up)."""
    code = (__file__, str(Path(__file__).with_name("__init__.py")), patterns.__file__, lexicon_module.__file__)
    return built_tables("frames", ("frames.yaml",), code, _build_rules, (FrameRules,))


def _build_rules() -> FrameRules:
    data = load_yaml("frames.yaml")
    path = DATA / "frames.yaml"
    skip = data.get("skip")
    if not isinstance(skip, list) or not all(isinstance(s, str) and s for s in skip):
        raise DataFileError(path, "'skip' must be a list of non-empty patterns")
    entries = data.get("frames")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(path, "'frames' must be a non-empty list")
    frames = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or entry.get("frame") not in FRAME_ROLES:
            raise DataFileError(path, f"frames[{i}]: 'frame' must be one of {', '.join(FRAME_ROLES)}")
        templates = entry.get("patterns")
        if not isinstance(templates, list) or not all(isinstance(p, str) and p for p in templates):
            raise DataFileError(path, f"frames[{i}] ({entry['frame']}): 'patterns' must be a list of patterns")
        for p in templates:
            unknown = patterns.compile(r"\{[A-Za-z_]+\}").search(_generic(p, 0))
            if unknown:
                raise DataFileError(path, f"frames[{i}] ({entry['frame']}): bad pattern {p!r}: {KeyError(unknown.group())}")
        scope = entry.get("scope", "until_next")
        if scope not in ("until_next", "sentence", "paragraph"):
            raise DataFileError(path, f"frames[{i}] ({entry['frame']}): 'scope' must be until_next, sentence or paragraph")
        frames.append((entry["frame"], tuple(templates), scope))
    # the templates are compiled once, together (each class of CJK digits costs re a compile): a
    # template that is no pattern breaks the whole, and is then found by compiling each on its own
    union = "|".join(f"(?P<frame_{i}>{alternatives})" for i, alternatives in enumerate(_alternations(frames)))
    try:
        pattern = patterns.compile(union)
    except re.error as e:
        for i, (frame, templates, _) in enumerate(frames):
            for p in templates:
                try:
                    patterns.compile(_generic(p, 0))
                except re.error as bad:
                    raise DataFileError(path, f"frames[{i}] ({frame}): bad pattern {p!r}: {bad}") from bad
        raise DataFileError(path, f"the frames' patterns do not make one pattern: {e}") from e
    first, others = _first_and_others(frames)
    return FrameRules(patterns.compile("(?:\\s|" + "|".join(f"(?:{s})" for s in skip) + ")*"), tuple(frames), pattern,
                      first, others, patterns.required_text(others.pattern) if others is not None else None,
                      _skip_first(skip))


def _skip_first(skip: list[str]) -> frozenset[str] | None:
    found = [patterns.first_chars(s) for s in skip]
    return None if any(f is None for f in found) else frozenset().union(*found)


def _first_and_others(frames) -> tuple[frozenset[str], re.Pattern | None]:
    """``FrameRules.first`` and ``FrameRules.others``: the templates numbered as ``_alternations``
    numbers them, so that the groups of ``others`` are named as those of the whole pattern."""
    first: set[str] = set()
    others = []
    n = 0
    for i, (_frame, templates, _scope) in enumerate(frames):
        alternatives = []
        for template in templates:
            n += 1
            generic = _generic(template, n)
            chars = patterns.first_chars(generic)
            if chars is None:
                alternatives.append(f"(?:{generic})")
            else:
                first |= chars
        if alternatives:
            others.append(f"(?P<frame_{i}>{'|'.join(alternatives)})")
    return frozenset(first), patterns.compile("|".join(others)) if others else None


def _plan_holding(year: int) -> tuple[str, tuple[int, int]] | None:
    for name, (start, end) in FIVE_YEAR_PLANS.items():
        if start <= year <= end:
            return name, (start, end)
    return None


_YEAR_WORD = r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
_PLAN_WORD = "|".join(sorted(FIVE_YEAR_PLANS, key=len, reverse=True))
_PLACEHOLDER = patterns.compile(r"\{(year|prev|past_plan|ended_plan|done_plan|next_plan)\}")


def _generic(template: str, k: int) -> str:
    """The template for every year: each placeholder a named group (``year_3``, ``prev_3``…, numbered
    ``k`` by template) of any year or plan name, which ``_fits`` checks against the report's year."""
    def group(m: re.Match) -> str:
        word = _YEAR_WORD if m.group(1) in ("year", "prev") else f"(?:{_PLAN_WORD})"
        return f"(?P<{m.group(1)}_{k}>{word})"

    return _PLACEHOLDER.sub(group, template)


def _alternations(frames) -> list[str]:
    """Each frame's templates as one alternation for every year: a placeholder becomes a named group
    (``year_3``, ``prev_3`` … numbered by template) whose words ``_fits`` checks against the report's
    year, so the patterns are compiled once per process, not once per year met."""
    out = []
    n = 0
    for frame, templates, scope in frames:
        alternatives = []
        for template in templates:
            n += 1
            alternatives.append(f"(?:{_generic(template, n)})")
        out.append("|".join(alternatives))
    return out


@lru_cache(maxsize=None)
def _frame_pattern(i: int) -> re.Pattern:
    """frames[i]'s templates alone: what is tried after an earlier frame matched but did not fit
    the report's year (rare: compiled when first needed)."""
    return patterns.compile(_alternations(frame_rules().frames)[i])


def _year_of(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    digits = word.replace("零", "〇")
    return int("".join(str(_CN.index(c)) for c in digits)) if all(c in _CN for c in digits) else None


def _fits(m: re.Match, year: int) -> bool:
    """The years and plan names a match captured are the ones its placeholders stand for."""
    past, nxt = _plan_holding(year - 1), _plan_holding(year)
    for name, word in m.groupdict().items():
        if word is None:
            continue
        kind = name.rsplit("_", 1)[0]
        if kind == "year" and _year_of(word) != year or kind == "prev" and _year_of(word) != year - 1:
            return False
        if kind == "past_plan" and (not past or word != past[0]) or kind == "next_plan" and (not nxt or word != nxt[0]):
            return False
        if kind == "ended_plan" and (not past or word != past[0] or past[1][1] != year - 1):
            return False  # a plan still running ("“十一五”期间" in a report of 2007) is no plan ended
        if kind == "done_plan" and (word not in FIVE_YEAR_PLANS or FIVE_YEAR_PLANS[word][1] > year - 1):
            return False  # a plan ended before the report's year, however long before ("回顾“十三五”" in 2022)
    return True


def opener(sentence: str, year: int) -> tuple[str, str] | None:
    """(frame, cue) when the sentence opens on a frame's words, else None."""
    found = _opener(sentence, year)
    return found[:2] if found else None


def _opener(sentence: str, year: int) -> tuple[str, str, str] | None:
    """The first frame (in file order) whose templates match where the sentence's words start and
    fit the report's year. One pattern of all frames finds the first that matches (most sentences
    open on none); only when it does not fit are the frames after it tried one by one."""
    rules = frame_rules()
    opening = sentence[:1]
    if rules.skip_first is not None and opening and not opening.isspace() and opening not in rules.skip_first:
        at = 0  # \s is str.isspace (both Py_UNICODE_ISSPACE)
    else:
        at = rules.skip.match(sentence).end()
    if sentence[at:at + 1] in rules.first:
        m = rules.pattern.match(sentence, at)
    elif rules.others is None or rules.others_need is not None and all(
            sentence.find(w, at) < 0 for w in rules.others_need):
        return None
    else:
        m = rules.others.match(sentence, at)
    if m is None:
        return None
    first = int(m.lastgroup.rsplit("_", 1)[1])  # the frame group encloses its templates' groups: it closes last
    for i in range(first, len(rules.frames)):
        if i > first:
            m = _frame_pattern(i).match(sentence, at)
        frame, _, scope = rules.frames[i]
        if m and _fits(m, year):
            return frame, m.group(), scope
    return None


def _passed_by(rules: FrameRules):
    """``passed_by(text, start, end)``: True for a sentence ``text[start:end]`` that ``_opener`` settles
    as opening on no frame by its first character alone (no white space, none a skip pattern or a
    frame's template opens on) and, when some templates open on any character, by holding none of
    the words they need (as ``_opener`` looks for them) — without slicing the sentence or calling
    ``_opener`` for it, as for most sentences; None when that cannot be known (a skip pattern whose
    first characters are not known, templates on any character with no words known)."""
    if rules.skip_first is None or rules.others is not None and rules.others_need is None:
        return None
    opening = rules.skip_first | rules.first
    need = patterns.compile("|".join(map(re.escape, rules.others_need))).search \
        if rules.others is not None and rules.others_need else None

    def passed_by(text: str, start: int, end: int) -> bool:
        c = text[start:start + 1]
        return bool(c) and start < end and not c.isspace() and c not in opening and (
            need is None or need(text, start, end) is None)

    return passed_by


_YEARS_SINCE = patterns.compile(r"([两二三四])年来")
_THIS_YEAR_AHEAD = patterns.compile(r"[。！？；;!?]\s*(?:今年|明年|本年)")
_YEARS_SINCE_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4}


_COMING_YEARS = patterns.compile(r"(?:今后|未来)五年")
_NAMED_PLAN = patterns.compile(PLAN_NAME)


def frame_period(frame: str, year: int, cue: str = "") -> str:
    """The period a frame speaks of in a report of ``year``."""
    if frame == "past_year":
        return str(year - 1)
    if frame == "past_plan":
        years = _YEARS_SINCE.search(cue)
        if years:
            return f"{year - _YEARS_SINCE_COUNT[years.group(1)]}-{year - 1}"  # 两年来: the two years before
        named = _NAMED_PLAN.search(cue)
        if named and FIVE_YEAR_PLANS[named.group(1)][1] < year - 1:
            # "回顾“十三五”，…" in a report of 2022: the plan named, ended before the year just past
            start, end = FIVE_YEAR_PLANS[named.group(1)]
            return f"{start}-{end}"
        past = _plan_holding(year - 1)
        if past and (past[0] in cue or past[1][1] == year - 1):
            # the plan named, or the plan that just ended; one year only in a report of its second year
            return f"{past[1][0]}-{year - 1}" if past[1][0] < year - 1 else str(year - 1)
        return f"{year - 5}-{year - 1}"  # "过去五年" in a report mid-way through a plan
    if frame == "next_plan":
        nxt = _plan_holding(year)
        if nxt and nxt[1][0] < year and nxt[0] not in cue and _COMING_YEARS.search(cue):
            # "今后五年，…" in a report mid-way through a plan (a new government's first report, 2022 in the 十四五):
            # the five years from this one, not the plan's
            return str(year + 4)
        return str(nxt[1][1]) if nxt else str(year + 4)
    return str(year)


def time_frames(text: str, meta: DocumentMeta, sections: list[Section],
                sents: list[Sentence] | None = None) -> list[Frame]:
    """The frames the document's openers set, in text order, none overlapping (``sents``: the text's
    sentences when the caller has them already)."""
    year = meta.year
    if not year or len(sections) < 2:
        return []
    starts = [s.start for s in sections]

    def section_at(pos: int) -> Section:
        i = bisect.bisect_right(starts, pos) - 1
        while i > 0 and not (sections[i].start <= pos < sections[i].end):
            i -= 1
        return sections[max(i, 0)]

    def top_of(sec: Section) -> Section:
        while sec.level > 1:
            sec = next((s for s in reversed(sections[:sec.index]) if s.level < sec.level
                        and s.start <= sec.start < s.end), sections[0])
        return sec

    # where a running frame must stop: every top-level heading, and every sub-heading whose role
    # differs from its parent's (it names a period of its own)
    stops = sorted({s.start for s in sections[1:] if s.level <= 1} | {
        s.start for s in sections[1:] if s.level > 1 and _own_role(s, sections)} | {len(text)})
    frames: list[Frame] = []
    passed_by = _passed_by(frame_rules())
    for sent in sents if sents is not None else sentences(text):
        if passed_by is not None and passed_by(text, sent.start, sent.end):
            continue
        found = _opener(text[sent.start:sent.end], year) or _past_year_of_a_combined_review(text, sent, year, section_at,
                                                                                           top_of)
        if not found:
            continue
        frame, cue, scope = found
        if scope == "sentence":
            # "去年地区生产总值增长6.9%" inside a five-year review: this sentence only
            here = Frame(sent.start, sent.end, frame, FRAME_ROLES[frame], frame_period(frame, year, cue), cue)
            if frames and frames[-1].end > sent.start:
                prev = frames.pop()
                frames.append(Frame(prev.start, sent.start, prev.frame, prev.role, prev.period, prev.cue))
                frames.append(here)
                if prev.end > sent.end:
                    frames.append(Frame(sent.end, prev.end, prev.frame, prev.role, prev.period, prev.cue))
            else:
                frames.append(here)
            continue
        sec = section_at(sent.start)
        end = stops[bisect.bisect_right(stops, sent.start)]
        running = frame == "next_plan" and (held := _plan_holding(year)) is not None and held[1][0] < year
        if scope == "paragraph" and (ahead := _THIS_YEAR_AHEAD.search(text, sent.end - 1, end)):
            # "两年来通过财政…发行2100亿元长期国债。今年拟发行1000亿元": the look back ends where the year is
            end = ahead.start() + 1
        if frame in _BACKWARD and _forward(top_of(sec), sections) or running or scope == "paragraph":
            # a look back inside this year's work, or at the goals of a plan already running (quoted among
            # a year's tasks: "“十一五”期间，关停5000万千瓦小火电机组，今年要关停1000万千瓦"): its paragraph only
            nl = text.find("\n", sent.start)
            end = min(end, nl if nl >= 0 else len(text))
        if frames and frames[-1].end > sent.start:
            prev = frames[-1]
            frames[-1] = Frame(prev.start, sent.start, prev.frame, prev.role, prev.period, prev.cue)
        frames.append(Frame(sent.start, end, frame, FRAME_ROLES[frame], frame_period(frame, year, cue), cue))
    return frames


def _past_year_of_a_combined_review(text: str, sent: Sentence, year: int, section_at, top_of) -> tuple[str, str, str] | None:
    """("past_year", cue, "paragraph") for a paragraph that opens on the past year ("2025年，全省生产总值…；一般公共预算
    收入…") under a heading that reviews that year and the plan together (一、2025年和“十四五”时期工作回顾): the
    paragraph reviews the year. Under a heading of the five years alone (过去五年工作回顾), "2007年，国内生产总值…比
    2002年增长65.5%" speaks of the five years, and the year dates only its own sentence."""
    at = sent.start
    while at < sent.end and text[at] in " \t\u3000":
        at += 1
    if text[at:at + 6] not in (f"{year - 1}年，", f"{year - 1}年,"):
        return None
    if text[text.rfind("\n", 0, at) + 1:at].strip():
        return None  # the paragraph's first sentence only
    top = top_of(section_at(sent.start))
    if top.role != "five_year_review" or f"{year - 1}年" not in top.heading:
        return None
    return "past_year", text[at:at + 6], "paragraph"


def _forward(top: Section, sections: list[Section]) -> bool:
    """A top section about the year to come: a plan's, or a section of tasks whose heading names no period
    after one (三、继续保持经济平稳较快发展 after 二、2005年工作总体部署: its facts are the year's targets)."""
    return top.role in _FORWARD_SECTIONS or top.role == "other" and any(
        s.level <= 1 and s.role in _FORWARD_SECTIONS for s in sections[1:top.index])


def _own_role(sec: Section, sections: list[Section]) -> bool:
    parent = next((s for s in reversed(sections[:sec.index]) if s.level < sec.level and s.start <= sec.start < s.end),
                  None)
    return parent is not None and (sec.role, sec.period) != (parent.role, parent.period)


class FrameIndex:
    """The frame in force at a point of the text."""

    def __init__(self, frames: list[Frame]):
        self.frames = frames
        self.starts = [f.start for f in frames]

    def at(self, pos: int) -> Frame | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.frames[i].start <= pos < self.frames[i].end:
            return self.frames[i]
        return None
