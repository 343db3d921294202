"""The web interface's languages: Chinese (``zh``, the default) and English (``en``).

Every label, status, qualifier and message of the pages goes through gettext: the templates use
Jinja2's i18n extension (``{% trans %}``, ``_()``), Python code marks its strings with ``N_`` and
translates them with ``gettext``. The messages are English (they are the English interface and the
ids the API keeps); the Chinese catalogue is ``locale/zh/LC_MESSAGES/messages.po``, compiled in
memory with Babel when it is first needed (no ``.mo`` to keep in sync). ``tests/test_i18n.py``
extracts every message from the templates and this package with Babel and checks that the
catalogue translates each one. To add a message: write it in English in a template or mark it with
``N_``; add its ``msgid``/``msgstr`` to the ``.po`` (``pybabel extract -F planledger/web/babel.cfg
-o /tmp/m.pot planledger/web`` lists them all).

The language of a request: ``?lang=zh|en``, else the ``lang`` cookie (set when ``?lang`` is
given), else the browser's Accept-Language, else Chinese. Numbers and dates are formatted with
Babel for the page's locale (zh_Hans_CN: 1,234.5 and 2026年12月1日).
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

from ..errors import DataFileError

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
# the assessment's and the tasks' reasons (English sentences from assess.py / tasks.py); a reason
# that fits none of these is shown as it is
REASONS = [
    N_("period %(period)s is reviewed by the documents and no outcome was found"),
    N_("period %(period)s is not over in the documents at hand"),
    N_("the only outcome reported"),
    N_("no annual outcome yet"),
    N_("level outcome against a growth target: %(fact)s"),
    N_("growth outcome against a level target: %(fact)s"),
    N_("cumulative outcome against an annual target: %(fact)s"),
    N_("units differ: %(a)s against %(b)s"),
    N_("promised %(promised)s (%(verb)s), reported %(reported)s (%(rverb)s)"),
    N_("%(period)s is reviewed and %(object)s is not mentioned"),
    N_("%(period)s is not reviewed yet"),
    # the verdicts' reasons with their evidence (link.py, assess.py, stated.py)
    N_("period %(period)s is reviewed by the documents (up to %(upto)s) and no %(p)s outcome for %(what)s was found"),
    N_("the only %(p)s outcome for %(what)s, in %(docs)s"),
    N_("the %(p)s outcome for %(what)s, stated %(n)s times in %(docs)s"),
    N_("%(doc)s says so in words and gives no figure: %(sentence)s"),
    N_("%(n)s different %(p)s outcomes, none picked: %(found)s"),
    N_("the outcome is stated only as a bound that does not settle the target: %(fact)s; %(rest)s"),
    N_("a %(p)s target against the review of %(doc)s (the report that closes the period); %(rest)s"),
    N_("reached in %(year)s (提前实现)"),
    # the claims' reasons (claims.py)
    N_("reached"), N_("not reached"),
    N_("no outcome stands before the claim in its sentence"),
    N_("no target was linked to %(fact)s"),
    N_("the target is %(status)s"),
    N_("the claim is in %(a)s, the margin in %(b)s"),
    N_("claimed %(claimed)s, computed %(computed)s"),
]
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


def _reason_pattern(template: str) -> re.Pattern:
    parts = re.split(r"%\((\w+)\)s", template)
    out = ""
    for i, p in enumerate(parts):
        out += re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)"
    return re.compile(f"^{out}$")


_REASONS = [(t, _reason_pattern(t)) for t in REASONS]


def reason(text: str | None) -> str:
    """An assessment's reason in the page's language (as it is when no template fits)."""
    if not text:
        return ""
    for template, pattern in _REASONS:
        m = pattern.match(text)
        if m:
            fields = {k: (gettext(v) if v in STAGES or v in STATUSES else v) for k, v in m.groupdict().items()}
            return gettext(template) % fields
    return text


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


def install(env: Any) -> None:
    """Jinja2's i18n extension with this module's gettext, and the formatting filters."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters.update(num=number, date=date, unit=unit, status=status, kind_label=kind, reason=reason,
                       claims=claims, stage=stage, doc_type=doc_type, stored=stored)
    env.globals.update(quantity=quantity, margin=margin, current_lang=current, html_lang=lambda: HTML_LANG[current()])


__all__ = ["LANGS", "DEFAULT", "N_", "gettext", "ngettext", "negotiate", "set_lang", "current", "number", "date",
           "unit", "status", "kind", "quantity", "margin", "reason", "install", "translations"]
