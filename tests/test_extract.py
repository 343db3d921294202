"""Extraction on real phrasings from reports: one row per case."""
import pytest

from planledger.model import Document
from planledger.pipeline import process_document

PLAN_HEAD = "二、2021年国民经济和社会发展计划总体考虑\n（三）主要发展目标\n"
REVIEW_HEAD = "各位代表：\n一、2020年工作回顾\n"


def facts_of(body: str, head: str = PLAN_HEAD):
    doc = Document(path="snippet.txt", text=head + body, format="text", sha256="0")
    return process_document(doc).facts


def one(body, head=PLAN_HEAD):
    facts = [f for f in facts_of(body, head) if f.kind in ("target", "actual")]
    assert len(facts) == 1, [(f.indicator, f.value) for f in facts]
    return facts[0]


@pytest.mark.parametrize(
    "body, indicator, value, unit, qualifier, measure",
    [
        ("地区生产总值增长6%以上。", "地区生产总值", 6, "%", ">=", "growth"),
        ("城镇调查失业率控制在5.5%左右。", "城镇调查失业率", 5.5, "%", "~", "level"),
        ("城镇登记失业率控制在4.6%以内。", "城镇登记失业率", 4.6, "%", "<=", "level"),
        ("高新技术企业数量超过4500家。", "高新技术企业数量", 4500, "家", ">", "level"),
        ("单位地区生产总值能耗下降3%左右。", "单位地区生产总值能耗", -3, "%", "~", "growth"),
        ("居民消费价格涨幅控制在3.2%以内。", "居民消费价格", 3.2, "%", "<=", "growth"),
        ("科技型企业突破3万家。", "科技型企业", 3, "万家", ">", "level"),
        ("新增城镇就业60万人左右。", "新增城镇就业", 60, "万人", "~", "level"),
        ("全社会研发经费支出占地区生产总值比重提高到2.5%。", "全社会研发经费支出占地区生产总值比重", 2.5, "%", "=", "level"),
        ("实施832个老旧小区改造。", "实施老旧小区改造", 832, "个", "=", "level"),
        ("集聚高端创新人才1500余人。", "集聚高端创新人才", 1500, "人", ">", "level"),
        ("进出口总值正增长。", "进出口总值", 0, "%", ">", "growth"),
        ("支持各区县打造1—2个城市名片。", "各区县打造城市名片", 1, "个", "range", "level"),
        ("城乡居民收入比降至2.35：1。", "城乡居民收入比", 2.35, ":1", "=", "level"),
        ("粮食产量稳定在108亿公斤以上。", "粮食产量", 108, "亿公斤", ">=", "level"),
    ],
)
def test_fact_fields(body, indicator, value, unit, qualifier, measure):
    f = one(body)
    assert (f.indicator, f.value, f.unit, f.qualifier, f.measure) == (indicator, value, unit, qualifier, measure)
    assert f.kind == "target" and f.period == "2021"


def test_range_has_its_upper_end():
    f = one("支持各区县打造1—2个城市名片。")
    assert f.value_high == 2


def test_fenbie_distributes_numbers_over_indicators():
    facts = facts_of("固定资产投资、社会消费品零售总额、进出口总值分别增长6.1%、18.5%和22.8%。", REVIEW_HEAD)
    assert [(f.indicator, f.value, f.measure, f.kind, f.period) for f in facts] == [
        ("固定资产投资", 6.1, "growth", "actual", "2020"),
        ("社会消费品零售总额", 18.5, "growth", "actual", "2020"),
        ("进出口总值", 22.8, "growth", "actual", "2020"),
    ]


def test_fenbie_after_the_facts_it_refers_to():
    facts = facts_of("城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%。",
                     REVIEW_HEAD)
    growth = [(f.indicator, f.value) for f in facts if f.measure == "growth"]
    assert growth == [("城镇居民人均可支配收入", 7.7), ("农村居民人均纯收入", 6.8)]


def test_second_number_of_a_clause_inherits_the_indicator():
    facts = facts_of("地区生产总值达到27894亿元，增长8.3%。", REVIEW_HEAD)
    assert [(f.indicator, f.value, f.unit, f.measure) for f in facts] == [
        ("地区生产总值", 27894, "亿元", "level"), ("地区生产总值", 8.3, "%", "growth")]


def test_gap_against_the_target_is_other():
    facts = facts_of("地区生产总值增长8.3%、高于预期目标2.3个百分点。", REVIEW_HEAD)
    gap = [f for f in facts if f.value == 2.3]
    assert gap and gap[0].kind == "other" and gap[0].unit == "个百分点"


def test_estimate_is_flagged():
    f = one("常住人口城镇化率预计达到70%左右。", REVIEW_HEAD)
    assert f.kind == "actual" and f.estimated is True


def test_starting_value_of_a_change_is_a_fact_of_the_year_before():
    """SPEC: "从X增加到Y" gives X (actual, the base year) and Y (actual, the end year)."""
    facts = facts_of("财政收入从3.16万亿元增加到8.31万亿元。", REVIEW_HEAD)
    assert [(f.value, f.unit, f.kind, f.period) for f in facts] == [
        (3.16, "万亿元", "actual", "2019"), (8.31, "万亿元", "actual", "2020")]


@pytest.mark.parametrize("head, period", [
    ("各位代表：\n一、2007年工作回顾\n", "2002-2007"),  # SPEC: BASE-REPORTYEAR
    ("2008年政府工作报告\n一、过去五年工作回顾\n", "2003-2007"),  # the plan period that follows the base
])
def test_change_from_a_base_year_spans_the_years(head, period):
    facts = facts_of("国内生产总值达到24.66万亿元，比2002年增长65.5%。", head)
    growth = [f for f in facts if f.measure == "growth"]
    assert growth[0].period == period


@pytest.mark.parametrize(
    "body",
    [
        "2021年1月21日在重庆市第五届人民代表大会第四次会议上。",
        "“十四五”时期是关键时期。",
        "新建5G基站。",
        "一是加快建设西部科学城。",
        "居全国第3位。",
        "今年是建党100周年。",
        "立足“850+”，谋划“1000+”。",
    ],
)
def test_not_facts(body):
    assert [(f.indicator, f.value) for f in facts_of(body)] == []


def test_binding_from_the_documents_own_list():
    text = ("亿元地区生产总值安全事故死亡率、森林覆盖率等7个为约束性指标，其余29个为预期性指标。"
            "全体居民人均可支配收入增长7%，亿元地区生产总值安全事故死亡率降至3.5%左右。")
    facts = {f.indicator: f for f in facts_of(text) if f.kind == "target"}
    assert facts["亿元地区生产总值安全事故死亡率"].binding is True
    assert facts["全体居民人均可支配收入"].binding is False


def test_five_year_review_periods():
    head = "各位代表：\n一、“十三五”时期和2020年工作回顾\n"
    facts = facts_of("地区生产总值达到2.5万亿元、五年年均增长7.2%。", head)
    assert [(f.value, f.period) for f in facts] == [(2.5, "2020"), (7.2, "2016-2020")]


def test_unnumbered_review_heading_and_plan_opening():
    text = ("各位代表：\n现在，我代表国务院向大会作政府工作报告。\n首先报告2001年的工作\n　　全年规模以上工业企业实现利润4657亿元。\n"
            "　　2002年是非常重要的一年。今年拟发行1500亿元长期建设国债。\n一、扩大内需\n　　发行国债1500亿元。")
    doc = Document(path="national-2002.txt", text=text, format="text", sha256="0")
    facts = process_document(doc).facts
    assert [(f.value, f.kind, f.period) for f in facts] == [
        (4657, "actual", "2001"), (1500, "target", "2002"), (1500, "target", "2002")]


@pytest.mark.parametrize("body, kept", [
    ("我国关税总水平已由15.3%降到12%。", [(15.3, "2019"), (12, "2020")]),
    ("城镇居民人均可支配收入由2002年7703元增加到2007年13786元。", [(7703, "2002"), (13786, "2007")]),
])
def test_starting_values_have_the_base_year(body, kept):
    assert [(f.value, f.period) for f in facts_of(body, REVIEW_HEAD)] == kept


def test_plan_period_words_leave_the_indicator():
    f = one("“十五”期间年均经济增长速度预期目标为7%左右。", "2001年政府工作报告\n二、“十五”期间的奋斗目标\n")
    assert (f.indicator, f.period, f.qualifier) == ("经济增长", "2001-2005", "~")


@pytest.mark.parametrize(
    "body, indicator, value, unit, qualifier",
    [
        ("28万医务工作者逆行出征。", "医务工作者逆行出征", 28, "万", "="),  # a number opening the sentence
        ("清理扶贫项目资产540余亿元。", "清理扶贫项目资产", 540, "亿元", ">"),
        ("40多万基层一线人员闻令而动。", "基层一线人员闻令而动", 40, "万", ">"),
        ("城乡居民基本养老保险基础养老金提高到125元/月。", "城乡居民基本养老保险基础养老金", 125, "元/月", "="),
        ("“三变”改革试点扩大到591个村。", "“三变”改革试点", 591, "个", "="),
    ],
)
def test_review_quantities(body, indicator, value, unit, qualifier):
    f = one(body, REVIEW_HEAD)
    assert (f.indicator, f.value, f.unit, f.qualifier, f.measure) == (indicator, value, unit, qualifier, "level")


def test_fenbie_list_ends_before_deng():
    facts = facts_of("工业用电量、货运量、中长期贷款余额等先行指标分别增长11.2%、18.8%和9.6%。", REVIEW_HEAD)
    assert [f.indicator for f in facts] == ["工业用电量", "货运量", "中长期贷款余额"]


def test_quantity_in_chinese_numerals():
    f = one("新增三千家科技型企业。")
    assert (f.value, f.unit, f.indicator) == (3000, "家", "新增科技型企业")


@pytest.mark.parametrize("body, expected", [
    ("重点抓好十个方面的工作。", []),
    ("启动“两岸青山·千里林带”工程。", []),
    ("用一个月左右的时间实现零增长。", []),
    ("新增发电装机8970万千瓦。", [(8970, "万千瓦")]),  # the 千 of 千瓦 is part of the unit
])
def test_chinese_numerals_that_are_no_quantity(body, expected):
    assert [(f.value, f.unit) for f in facts_of(body, REVIEW_HEAD)] == expected


def test_a_paragraph_on_the_past_five_years_reports_outcomes():
    text = ("各位代表：\n现在，我代表国务院向大会作政府工作报告。\n二、今年主要任务\n城镇新增就业900万人。\n"
            "三、关于规划纲要的说明\n五年来，人民生活明显改善。城镇新增就业4200万人。\n")
    doc = Document(path="national-2006.txt", text=text, format="text", sha256="0")
    facts = process_document(doc).facts
    assert [(f.value, f.kind, f.period) for f in facts] == [(900, "target", "2006"), (4200, "actual", "2001-2005")]


@pytest.mark.parametrize("body", ["出台支持民营企业改革发展20条措施。", "出台关爱新就业群体15条措施。",
                                  "出台促进民营经济发展壮大25项政策措施。", "制定稳外贸12项具体举措。"])
def test_a_package_of_measures_is_no_quantity(body):
    assert facts_of(body, REVIEW_HEAD) == []


def test_counting_the_plans_own_indicators_is_other():
    facts = facts_of("2025年规划指标总体沿用2024年指标体系，共设置指标37项，其中约束性指标8项。")
    assert facts and all(f.kind == "other" for f in facts)


def test_a_slogan_saying_how_does_not_name_the_count():
    (f,) = facts_of("推动产业链现代化水平提升，“一链一策”推动33条重点产业链补链强链。", REVIEW_HEAD)
    assert (f.indicator, f.value, f.unit) == ("推动重点产业链补链强链", 33, "条")


