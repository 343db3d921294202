"""The languages of what people read: Chinese (``zh``, the default) and English (``en``), for the web
pages and the CLI's readable tables (``--format table|markdown|html``) alike.

Every label, status, qualifier, reason and message goes through gettext: the web templates use
Jinja2's i18n extension (``{% trans %}``, ``_()``; installed by ``web/deps.py``), Python code marks its
strings with ``N_`` and translates them with ``gettext``. The messages are English (they are the
English interface and the ids the API and the data formats keep); the Chinese catalogue is
``planledger/locale/zh/LC_MESSAGES/messages.po``, compiled in memory with Babel when it is first
needed (no ``.mo`` to keep in sync). ``tests/test_i18n.py`` extracts every message from this module,
the web code and the templates with Babel and checks that the catalogue translates each one. To add a
message: write it in English in a template or mark it with ``N_``; add its ``msgid``/``msgstr`` to the
``.po`` (``pybabel extract -F planledger/babel.cfg -k N_ -o /tmp/m.pot planledger`` lists them all).

The language of a request: ``?lang=zh|en``, else the ``lang`` cookie (set when ``?lang`` is
given), else the browser's Accept-Language, else Chinese. Numbers and dates are formatted with
Babel for the page's locale (zh_Hans_CN: 1,234.5 and 2026年12月1日). The CLI sets the language
with ``set_lang`` from its ``--lang``.
"""
from __future__ import annotations

import contextvars
import gettext as _gettext
import io
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, parse_pattern

from . import patterns
from .errors import DataFileError

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGS = ("zh", "en")
DEFAULT = "zh"
BABEL_LOCALE = {"zh": "zh_Hans_CN", "en": "en"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}
COOKIE = "lang"


def N_(message: str) -> str:
    """Mark a message for extraction; translated where it is shown."""
    return message


# statuses of the scorecard (assess), of the claims and of the tasks: the API and exports keep these ids
STATUSES = [N_("met"), N_("exceeded"), N_("partly"), N_("missed"), N_("not comparable"), N_("pending"),
            N_("unreported"), N_("conflict"), N_("inconclusive"), N_("ahead"), N_("on track"), N_("behind")]
CLAIM_STATUSES = [N_("agrees"), N_("disagrees"), N_("cannot check")]
TASK_STATUSES = [N_("achieved"), N_("progressing"), N_("behind"), N_("no report"), N_("pending")]
STORE_RESULTS = [N_("added"), N_("unchanged"), N_("replaced")]  # Store.save's answers (upload)
KINDS = {"target": N_("target"), "actual": N_("outcome"), "other": N_("other")}
CATEGORIES = [N_("economy"), N_("industry"), N_("innovation"), N_("fiscal"), N_("finance"), N_("opening"),
              N_("people"), N_("social"), N_("urbanization"), N_("environment"), N_("safety"),
              N_("agriculture"), N_("infrastructure"), N_("culture"), N_("uncatalogued")]
# the document types structure.py tells apart
DOC_TYPES = {"government_work_report": N_("government work report"), "plan_report": N_("plan report"),
             "plan_execution_report": N_("plan execution report"), "news": N_("news"), "unknown": N_("unknown type")}
MEASURES = {"growth": N_("growth"), "level": N_("level")}
# quantities as written: the value (with its unit) in the words of each language
QUALIFIERS = {">=": N_("at least %(v)s"), ">": N_("more than %(v)s"), "<=": N_("at most %(v)s"),
              "<": N_("less than %(v)s"), "~": N_("about %(v)s"), "=": N_("%(v)s")}
RANGE = N_("%(lo)s–%(hi)s")
# units as the reports write them → their English; the Chinese catalogue gives them back as written.
# A unit not listed here is shown as written in both languages.
UNITS = {"个百分点": N_("pp"), "亿元": N_("100 million yuan"), "万亿元": N_("trillion yuan"),
         "万元": N_("10,000 yuan"), "元": N_("yuan"), "美元": N_("US dollars"), "亿美元": N_("100 million US dollars"),
         "万人": N_("10,000 people"), "人": N_("people"), "万户": N_("10,000 households"), "户": N_("households"),
         "家": N_("firms"), "公里": N_("km"), "万吨": N_("10,000 tonnes"), "吨": N_("tonnes"),
         "亿公斤": N_("100 million kg"), "万亩": N_("10,000 mu"), "亩": N_("mu"), "平方公里": N_("km²"),
         "万平方米": N_("10,000 m²"), "万千瓦": N_("10,000 kW"), "亿千瓦时": N_("100 million kWh"),
         "所": N_("schools"), "项": N_("items"), "件": N_("pieces"), "天": N_("days"), "年": N_("years"),
         "岁": N_("years of age")}
