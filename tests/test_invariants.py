"""The invariants of benchmarks/invariants.py hold over every development document (seeds, national,
both provincial corpora): no outcome after the report's year, one GDP target per work report, no target
dated to a plan's end year its text does not name, no number twice under one name."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT, SHARED


def _invariants():
    spec = importlib.util.spec_from_file_location("invariants", ROOT / "benchmarks" / "invariants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="the shared corpus is not beside the repository")
def test_invariants_hold_over_the_development_corpora(capsys):
    status = _invariants().main([])
    out = capsys.readouterr().out
    assert status == 0, out
    for line in out.splitlines()[1:]:
        if line and not line.startswith(" "):
            assert line.endswith(": 0"), out


def test_an_outcome_after_the_report_year_is_caught(tmp_path, capsys):
    report = tmp_path / "r.txt"
    # a made-up report whose review claims an outcome for a year to come would break invariant 1; the
    # extractor reads it as a target, so the invariant holds
    report.write_text("2026年某某县政府工作报告\n一、2025年工作回顾\n过去一年，全县财政收入增长5%，"
                      "2030年地区生产总值将突破1000亿元。\n", encoding="utf-8")
    assert _invariants().main([str(report)]) == 0, capsys.readouterr().out