@pytest.mark.parametrize("body, indicator", [
    ("全面完成1700万亩国土绿化提升任务。", "国土绿化提升任务"),
    ("国家开放平台集聚了全市外贸进出口的80%、外商直接投资的60%。", "外商直接投资"),
])
def test_adverbs_and_particles_leave_the_indicator(body, indicator):
    facts = facts_of(body, REVIEW_HEAD)
    assert facts[-1].indicator == indicator


def test_numbers_after_the_facts_they_belong_to_without_fenbie():
    facts = facts_of("城镇居民人均可支配收入15781元，农村居民人均纯收入4761元，实际增长8.4%和8%。", REVIEW_HEAD)
    growth = [(f.indicator, f.value) for f in facts if f.measure == "growth"]
    assert growth == [("城镇居民人均可支配收入", 8.4), ("农村居民人均纯收入", 8)]


def test_last_year_inside_a_plan_section_is_an_outcome():
    (f,) = facts_of("去年居民消费价格涨幅回落到2.6%。")
    assert (f.kind, f.period, f.value) == ("actual", "2020", 2.6)


# -- phrasings of the State Council's 2000-2003 reports (outside the gold passages) ----------------------
NINTH_PLAN_REVIEW = "各位代表：\n一、“九五”时期国民经济和社会发展的回顾\n"


def rows(facts):
    return [(f.indicator, f.value, f.unit, f.measure, f.period) for f in facts if f.kind == "actual"]


def test_earlier_plans_name_their_periods():
    """“九五”时期 is 1996-2000, as “十三五” is 2016-2020; a 平均每年 growth keeps the name before it."""
    facts = facts_of("国内生产总值2000年达89404亿元，平均每年增长8.3%。", NINTH_PLAN_REVIEW)
    assert rows(facts) == [("国内生产总值", 89404, "亿元", "level", "2000"),
                           ("国内生产总值", 8.3, "%", "growth", "1996-2000")]


def test_names_in_the_clause_before_fenbie():
    facts = facts_of("农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元，"
                     "平均每年实际增长4.7%和5.7%。", NINTH_PLAN_REVIEW)
    assert rows(facts) == [("农村居民人均纯收入", 2253, "元", "level", "2000"),
                           ("城镇居民人均可支配收入", 6280, "元", "level", "2000"),
                           ("农村居民人均纯收入", 4.7, "%", "growth", "1996-2000"),
                           ("城镇居民人均可支配收入", 5.7, "%", "growth", "1996-2000")]


@pytest.mark.parametrize("body, expected", [
    # 比“八五”时期 / 比上年末 / 是1997年的: comparisons, not names
    ("五年累计实际利用外资2894亿美元，比“八五”时期增长79.6%。",
     [("累计实际利用外资", 2894, "亿美元"), ("累计实际利用外资", 79.6, "%")]),
    ("年末国家外汇储备达到2122亿美元，比上年末增加466亿美元。",
     [("国家外汇储备", 2122, "亿美元"), ("国家外汇储备", 466, "亿美元")]),
    ("2002年高等学校在校生1600万人，是1997年的2.3倍。",  # 高等 is no list-closing 等
     [("高等学校在校生", 1600, "万人"), ("高等学校在校生", 2.3, "倍")]),
    # 从1997年的 … 增加到2002年的: start and end, both with the name
    ("国内生产总值从1997年的7.4万亿元增加到2002年的10.2万亿元。",
     [("国内生产总值", 7.4, "万亿元"), ("国内生产总值", 10.2, "万亿元")]),
    ("城市居民最低生活保障的覆盖人数，由年初的400多万人扩大到年末的1120多万人。",
     [("城市居民最低生活保障的覆盖人数", 400, "万人"), ("城市居民最低生活保障的覆盖人数", 1120, "万人")]),
    # a clause that is only a name gives it to the next one; adverbials are no names
    ("城镇居民人均可支配收入，考虑价格下降因素比上年实际增长9.3%。", [("城镇居民人均可支配收入", 9.3, "%")]),
    ("全国财政收入达到16371亿元，按可比口径增加2400亿元。",
     [("全国财政收入", 16371, "亿元"), ("全国财政收入", 2400, "亿元")]),
    ("国家外汇储备年底达到1547亿美元。", [("国家外汇储备", 1547, "亿美元")]),
    # the base of a comparison may be last year's budget as passed at its start
    ("全年财政支出1.8万亿元，比上年年初预算增加900亿元。",
     [("财政支出", 1.8, "万亿元"), ("财政支出", 900, "亿元")]),
])
def test_comparisons_adverbials_and_topics_are_not_names(body, expected):
    assert [r[:3] for r in rows(facts_of(body, REVIEW_HEAD))] == expected


def test_a_listed_clause_is_no_topic():
    """"关于约束性指标，主要包括…等方面，共8项": the clause before is a list, not the name of the count."""
    facts = facts_of("关于约束性指标，主要包括生态环保、节能降碳、粮食安全、安全生产等方面，共8项。")
    assert [f for f in facts if f.value == 8 and f.kind == "target"] == []


def test_enumeration_words_are_no_names():
    facts = facts_of("一是发行1000亿元长期国债，重点投向基础设施。")
    assert [(f.indicator, f.value) for f in facts] == [("发行长期国债", 1000)]


@pytest.mark.parametrize("body, names", [
    # the word before the head goes with it (seeds' gold: 装备产业增加值)
    ("装备、材料、消费品产业增加值分别增长16.8%、5.9%、8.1%。", ["装备产业增加值", "材料产业增加值", "消费品产业增加值"]),
    # not to an item of four characters: 高技术产业 is a name of its own
    ("基础设施、高技术产业投资分别增长9.6%、2.1%。", ["基础设施投资", "高技术产业投资"]),
    ("基础设施、工业、高技术产业投资分别增长9.6%、5.8%、2.1%。", ["基础设施投资", "工业投资", "高技术产业投资"]),
    ("新能源汽车、5G智能手机产量分别增长252.1%和194.4%。", ["新能源汽车产量", "5G智能手机产量"]),
    # whole names keep theirs
    ("固定资产投资、社会消费品零售总额、进出口总值分别增长6.1%、18.5%和22.8%。",
     ["固定资产投资", "社会消费品零售总额", "进出口总值"]),
])
def test_a_list_shares_the_head_noun_of_its_last_item(body, names):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD)] == names


@pytest.mark.parametrize("body, names", [
    ("川渝汽车、电子产业全域配套率超过80%。", ["川渝汽车产业全域配套率", "川渝电子产业全域配套率"]),
    ("基本养老、医疗保险参保率稳定在95%以上。", ["基本养老保险参保率", "基本医疗保险参保率"]),
    ("新建、改扩建机场50个。", ["改扩建机场"]),  # a count after such a list is a total, not one each
])
def test_one_rate_for_each_modifier_of_a_list(body, names):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD) if f.kind == "actual"] == names


@pytest.mark.parametrize("body, names", [
    ("对东盟、欧盟、美国三大贸易伙伴进出口分别增长15.2%、19.5%和11.4%。",  # a summary before the head
     ["对东盟进出口", "对欧盟进出口", "对美国进出口"]),
    ("对东盟、欧盟、美国及“一带一路”沿线国家进出口分别增长3.4%、7.7%、10.5%和12.4%。",
     ["对东盟进出口", "对欧盟进出口", "对美国进出口", "对“一带一路”沿线国家进出口"]),
])
def test_a_fenbie_list_shares_its_preposition_and_head(body, names):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD)] == names


@pytest.mark.parametrize("body, expected", [
    # an amount with 以上 before a noun is the threshold of a class: part of the name, no fact of its own
    ("全市经营收入10万元以上的村占比超过90%。", [("全市经营收入10万元以上的村占比", 90, "%")]),
    ("新签约50亿元及以上制造业投资项目11个。", [("新签约50亿元及以上制造业投资项目", 11, "个")]),
    ("累计培育50亿级以上农产品加工示范园区15个。", [("累计培育50亿级以上农产品加工示范园区", 15, "个")]),
    # a count with 以上 counts (and is named by what the things counted did, as the seeds' gold names it)
    ("力争10所以上高职院校入选国家“双高计划”。", [("高职院校入选国家“双高计划”", 10, "所")]),
])
def test_thresholds_are_part_of_names(body, expected):
    assert [(f.indicator, f.value, f.unit) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, expected", [
    ("新建12个24小时城市书房。", [("新建24小时城市书房", 12, "个")]),
    ("建成15分钟商业服务圈93个。", [("建成15分钟商业服务圈", 93, "个")]),
    ("实施好240小时过境免签政策。", []),
    ("成渝城际完成提质改造、实现1小时直达。", [("直达", 1, "小时")]),  # a duration (直达 is not cut at 达)
])
def test_times_that_describe_a_kind_of_thing_are_no_facts(body, expected):
    assert [(f.indicator, f.value, f.unit) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, kind", [
    ("3400万重庆人民都是平凡的英雄。", "other"),  # SPEC: rhetorical head-counts are other
    ("全年新增贷款1000亿人民币。", "actual"),  # 人民币 is money
])
def test_head_counts_of_the_people_are_other(body, kind):
    assert [f.kind for f in facts_of(body, REVIEW_HEAD)] == [kind]