# The reasons of the assessment, the links, the verdicts stated in words, the claims and the tasks
# (assess.py, link.py, ledger.py, claims.py, tasks.py) are English sentences built from clauses; each
# template below is one clause. ``reason()`` reads a reason against them (the first that fits, in this
# order: the clauses added after another reason first) and gives it in the page's language. A field's
# name says what it holds (``FIELDS``): another reason (translated in turn), one of the outcomes set
# aside and why (``WHYS``), an indicator and its measure (the catalogue's name), a status, a figure with
# its document and sentence (punctuated for the language), or text shown as written (years, numbers,
# document names, sentences).
REASONS = [
    # clauses added after another reason (link.py's choice, assess.py's bound and set-aside outcomes)
    N_("%(head)s; set aside: %(fact)s — %(why)s"),
    N_("%(head)s; stated as a bound (%(fact)s): %(status)s whatever the figure within it"),
    N_("%(head)s; the final figure, not the estimate (预计)"),
    N_("%(head)s; only an estimate (预计) is reported"),
    # clauses put before another reason
    N_("a %(p)s target against the review of %(doc)s (the report that closes the period); %(rest)s"),
    N_("the outcome is stated only as a bound that does not settle the target: %(fact)s; %(rest)s"),
    N_("the target is %(status)s: %(rest)s"),
    # which outcome a verdict rests on (link.py)
    N_("the only %(p)s outcome for %(what)s, in %(docs)s"),
    N_("the %(p)s outcome for %(what)s, stated %(n)s times in %(docs)s"),
    N_("the latest of %(n)s %(p)s outcome for %(what)ss, in %(docs)s"),
    N_("the only outcome, in %(docs)s"),
    N_("the outcome, stated %(n)s times in %(docs)s"),
    N_("the latest of %(n)s outcomes, in %(docs)s"),
    # verdicts without an outcome, or with several (assess.py, ledger.py)
    N_("period %(period)s is reviewed by the documents (up to %(upto)s) and no %(p)s outcome for %(what)s was found"),
    N_("period %(period)s is not over in the documents at hand"),
    N_("%(doc)s says so in words and gives no figure: %(sentence)s"),
    N_("%(n)s different %(p)s outcomes, none picked: %(facts)s"),
    N_("units differ: %(a)s against %(b)s: %(fact)s"),
    N_("units differ: %(a)s against %(b)s"),
    N_("%(why)s: %(figure)s"),
    # multi-year targets on their way (assess.py)
    N_("no annual outcome yet"),
    N_("reached in %(year)s (提前实现)"),
    N_("mean of %(n)s annual rates %(first)s–%(last)s"),
    N_("%(year)s: %(figure)s; no base year to draw the path from"),
    N_("%(year)s: %(value)s against %(expected)s on the path from %(base_year)s (%(base)s)"),
    N_("a change over %(period)s in %(unit)s, not yet over: no annual rates to add up"),
    N_("%(year)s: stated only as a bound (%(fact)s) short of %(expected)s on the path from %(base_year)s (%(base)s)"),
    N_("a change over %(period)s (not an average): the annual outcome of %(years)s is not in the documents, "
       "so the change so far is unknown"),
    N_("an annual outcome is no rate"),
    N_("a total over %(period)s: the annual outcome of %(years)s is not in the documents, so the total so far is "
       "unknown"),
    N_("an annual outcome is in another unit than %(unit)s"),
    N_("a level over %(period)s: the annual outcome of %(years)s is not in the documents"),
    N_("mean of %(n)s annual figures %(first)s–%(last)s"),
    N_("held in %(n)s of %(m)s years so far; not in %(years)s"),
    N_("held in each of %(n)s years so far (%(first)s–%(last)s)"),
    N_("%(first)s–%(last)s added up: %(total)s (提前实现)"),
    N_("%(first)s–%(last)s added up: %(total)s against %(expected)s at a steady pace to %(target)s by %(end)s"),
    N_("%(first)s–%(last)s compounded: %(so_far)s against %(expected)s at a steady pace to %(target)s by %(end)s"),
    # the tasks' reasons (tasks.py)
    N_("promised %(promised)s (%(verb)s), reported %(reported)s (%(rverb)s)"),
    N_("%(period)s is reviewed and %(object)s is not mentioned"),
    N_("%(period)s is not reviewed yet"),
    # the claims' reasons (claims.py)
    N_("reached"), N_("not reached"),
    N_("no outcome stands before the claim in its sentence"),
    N_("no target was linked to %(figure)s"),
    N_("the target is %(status)s"),
    N_("the claim is in %(a)s, the margin in %(b)s"),
    N_("claimed %(claimed)s, computed %(computed)s"),
]
# why an outcome was set aside (link.py's excluded, assess.py's found)
WHYS = [
    N_("cumulative outcome against an annual target"),
    N_("level outcome against a growth target"),
    N_("growth outcome against a level target"),
    N_("a multi-year figure (%(cue)s) against a single-year target"),
    N_("a figure over %(span)s (%(cue)s) against a single-year target"),
    N_("a figure over %(span)s against a single-year target"),
    N_("another unit"), N_("a qualifying outcome"), N_("a bound"),
    N_("a total against a number added"), N_("a number added against a total"),
    N_("a change over the whole period against an average target"),
    N_("an average of the years against a change over the whole period"),
]
# an indicator (catalogue id, else as written) and its measure, in a reason
WHAT = {"growth": N_("%(name)s growth"), "level": N_("%(name)s level")}
FACT = N_("%(figure)s (%(doc)s: %(quote)s)")  # a figure with where it was written (assess.py's _describe)
# the rungs of data/stages.yaml (a task's promised and reported stage)
STAGES = [N_("planning"), N_("preparation"), N_("started"), N_("building"), N_("finishing"), N_("completed")]

