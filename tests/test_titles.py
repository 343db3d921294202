"""A document's title and delivery date from the report itself (planledger/structure/titles.py and the entries
of planledger/data/portal.yaml), never from a portal's toolbar; every document of the corpus listed."""
from __future__ import annotations

import pytest

from planledger.structure import titles
from planledger.errors import DataFileError
from planledger.lexicon import load_yaml
from planledger.normalize import normalize
from planledger.read import read_path
from planledger.structure import describe
from planledger.structure.titles import find_heading, is_debris

from conftest import SEEDS, SHARED

PORTAL = load_yaml("portal.yaml")
TITLE = "2026年安徽省政府工作报告"


# -- every entry of portal.yaml --------------------------------------------------------------------------

@pytest.mark.parametrize("button", PORTAL["toolbar"])
def test_a_toolbar_button_is_no_title(button):
    assert is_debris(button) and is_debris(f"【{button}】")
    assert find_heading(f"{button}\n{TITLE}").title == TITLE
    assert find_heading("各位代表：\n现在，我代表省人民政府报告工作。", page_title=button).title is None


def test_the_toolbar_as_portals_write_it():
    for head in ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】", "下载打印全屏收藏【字号：\n加大还原减小】",
                 "【字号：大 中 小】 下载 打印 全屏 收藏", "分享:", "分享到：微信 微博 QQ空间"):
        assert find_heading(f"{head}\n{TITLE}").title == TITLE, head
        if not head.startswith("分享"):  # (a field line ends in its colon: normalize never joins it)
            assert find_heading(f"{head}{TITLE}").title == TITLE, head
    assert find_heading("加大力度政府工作报告").title == "加大力度政府工作报告"  # one word is no toolbar


@pytest.mark.parametrize("label", PORTAL["labels"])
def test_a_field_line_is_no_title(label):
    assert is_debris(f"{label}：湖南日报")
    assert find_heading(f"{label}：省政府工作报告\n{TITLE}").title == TITLE
    assert find_heading(f"{TITLE}{label}：湖南日报").title == TITLE  # a normalized head joins the lines


@pytest.mark.parametrize("separator", PORTAL["breadcrumb_separators"])
def test_a_breadcrumb_trail_is_no_title(separator):
    one_a_line = f"首页\n{separator}\n政府信息公开\n{separator}\n政府工作报告\n{separator}\n省政府工作报告\n{TITLE}"
    assert find_heading(one_a_line).title == TITLE
    assert find_heading(f"政务公开 {separator} 规划计划 {separator} 政府工作报告\n{TITLE}").title == TITLE


@pytest.mark.parametrize("home", PORTAL["breadcrumb_home"])
def test_a_trail_from_the_home_page_is_no_title(home):
    assert find_heading(f"{home} > 政府工作报告\n{TITLE}").title == TITLE


@pytest.mark.parametrize("salutation", PORTAL["salutations"])
def test_the_speech_begins_after_the_title(salutation):
    assert is_debris(f"{salutation}：")
    # a name in the speech that looks like a title is no title of the document
    text = f"{salutation}：\n现在，我向大会作报告。《\n中华人民共和国国民经济和社会发展第十个五年计划纲要（草案）\n》。"
    assert find_heading(text).title is None
    assert find_heading(f"{TITLE}\n{salutation}：\n现在，我代表省人民政府报告工作。").title == TITLE


@pytest.mark.parametrize("byline", PORTAL["bylines"])
def test_a_headline_above_its_byline(byline):
    heading = find_heading(f"明年重庆经济工作这样干\n聚 焦 全 市 经 济 工 作 会\n□{byline} 张三\n12月29日，重庆召开会议。")
    assert (heading.title, heading.source) == ("明年重庆经济工作这样干", "headline")
    assert find_heading("市五届人大三次会议批准的2020年计划草案明确的32\n项指标中，7个全部完成。").title is None