def test_fenleibie_reads_as_fenbie():
    facts = facts_of("城市低保、农村低保、特困人员分类别增长2%、1.7%、2.1%。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("城市低保", 2), ("农村低保", 1.7), ("特困人员", 2.1)]


def test_the_last_years_in_a_plan_section_are_actual():
    head = "2000年政府工作报告\n各位代表：\n二、2000年的主要任务\n"
    facts = facts_of("从国债投资的效果看，两年来通过财政向银行发行2100亿元长期国债。今年拟发行1000亿元长期国债。", head)
    assert [(f.kind, f.period, f.value) for f in facts] == [("actual", "1998-1999", 2100), ("target", "2000", 1000)]


def test_a_bare_total_takes_the_subject_of_the_clause_before():
    facts = facts_of("粮食连续五年增产，总产量10570亿斤，创历史最高水平。", REVIEW_HEAD)
    assert [(f.indicator, f.value, f.unit) for f in facts] == [("粮食总产量", 10570, "亿斤")]


@pytest.mark.parametrize("body, kind", [
    ("提出居民消费价格涨幅控制在4%左右，综合考虑了输入性通胀因素、要素成本上升影响以及居民承受能力。", "other"),
    ("这里要着重说明，提出国内生产总值增长8%左右，主要是强调好字当头。", "other"),
    ("主要考虑:随着国内有效需求加快恢复,居民消费价格上涨“2%左右”的目标旨在增强价格目标的引领作用。", "other"),
    # the target stated, with its reasons before it: still the target
    ("综合考虑各方面因素，居民消费价格涨幅控制在3%左右。", "target"),
])
def test_a_target_restated_to_explain_it_is_other(body, kind):
    assert [f.kind for f in facts_of(body) if f.unit == "%"] == [kind]


def test_a_three_year_plan_paragraph_of_a_five_year_review():
    head = "2021年重庆市政府工作报告\n各位代表：\n一、“十三五”时期和2020年工作回顾\n"
    body = ("——“八项行动计划”三年任务总体完成。城市提升行动计划持续推进，21个重点专项完成投资3890亿元。\n"
            "——共享发展取得新成效。五年城镇新增就业362万人。\n")
    facts = [(f.indicator, f.value, f.period) for f in facts_of(body, head) if f.kind == "actual"]
    assert ("重点专项完成投资", 3890, "2018-2020") in facts  # the plan's three years
    assert ("城镇新增就业", 362, "2016-2020") in facts  # the next paragraph: the five years again


@pytest.mark.parametrize("body, expected", [
    # the names before 等 are examples of what is counted, not its name
    ("开工万州至开州南雅、巫溪至巫山大昌等216公里项目，建成合川至长寿等367公里项目。",
     [("开工项目", 216, "公里"), ("建成项目", 367, "公里")]),
    ("中科院重庆科学中心、中国自然人群生物资源库等14个科研平台启动建设。", [("科研平台", 14, "个")]),
    ("载人航天与探月工程等16个重大专项陆续启动。", [("重大专项", 16, "个")]),
])
def test_examples_before_deng_are_not_the_name(body, expected):
    assert [(f.indicator, f.value, f.unit) for f in facts_of(body)] == expected


def test_tasks_carried_out_over_a_five_year_review_span_it():
    head = "2021年重庆市政府工作报告\n各位代表：\n一、“十三五”时期和2020年工作回顾\n"
    facts = facts_of("以开放促改革取得积极进展，中央部署重庆的改革任务479项全面落实、930项稳步推进。", head)
    assert [(f.value, f.period) for f in facts] == [(479, "2016-2020"), (930, "2016-2020")]


@pytest.mark.parametrize("body, expected", [
    ("遴选第三批重庆英才计划418人。", [("actual", "遴选重庆英才", 418)]),  # a batch number names nothing
    ("精准实施各类项目160个。", [("actual", "精准实施项目", 160)]),
    # one of 5: the 5 count the class it joined, and that is no outcome of its own
    ("解放碑步行街获批成为全国首批5条示范步行街之一。", [("other", "示范步行街", 5)]),
])
def test_batches_kinds_and_one_of(body, expected):
    assert [(f.kind, f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, expected", [
    ("城乡居民基本养老保险基础养老金提高到125元/月，惠及344万人。",
     [("城乡居民基本养老保险基础养老金", 125), ("城乡居民基本养老保险基础养老金惠及人数", 344)]),
    ("累计配租公租房54万套、惠及140万群众。", [("累计配租公租房", 54), ("累计配租公租房惠及群众", 140)]),
    ("学生营养改善计划惠及3200万孩子。", [("学生营养改善计划惠及孩子", 3200)]),
    ("涉及5300多个税目。", [("涉及税目", 5300)]),  # 涉及 is no "及" joining two counts
])
def test_the_people_a_measure_reaches(body, expected):
    assert [(f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, expected", [
    ("着重解决好现有“三个1亿人”问题。", []),  # a quoted name holding a number
    ("财政赤字有所增加，但赤字率稳定在2.1%。", [("赤字率", 2.1)]),
    ("城乡居民基本医保财政补助标准提高到人均320元。", [("城乡居民基本医保财政补助标准", 320)]),
    ("新开工保障性安居工程666万套，基本建成544万套。",  # a bare verb takes the object before
     [("新开工保障性安居工程", 666), ("建成保障性安居工程", 544)]),
    # "we" as the country, province or region opens a name without being part of it (as 我市)
    ("我国关税总水平降到9.8%。", [("关税总水平", 9.8)]),
    ("我区新增国家级专精特新企业35家。", [("新增国家级专精特新企业", 35)]),
    ("省级财政还将安排80亿元。", [("省级财政", 80)]),  # an adverb before the verbs (cues.yaml verb_adverbs)
])
def test_quoted_names_lead_words_per_capita_and_bare_verbs(body, expected):
    assert [(f.indicator, f.value) for f in facts_of(body)] == expected


@pytest.mark.parametrize("body, expected", [
    # a noun of one character after a count opens a list of the kinds of thing counted, named whole
    ("建成38个市、县级综合应急指挥中心。", [("建成市、县级综合应急指挥中心", 38, "个")]),
    ("16个省、自治区、直辖市财政收入增幅高于全国平均水平。", [("省、自治区、直辖市财政收入增幅高于全国平均水平", 16, "个")]),
    # … not where the next item has a figure of its own; 艘次 and 班次 are units (units.yaml)
    ("邮轮码头接待邮轮88艘次、旅客20万人次。", [("邮轮码头接待邮轮", 88, "艘次"), ("旅客", 20, "万人次")]),
    ("全年开行中欧班列3200班次。", [("开行中欧班列", 3200, "班次")]),
])
def test_a_count_of_a_list_of_kinds_and_counts_of_trips(body, expected):
    assert [(f.indicator, f.value, f.unit) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, expected", [
    # 为 before a count and its noun is "for": the things counted and what was done for them name it
    ("累计为4.6万户小微企业发放贷款320亿元。", [("小微企业发放贷款", 4.6, "万户"), ("小微企业发放贷款", 320, "亿元")]),
    ("免费为12万名老年人开展健康体检。", [("老年人开展健康体检", 12, "万名")]),
    # 为 as "is" keeps the name before it
    ("全市森林覆盖率为55.2%。", [("全市森林覆盖率", 55.2, "%")]),
])
def test_a_count_of_those_something_was_done_for(body, expected):
    assert [(f.indicator, f.value, f.unit) for f in facts_of(body, REVIEW_HEAD)] == expected


def _verb_not_after() -> list[tuple[str, str]]:
    import yaml

    from planledger import lexicon as lexicon_module

    data = yaml.safe_load((lexicon_module.DATA / "cues.yaml").read_text(encoding="utf-8"))["verb_not_after"]
    return [(w, c) for w, chars in data.items() for c in chars]