_current: contextvars.ContextVar[str] = contextvars.ContextVar("planledger_lang", default=DEFAULT)


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang`` (English is the messages themselves)."""
    if lang == "en":
        return _gettext.NullTranslations()
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    try:
        with path.open("rb") as f:
            catalog = read_po(f, locale=BABEL_LOCALE[lang])
    except (OSError, ValueError) as e:
        raise DataFileError(path, f"cannot read the message catalogue: {e}") from e
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def set_lang(lang: str) -> contextvars.Token:
    return _current.set(lang if lang in LANGS else DEFAULT)


def reset_lang(token: contextvars.Token) -> None:
    """Back to the language before the ``set_lang`` that gave ``token``."""
    _current.reset(token)


def current() -> str:
    return _current.get()


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def negotiate(query_lang: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The page's language: the query, then the cookie, then Accept-Language, then Chinese."""
    for choice in (query_lang, cookie):
        if choice in LANGS:
            return choice
    if accept_language:
        wanted = []
        for part in accept_language.split(","):
            tag, _, q = part.strip().partition(";q=")
            try:
                weight = float(q) if q else 1.0
            except ValueError:
                weight = 0.0
            if tag:
                wanted.append((weight, tag.strip().replace("-", "_")))
        for _, tag in sorted(wanted, key=lambda w: -w[0]):
            try:
                lang = Locale.parse(tag).language
            except (ValueError, UnknownLocaleError):
                continue
            if lang in LANGS:
                return lang
    return DEFAULT


# -- formatting ----------------------------------------------------------------------------------------
def number(value: Any) -> str:
    """A number for the page's locale (1,234.5); '' for None; booleans as yes / no."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, (int, float)):
        return format_decimal(value, format=_PATTERN, locale=_locale(current()))
    return str(value)


_PATTERN = parse_pattern("#,##0.####")


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALE[lang])


def date(value: Any) -> str:
    """An ISO timestamp (as the store keeps it) as a date and time of the page's locale."""
    if not value:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_datetime(moment, "medium", locale=_locale(current()))


def doc_type(t: str | None) -> str:
    return gettext(DOC_TYPES[t]) if t in DOC_TYPES else (t or "")


def stage(s: str | None) -> str:
    return gettext(s) if s in STAGES else (s or "")


def unit(u: str | None) -> str:
    """A unit in the page's language: 亿元 stays 亿元 in Chinese, is '100 million yuan' in English."""
    u = u or ""
    if u not in UNITS:
        return u
    text = gettext(UNITS[u])
    return f" {text}" if current() == "en" and text[:1].isalnum() and u != "个百分点" else text


def status(s: str | None) -> str:
    return gettext(s) if s else ""


def stored(s: str | None) -> str:
    return gettext(s) if s in STORE_RESULTS else (s or "")


def kind(k: str | None) -> str:
    return gettext(KINDS.get(k or "", k or ""))


def quantity(value: Any, high: Any = None, qualifier: str = "=", u: str | None = "") -> str:
    """6, None, '>=', '%' → 6%以上 (zh) / at least 6% (en); a range 6–6.5%."""
    if value is None:
        return ""
    if qualifier == "range" and high is not None:
        return gettext(RANGE) % {"lo": number(value), "hi": number(high)} + unit(u)
    body = number(value) + unit(u)
    return gettext(QUALIFIERS.get(qualifier or "=", "%(v)s")) % {"v": body}


