"""Every fact points at its number: original[start:end] is the number as written, for every fact
of every seed and of the national corpus."""
import re

import pytest

from planledger.numbers import scan
from planledger.pipeline import process

from conftest import national_paths, seed_paths

_FULLWIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} | {ord("．"): ".", ord("，"): ","}


@pytest.mark.parametrize("path", seed_paths() + national_paths(), ids=lambda p: p.stem)
def test_span_holds_the_number(path):
    result = process(str(path))
    original = result.document.text
    assert result.facts or path.stem.startswith("004"), "no facts at all"
    for f in result.facts:
        span = original[f.start:f.end]
        if not re.search(r"\d", span):  # Chinese numerals and words (正增长, 翻一番, 持平, 一半)
            read = scan(span)
            # a multiple in words keeps 倍 (增长一倍多: 1 倍); a word the scanner reads in % (翻一番: 100 %) too
            times = 100 if read and read[0].unit == "倍" and f.unit == "%" else 1
            assert read and abs(read[0].value) * times == abs(f.value), f"{path.name}: {span!r} is not {f.value}"
            continue
        written = re.sub(r"\s", "", span).translate(_FULLWIDTH).replace(",", "")
        first = re.match(r"\d+(?:\.\d+)?", written)
        assert first, f"{path.name}: span {span!r} of {f.indicator!r} holds no number"
        assert float(first.group()) == abs(f.value), f"{path.name}: {span!r} is not {f.value} ({f.indicator})"
        if f.value_high is not None:
            assert written.endswith(re.sub(r"\.0$", "", str(f.value_high))) or float(
                re.findall(r"\d+(?:\.\d+)?", written)[-1]) == f.value_high
        assert f.quote and re.sub(r"\s", "", f.quote) in re.sub(r"\s", "", f.sentence)
