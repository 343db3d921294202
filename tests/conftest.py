"""Shared fixtures: the seed documents shipped in examples/, the shared corpus and gold beside the repo."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "chongqing"
SHARED = ROOT.parent / "shared"
NATIONAL = SHARED / "corpus" / "national"
GOLD = SHARED / "gold"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def national_paths() -> list[Path]:
    return sorted(NATIONAL.glob("national-*.txt")) if NATIONAL.is_dir() else []


@pytest.fixture(scope="session")
def processed_seeds():
    from planledger.pipeline import process

    return {p.stem: process(str(p)) for p in seed_paths()}