# each title form with a title it is for (a new form needs its example here)
TITLE_EXAMPLES = {
    "政府工作报告$": ["2026年安徽省政府工作报告", "陕西省2026年政府工作报告", "政府工作报告", "2021年重庆市人民政府工作报告"],
    "^关于.{4,60}的报告$": ["关于重庆市2021年国民经济和社会发展计划执行情况与2022年计划草案的报告"],
    "(?:计划|预算)(?:执行情况|草案)[^，。；]{0,40}的?报告$": ["重庆市2024年国民经济和社会发展计划执行情况与2025年计划草案报告"],
    "国民经济和社会发展[^，。；]{0,40}(?:计划|规划|纲要)(?:（草案）|\\(草案\\))?$":
        ["重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）"],
}


@pytest.mark.parametrize("form", PORTAL["title_forms"])
def test_each_title_form(form):
    assert form in TITLE_EXAMPLES, f"title form {form!r} has no example in TITLE_EXAMPLES"
    for example in TITLE_EXAMPLES[form]:
        heading = find_heading(f"下载 打印\n来源：某某日报\n{example}\n各位代表：")
        assert (heading.title, heading.source) == (example, "title line")
    assert find_heading("现在，我代表国务院向大会作政府工作报告，请予审议。").title is None


CAPTION_EXAMPLES = {
    "作政府工作报告": "省长赵刚作政府工作报告",
    "向大会(?:作|报告)": "省长刘小涛代表省人民政府向大会作政府工作报告",
    "摄$": "殷勇同志作政府工作报告。本报记者 戴冰摄",
}


@pytest.mark.parametrize("caption", PORTAL["captions"])
def test_a_caption_is_no_title(caption):
    assert caption in CAPTION_EXAMPLES, f"caption {caption!r} has no example in CAPTION_EXAMPLES"
    assert find_heading(f"{CAPTION_EXAMPLES[caption]}\n各位代表：").title is None
    assert find_heading(f"{CAPTION_EXAMPLES[caption]}\n{TITLE}").title == TITLE


@pytest.mark.parametrize("line, date, occasion", [
    ("——2026年1月21日在湖北省第十四届人民代表大会第五次会议上", "2026-01-21", "湖北省第十四届人民代表大会第五次会议"),
    ("2025年1月20日在安徽省第十四届人民代表大会第三次会议上安徽省人民政府省长王清宪作政府工作报告",
     "2025-01-20", "安徽省第十四届人民代表大会第三次会议"),
    ("——2025年1月16日省长 李乐成在辽宁省第十四届人民代表大会第三次会议上的讲话", "2025-01-16",
     "辽宁省第十四届人民代表大会第三次会议"),
    ("——二〇二六年一月二十一日在重庆市第六届人民代表大会第四次会议上", "2026-01-21", "重庆市第六届人民代表大会第四次会议"),
    ("——２０２６年２月５日在安徽省第十四届人民代表大会第四次会议上", "2026-02-05", "安徽省第十四届人民代表大会第四次会议"),
    ("2月3日，湖南省第十四届人民代表大会第四次会议在省人民会堂开幕", None, None),
    ("——2026年13月41日在某省第十四届人民代表大会第四次会议上", None, "某省第十四届人民代表大会第四次会议"),
])
def test_the_delivery_line(line, date, occasion):
    heading = find_heading(f"{TITLE}\n{line}\n各位代表：")
    assert (heading.date, heading.occasion) == (date, occasion)


def test_a_broken_portal_file_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(titles, "load_yaml", lambda name: {**PORTAL, "title_forms": ["政府工作报告("]})
    titles.portal.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"portal\.yaml.*title_forms.*not a regular expression"):
            titles.portal()
    finally:
        titles.portal.cache_clear()


# -- every document of the corpus: title and delivery date as its head gives them ----------------------

