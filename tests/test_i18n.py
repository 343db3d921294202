"""The message catalogue the web pages and the CLI's readable tables share (planledger/i18n.py +
planledger/locale/zh/.../messages.po): every message of i18n.py, the web code and the templates is translated, placeholders agree, every status
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

from planledger import i18n  # noqa: E402

PACKAGE = Path(i18n.__file__).resolve().parent
PO = PACKAGE / "locale" / "zh" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def _extracted() -> list[tuple[str, int, object]]:
    with open(PACKAGE / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    return [(fn, line, msg) for fn, line, msg, _c, _ctx in
            extract_from_dir(str(PACKAGE), method_map, options_map, keywords=KEYWORDS)]


@pytest.fixture(autouse=True)
def _language_restored():
    """Each test sets the language it reads; the one before it is back afterwards (other modules)."""
    token = i18n.set_lang(i18n.DEFAULT)
    yield
    i18n.reset_lang(token)


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


# one reason per template, as assess.py / link.py / ledger.py / claims.py / tasks.py write them
REASON_CASES = [
    ("the only 2021 outcome for gdp growth, in 002_f2220428a883fe7d",
     "002_f2220428a883fe7d中唯一的2021年地区生产总值增速实际数"),
    ("the only 2025 outcome for 产业投资 level, in jilin-2026-gwr", "jilin-2026-gwr中唯一的2025年产业投资实际数"),
    ("the 2012 outcome for cpi growth, stated 2 times in national-2013",
     "2012年居民消费价格增速实际数，national-2013中表述2次"),
    ("the latest of 2 2020 outcome for new_urban_jobs levels, in a, b", "a, b中2个2020年城镇新增就业实际数里最新的一个"),
    ("the only outcome, in national-2004", "national-2004中唯一的实际数"),
    ("the outcome, stated 2 times in national-2004", "实际数，national-2004中表述2次"),
    ("the latest of 3 outcomes, in national-2004", "national-2004中3个实际数里最新的一个"),
    ("the only 2025 outcome for gdp growth, in x; the final figure, not the estimate (预计)",
     "x中唯一的2025年地区生产总值增速实际数；采用最终数，而非预计数"),
    ("the only 2025 outcome for gdp growth, in x; only an estimate (预计) is reported",
     "x中唯一的2025年地区生产总值增速实际数；仅有预计数"),
    ("the only 2025 outcome for high_tech_enterprises level, in jiangsu-2026-gwr; stated as a bound "
     "(6.1万家 (jiangsu-2026-gwr: 高新技术企业超6.1万家)): met whatever the figure within it",
     "jiangsu-2026-gwr中唯一的2025年高新技术企业实际数；实际数以界限表述（6.1万家（jiangsu-2026-gwr："
     "高新技术企业超6.1万家）），界限内无论取何值均为达到"),
    ("a 2021-2025 target against the review of chongqing-2026-gwr (the report that closes the period); "
     "the only 2021-2025 outcome for expressway_mileage level, in chongqing-2026-gwr",
     "2021-2025目标，以chongqing-2026-gwr（期末报告）的回顾评估；chongqing-2026-gwr中唯一的2021-2025年"
     "高速公路通车里程实际数"),
    ("the outcome is stated only as a bound that does not settle the target: 55% (chongqing-2026-gwr: "
     "全市森林覆盖率超过55%); the only 2025 outcome for forest_coverage level, in chongqing-2026-gwr",
     "实际数仅以界限表述，无法判定是否达到目标：55%（chongqing-2026-gwr：全市森林覆盖率超过55%）；"
     "chongqing-2026-gwr中唯一的2025年森林覆盖率实际数"),
    ("period 2021 is reviewed by the documents (up to 2025) and no 2021 outcome for gdp level was found",
     "2021年已有文件回顾（至2025年），未找到地区生产总值的2021年实际数"),
    ("period 2026 is not over in the documents at hand", "现有文件中2026年尚未结束"),
    ("national-2012 says so in words and gives no figure: 节能减排、物价调控目标没有完成",
     "national-2012以文字说明结果，未给出数字：节能减排、物价调控目标没有完成"),
    ("2 different 2025 outcomes, none picked: 910万亩 (jilin-2026-gwr: 建设高标准农田910万亩); "
     "2556万亩 (jilin-2026-gwr: 建设高标准农田2556万亩)",
     "2025年有2个不同的实际数，未作取舍：910万亩（jilin-2026-gwr：建设高标准农田910万亩）；"
     "2556万亩（jilin-2026-gwr：建设高标准农田2556万亩）"),
    ("units differ: 项 against 件: 20项 (jilin-2026-gwr: 20项民生实事全面完成)",
     "单位不同：项 与 件：20项（jilin-2026-gwr：20项民生实事全面完成）"),
    ("units differ: 项 against 件", "单位不同：项 与 件"),
    ("level outcome against a growth target: 新增沼气用户 510万; set aside: 510万 (national-2010: "
     "新增510万沼气用户) — level outcome against a growth target",
     "目标是增速，实际报告的是总量：新增沼气用户 510万；未采用：510万（national-2010：新增510万沼气用户）"
     "——目标是增速，实际报告的是总量"),
    ("a figure over 2021-2025 (年均) against a single-year target: 城镇新增就业 70万人; set aside: 70万人 "
     "(c: 城镇新增就业年均超过70万人) — a figure over 2021-2025 (年均) against a single-year target; set aside: "
     "452万人 (c: 城镇新增就业452万人) — a multi-year figure (累计) against a single-year target",
     "2021-2025期间的数（年均），目标为单一年度：城镇新增就业 70万人；未采用：70万人（c：城镇新增就业年均超过70万人）"
     "——2021-2025期间的数（年均），目标为单一年度；未采用：452万人（c：城镇新增就业452万人）——多年的数（累计），"
     "目标为单一年度"),
    ("cumulative outcome against an annual target: 数字化车间 574个", "目标是年度值，实际报告的是累计值：数字化车间 574个"),
    ("a total against a number added: 智能化煤矿 400座", "目标是新增数，实际报告的是总数：智能化煤矿 400座"),
    ("a number added against a total: 高新技术企业 3200家", "目标是总数，实际报告的是新增数：高新技术企业 3200家"),
    ("a change over the whole period against an average target: 国内生产总值 57.3%",
     "目标是年均值，实际报告的是整个期间的累计变化：国内生产总值 57.3%"),
    ("an average of the years against a change over the whole period: 国内生产总值 9.5%",
     "目标是整个期间的累计变化，实际报告的是年均值：国内生产总值 9.5%"),
    ("growth outcome against a level target: 工业投资 9.4%", "目标是总量，实际报告的是增速：工业投资 9.4%"),
    ("a figure over 2020-2024 against a single-year target: 能耗 -11.7%", "2020-2024期间的数，目标为单一年度：能耗 -11.7%"),
    ("no annual outcome yet", "尚无年度实际数"),
    ("reached in 2024 (提前实现)", "2024年已实现（提前实现）"),
    ("mean of 3 annual rates 2021–2023", "2021—2023年3个年度增速的平均值"),
    ("a change over 2026-2030 in 亿立方米, not yet over: no annual rates to add up",
     "2026-2030期间的变化量（单位亿立方米），期间未结束：没有可累计的年度增速"),
    ("a change over 2011-2015 (not an average): the annual outcome of 2011, 2012 is not in the documents, so the "
     "change so far is unknown", "2011-2015期间的累计变化（非年均）：文件中没有2011, 2012年的年度实际数，目前的累计变化无从得知"),
    ("an annual outcome is no rate", "有年度实际数不是增速"),
    ("a total over 2011-2015: the annual outcome of 2014 is not in the documents, so the total so far is unknown",
     "2011-2015期间的累计数：文件中没有2014年的年度实际数，目前的累计数无从得知"),
    ("an annual outcome is in another unit than 万人", "单位不同：有年度实际数不是万人"),
    ("a level over 2026-2030: the annual outcome of 2027 is not in the documents",
     "2026-2030期间的水平：文件中没有2027年的年度实际数"),
    ("mean of 3 annual figures 2021–2023", "2021—2023年3个年度数的平均值"),
    ("held in 2 of 3 years so far; not in 2022", "至今3年中有2年达到，2022年未达到"),
    ("held in each of 3 years so far (2021–2023)", "至今3年（2021—2023年）每年都达到"),
    ("2011–2013 added up: 3797 (提前实现)", "2011—2013年合计：3797（提前实现）"),
    ("2011–2013 added up: 3797 against 2700 at a steady pace to 4500 by 2015",
     "2011—2013年合计：3797，按匀速到2015年实现4500应为2700"),
    ("2021–2023 compounded: -9.5% against -10.1% at a steady pace to -16% by 2025",
     "2021—2023年累计：-9.5%，按匀速到2025年实现-16%应为-10.1%"),
    ("2013: -3.7%; no base year to draw the path from", "2013年：-3.7%；缺少基期数，无法推算进度"),
    ("2013: 1310 against 3167 on the path from 2010 (1168)", "2013年：1310，按2010年（1168）起算的进度应为3167"),
    ("2025: stated only as a bound (3万亿元 (c: 地区生产总值突破3万亿元)) short of 3.48 on the path from 2024 (3.2)",
     "2025年：只给出界限（3万亿元（c：地区生产总值突破3万亿元）），未到按2024年（3.2）起算的进度3.48，实际数可能已到"),
    ("promised completed (建成), reported building (推进)", "承诺建成（建成），报告在建（推进）"),
    ("2025 is reviewed and 郑万高铁 is not mentioned", "已有文件回顾2025年，但未提及郑万高铁"),
    ("2026 is not reviewed yet", "2026年尚无回顾"),
    ("reached", "已实现"), ("not reached", "未实现"),
    ("no outcome stands before the claim in its sentence", "句中表述之前没有实际数"),
    ("no target was linked to 地区生产总值 6.1%", "没有与地区生产总值 6.1%对应的目标"),
    ("the target is met", "该目标的评估为达到"),
    ("the target is missed: the only 2021 outcome for cpi growth, in x",
     "该目标的评估为未达到：x中唯一的2021年居民消费价格增速实际数"),
    ("the claim is in %, the margin in 个百分点", "表述的单位是%，差距的单位是个百分点"),
    ("claimed +2.3个百分点, computed +2.4个百分点", "报告称+2.3个百分点，计算得+2.4个百分点"),
]


@pytest.mark.parametrize("english,chinese", REASON_CASES, ids=[e[:50] for e, _ in REASON_CASES])
def test_each_reason_template_reads_in_chinese_and_back_in_english(english, chinese):
    i18n.set_lang("zh")
    assert i18n.reason(english) == chinese
    i18n.set_lang("en")
    assert i18n.reason(english) == english  # the English templates read the reason as it was written


def test_every_reason_template_has_a_case():
    patterns = [(t, i18n.template_pattern(t)) for t in i18n.REASONS]
    cased = set()
    for english, _zh in REASON_CASES:
        cased |= {t for t, pattern in patterns if pattern.match(english)}
    unused = [t for t in i18n.REASONS if t not in cased]
    assert not unused


def test_a_reason_no_template_fits_is_kept():
    i18n.set_lang("zh")
    assert i18n.reason("something new") == "something new"
    # a clause added to a reason no template fits: the clause is translated, the rest kept
    assert i18n.reason("something new; only an estimate (预计) is reported") == "something new；仅有预计数"


def test_an_indicator_in_a_reason_is_named_by_the_catalogue():
    i18n.set_lang("zh")
    assert i18n.indicator_measure("gdp growth") == "地区生产总值增速"
    assert i18n.indicator_measure("surveyed_unemployment_rate level") == "城镇调查失业率"
    assert i18n.indicator_measure("加固堤防 level") == "加固堤防"  # not in the catalogue: as written
    assert i18n.indicator_name("not_an_id") == "not_an_id"
    i18n.set_lang("en")
    assert i18n.indicator_measure("gdp growth") == "gdp growth"


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
