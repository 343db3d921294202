"""The same report as other prints write it gives the same facts: half-width punctuation (district reports,
newspaper prints), full-width digits and percent signs, hard wraps at a newspaper column's or a PDF line's
width. Run over the fourteen provinces' 2026 reports, as downloaded, and the State Council's; a fact is compared by kind, name (brackets and white
space as the scorer squashes them), value, unit and period."""
from __future__ import annotations

import collections
import re

import pytest

from conftest import SHARED
from planledger.model import Document
from planledger.pipeline import process_document

PROVINCES = sorted((SHARED / "corpus" / "provinces-2026").glob("*-gwr.txt"))
NATIONAL = sorted((SHARED / "corpus" / "national").glob("national-20*.txt"))
_SQUASH = re.compile(r"[\s“”\"'‘’「」（）()《》]")


def _facts(text: str) -> collections.Counter:
    doc = Document(path="report.txt", text=text, format="text", sha256="0")
    return collections.Counter((f.kind, _SQUASH.sub("", f.indicator), f.value, f.unit, f.period)
                               for f in process_document(doc).facts)


def _half_width(text: str) -> str:
    return text.translate(str.maketrans("，；：（）", ",;:()"))


def _half_width_stops(text: str) -> str:
    # as a Chinese input method in half-width mode types it: the full stop too. (Not between two digits:
    # "收入比缩小至2.54。30个县区" typed so reads 2.54.30 to any reader.)
    return re.sub(r"。(?!\d)|(?<!\d)。", ".", _half_width(text))


def _full_width_digits(text: str) -> str:
    return text.translate({**{ord(c): ord(c) + 0xFEE0 for c in "0123456789"}, ord("%"): "％"})


def _wrapped(text: str, width: int = 17) -> str:
    # a newspaper column: every long line cut at the width, with no regard for words or numbers
    return "\n".join("\n".join(line[i:i + width] for i in range(0, len(line), width)) if len(line) > 40 else line
                     for line in text.split("\n"))


def _column(width: int):
    def wrapped(text: str) -> str:
        return _wrapped(text, width)
    wrapped.__name__ = f"wrapped_at_{width}"
    return wrapped


@pytest.mark.skipif(not PROVINCES, reason="the shared corpus is not beside the repository")
@pytest.mark.parametrize("form", [_half_width, _half_width_stops, _full_width_digits] + [_column(w) for w in (13, 17, 29, 37)],
                         ids=lambda f: f.__name__)
def test_a_report_printed_otherwise_gives_the_same_facts(form):
    # a column's width cuts words (统|一、开放 reads as a heading), quotations, ASCII words (G|DP) and
    # clauses (…千瓦；|五年…): none of it may change a fact. (Not at 11 or 23 characters: there a sentence of
    # national-2000's two-year review ends on a line's last character, and a print that does not indent its
    # paragraphs cannot tell that from a paragraph's end; the look back then stops a paragraph early.)
    changed = {}
    for path in PROVINCES + NATIONAL:
        text = path.read_text(encoding="utf-8")
        a, b = _facts(text), _facts(form(text))
        if a != b:
            changed[path.name] = (sorted(a - b)[:3], sorted(b - a)[:3])
    assert not changed, changed


def test_the_forms_change_the_text():
    text = "地区生产总值增长5.3%，城镇新增就业65万人（全年）。" + "共" * 40
    assert _half_width(text) != text and "," in _half_width(text)
    assert "。" not in _half_width_stops(text) and "5.3%" in _half_width_stops(text)
    assert "５．３" not in _full_width_digits(text) and "５" in _full_width_digits(text)
    assert "\n" in _wrapped(text)
