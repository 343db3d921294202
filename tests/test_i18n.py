"""The web interface's message catalogue (planledger/web/i18n.py + locale/zh/.../messages.po):
every message of the templates and the web code is translated, placeholders agree, every status
the assessment and the tasks give has a label, the language is negotiated as documented, and
numbers and dates are formatted for the page's locale."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("babel")

from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.frontend import parse_mapping_cfg  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from planledger.web import i18n  # noqa: E402

WEB = Path(i18n.__file__).resolve().parent
PO = WEB / "locale" / "zh" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def _extracted() -> list[tuple[str, int, object]]:
    with open(WEB / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    return [(fn, line, msg) for fn, line, msg, _c, _ctx in
            extract_from_dir(str(WEB), method_map, options_map, keywords=KEYWORDS)]


EXTRACTED = _extracted()
with PO.open("rb") as _f:
    CATALOG = read_po(_f)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


@pytest.mark.parametrize("where,msg", [(f"{Path(fn).name}:{line}", msg) for fn, line, msg in EXTRACTED],
                         ids=[f"{Path(fn).name}:{line}" for fn, line, _m in EXTRACTED])
def test_every_message_is_translated(where, msg):
    key = msg[0] if isinstance(msg, tuple) else msg
    entry = CATALOG.get(key)
    assert entry is not None, f"{where}: {key!r} is not in {PO.name} (add its msgid and msgstr)"
    translated = entry.string[0] if isinstance(entry.string, (tuple, list)) else entry.string
    assert translated.strip(), f"{where}: {key!r} has no Chinese translation"
    assert _placeholders(translated) == _placeholders(key), f"{where}: placeholders differ in {key!r}"
    assert not entry.fuzzy


def test_the_catalogue_holds_no_stale_message():
    used = {m[0] if isinstance(m, tuple) else m for _f, _l, m in EXTRACTED}
    stale = [m.id for m in CATALOG if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in used]
    assert not stale, f"messages no longer used: {stale}"


def test_every_status_of_the_assessment_and_the_tasks_has_a_label():
    from planledger import assess, tasks

    statuses = {v for k, v in vars(assess).items() if k.isupper() and isinstance(v, str) and " " not in k}
    statuses |= {tasks.ACHIEVED, tasks.PROGRESSING, tasks.BEHIND, tasks.NO_REPORT, tasks.PENDING}
    statuses |= {"conflict", "inconclusive"}  # the assessment's new statuses
    i18n.set_lang("zh")
    for s in statuses:
        assert s in i18n.STATUSES + i18n.TASK_STATUSES, s
        assert i18n.status(s) != s and re.search(r"[\u4e00-\u9fff]", i18n.status(s)), s


@pytest.mark.parametrize("status,zh", [("met", "达到"), ("exceeded", "超额完成"), ("missed", "未达到"),
                                       ("partly", "部分完成"), ("not comparable", "无法比较"), ("pending", "待评估"),
                                       ("unreported", "未报告"), ("conflict", "冲突"), ("inconclusive", "无法判定"),
                                       ("ahead", "超前"), ("on track", "符合进度"), ("behind", "滞后")])
def test_status_labels(status, zh):
    i18n.set_lang("zh")
    assert i18n.status(status) == zh
    i18n.set_lang("en")
    assert i18n.status(status) == status


@pytest.mark.parametrize("args,zh,en", [
    ((6, None, ">=", "%"), "6%以上", "at least 6%"),
    ((5.5, None, "<=", "%"), "5.5%以内", "at most 5.5%"),
    ((3, None, "~", "%"), "3%左右", "about 3%"),
    ((4500, None, ">", "家"), "超过4,500家", "more than 4,500 firms"),
    ((6, 6.5, "range", "%"), "6—6.5%", "6–6.5%"),
    ((2.3, None, "=", "个百分点"), "2.3个百分点", "2.3pp"),
    ((27894, None, "=", "亿元"), "27,894亿元", "27,894 100 million yuan"),
    ((60, None, "~", "万人"), "60万人左右", "about 60 10,000 people"),
    ((3, None, "=", "个"), "3个", "3个"),  # a unit not listed is shown as written
])
def test_quantities_read_in_each_language(args, zh, en):
    i18n.set_lang("zh")
    assert i18n.quantity(*args) == zh
    i18n.set_lang("en")
    assert i18n.quantity(*args) == en


def test_reasons_are_translated_and_unknown_ones_kept():
    i18n.set_lang("zh")
    assert i18n.reason("period 2021 is reviewed by the documents and no outcome was found") == \
        "已有文件回顾2021年，但未找到实际完成情况"
    assert i18n.reason("units differ: 项 against 件") == "单位不同：项 与 件"
    assert i18n.reason("something new") == "something new"


@pytest.mark.parametrize("query,cookie,accept,lang", [
    (None, None, None, "zh"), ("en", None, None, "en"), (None, "en", None, "en"), ("zh", "en", "en", "zh"),
    (None, None, "en-US,en;q=0.9", "en"), (None, None, "fr-FR,zh-CN;q=0.8,en;q=0.5", "zh"),
    (None, None, "de", "zh"), ("xx", None, "en", "en"), (None, None, "en;q=bad,zh", "zh"),
])
def test_language_negotiation(query, cookie, accept, lang):
    assert i18n.negotiate(query, cookie, accept) == lang


def test_numbers_and_dates_for_the_locale():
    i18n.set_lang("zh")
    assert i18n.number(27894.5) == "27,894.5" and i18n.number(True) == "是" and i18n.number(None) == ""
    assert i18n.date("2026-12-01T11:00:00").startswith("2026年12月1日")
    assert i18n.margin(2.3, "个百分点") == "+2.3个百分点" and i18n.margin(-1, "万人") == "-1万人"
    i18n.set_lang("en")
    assert i18n.date("2026-12-01T11:00:00").startswith("Dec 1, 2026")
    assert i18n.margin(2.3, "个百分点") == "+2.3 pp"
    assert i18n.margin(15.1, "万人") == "+15.1 10,000 people"


@pytest.mark.parametrize("written", sorted(i18n.UNITS))
def test_each_listed_unit_reads_back_as_written_in_chinese(written):
    i18n.set_lang("zh")
    assert i18n.unit(written) == written
    i18n.set_lang("en")
    assert not re.search(r"[\u4e00-\u9fff]", i18n.unit(written))


def test_every_stage_of_the_stage_ladder_has_a_label():
    from planledger.tasks import stages

    i18n.set_lang("zh")
    for rung in stages().rungs:
        assert rung in i18n.STAGES and re.search(r"[\u4e00-\u9fff]", i18n.stage(rung)), rung
    assert i18n.reason("promised completed (建成), reported building (推进)") == "承诺建成（建成），报告在建（推进）"


@pytest.mark.parametrize("head,kind", [
    ("2021年重庆市人民政府工作报告", "government_work_report"),
    ("关于重庆市2020年国民经济和社会发展计划执行情况与2021年计划草案的报告\n主要预期目标", "plan_report"),
    ("关于2020年国民经济和社会发展计划执行情况的报告", "plan_execution_report"),
    ("本报记者 张三\n重庆今年经济增长", "news"),
    ("一段无从判断的文字", "unknown"),
])
def test_every_document_type_has_a_label(head, kind):
    from planledger.structure import describe

    assert describe(head).doc_type == kind  # the types structure.py gives
    i18n.set_lang("zh")
    assert re.search(r"[\u4e00-\u9fff]", i18n.doc_type(kind))
    assert set(i18n.DOC_TYPES) == {"government_work_report", "plan_report", "plan_execution_report", "news", "unknown"}