@pytest.mark.parametrize("word, char", _verb_not_after())
def test_a_verb_ending_another_word_stays_in_the_name(word, char):
    # "新设市场主体日均超过1.8万户": a figure per day, which the name says
    facts = facts_of(f"新增污水处理能力{char}{word}超过3.5万吨。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [(f"新增污水处理能力{char}{word}", 3.5)]
    # the word alone after a list still distributes the figure over it ("A、B均增长…")
    facts = facts_of("粮食、油料产量均增长2%。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("粮食产量", 2), ("油料产量", 2)]


@pytest.mark.parametrize("body, expected", [
    # a bare item of a list has the verb that leads it, and both verbs where two lead it
    ("新建改建农村公路1.2万公里、城市道路300公里。", [("新建改建农村公路", 1.2), ("新建改建城市道路", 300)]),
    ("全市建成绿色园区8个、绿色工厂96个。", [("全市建成绿色园区", 8), ("建成绿色工厂", 96)]),
])
def test_the_verbs_that_lead_a_list(body, expected):
    assert [(f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, name", [
    # the area after a level verb is what the share is of: no part of the name
    ("今年把长期护理保险试点范围扩大到全省60%的县。", "长期护理保险试点范围"),
    ("城乡居民养老保险试点要提高到全国80%以上的地市。", "城乡居民养老保险试点"),
])
def test_the_area_a_share_is_of_is_no_part_of_the_name(body, name):
    assert [f.indicator for f in facts_of(body)] == [name]


def test_a_sum_to_a_year_named_and_modal_words_before_a_base():
    # "到2007年使西部地区基本普及九年义务教育…，中央财政将为此投入100亿元": a sum over the years to the one named
    facts = facts_of("到2024年全面完成农村公路提档升级，省级财政将为此投入80亿元。")
    assert [(f.indicator, f.value, f.period) for f in facts] == [("省级财政投入", 80, "2021-2024")]
    # "为此中央财政支出将由上年18亿元增加到95亿元": 为此 opens the phrase, 将 stands before the base
    facts = facts_of("为此省级财政支出将由上年12亿元增加到30亿元。")
    assert [(f.kind, f.indicator, f.value) for f in facts] == [
        ("actual", "省级财政支出", 12), ("target", "省级财政支出", 30)]


@pytest.mark.parametrize("body, expected", [
    # funds named after an amount that is arranged or invested are what the amount is of
    ("省级财政再安排25亿元灾后重建资金。", [("省级财政灾后重建资金", 25)]),
    # ... and what they are for, said after them (the annotators of rounds 10 and 11: 支持…建设的国债资金)
    ("中央安排12亿元国债资金支持县级医院建设。", [("中央国债资金支持县级医院建设", 12)]),
    # ... not 资金 alone, which says nothing of them
    ("省级财政安排8亿元资金支持再就业。", [("省级财政", 8)]),
    # 决定 opens a phrase and names nothing (国务院决定今年安排…)
    ("国务院决定今年安排30亿元建设资金。", [("建设资金", 30)]),
])
def test_the_funds_an_amount_is_of(body, expected):
    assert [(f.indicator, f.value) for f in facts_of(body)] == expected


def _cues(key: str) -> list[str]:
    import yaml

    from planledger import lexicon as lexicon_module

    return yaml.safe_load((lexicon_module.DATA / "cues.yaml").read_text(encoding="utf-8"))[key]


@pytest.mark.parametrize("name", _cues("duration_names"))
def test_a_length_of_time_that_is_measured_is_a_fact(name):
    # "劳动年龄人口平均受教育年限达到11.5年": the years are what is measured (SPEC); any other figure in 年 is none
    facts = facts_of(f"劳动年龄人口平均{name}达到11.5年。", REVIEW_HEAD)
    assert [(f.indicator, f.value, f.unit) for f in facts] == [(f"劳动年龄人口平均{name}", 11.5, "年")]
    assert facts_of("用3年时间完成老旧小区改造。", REVIEW_HEAD) == []


@pytest.mark.parametrize("body, expected", [
    # an age with 以上/以下 before the people it bounds names a class of them, no fact of its own
    ("为120万65岁以上老年人免费体检。", [("65岁以上老年人免费体检", 120, "万")]),
    ("全市60岁以上老年人口达到320万人。", [("全市60岁以上老年人口", 320, "万人")]),
    ("为3岁以下婴幼儿做生长发育检查。", []),
    ("对6周岁以下儿童免费接种疫苗。", []),  # 周岁 as 岁 (national-2026: 对3周岁以下婴幼儿发放育儿补贴)
    # ... a life expectancy reached stays one
    ("人均预期寿命提高到80岁以上。", [("人均预期寿命", 80, "岁")]),
])
def test_an_age_that_bounds_a_class_of_people(body, expected):
    assert [(f.indicator, f.value, f.unit) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("word", _cues("purpose_words"))
def test_an_amount_put_in_is_named_by_what_it_is_for(word):
    # "中央财政拟投入423亿元，用于扶助和促进就业": the amount names nothing after it; the clause of its
    # purpose does, as it would written without the comma
    facts = facts_of(f"今年省财政拟投入80亿元，{word}县域商业体系建设。")
    assert [(f.indicator, f.value) for f in facts] == [(f"省财政投入{word}县域商业体系建设", 80)]
    facts = facts_of(f"市财政安排12亿元，{word}老旧小区改造。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [(f"市财政{word}老旧小区改造", 12)]
    # funds named after the amount, with or without the comma: "安排27亿元国债资金用于县、乡、村三级…建设"
    facts = facts_of(f"省财政安排9亿元国债资金{word}县、乡、村三级卫生院建设。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [(f"省财政国债资金{word}县、乡、村三级卫生院建设", 9)]
    facts = facts_of(f"省政府安排5亿元专项资金，{word}中小河流治理，各地也要增加投入。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [(f"省政府专项资金{word}中小河流治理", 5)]


@pytest.mark.parametrize("adverb", _cues("purpose_adverbs"))
def test_an_adverb_before_the_purpose_is_no_part_of_the_name(adverb):
    facts = facts_of(f"市财政安排12亿元，{adverb}用于老旧小区改造。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("市财政用于老旧小区改造", 12)]


@pytest.mark.parametrize("body, expected", [
    # a purpose that holds a figure of its own names nothing
    ("市财政新增12亿元专项补助资金，用于支持3万人稳岗就业。", [("市财政新增专项补助资金", 12), ("用于支持稳岗就业", 3)]),
    # a purpose clause that holds a figure of its own is a fact of its own
    ("市财政为此新增支出14亿元，用于这方面的支出总额将达到66亿元。",
     [("市财政新增支出", 14), ("用于这方面的支出总额", 66)]),
    # a figure that is no money put in takes no purpose
    ("盘活闲置房产45处、货币价值8.8亿元，用于养老项目。", [("盘活闲置房产", 45), ("货币价值", 8.8)]),
])
def test_a_purpose_clause_names_only_a_bare_amount_put_in(body, expected):
    assert [(f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("verb", ["支持", "投入", "带动"])
def test_a_long_lead_ending_on_a_verb_of_a_sum_names_what_it_counts(verb):
    # "中央财政安排专项资金支持533个县级图书馆": the count is of the things the money went to
    facts = facts_of(f"省财政统筹专项资金{verb}86所乡镇卫生院改造。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [(f"省财政统筹专项资金{verb}乡镇卫生院改造", 86)]


def test_a_look_back_among_the_tasks_after_the_plan_holds_its_paragraph_only():
    # national-2005: "一年来，我们在…做了一些工作" opens a paragraph of a task section after the year's plan
    # (六、加强行政能力建设…); the paragraphs after it, up to the next heading, are tasks again
    text = ("各位代表：\n一、过去一年工作回顾\n国内生产总值增长9.5%。\n二、2005年工作总体部署\n今年国内生产总值增长8%左右。\n"
            "三、加强政府自身建设\n一年来，我们取消行政审批事项200项。\n各位代表！\n"
            "深入开展科技练兵。圆满完成裁减军队员额20万的任务。\n")
    doc = Document(path="national-2005.txt", text=text, format="text", sha256="0")
    facts = {f.value: (f.kind, f.period) for f in process_document(doc, region="全国", year=2005).facts}
    assert facts[200] == ("actual", "2004")
    assert facts[20] == ("target", "2005")


@pytest.mark.parametrize("multiple", ["是2019年的1.5倍", "为2019年末的两倍", "相当于2019年的3倍多"])
def test_the_base_year_of_a_multiple_dates_no_figure_after_it(multiple):
    # national-2012: "中央财政安排资金1713亿元，是2010年的2.2倍，全年城镇保障性住房基本建成432万套": 2011's houses
    facts = facts_of(f"全省财政安排资金120亿元，{multiple}，全年新建学校30所，改造校舍12万平方米。", REVIEW_HEAD)
    assert [(f.value, f.period) for f in facts if f.unit != "倍"] == [(120, "2020"), (30, "2020"), (12, "2020")]


@pytest.mark.parametrize("opening, period", [("“十三五”前四年累计", "2017-2020"), ("两年累计", "2019-2020"), ("三年累计", "2018-2020")])
def test_changes_listed_after_a_change_over_the_last_years_are_over_them_too(opening, period):
    # national-2010: "“十一五”前四年累计单位国内生产总值能耗下降14.38%，化学需氧量、二氧化硫排放量分别下降9.66%和13.14%"
    facts = facts_of(f"{opening}单位地区生产总值能耗下降12.5%，氨氮、氮氧化物排放量分别下降8.2%和10.4%。", REVIEW_HEAD)
    assert [(f.indicator, f.value, f.period) for f in facts] == [
        ("单位地区生产总值能耗", -12.5, period), ("氨氮排放量", -8.2, period), ("氮氧化物排放量", -10.4, period)]
    # a clause with a time of its own keeps it
    facts = facts_of(f"{opening}单位地区生产总值能耗下降12.5%，去年氨氮排放量下降8.2%。", REVIEW_HEAD)
    assert [f.period for f in facts] == [period, "2020"]


@pytest.mark.parametrize("reference", _cues("target_references"))
def test_a_target_of_the_year_reviewed_quoted_in_the_review_is_no_outcome(reference):
    # national-2007: "全国没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标"
    facts = facts_of(f"全省没有实现{reference}单位地区生产总值能耗降低3%左右、二氧化硫排放总量减少2%的目标。", REVIEW_HEAD)
    assert [(f.kind, f.indicator, f.value, f.period) for f in facts] == [
        ("target", "单位地区生产总值能耗", -3, "2020"), ("target", "二氧化硫排放总量", -2, "2020")]


@pytest.mark.parametrize("noun", _cues("target_nouns"))
def test_the_target_nouns_after_a_quoted_figure(noun):
    facts = facts_of(f"全面完成年初提出的城镇新增就业50万人的{noun}，城镇新增就业52万人。", REVIEW_HEAD)
    assert [(f.kind, f.value) for f in facts] == [("target", 50), ("actual", 52)]
    # an outcome said beside a target that is not quoted stays one
    facts = facts_of("城镇新增就业52万人，超过预期目标2万人。", REVIEW_HEAD)
    assert [(f.kind, f.value) for f in facts] == [("actual", 52), ("other", 2)]


@pytest.mark.parametrize("span, period", [("近三年", "2018-2020"), ("这两年", "2019-2020"), ("近三年来", "2018-2020")])
def test_a_clause_of_the_last_years_dates_the_sum_after_it(span, period):
    # national-2006: "着力加强公共卫生体系建设和农村卫生工作，近三年，中央和地方投入105亿元"
    facts = facts_of(f"着力加强农村卫生工作，{span}，省市财政投入15亿元，乡镇卫生院床位增长20%。", REVIEW_HEAD)
    assert [(f.value, f.period) for f in facts] == [(15, period), (20, "2020")]
    # a level reached is the last year's
    facts = facts_of(f"着力加强农村卫生工作，{span}，乡镇卫生院床位达到3万张。", REVIEW_HEAD)
    assert [(f.value, f.period) for f in facts] == [(3, "2020")]


@pytest.mark.parametrize("body, expected", [
    # a change in points written in words is a fact however small its numeral (national-2003 每年提高一个百分点)
    ("城镇化率比上年提高两个百分点。", [("城镇化率", 2, "个百分点", "=")]),
    ("居民消费价格涨幅回落三个多百分点。", [("居民消费价格", -3, "个百分点", ">")]),
    ("中等职业教育在校生占比提高2个多百分点。", [("中等职业教育在校生占比", 2, "个百分点", ">")]),
    # 两个 of a slogan stays none (两个确保, 三个作用)
    ("落实“两个确保”，发挥三个作用。", []),
])
def test_points_written_in_words(body, expected):
    assert [(f.indicator, f.value, f.unit, f.qualifier) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("verbs", ["新开工建设", "开工建设", "新建改造"])
def test_verbs_one_after_another_act_on_the_thing_before(verbs):
    # national-2012: "城镇保障性住房基本建成432万套，新开工建设1043万套"
    facts = facts_of(f"全省保障性住房基本建成12万套，{verbs}15万套。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("全省保障性住房基本建成", 12), (f"全省保障性住房{verbs}", 15)]


@pytest.mark.parametrize("body, names", [
    # names written whole, each on the same head, before one change: each changed by it
    ("将城市低保标准水平、农村低保标准水平、特困人员供养水平提高8%。",
     ["城市低保标准水平", "农村低保标准水平", "特困人员供养水平"]),
    ("工业投资、民间投资年均增长6%左右。", ["工业投资", "民间投资"]),
    # 均 after 水平 is "each", no average (水平均提高)
    ("城市低保标准水平、农村低保标准水平均提高8%。", ["城市低保标准水平", "农村低保标准水平"]),
    # modifiers that share the last one's head: the head said once is each one's
    ("二氧化硫、氮氧化物排放量要下降3%。", ["二氧化硫排放量", "氮氧化物排放量"]),
    ("化学需氧量、总磷排放总量比上年下降4%。", ["化学需氧量排放总量", "总磷排放总量"]),
    # names on different heads keep the one figure for the last (SPEC reads no more into them)
    ("粮食产量、农民收入增长5%。", ["农民收入"]),
])
def test_a_list_of_names_on_one_head_before_one_change(body, names):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD)] == names


@pytest.mark.parametrize("body, head", [
    # the members' total: their count before the head (anhui-2025 黄山、池州、安庆、宣城四市…合计), or a word of a total
    ("黄山、池州、安庆三市规上服务业营收增长16%。", "规上服务业营收"),
    ("甲区、乙区规上工业增加值合计增长9%。", "规上工业增加值"),
])
def test_a_total_of_a_list_is_one_fact(body, head):
    facts = facts_of(body, REVIEW_HEAD)
    assert len(facts) == 1 and facts[0].indicator.endswith(head), facts


@pytest.mark.parametrize("body, names", [
    ("化学需氧量、氨氮排放都要减少2%左右。", ["化学需氧量排放", "氨氮排放"]),  # national-2015
    ("化学需氧量、氨氮排放量均减少2%左右。", ["化学需氧量排放量", "氨氮排放量"]),
    # 分别 before one figure (national-2017 "二氧化硫、氮氧化物排放量要分别下降3%")
    ("化学需氧量、氨氮排放量要分别减少2%左右。", ["化学需氧量排放量", "氨氮排放量"]),
])
def test_a_word_after_a_list_gives_each_member_its_one_figure(body, names):
    # SPEC: "a number that serves two indicators at once gives one fact per indicator"
    facts = facts_of(body, PLAN_HEAD)
    assert [(f.indicator, f.value, f.qualifier, f.kind) for f in facts] == [(n, -2, "~", "target") for n in names]


def test_this_year_inside_a_clause_of_the_review_is_a_target():
    # national-2005: "国务院决定今年安排30亿元建设资金，支持国有煤矿安全技术改造" in the review of 2004
    facts = facts_of("省政府决定今年安排8亿元专项资金，支持煤矿安全改造。全年新建学校20所。", REVIEW_HEAD)
    assert [(f.kind, f.value, f.period) for f in facts] == [("target", 8, "2021"), ("actual", 20, "2020")]
    # since the year began is no target
    facts = facts_of("全省今年以来新建学校20所。", REVIEW_HEAD)
    assert [(f.kind, f.value) for f in facts] == [("actual", 20)]
    # so in a review of the past five years (national-2003: "今年中央财政预算用于支持这项改革的资金将达305亿元")
    facts = facts_of("五年来，累计新建学校120所。今年省级财政用于学校建设的资金将达15亿元。",
                     "2023年政府工作报告\n一、过去五年工作回顾\n")
    assert [(f.kind, f.value, f.period) for f in facts] == [("actual", 120, "2018-2022"), ("target", 15, "2023")]


@pytest.mark.parametrize("body, expected", [
    # the base of prices dates no figure
    ("将农民人均纯收入2300元（2018年不变价）作为新的扶贫标准，比2018年提高92%。", [(2300, "2020"), (92, "2018-2020")]),
    ("按2015年价格计算，全省生产总值增长6%。", [(6, "2020")]),
    # nor the year a plan was proposed: what its years did spans them
    ("2018年我们提出用三年时间基本解决拖欠农民工工资问题，这项工作基本完成，各地清付农民工工资330亿元。",
     [(330, "2018-2020")]),
])
def test_years_that_date_no_figure(body, expected):
    assert [(f.value, f.period) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, names", [
    # one character for the first word of the last item, which the rest of it completes
    ("中、高等职业教育在校生分别达到120万人和86万人。", ["中等职业教育在校生", "高等职业教育在校生"]),
    ("大、中城市居民收入分别增长6%和5%。", ["大城市居民收入", "中城市居民收入"]),
    # the sectors keep their names
    ("一、二、三产业增加值分别增长4.2%、5%、5.4%。", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
])
def test_one_character_items_complete_on_the_last(body, names):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD)] == names


@pytest.mark.parametrize("word", _cues("lead_words"))
def test_each_lead_word_opens_a_name_and_is_no_part_of_it(word):
    # cues.yaml lead_words: "其中", "力争", "2024年以来", "有序改造供热管网1287公里" …
    names = [f.indicator for f in facts_of(f"{word}城镇新增就业52万人。", REVIEW_HEAD)]
    assert names == ["城镇新增就业"], (word, names)


@pytest.mark.parametrize("comparison", ["比前五年累计增加", "较前五年共增加", "比上年多"])
def test_a_comparison_before_a_sum_leaves_the_name_of_the_figure_before(comparison):
    # national-2003: "国家财政支持农村生产支出和各项农业事业费达4077亿元，比前五年累计增加1852亿元"
    facts = facts_of(f"全省财政支农支出达407亿元，{comparison}185亿元。", REVIEW_HEAD)
    assert [f.indicator for f in facts] == ["全省财政支农支出", "全省财政支农支出"]


@pytest.mark.parametrize("body, name", [
    # a grade alone, then 和 another count of the same things with their name: the grade's things are named by it
    ("141个县级和25个市级疾病预防控制中心基本建成。", "县级疾病预防控制中心"),
    ("培育形成3个万亿级和7个千亿级产业集群。", "培育形成万亿级产业集群"),
])
def test_a_grade_before_another_count_of_the_same_things(body, name):
    assert facts_of(body, REVIEW_HEAD)[0].indicator == name


@pytest.mark.parametrize("body, names", [
    # counts before their nouns, the first led by a verb, which leads each
    ("打造16条省级重点产业链、30个省级重点专业镇。", ["打造省级重点产业链", "打造省级重点专业镇"]),
    ("建设10个县级综合养老服务中心、60个乡镇区域养老服务中心、120个村级养老服务站点。",
     ["建设县级综合养老服务中心", "建设乡镇区域养老服务中心", "建设村级养老服务站点"]),
    # an item with a verb of its own keeps it
    ("新建12所学校、惠及5万名学生。", ["新建学校", "惠及学生"]),
])
def test_a_verb_leads_each_count_before_its_noun(body, names):
    assert [f.indicator for f in facts_of(body)] == names


@pytest.mark.parametrize("word", _cues("duo_compounds"))
def test_a_word_on_duo_after_a_count_is_the_noun_s(word):
    # "新建45个多功能运动场": 多功能 opens the noun, no approximation of 45
    facts = facts_of(f"新建45个{word}服务站。")
    assert [(f.indicator, f.value, f.qualifier) for f in facts] == [(f"新建{word}服务站", 45, "=")]


@pytest.mark.parametrize("body, expected", [
    # the figure a plan set, right after the words quoting it, beside the outcome compared with it: no outcome
    ("全年减税降费2.36万亿元，超过原定的近2万亿元规模。", [("actual", 2.36), ("other", 2)]),
    ("城镇新增就业52万人，超过年初提出的45万人。", [("actual", 52), ("other", 45)]),
    ("城镇新增就业52万人，高于年初确定的45万人以上。", [("actual", 52), ("other", 45)]),
])
def test_a_planned_figure_an_outcome_is_compared_with_is_no_outcome(body, expected):
    assert [(f.kind, f.value) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, expected", [
    # people counted by a unit of people, before what they did: named by it
    ("全年有5.2万人实现了再就业。", [("实现再就业", 5.2)]),
    ("先后有18万人通过多种渠道实现再就业。", [("通过多种渠道实现再就业", 18)]),
    ("城镇新增就业52万人，其中12万人获得创业补贴。", [("城镇新增就业", 52), ("获得创业补贴", 12)]),
])
def test_people_counted_are_named_by_what_they_did(body, expected):
    assert [(f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("within, period", [("五年内", "2021-2025"), ("力争三年内", "2021-2023"), ("用两年时间", "2021-2022")])
def test_an_average_a_year_over_the_years_the_sentence_gives_the_work(within, period):
    # national-2004: "逐步降低农业税税率，平均每年降低1个百分点以上，五年内取消农业税"
    facts = facts_of(f"逐步降低企业社保费率，平均每年降低0.5个百分点，{within}降至16%。")
    assert [(f.indicator, f.value, f.period) for f in facts][0] == ("企业社保费率", -0.5, period)


@pytest.mark.parametrize("word", _cues("each_verbs"))
def test_each_verb_after_kinds_closed_by_deng_gives_every_kind_the_figure(word):
    # the last kind before 等 is a member too, not swallowed by the group's name (jiangsu-2026)
    facts = facts_of(f"纺织、化纤、造纸等行业增加值{word}增长6%。", REVIEW_HEAD)
    assert [f.indicator for f in facts] == ["纺织行业增加值", "化纤行业增加值", "造纸行业增加值"]


@pytest.mark.parametrize("word", _cues("each_verbs"))
def test_each_verb_gives_every_member_the_figure(word):
    facts = facts_of(f"化学需氧量、氨氮排放量{word}减少2%。", PLAN_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("化学需氧量排放量", -2), ("氨氮排放量", -2)]


@pytest.mark.parametrize("word", _cues("each_kind_words"))
def test_a_word_figure_holds_for_each_kind_listed_before_the_groups_name(word):
    # the group's name ends on a head saying what of each kind is measured (产值): it joins each name
    facts = facts_of(f"纺织、造纸等传统产业产值{word}。", REVIEW_HEAD)
    assert [f.indicator for f in facts] == ["纺织传统产业产值", "造纸传统产业产值"]
    # a group that is a total of its items (支出): each item names itself
    facts = facts_of(f"印刷费、邮电费等公用支出{word}。", REVIEW_HEAD)
    assert [f.indicator for f in facts] == ["印刷费", "邮电费"]


@pytest.mark.parametrize("body, expected", [
    ("光伏组件、储能电池等新兴产品产量实现两位数增长。", ["光伏组件新兴产品产量", "储能电池新兴产品产量"]),
    ("生物医药、低空经济等产业保持两位数增长。", ["生物医药产业", "低空经济产业"]),
    # a figure written in digits after such a list is the group's (SPEC's gold: 食品、石化…等重点产业增加值占比)
    ("汽车、家电等商品零售额增长12%。", ["商品零售额"]),
    # no 等: names written whole, each its own
    ("工业投资、民间投资实现两位数增长。", ["工业投资", "民间投资"]),
])
def test_a_list_of_kinds_before_a_word_figure(body, expected):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, expected", [
    ("新建省级重点实验室12个、累计达到186个。", ["新建省级重点实验室", "省级重点实验室累计"]),
    ("引进高层次人才320人、累计2100人。", ["引进高层次人才", "高层次人才累计"]),
    # two verbs lead the things: the running total keeps them (no "和改造…" left)
    ("新建和改造城市绿道80公里、累计1200公里。", ["新建和改造城市绿道", "新建和改造城市绿道累计"]),
])
def test_a_running_total_after_the_ones_added_is_of_the_things(body, expected):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("body, expected", [
    # short kinds joined before the head noun they share: one noun, the things counted
    ("编制了86个市级和县级国土空间规划。", ("编制市级和县级国土空间规划", 86)),
    ("推进120项节水、节材和资源循环利用等示范工程。", ("推进节水、节材和资源循环利用等示范工程", 120)),
    ("修订320项农产品、兽药和饲料质量安全标准的检测方法。", ("修订农产品、兽药和饲料质量安全标准", 320)),
    # the next item counted on its own, or nouns of their own: no joining
    ("改造老旧小区900个和棚户区2万户。", ("改造老旧小区", 900)),
    ("新建1000所学校和医院。", ("新建学校", 1000)),
])
def test_kinds_joined_before_a_shared_head_after_a_count(body, expected):
    assert expected in [(f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)]


@pytest.mark.parametrize("breaker", _cues("noun_run_breakers"))
def test_a_noun_run_stops_before_a_predicate(breaker):
    facts = facts_of(f"有26个省级和市级数据中心{breaker}XX提供服务。", REVIEW_HEAD)
    assert not any("市级数据中心" in f.indicator and breaker in f.indicator for f in facts), facts


@pytest.mark.parametrize("body, expected", [
    # a measure's threshold before the things it classes is no quantity (SPEC: a class of things)
    ("支持年吞吐量500万吨以上的港口建设专用线。", []),
    ("规划建设一批100万千瓦以上抽水蓄能电站。", []),
    ("推进单体10万平方米以上商业综合体改造。", []),
    # a level held, a bound before a conjunction, a count by a classifier: quantities
    ("粮食产量连续5年稳定在650亿斤以上并逐年增加。", [650]),
    ("新增光伏装机300万千瓦以上。", [300]),
    ("新培育30户以上智能工厂。", [30]),
])
def test_a_measure_threshold_before_a_class_of_things(body, expected):
    assert [f.value for f in facts_of(body, REVIEW_HEAD) if f.kind != "other"] == expected


@pytest.mark.parametrize("name", _cues("population_names"))
def test_a_population_counted_alone_is_context(name):
    # national 2014/2026: the size of the year's task, an estimate and no target (a verdict on it would be wrong)
    for verb in ("预计达到", "将达"):
        facts = facts_of(f"今年{name}{verb}980万人，稳就业任务艰巨。", PLAN_HEAD)
        assert [(f.kind, f.value, f.period, f.estimated) for f in facts] == [("actual", 980, "2021", True)]
    # what was done for them is a fact
    facts = facts_of(f"帮助{name}就业120万人。", PLAN_HEAD)
    assert [f.kind for f in facts] == ["target"]


@pytest.mark.parametrize("body, expected", [
    # 今明两年: this year and the next (national-2009), as 今后两年; a time, no part of the name
    ("今明两年继续提高城乡低保标准，每年增长8%左右。", ("城乡低保标准", "2021-2022")),
    ("今明两年新建农村公路10万公里。", ("新建农村公路", "2021-2022")),
])
def test_this_year_and_the_next(body, expected):
    facts = facts_of(body)
    assert [(f.indicator.removeprefix("继续提高"), f.period) for f in facts] == [expected]


def test_a_noun_holding_two_named_numbers_stays_whole():
    # hunan-2025: "新建7000个农村4G/5G基站"
    facts = facts_of("改造3200个行政村4G/5G网络。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("改造行政村4G/5G网络", 3200)]


@pytest.mark.parametrize("when", ["去年底", "去年末", "今年底", "年底", "2025年末"])
def test_a_time_of_the_year_after_the_name_is_no_part_of_it(when):
    facts = facts_of(f"城市污水处理率{when}达到96%。", REVIEW_HEAD)
    assert [f.indicator for f in facts] == ["城市污水处理率"]


@pytest.mark.parametrize("body, expected", [
    # as many names before the count as it says: they name the things counted, which the noun after it names
    ("建成宜宾、泸州、南充3个区域医疗中心。", ("建成区域医疗中心", 3)),
    ("东湖、光谷2个实验室挂牌运行。", ("实验室挂牌运行", 2)),
    # fewer or more names than the count: the list is no naming of the things counted
    ("新建学校、医院12个。", ("医院", 12)),
])
def test_names_listed_before_a_count_of_as_many_things(body, expected):
    assert expected in [(f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)]


@pytest.mark.parametrize("verb", _cues("benefit_verbs"))
@pytest.mark.parametrize("causative", _cues("benefit_causatives"))
def test_a_count_of_beneficiaries_is_named_by_what_reached_them(verb, causative):
    facts = facts_of(f"城乡供水一体化工程{causative}320万群众{verb}。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [(f"城乡供水一体化工程{verb}群众", 320)]


@pytest.mark.parametrize("lead", _cues("policy_leads"))
def test_the_clause_before_names_what_reached_the_beneficiaries(lead):
    facts = facts_of(f"{lead}困难群众医疗救助，45万户家庭受益。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("困难群众医疗救助受益家庭", 45)]


@pytest.mark.parametrize("body, expected", [
    ("全面推行城乡居民大病保险，惠及2300万参保群众。", ("城乡居民大病保险惠及参保群众", 2300)),
    ("深入落实稳岗返还政策，惠及企业3.1万家。", ("稳岗返还政策惠及企业", 3.1)),
    ("对小微企业实施贷款贴息，惠及6000户企业。", ("小微企业贷款贴息惠及企业", 6000)),
    # money reached is no count of those reached: the clause before names nothing of it
    ("实施消费品以旧换新，带动消费320亿元。", ("带动消费", 320)),
])
def test_the_policy_of_the_clause_before_reaches_those_counted_after_a_reach_verb(body, expected):
    assert expected in [(f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)]


@pytest.mark.parametrize("body, expected", [
    ("对个体工商户实行增值税减免，120多万户经营主体受益。", ("个体工商户增值税减免受益经营主体", 120)),
    ("提高城乡低保标准，800万人受益。", ("提高城乡低保标准受益人数", 800)),  # no other verb dropped
    # a clause with a figure of its own names nothing before the beneficiaries; a list neither
    ("新建农村公路2万公里，300万农民受益。", None),
    ("修缮校舍、更新设备，5000所学校受益。", None),
    # the people reached, after 惠及 and a figure before: counted in 亿 too
    ("新型农村养老保险试点扩大到838个县，惠及1.2亿农民。", ("新型农村养老保险试点惠及农民", 1.2)),
])
def test_the_beneficiaries_names(body, expected):
    facts = [(f.indicator, f.value) for f in facts_of(body, REVIEW_HEAD)]
    if expected is None:
        assert not any("受益" in name and len(name) > 6 for name, _ in facts), facts
    else:
        assert expected in facts


@pytest.mark.parametrize("word", _cues("total_verbs"))
def test_total_verb_keeps_a_list_one_figure(word):
    facts = facts_of(f"甲区、乙区规上工业增加值{word}增长9%。", REVIEW_HEAD)
    assert len(facts) == 1 and facts[0].value == 9, facts


@pytest.mark.parametrize("noun", _cues("group_nouns"))
def test_a_count_of_the_members_keeps_a_list_one_figure(noun):
    facts = facts_of(f"甲、乙、丙三{noun}规上工业增加值增长9%。", REVIEW_HEAD)
    assert len(facts) == 1 and facts[0].value == 9, facts


PLAN_REVIEW_HEAD = "关于2020年国民经济和社会发展计划执行情况与2021年计划草案的报告\n一、2020年计划执行情况\n"


@pytest.mark.parametrize("body, expected", [
    # a plan report's review restates each target before its outcome (national verdicts need both)
    ("地区生产总值：预期增长7%左右，完成6.8%。",
     [("target", "地区生产总值", "growth", 7), ("actual", "地区生产总值", "growth", 6.8)]),
    ("全省生产总值增长7.5%左右，实际增长3.6%，受疫情冲击未达到预期目标。",
     [("target", "全省生产总值", "growth", 7.5), ("actual", "全省生产总值", "growth", 3.6)]),
    ("城镇新增就业60万人，实际新增71.2万人。",
     [("target", "城镇新增就业", "level", 60), ("actual", "城镇新增就业", "level", 71.2)]),
    # real growth after nominal growth, or after a level, is no outcome of a target
    ("城镇居民人均可支配收入增长8.7%，实际增长6.5%。",
     [("actual", "城镇居民人均可支配收入", "growth", 8.7), ("actual", "城镇居民人均可支配收入", "growth", 6.5)]),
    ("农村居民人均纯收入5153元，实际增长8.5%。",
     [("actual", "农村居民人均纯收入", "level", 5153), ("actual", "农村居民人均纯收入", "growth", 8.5)]),
    # ... unless the clause after judges the second against the target: then the first was the target
    ("税收收入增长6%，实际增长5.2%，比预期目标低0.8个百分点。",
     [("target", "税收收入", "growth", 6), ("actual", "税收收入", "growth", 5.2)]),
    ("规上工业增加值增长8%，实际增长8.4%，完成年度目标。",
     [("target", "规上工业增加值", "growth", 8), ("actual", "规上工业增加值", "growth", 8.4)]),
    # a share of the target is no outcome figure of the same unit
    ("全年城镇新增就业62万人，完成年度目标的124%。", [("actual", "城镇新增就业", "level", 62)]),
])
def test_a_target_restated_before_its_outcome(body, expected):
    facts = [f for f in facts_of(body, PLAN_REVIEW_HEAD) if f.kind != "other"][:len(expected)]
    assert [(f.kind, f.indicator, f.measure, f.value) for f in facts] == expected
    assert all(f.period == "2020" for f in facts)


@pytest.mark.parametrize("body, expected", [
    # a label opening the clause says the figure is the target (henan's plan report: 年度预期目标为…)
    ("年度预期目标为全省生产总值增长6%左右，预计全年增长5.6%。",
     [("target", "全省生产总值", 6), ("actual", "全省生产总值", 5.6)]),
    ("进出口总额预期目标增长4%，实际增长2.9%。", [("target", "进出口总额", 4), ("actual", "进出口总额", 2.9)]),
    ("税收收入预期目标增长5%，初步统计完成3120亿元。", [("target", "税收收入", 5), ("actual", "税收收入", 3120)]),
    # a target in words: the outcome after it is of the indicator the label's clause names
    ("外贸进出口预期目标为促稳提质，实际完成6100亿元。", [("actual", "外贸进出口", 6100)]),
])
def test_a_plan_reports_review_labels_its_targets(body, expected):
    facts = [f for f in facts_of(body, PLAN_REVIEW_HEAD) if f.kind != "other"]
    assert [(f.kind, f.indicator, f.value) for f in facts] == expected


def test_counts_of_the_plans_own_indicators_are_other():
    # seeds 000 ("25个预期性指标中有17个实现预期"), henan's plan report ("27项主要指标中，24项完成…，3项未达到")
    facts = facts_of("年初确定的30项主要指标中，26项完成或超额完成，4项未完成。", PLAN_REVIEW_HEAD)
    assert [(f.kind, f.value) for f in facts] == [("other", 30), ("other", 26), ("other", 4)]
    # a count of something else after them is a fact of its own
    facts = facts_of("30项主要指标中26项完成，新增就业岗位12万个。", PLAN_REVIEW_HEAD)
    assert [f.kind for f in facts] == ["other", "other", "actual"]


def test_an_estimate_holds_up_to_a_clause_of_what_the_plan_will_do():
    # national-2026: the graduates are estimated; the budget after 要… is the plan's
    head = "2021年政府工作报告\n三、2021年重点工作\n"
    facts = facts_of("今年城镇新增劳动力预计1500万人，要稳住就业，中央财政就业补助资金安排800亿元。", head)
    assert [(f.kind, f.value, f.estimated) for f in facts] == [("actual", 1500, True), ("target", 800, False)]
    # an estimate with no such clause after it holds on (this year's budget paragraph: targets, not estimated)
    facts = facts_of("预计今年一般公共预算收入增长3%，支出增长4%。", head)
    assert [(f.kind, f.estimated) for f in facts] == [("target", False), ("target", False)]


@pytest.mark.parametrize("verb", ["跃升至", "跃升到"])
def test_a_leap_to_a_level_is_the_level(verb):
    facts = facts_of(f"地区生产总值从2015年的1.2万亿元{verb}1.8万亿元。", REVIEW_HEAD)
    assert [(f.indicator, f.value, f.period) for f in facts] == [("地区生产总值", 1.2, "2015"), ("地区生产总值", 1.8, "2020")]


@pytest.mark.parametrize("verb", ["下调", "调降", "调低"])
def test_a_rate_cut_by_points_is_its_decline(verb):
    facts = facts_of(f"{verb}一年期贷款市场报价利率0.25个百分点。", REVIEW_HEAD)
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("一年期贷款市场报价利率", "growth", -0.25)]


@pytest.mark.parametrize("word", _cues("outcome_openers"))
def test_outcome_opener_marks_the_figure_before_a_target(word):
    facts = facts_of(f"居民消费价格涨幅3%左右，{word}上涨2.5%。", PLAN_REVIEW_HEAD)
    assert [(f.kind, f.indicator, f.value) for f in facts] == [("target", "居民消费价格", 3), ("actual", "居民消费价格", 2.5)]


@pytest.mark.parametrize("word", _cues("target_words"))
def test_target_word_in_a_review_restates_the_target(word):
    facts = facts_of(f"固定资产投资{word}增长10%。", PLAN_REVIEW_HEAD)
    assert [(f.kind, f.indicator, f.value) for f in facts] == [("target", "固定资产投资", 10)]


@pytest.mark.parametrize("word", _cues("basis_frames"))
def test_a_basis_before_a_figure_names_nothing(word):
    # national-2023: "一般公共预算收入…扣除留抵退税因素后增长9.1%"
    facts = facts_of(f"一般公共预算收入增长0.6%，{word}留抵退税因素后增长9.1%。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("一般公共预算收入", 0.6), ("一般公共预算收入", 9.1)]


def test_a_label_before_a_colon_names_the_figure():
    facts = facts_of("社会消费品零售总额：增长4.6%；进出口总额：下降1.2%。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("社会消费品零售总额", 4.6), ("进出口总额", -1.2)]


@pytest.mark.parametrize("word", _cues("per_words"))
def test_per_word_alone_names_nothing(word):
    facts = facts_of(f"提高城乡居民基础养老金最低标准，{word}增加20元。", PLAN_HEAD)
    assert [(f.indicator, f.value, f.measure) for f in facts] == [("城乡居民基础养老金最低标准", 20, "growth")]


@pytest.mark.parametrize("word", _cues("topic_leads"))
def test_topic_lead_is_no_part_of_the_name(word):
    facts = facts_of(f"{word}城镇职工基本养老保险单位缴费比例，各地可调至16%。", PLAN_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("城镇职工基本养老保险单位缴费比例", 16)]


@pytest.mark.parametrize("body, expected", [
    # a stock the reports keep the level of: the verb before it makes it decline
    ("今年再减少农村贫困人口1000万以上。", [("农村贫困人口", "growth", -1000)]),
    ("同时削减财政赤字450亿元。", [("财政赤字", "growth", -450)]),
    # anything else: the verb and its object name the amount cut (the national 2015–2019 gold)
    ("今年要再压减粗钢产能3000万吨左右。", [("压减粗钢产能", "level", 3000)]),
    ("全年降低企业税负5000多亿元。", [("降低企业税负", "level", 5000)]),
    ("压减地下水开采量1.5亿立方米。", [("压减地下水开采量", "level", 1.5)]),
])
def test_a_decline_verb_before_its_object(body, expected):
    assert [(f.indicator, f.measure, f.value) for f in facts_of(body, PLAN_HEAD)] == expected


@pytest.mark.parametrize("word", _cues("decline_lead_stocks"))
def test_decline_lead_stock_declines(word):
    facts = facts_of(f"今年再减少某类{word}100万。", PLAN_HEAD)
    assert [(f.measure, f.value) for f in facts] == [("growth", -100)]


@pytest.mark.parametrize("body, expected", [
    # the change a thing started from is the year before's (SPEC: 从X增加到Y gives X of the base year)
    ("工业企业利润由上年下降2.3%转为增长8.5%。", [(-2.3, "2019"), (8.5, "2020")]),
    ("全省工业投资由去年的下降5.1%转为增长3.2%。", [(-5.1, "2019"), (3.2, "2020")]),
])
def test_a_change_from_the_year_before(body, expected):
    assert [(f.value, f.period) for f in facts_of(body, REVIEW_HEAD)] == expected


def test_relief_over_five_years_is_a_flow():
    facts = facts_of("过去五年，共减轻市场主体负担3万多亿元，退出钢铁产能1.7亿吨以上。",
                     "2018年政府工作报告\n一、过去五年工作回顾\n")
    assert [(f.indicator, f.period) for f in facts] == [("减轻市场主体负担", "2013-2017"), ("退出钢铁产能", "2013-2017")]


def test_a_count_after_its_verb_counts_the_noun_after_it():
    facts = facts_of("国务院各部门全年取消和下放246项行政审批事项。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("各部门全年取消和下放行政审批事项", 246)]


def test_two_names_joined_by_he_before_each():
    facts = facts_of("广义货币M2和社会融资规模余额预期增长均为12%左右。", PLAN_HEAD)
    assert [(f.indicator, f.value, f.qualifier) for f in facts] == [("广义货币M2", 12, "~"), ("社会融资规模余额", 12, "~")]


@pytest.mark.parametrize("verb", ["控制在", "保持在", "稳定在"])
def test_a_bound_held_through_the_next_plan_has_its_span(verb):
    # SPEC: "a level held through the plan (稳定在800亿斤以上) has the span"; a level reached has the end year
    head = "2026年某某省政府工作报告\n二、“十五五”时期主要目标\n"
    facts = facts_of(f"“十五五”时期，城镇调查失业率{verb}5.5%以内，常住人口城镇化率达到70%。", head)
    assert [(f.indicator, f.period) for f in facts] == [("城镇调查失业率", "2026-2030"), ("常住人口城镇化率", "2030")]


@pytest.mark.parametrize("why", ["主要考虑稳就业、防风险的需要", "这主要考虑了经济增长潜力", "主要是综合考虑了就业的需要"])
def test_a_target_restated_with_its_reasons_after_it_is_no_second_target(why):
    # the target is stated once; its restatement with the reasons (SPEC's gold leaves these out) is no second one
    facts = facts_of(f"今年国内生产总值增长5%左右。提出经济增长预期目标为5%左右，{why}。", "2025年政府工作报告\n二、2025年经济社会发展总体要求和政策取向\n")
    assert [(f.kind, f.value) for f in facts] == [("target", 5), ("other", 5)]


@pytest.mark.parametrize("head", _cues("rate_heads"))
def test_a_rate_named_once_on_the_last_item_measures_each_thing_listed(head):
    # things with no measure of their own before a rate written once (畜禽粪污、秸秆综合利用率, seeds 2022;
    # 人大代表建议、政协提案办结率, fujian-2025; 农村自来水、户用卫生厕所普及率, provinces-2025)
    facts = facts_of(f"城市社区、偏远山村{head}分别达到91%和86.5%。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [(f"城市社区{head}", 91), (f"偏远山村{head}", 86.5)]


@pytest.mark.parametrize("body, expected", [
    # an earlier item with a measure of its own names itself
    ("森林覆盖率、草原综合植被盖度分别达到43%和58%。", ["森林覆盖率", "草原综合植被盖度"]),
    ("蔬菜产量、农民收入分别增长3%和6%。", ["蔬菜产量", "农民收入"]),
    # two characters and two more: the last two are the head (刑事、治安案件, liaoning-2026 and shaanxi-2026)
    ("交通、火灾事故分别下降8%和5%。", ["交通事故", "火灾事故"]),
    ("城市、农村人口分别增长2%和-1%。", ["城市人口", "农村人口"]),
    # the word before the shared head goes with it when the last modifier is longer than two characters
    ("电子、新能源汽车产业增加值分别增长9%和30%。", ["电子产业增加值", "新能源汽车产业增加值"]),
])
def test_which_items_of_a_list_share_the_last_ones_head(body, expected):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD)] == expected


@pytest.mark.parametrize("word", _cues("running_total_words"))
def test_a_running_total_word_alone_before_a_verb_keeps_the_noun_counted(word):
    # seeds 2021 "累计完成1177个城镇老旧小区改造", chongqing-2025 "累计完成346项…改革试点任务": not 累计 alone
    facts = facts_of(f"{word}完成86个农贸市场标准化改造。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [(f"{word}农贸市场标准化改造", 86)]


@pytest.mark.parametrize("mark", ["——", "1.", "（一）", "一、", ""])
def test_an_indicators_label_sentence_names_the_figures_after_it_on_its_line(mark):
    # a plan report reviewing each indicator after its name (round 21's hubei-2022-plan); the name is the
    # label, as before a colon ("地区生产总值：预期增长7%左右，完成6.8%")
    facts = facts_of(f"{mark}城镇新增就业。年初预期目标为60万人以上，实际完成66.3万人。", PLAN_REVIEW_HEAD)
    assert [(f.indicator, f.kind, f.value) for f in facts] == [("城镇新增就业", "target", 60), ("城镇新增就业", "actual", 66.3)]


def test_a_tasks_heading_sentence_is_no_label():
    # not an indicator the catalogue knows: the sentence after it names its own figures
    facts = facts_of("（一）坚持扩大内需。全年完成投资3000亿元。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("完成投资", 3000)]


@pytest.mark.parametrize("mark", ["1.", "12、", "（二）", "(3)", "三、"])
def test_a_numbered_lines_mark_is_no_part_of_the_name_or_the_quote(mark):
    # a numbered line that goes on as a paragraph (pudong-2019 "1.积极推进…。全年新引进…"; plan reports'
    # "1.城镇新增就业：…"): SPEC, list numbering is no fact and no name
    facts = facts_of(f"{mark}全年新增城镇就业岗位4.2万个。", REVIEW_HEAD)
    assert [(f.indicator, f.value, f.quote) for f in facts] == [("新增城镇就业岗位", 4.2, "全年新增城镇就业岗位4.2万个")]


@pytest.mark.parametrize("body, target", [
    # a plan report sets each outcome against the target of the year reviewed (round 21's hubei-2022-plan:
    # "超过70万人的年度目标", "低于5.5%左右的控制目标", "高于500亿斤以上的目标")
    ("全年城镇新增就业48.6万人，超过45万人的年度目标。", ("城镇新增就业", "level", 45, "万人", "=")),
    ("城镇调查失业率平均为5.1%，低于5.5%左右的控制目标。", ("城镇调查失业率", "level", 5.5, "%", "~")),
    ("粮食总产量达到286亿斤，高于280亿斤以上的目标任务。", ("粮食总产量", "level", 280, "亿斤", ">=")),
    ("居民消费价格上涨1.8%，控制在3%的调控目标以内。", ("居民消费价格", "growth", 3, "%", "=")),
    ("单位地区生产总值能耗下降3.4%，完成下降3%的年度目标。", ("单位地区生产总值能耗", "growth", -3, "%", "=")),
    ("地区生产总值增长6.2%，比年初确定的6%以上的预期目标高0.2个百分点。", ("地区生产总值", "growth", 6, "%", ">=")),
])
def test_the_target_an_outcome_is_compared_with_is_the_years_target(body, target):
    facts = facts_of(body, PLAN_REVIEW_HEAD)
    got = [(f.kind, f.indicator, f.measure, f.value, f.unit, f.qualifier, f.period) for f in facts]
    assert got[1] == ("target", *target, "2020")
    assert got[0][0] == "actual" and got[0][1] == target[0]
    assert [f.kind for f in facts[2:]] == (["other"] if "个百分点" in body else [])  # the gap (SPEC)


def test_a_rate_compared_with_after_a_level_is_the_growth_target():
    # the outcome is a level, the target its growth: the same indicator's growth target, of the unit written
    facts = facts_of("全年外贸进出口总额达到5200亿元，超过增长5%的年度目标。", PLAN_REVIEW_HEAD)
    assert [(f.kind, f.indicator, f.measure, f.value, f.unit) for f in facts] == [
        ("actual", "外贸进出口总额", "level", 5200, "亿元"), ("target", "外贸进出口总额", "growth", 5, "%")]
    # a rate with no change verb after a level is no target of it
    facts = facts_of("全年外贸进出口总额达到5200亿元，超过5%的年度目标。", PLAN_REVIEW_HEAD)
    assert ("target", "外贸进出口总额", 5) not in [(f.kind, f.indicator, f.value) for f in facts]


@pytest.mark.parametrize("frame", ["恢复到2019年的", "恢复至2019年同期的", "恢复到2019年同期水平的"])
def test_a_level_as_a_share_of_a_base_years_is_the_year_reviewed(frame):
    # round 21's hubei-2022-plan "恢复到2019年的97.1%": the base year dates nothing; the level is the reviewed year's
    facts = facts_of(f"全市旅游总收入{frame}92.4%。", REVIEW_HEAD)
    assert [(f.kind, f.value, f.unit, f.period) for f in facts] == [("actual", 92.4, "%", "2020")]


@pytest.mark.parametrize("body, name, unit", [
    # 场次 counts events held (haidian-2024 "举办各类公共文化活动6000余场次", tianjin-2025 "举办6000余场次群众体育赛事活动")
    ("举办各类群众文化活动800余场次。", "举办群众文化活动", "场次"),
    ("举办1200场次送戏下乡演出。", "举办送戏下乡演出", "场次"),
])
def test_a_count_of_events_held_is_in_changci(body, name, unit):
    facts = facts_of(body, REVIEW_HEAD)
    assert [(f.indicator, f.unit) for f in facts] == [(name, unit)]


@pytest.mark.parametrize("body, value, unit", [
    # 约 before the verb bounds the share (haidian-2024 "约占全市的三分之一", "约占全市的一半"; fujian-2026
    # "分别约为全国平均的70%"); the share is the thing before's
    ("全区国家级专精特新企业215家，约占全市的四分之一。", 0.25, ""),
    ("全区国家级专精特新企业215家，约占全市的一半。", 50, "%"),
    ("全区国家级专精特新企业215家，约占全市的三成。", 3, "成"),
])
def test_about_before_a_share_verb_is_the_shares_qualifier(body, value, unit):
    facts = facts_of(body, REVIEW_HEAD)
    share = facts[1]
    assert (share.indicator, round(share.value, 4), share.unit, share.qualifier) == ("全区国家级专精特新企业占全市", value, unit, "~")


@pytest.mark.parametrize("reference", ["上年实际增速", "去年实际增速", "上年增速"])
def test_a_target_set_against_last_years_growth_rate_is_a_gap(reference):
    # haidian-2024 "比上年实际增速低1个百分点", yunnan-2019 "比去年实际增速低0.4个百分点": two rates compared (SPEC: other)
    facts = facts_of(f"全市生产总值预期增长6%左右，比{reference}高0.3个百分点。", PLAN_HEAD)
    assert [(f.kind, f.value) for f in facts] == [("target", 6), ("other", 0.3)]
    # a change against last year stays one
    facts = facts_of("城镇居民人均可支配收入比上年实际增长6.2%。", REVIEW_HEAD)
    assert [(f.kind, f.value) for f in facts] == [("actual", 6.2)]


@pytest.mark.parametrize("body, name, value, unit", [
    # a measure written as a bare number (seeds 003 "死亡人数不超过 0.019", yunnan-2019 "死亡率控制在0.06以内",
    # round 21's hubei-2022-plan "道路交通万车死亡率控制在4以内"): cues bare_measure_names
    ("工矿商贸就业人员十万人生产安全事故死亡率控制在1.2以内。", "工矿商贸就业人员十万人生产安全事故死亡率", 1.2, ""),
    ("每万辆机动车道路交通事故死亡人数不超过1.5。", "每万辆机动车道路交通事故死亡人数", 1.5, "人"),
])
def test_a_measure_written_as_a_bare_number(body, name, value, unit):
    facts = facts_of(body, PLAN_HEAD)
    assert [(f.kind, f.indicator, f.value, f.unit, f.qualifier) for f in facts] == [("target", name, value, unit, "<=")]


def test_a_bare_number_far_from_a_measure_name_is_none():
    facts = facts_of("降低生产安全事故死亡率，落实第12项措施，完成3个试点。", PLAN_HEAD)
    assert [f.value for f in facts] == [3]


@pytest.mark.parametrize("since", ["开通运营以来", "平台上线以来", "试点实施以来"])
def test_since_when_opens_no_name(since):
    # yunnan-2019 "上线运营以来累计服务游客超过2000万人次", chongqing-2026 "长江十年禁渔以来重庆段监测鱼类增长1倍多"
    facts = facts_of(f"{since}累计服务市民超过3000万人次。", REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("累计服务市民", 3000)]


@pytest.mark.parametrize("body, expected", [
    # SPEC: the indicator drops reporting verbs, 完成 among them (national-2016 "完成铁路建设投资8000亿元左右" →
    # 铁路建设投资, hebei-2025 "完成营造林600万亩" → 营造林, pudong-2018 "完成旧住房综合改造100万平方米")
    ("完成矿山生态修复3.2万亩。", [("矿山生态修复", 3.2)]),
    ("全年完成水运建设投资120亿元。", [("水运建设投资", 120)]),
    ("完成并购重组45起。", [("并购重组", 45)]),
    # the investment of the projects before it keeps 完成 (cues attributes 完成投资); 实施 is a reporting verb too
    # (SPEC; seeds 002 "实施老旧小区改造841个" → 老旧小区改造, fujian-2025 "实施省重点项目1550个")
    ("实施重点项目360个、完成投资1200亿元。", [("重点项目", 360), ("重点项目完成投资", 1200)]),
    ("实施好城市更新项目85个。", [("城市更新项目", 85)]),
    ("实施共建长三角一体化重大项目40个。", [("长三角一体化重大项目", 40)]),
])
def test_the_reporting_verb_wancheng_is_no_part_of_the_name(body, expected):
    facts = facts_of(body, REVIEW_HEAD)
    assert [(f.indicator, f.value) for f in facts] == expected


@pytest.mark.parametrize("body, name, value, unit, qualifier", [
    # a unit's denominator written before the number (yunnan-2019 "下降到每立方米25微克", fujian-2025/2026 "PM2.5平均浓度
    # 为每立方米20微克", haidian-2024 "厨余垃圾分出量每日约650吨"): units.yaml per_before
    ("全市细颗粒物年均浓度降至每立方米28微克。", "全市细颗粒物年均浓度", 28, "微克/立方米", "="),
    ("城市污水处理能力达到每日约120万立方米。", "城市污水处理能力", 120, "万立方米/日", "~"),
    # per person a month: the standard's money, in 元
    ("城乡低保标准提高到每人每月760元。", "城乡低保标准", 760, "元", "="),
])
def test_a_units_denominator_written_before_the_number(body, name, value, unit, qualifier):
    facts = facts_of(body, REVIEW_HEAD)
    assert [(f.indicator, f.value, f.unit, f.qualifier) for f in facts] == [(name, value, unit, qualifier)]


@pytest.mark.parametrize("body, names", [
    # two industries side by side share the head the last one names (shaanxi-2026 "战略性新兴产业和高技术制造业增加值
    # 年均增长8%、7.2%", chongqing-2025 "租赁和商务服务业、交通运输仓储和邮政业营业收入分别增长11.7%、8.6%")
    ("现代服务业和先进制造业增加值分别增长6.4%、8.1%。", ["现代服务业增加值", "先进制造业增加值"]),
    # how well or when the work was done names nothing (liaoning-2026 "高质量完成20件民生实事")
    ("高质量完成15件民生实事。", ["民生实事"]),
    ("如期完成12个老旧小区改造。", ["老旧小区改造"]),
])
def test_list_heads_and_manner_adverbs(body, names):
    assert [f.indicator for f in facts_of(body, REVIEW_HEAD)] == names


@pytest.mark.parametrize("verb", ["增加", "新增", "多增", "净增"])
def test_a_stocks_change_since_the_years_start(verb):
    # round 21's hubei-2022-plan "各项贷款余额比年初新增7205亿元，增长11.8%": 新增 after the base is the stock's change
    facts = facts_of(f"全市本外币存款余额比年初{verb}860亿元。", REVIEW_HEAD)
    assert [(f.indicator, f.measure, f.value) for f in facts] == [("全市本外币存款余额", "growth", 860)]


@pytest.mark.parametrize("body, head", [
    # SPEC: counts of events, meetings and activities are other (seeds 002 "举办供需对接活动150场", liaoning-2026
    # "举办“乐购辽宁”活动4000场以上", seeds 003 "有效应对23次强降水")
    ("举办各类招商推介会45场。", REVIEW_HEAD),
    ("全年举办群众性文化活动8000场次以上。", PLAN_HEAD),
    ("成功应对9轮强降雨。", REVIEW_HEAD),
])
def test_a_count_of_events_is_other(body, head):
    assert [f.kind for f in facts_of(body, head)] == ["other"]


def test_a_count_of_services_in_times_is_no_event():
    facts = facts_of("平台累计提供信用查询服务超3000万次。", REVIEW_HEAD)
    assert [f.kind for f in facts] == ["actual"]


@pytest.mark.parametrize("rate", ["办结率均为", "按时办复率", "满意率均达"])
def test_a_rate_after_a_list_of_counted_items_is_each_items(rate):
    # yunnan-2019 "办理省人大代表建议628件、省政协提案813件，办复率均为100%", haidian-2024, liaoning-2026
    facts = facts_of(f"承办市人大代表建议312件、市政协提案405件，{rate}100%。", REVIEW_HEAD)
    head = rate.removesuffix("均为").removesuffix("均达")
    assert [(f.indicator, f.value) for f in facts][2:] == [(f"市人大代表建议{head}", 100), (f"市政协提案{head}", 100)]


def test_a_rate_with_a_figure_between_is_no_items_rate():
    facts = facts_of("办理建议312件、提案405件，涉及资金12亿元，满意率98%。", REVIEW_HEAD)
    assert [f.indicator for f in facts][-1] == "满意率"


@pytest.mark.parametrize("record", ["增速6年来首次超过全国水平", "增速创8年来最高", "投入强度创10年来新高"])
def test_a_records_window_dates_no_figure(record):
    # liaoning-2025 "研发投入增速6年来首次超过全国水平，…技术合同成交额增长17.8%": the year's outcome, not six years'
    facts = facts_of(f"研发投入{record}，技术合同成交额增长15.2%。", REVIEW_HEAD)
    assert [(f.value, f.period) for f in facts] == [(15.2, "2020")]


@pytest.mark.parametrize("clause", ["今年全市一般公共预算支出预计为860亿元", "预计今年全市一般公共预算支出860亿元",
                                    "今年全市一般公共预算支出预计达到860亿元"])
def test_an_estimate_of_this_years_budget_is_its_target(clause):
    # SPEC: "预计今年…支出规模…" in this year's budget paragraph is what the plan sets; so with 今年 before 预计
    facts = facts_of(f"{clause}。", PLAN_HEAD)
    assert [(f.kind, f.value, f.estimated) for f in facts] == [("target", 860, False)]


def test_a_districts_economic_growth_is_its_gdp_and_its_explanation_other():
    # haidian-2024: "区域经济增长5.5%左右" is the district's GDP target; "需要说明的是，区域经济增长5.5%左右的预期目标，
    # 比上年实际增速低1个百分点" explains it (other, as 主要考虑 does)
    head = "2024年某某区政府工作报告\n二、2024年主要预期目标\n"
    facts = facts_of("今年全区经济社会发展主要预期目标是：区域经济增长5%左右。"
                     "需要说明的是，区域经济增长5%左右的预期目标，比上年实际增速低1个百分点。", head)
    assert [(f.kind, f.canonical, f.value) for f in facts] == [("target", "gdp", 5), ("other", "gdp", 5), ("other", None, 1)]


@pytest.mark.parametrize("body, expected", [
    # a basis names nothing; a basis word after it stays the figure before's (round 22's chengdu-2023-plan
    # "按不变价格计算增长2.8%", "扣除留抵退税因素后同口径增长7.6%"; national-2003 "按可比价格计算，平均每年增长7.7%")
    ("全县地区生产总值达到420亿元，按可比价格计算增长6.1%。", [("全县地区生产总值", 420), ("全县地区生产总值", 6.1)]),
    ("地方一般公共预算收入31亿元，扣除减税因素后同口径增长5.2%。",
     [("地方一般公共预算收入", 31), ("地方一般公共预算收入同口径", 5.2)]),
    # an outcome opener before 分别 names nothing: the list before names the outcomes
    ("城镇和农村居民人均可支配收入预期分别增长6%、7%，实际分别增长5.1%、6.6%。",
     [("城镇居民人均可支配收入", 6), ("农村居民人均可支配收入", 7), ("城镇居民人均可支配收入", 5.1),
      ("农村居民人均可支配收入", 6.6)]),
])
def test_a_basis_or_an_outcome_opener_names_nothing(body, expected):
    assert [(f.indicator, f.value) for f in facts_of(body, PLAN_REVIEW_HEAD)] == expected


@pytest.mark.parametrize("unit", ["套（间）", "条（段）"])
def test_a_count_with_its_alternative_in_brackets_keeps_it(unit):
    # SPEC, the unit as written (round 20's suzhou-2026 "筹集保障性租赁住房2万套（间）", jilin-2026 "幸福河湖35条（段）")
    facts = facts_of(f"新筹集保障性租赁住房1.2万{unit}。", REVIEW_HEAD)
    assert [(f.indicator, f.unit) for f in facts] == [("新筹集保障性租赁住房", "万" + unit)]


def test_a_share_in_words_and_a_list_of_shares_of_a_base_year():
    # round 22's chengdu-2023-plan: "居民消费价格涨幅控制在百分之三左右" (a share in words, however small), "旅游人次和旅游
    # 总收入分别恢复到2019年的75%和64%左右" (each the year's level; 人次 is a measure of its own, no 收入 shared:
    # guangxi-2025 "接待游客人数和旅游收入分别增长…")
    facts = facts_of("居民消费价格涨幅控制在百分之三左右。", PLAN_HEAD)
    assert [(f.indicator, f.value, f.unit, f.qualifier) for f in facts] == [("居民消费价格", 3, "%", "~")]
    facts = facts_of("全县接待游客人次和旅游总收入分别恢复到2019年的81%和76%。", REVIEW_HEAD)
    assert [(f.indicator, f.value, f.period) for f in facts] == [("全县接待游客人次", 81, "2020"), ("旅游总收入", 76, "2020")]
    facts = facts_of("12个学科进入ESI前千分之一。", REVIEW_HEAD)
    assert [(f.value, f.unit) for f in facts] == [(12, "个")]  # 前千分之一: a rank threshold, no figure


def test_a_clause_with_a_figure_before_de_describes_the_things_counted():
    # round 22's chengdu-2023-plan "对总投资10亿元以上的320个重大项目实行市领导联系制度", national-2003 "对2000年底以前
    # 发布的756件行政法规进行全面清理": the things counted name the count, not the clause describing them
    facts = facts_of("对年营业收入5亿元以上的86家企业实行专员服务。", PLAN_HEAD)
    assert [(f.indicator, f.value) for f in facts] == [("企业实行专员服务", 86)]


def test_figures_on_two_bases_are_each_the_things():
    # round 22's chengdu-2023-plan "实际完成1722.4亿元，自然口径下降3.3%，扣除留抵退税因素后同口径增长7.6%"
    facts = facts_of("地方一般公共预算收入完成86亿元，自然口径下降2.1%，扣除减税因素后同口径增长4.4%。", REVIEW_HEAD)
    assert [f.indicator for f in facts] == ["地方一般公共预算收入", "地方一般公共预算收入自然口径", "地方一般公共预算收入同口径"]