def margin(value: float | None, u: str | None) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else ""
    text = unit(u)
    sep = " " if current() == "en" and text and not text.startswith(" ") else ""
    return f"{sign}{number(round(value, 4))}{sep}{text}".strip()


# what each field of a reason holds; a field not named here is shown as written
FIELDS = {"head": "reason", "rest": "reason", "why": "why", "what": "what", "fact": "fact", "facts": "facts",
          "status": "status", "promised": "stage", "reported": "stage"}
_STATUS = "|".join(patterns.longest_first(re.escape(x) for x in {*STATUSES, *TASK_STATUSES}))
# the text a field may match: a reason before an added clause reaches its last such clause (greedy)
_FIELD_PATTERN = {"head": ".+", "status": f"(?:{_STATUS})"}


def template_pattern(template: str) -> re.Pattern:
    parts = re.split(r"%\((\w+)\)s", template)
    out = ""
    for i, p in enumerate(parts):
        out += re.escape(p) if i % 2 == 0 else f"(?P<{p}>{_FIELD_PATTERN.get(p, '.+?')})"
    return patterns.compile(f"^{out}$", re.S)


_REASONS = [(t, template_pattern(t)) for t in REASONS]
_WHYS = [(t, template_pattern(t)) for t in WHYS]
_FACT = patterns.compile(r"^(?P<figure>\S+) \((?P<doc>[^:()]+): (?P<quote>.*)\)$", re.S)


def _read(text: str, templates: list[tuple[str, re.Pattern]]) -> str | None:
    """``text`` in the current language by the first template it fits whose fields read; None if none."""
    for template, pattern in templates:
        m = pattern.match(text)
        if not m:
            continue
        fields = {}
        for name, value in m.groupdict().items():
            shown = _field(name, value)
            if shown is None:
                break
            fields[name] = shown
        else:
            return gettext(template) % fields
    return None


def _field(name: str, value: str) -> str | None:
    kind = FIELDS.get(name)
    if kind == "reason":
        return _read(value, _REASONS) or value
    if kind == "why":
        return _read(value, _WHYS)
    if kind == "what":
        return indicator_measure(value)
    if kind == "fact":
        return _fact(value)
    if kind == "facts":
        return gettext("; ").join(_fact(f) for f in value.split("; "))
    if kind == "status":
        return status(value)
    if kind == "stage":
        return stage(value)
    return value


def _fact(text: str) -> str:
    m = _FACT.match(text)
    return gettext(FACT) % m.groupdict() if m else text


def indicator_measure(text: str) -> str:
    """"gdp growth" (a catalogue id or an indicator as written, then the measure) in the page's
    language: 地区生产总值增速 in Chinese (the catalogue's name), gdp growth in English."""
    ident, _, measure = text.rpartition(" ")
    if not ident or measure not in WHAT:
        return text
    return gettext(WHAT[measure]) % {"name": indicator_name(ident)}


def indicator_name(ident: str) -> str:
    """A catalogue id as the page's language names it: the catalogue's (Chinese) name in Chinese, the
    id in English; anything else (an indicator as written) as it is."""
    if current() == "en":
        return ident
    return _catalogue_names().get(ident, ident)


@lru_cache(maxsize=1)
def _catalogue_names() -> dict[str, str]:
    from .catalogue import load_catalogue

    return {entry.id: entry.name for entry in load_catalogue()}


def reason(text: str | None) -> str:
    """A reason (assessment, link, claim, task) in the page's language; as it is when no template fits."""
    if not text:
        return ""
    return _reason(text, current())


@lru_cache(maxsize=4096)
def _reason(text: str, lang: str) -> str:
    return _read(text, _REASONS) or text


def claims(text: str | None) -> str:
    """The ledger's "agrees: 高于预期目标…; disagrees: …" with the statuses in the page's language."""
    if not text:
        return ""
    out = []
    for part in text.split("; "):
        head, sep, rest = part.partition(": ")
        out.append(f"{gettext(head)}{'：' if current() == 'zh' else ': '}{rest}" if sep and head in CLAIM_STATUSES
                   else part)
    return "；".join(out) if current() == "zh" else "; ".join(out)


