"""structure.sentences: the possessive sentence pattern finds what the plain one finds."""
from __future__ import annotations

import re

import pytest

from planledger.normalize import normalize
from planledger.structure import _SENTENCE, _SENTENCE_PLAIN, Sentence, sentences

from conftest import SHARED

FOLDERS = ("seeds", "corpus/national", "corpus/provinces-2026", "corpus/provinces-2025")
EDGES = [
    "", "\n", "   \n\n  \n", "一句。", "没有句号", "没有句号\n", "  缩进的一行\n下一行。", "。。。", "；\n；",
    "甲。\n\n\n乙！丙？丁；戊;己!庚?", "行一\r\n行二。\r\n", "\u3000\u3000全角空格开头。\n", " \t \n \t x\n",
    "a;b!c?d", "末尾的空白  \n  \n", "两个\n\n段落\n",
]


def _spans(pattern, text):
    return [(m.start(), m.start(1), m.end()) for m in pattern.finditer(text)]


def test_the_possessive_pattern_finds_the_plain_patterns_sentences():
    if not (SHARED / "corpus" / "national").is_dir():
        pytest.skip("shared/ is not beside the repository")
    plain = re.compile(_SENTENCE_PLAIN)
    texts = [p.read_text(encoding="utf-8") for folder in FOLDERS for p in sorted((SHARED / folder).glob("*.txt"))]
    assert len(texts) > 40
    texts += [normalize(t).text for t in texts] + EDGES
    count = 0
    for text in texts:
        found = _spans(_SENTENCE, text)
        assert found == _spans(plain, text)
        count += len(found)
    assert count > 40000


def test_sentences_of_a_text():
    text = "\n  \n今年GDP增长5%左右。物价稳定；就业扩大\n最后一句"
    assert [text[s.start:s.end] for s in sentences(text)] == ["今年GDP增长5%左右。", "物价稳定；", "就业扩大\n", "最后一句"]
    assert sentences("") == [] and sentences("\n \n") == [] and sentences("一句。") == [Sentence(0, 3)]