CORPUS = {
    "corpus/provinces-2026": {
        "anhui-2026-gwr": ("2026年安徽省政府工作报告", "2026-02-05"),
        "beijing-2026-gwr": ("2026年北京市政府工作报告", "2026-01-25"),
        "chongqing-2026-gwr": ("2026年重庆市政府工作报告", "2026-01-28"),
        "fujian-2026-gwr": ("2026年福建省政府工作报告", "2026-01-27"),
        "guangxi-2026-gwr": ("2026年广西壮族自治区政府工作报告", "2026-02-02"),
        "hebei-2026-gwr": ("2026年河北省政府工作报告", "2026-01-26"),
        "henan-2026-gwr": ("2026年河南省政府工作报告", "2026-01-26"),
        "hunan-2026-gwr": ("2026年湖南省政府工作报告", "2026-02-03"),
        "jiangsu-2026-gwr": ("2026年江苏省政府工作报告", "2026-02-03"),
        "jilin-2026-gwr": ("2026年吉林省政府工作报告", "2026-01-27"),
        "liaoning-2026-gwr": ("2026年辽宁省政府工作报告", "2026-01-27"),
        "shaanxi-2026-gwr": ("陕西省2026年政府工作报告", "2026-01-27"),
        "shanxi-2026-gwr": ("2026年山西省政府工作报告", "2026-02-02"),
        "tianjin-2026-gwr": ("2026年天津市政府工作报告", "2026-01-26"),
    },
    "corpus/provinces-2025": {
        "anhui-2025-gwr": ("2025年安徽省政府工作报告", "2025-01-20"),
        "beijing-2025-gwr": ("2025年北京市政府工作报告", "2025-01-14"),
        "chongqing-2025-gwr": ("2025年重庆市政府工作报告", "2025-01-19"),
        "fujian-2025-gwr": ("2025年福建省政府工作报告", "2025-01-13"),
        "guangxi-2025-gwr": ("2025年广西政府工作报告", "2025-01-13"),  # as the print has it
        "hebei-2025-gwr": ("2025年河北省政府工作报告", "2025-01-13"),
        "henan-2025-gwr": ("2025年河南省政府工作报告", "2025-01-18"),
        "hunan-2025-gwr": ("2025年湖南省政府工作报告", "2025-01-14"),
        "jiangsu-2025-gwr": ("2025年江苏省政府工作报告", "2025-01-19"),
        "jilin-2025-gwr": ("2025年吉林省政府工作报告", "2025-01-14"),
        "liaoning-2025-gwr": ("2025年辽宁省政府工作报告", "2025-01-16"),
        "shaanxi-2025-gwr": ("2025年陕西省政府工作报告", "2025-01-16"),
        "shanxi-2025-gwr": ("2025年山西省政府工作报告", "2025-01-17"),
        "tianjin-2025-gwr": ("2025年天津市政府工作报告", "2025-01-14"),
    },
    # the seeds: 000 and 003 are continuations of prints (no head), 002 opens with 各位代表, 004 is news
    "seeds": {
        "000_4cf73bc8aab7f2ce": (None, None),
        "001_d320796ccbca625a": ("2021年重庆市人民政府工作报告", "2021-01-21"),
        "002_f2220428a883fe7d": (None, None),
        "003_47dc73c3cc6e30af": (None, None),
        "004_0d2c0a220f2c75fc": ("明年重庆经济工作这样干", None),
    },
    # the national texts begin with 各位代表: no title line, no delivery line
    "corpus/national": {f"national-{year}": (None, None) for year in range(2000, 2015)},
}


def _meta(path):
    document = read_path(path)
    return describe(normalize(document.text).text, path=document.path, title=document.title,
                    original=document.text)


def _cases():
    for folder, docs in CORPUS.items():
        for name, expected in docs.items():
            yield pytest.param(folder, name, expected, id=name)


@pytest.mark.parametrize("folder, name, expected", list(_cases()))
def test_every_document_of_the_corpus(folder, name, expected):
    path = (SEEDS if folder == "seeds" else SHARED / folder) / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"{path} is not beside the repository")
    meta = _meta(path)
    assert (meta.title, meta.date) == expected
    assert meta.title is None or not is_debris(meta.title)


def test_the_corpus_list_is_complete():
    for folder, docs in CORPUS.items():
        directory = SEEDS if folder == "seeds" else SHARED / folder
        if directory.is_dir():
            assert sorted(p.stem for p in directory.glob("*.txt")) == sorted(docs), folder
