"""The gate: extraction measured against the hand-made gold beside the repository (shared/gold).

Floors are the issue's acceptance figures; a change that drops below them fails here. The
scorer is planledger.evaluate, which gives the same figures as shared/gold/score.py.
"""
import pytest

from planledger.evaluate import evaluate_dir

from conftest import GOLD, NATIONAL, SEEDS

FLOOR = 0.90


@pytest.fixture(scope="module")
def seeds_report():
    if not (GOLD / "seeds.jsonl").exists():
        pytest.skip("shared/gold is not beside the repository")
    return evaluate_dir(str(GOLD / "seeds.jsonl"), str(SEEDS))


def test_seeds_precision_and_recall(seeds_report):
    s = seeds_report.summary()
    assert s["precision"] >= FLOOR and s["recall"] >= FLOOR, s


def test_seeds_qualifier_accuracy(seeds_report):
    assert seeds_report.summary()["accuracy"]["qualifier"] >= 0.95


def test_national_passages():
    if not (GOLD / "national-2004-2014.jsonl").exists() or not NATIONAL.is_dir():
        pytest.skip("shared/ is not beside the repository")
    s = evaluate_dir(str(GOLD / "national-2004-2014.jsonl"), str(NATIONAL), passages=True).summary()
    assert s["precision"] >= FLOOR and s["recall"] >= FLOOR, s
