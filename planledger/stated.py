"""Verdicts a report states in words, for targets it gives no figure for.

A report often says what came of last year's target without a number: "节能减排、物价调控目标没有完成"
(missed), "去年财政赤字控制在预算范围内" (met). When the ledger finds no outcome for a target whose
period is over, ``stated_verdicts`` reads the reports of the year after it for such a sentence about
the target (its name, its catalogue name and aliases, or a topic word of ``data/ledger.yaml``:
``stated_topics``) and the patterns of ``stated``; the verdict it finds carries the sentence as its
evidence and no outcome value. The text comes from the store (or a Spark result's ``…_documents``); a
fact source without texts gets no stated verdicts.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Iterable

from . import patterns
from .errors import DataFileError
from .lexicon import DATA, load_yaml
from .records import dataclass

STATUSES = ("missed", "met")  # assess.MISSED, assess.MET


@dataclass(frozen=True)
class Stated:
    status: str  # met or missed
    doc: str
    sentence: str


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    data = load_yaml("ledger.yaml")
    path = DATA / "ledger.yaml"
    stated, topics = data.get("stated"), data.get("stated_topics")
    if not isinstance(stated, dict) or set(stated) - set(STATUSES) or not all(
            isinstance(v, list) and all(isinstance(p, str) and "{name}" in p for p in v) for v in stated.values()):
        raise DataFileError(path, "'stated' must map met/missed to lists of patterns holding {name}")
    for written in stated.values():
        for p in written:
            try:
                patterns.compile(p.replace("{name}", "名"))
            except re.error as e:
                raise DataFileError(path, f"'stated': bad pattern {p!r}: {e}") from e
    if not isinstance(topics, dict) or not all(isinstance(v, list) and all(isinstance(w, str) and w for w in v)
                                               for v in topics.values()):
        raise DataFileError(path, "'stated_topics' must map a catalogue id to a list of words")
    return ({k: tuple(v) for k, v in stated.items()}, {k: tuple(v) for k, v in topics.items()})


def names_of(indicator: str, canonical: str | None) -> list[str]:
    """The words a sentence may name the target by, longest first."""
    names = {indicator}
    if canonical:
        from .catalogue import load_catalogue

        entry = load_catalogue().get(canonical)
        if entry is not None:
            names.update(entry.names)
        names.update(_rules()[1].get(canonical, ()))
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


@lru_cache(maxsize=256)
def _patterns(names: tuple[str, ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """The ``stated`` patterns with {name} standing for these names (compiled once per target name)."""
    alternation = "|".join(re.escape(n) for n in names)
    return tuple((status, re.compile(p.replace("{name}", f"(?:{alternation})")))
                 for status, ps in _rules()[0].items() for p in ps)


def find(text: str, names: Iterable[str]) -> tuple[str, str] | None:
    """(status, sentence) of the first sentence of ``text`` stating a verdict on one of ``names``."""
    names = tuple(names)
    if not names:
        return None
    compiled = _patterns(names)
    for sentence in re.split(r"(?<=[。！？；;\n])", text):
        for status, pattern in compiled:
            if pattern.search(sentence):
                return status, sentence.strip()
    return None


def stated_verdicts(targets: Iterable[Any], facts: list[dict[str, Any]],
                    text_of: Callable[[str], str | None]) -> dict[int, Stated]:
    """For each target (``id(target)`` → Stated) that a report of the year after its period judges in
    words. ``targets``: link.Target objects without an outcome; ``text_of``: a document's text by name."""
    from .link import span
    from .regions import key_of

    reviewing: dict[tuple[str, int], list[str]] = {}
    for f in facts:
        if f.get("year") and f.get("doc_type") in ("government_work_report", "plan_report", "plan_execution_report"):
            docs = reviewing.setdefault((key_of(f), int(f["year"])), [])
            if f["doc"] not in docs:
                docs.append(f["doc"])
    texts: dict[str, str | None] = {}
    out: dict[int, Stated] = {}
    for t in targets:
        start, end = span(t)
        if start != end:
            continue  # a plan's targets are judged by its closing review's figures
        names = names_of(t.indicator, t.canonical)
        for doc in reviewing.get((t.region, end + 1), []):
            if doc not in texts:
                texts[doc] = text_of(doc)
            found = find(texts[doc] or "", names)
            if found:
                out[id(t)] = Stated(found[0], doc, found[1])
                break
    return out