# -- the CLI's readable tables (present.py: --format table, markdown, html) -------------------------------
# a column's header; a column not listed keeps its name. The panel's columns "gdp target" are the
# indicator's name and the field's header.
COLUMNS = {
    "region": N_("region"), "period": N_("period"), "year": N_("year"), "indicator": N_("indicator"),
    "names": N_("names as written"), "target": N_("target"), "outcome": N_("outcome"), "status": N_("status"),
    "margin": N_("margin"), "binding": N_("binding"), "claims": N_("claims"), "reason": N_("reason"),
    "target_sources": N_("target sources"), "outcome_source": N_("outcome source"), "doc": N_("document"),
    "claim": N_("claim"), "claimed": N_("claimed"), "computed": N_("computed"), "unit": N_("unit"),
    "kind": N_("kind"), "measure": N_("measure"), "value": N_("value"), "value_high": N_("upper end"),
    "qualifier": N_("qualifier"), "estimated": N_("estimated"), "source": N_("source"),
    "target_high": N_("target upper end"), "target_docs": N_("target documents"),
    "outcome_doc": N_("outcome document"), "code": N_("division code"), "level": N_("administrative level"),
    "what": N_("what"), "sentence": N_("sentence"), "object": N_("object"), "promised": N_("promised"),
    "reported": N_("reported"), "commitment_doc": N_("commitment document"),
    "commitment_quote": N_("commitment sentence"), "outcome_quote": N_("outcome sentence"),
    "name": N_("name"), "doc_type": N_("document type"), "n_facts": N_("facts"), "title": N_("title"),
    "canonical": N_("catalogue id"), "quote": N_("quote"), "path": N_("path"), "problem": N_("problem"),
    "at": N_("when"), "last_target": N_("last year's target"), "last_target_high": N_("last year's upper end"),
    "last_qualifier": N_("last year's qualifier"), "last_outcome": N_("last year's outcome"),
    "last_verdict": N_("last year's verdict"), "change": N_("change of target"),
}
# the tables' own names (present.Sheet.name) and the levels of a region (the panel's level column)
SHEETS = {"scorecard": N_("scorecard"), "claims": N_("claims"), "history": N_("history"), "panel": N_("panel"),
          "sources": N_("sources"), "tasks": N_("tasks")}
LEVELS = {"national": N_("national"), "province": N_("province"), "prefecture": N_("prefecture"),
          "county": N_("county")}
SOURCE_WHAT = {"target": N_("%(year)s target"), "outcome": N_("%(year)s outcome")}  # the panel's sources
_SOURCE_WHAT = patterns.compile(r"^(\d{4}) (target|outcome)$")
_MARGIN = patterns.compile(r"^([+-]?[0-9.e+-]+) (.+)$")


def header(column: str) -> str:
    """A column's header in the current language."""
    if column in COLUMNS:
        return gettext(COLUMNS[column])
    ident, _, field = column.partition(" ")
    if field in COLUMNS:  # the panel's "gdp target"
        return f"{indicator_name(ident)}{'' if current() == 'zh' else ' '}{gettext(COLUMNS[field])}"
    return column


def sheet_name(name: str) -> str:
    return gettext(SHEETS[name]) if name in SHEETS else name


def cell(column: str, value: Any) -> Any:
    """A cell of a readable table in the current language: statuses, reasons, kinds, measures, stages,
    yes/no, levels; other cells (numbers, texts as written) as they are."""
    if value is None or value == "":
        return value
    field = column.partition(" ")[2] if column not in COLUMNS else column
    if field in ("status", "last_verdict"):
        return status(value)
    if field == "reason":
        return reason(value)
    if field == "indicator" and isinstance(value, str):
        return indicator_name(value)
    if field == "claims":
        return claims(value)
    if field == "kind":
        return kind(value)
    if field == "measure":
        return gettext(MEASURES[value]) if value in MEASURES else value
    if field in ("promised", "reported"):
        return stage(value)
    if field == "doc_type":
        return doc_type(value)
    if field == "level":
        return gettext(LEVELS[value]) if value in LEVELS else value
    if field in ("binding", "estimated") and isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field == "what" and isinstance(value, str) and (m := _SOURCE_WHAT.match(value)):
        return gettext(SOURCE_WHAT[m.group(2)]) % {"year": m.group(1)}
    if field == "margin" and isinstance(value, str) and (m := _MARGIN.match(value)):
        return m.group(1) + (unit("个百分点") if m.group(2) == "pp" else unit(m.group(2))) if current() == "zh" \
            else value
    return value


__all__ = ["LANGS", "DEFAULT", "N_", "gettext", "ngettext", "negotiate", "set_lang", "current", "number", "date",
           "unit", "status", "kind", "quantity", "margin", "reason", "indicator_name", "indicator_measure",
           "header", "cell", "sheet_name", "reset_lang",
           "translations"]
