"""Every reason of a real store reads in Chinese: the seeds, the State Council's reports 2000–2014 and
the 28 provincial reports of 2025 and 2026 (the store of issue 13), each scorecard, claim and task
reason through ``i18n.reason``. In Chinese no English word of the reason templates and no catalogue id
is left (document names and indicators as written aside: 川渝共建重大项目and is a name the text gave); in English every reason reads back exactly as it was written, so the
templates parse what the code writes."""
from __future__ import annotations

import re

import pytest

from conftest import SHARED, national_paths, seed_paths

pytest.importorskip("babel")

from planledger import i18n  # noqa: E402
from planledger.catalogue import load_catalogue  # noqa: E402

PROVINCES = [SHARED / "corpus" / "provinces-2025", SHARED / "corpus" / "provinces-2026"]


@pytest.fixture(scope="module")
def reasons(tmp_path_factory):
    if not all(p.is_dir() for p in PROVINCES) or not national_paths():
        pytest.skip("the shared corpus is not beside the repository")
    from planledger.ingest import ingest
    from planledger.ledger import build, claims_rows, scorecard_rows
    from planledger.store import open_store
    from planledger.tasks import ledger as task_ledger
    from planledger.tasks import rows as task_rows

    store = open_store(str(tmp_path_factory.mktemp("store") / "all.db"))
    try:
        summary = ingest([*map(str, seed_paths()), *map(str, national_paths()), *map(str, PROVINCES)], store)
        assert not summary.failed
        led = build(store, None)
        # what a reason shows as written: document names, and the indicators that hold Latin letters
        names = [d["name"] for d in store.documents()]
        names += sorted({f["indicator"] for f in store.facts() if re.search(r"[A-Za-z]", f["indicator"] or "")})
        found = [r["reason"] for r in scorecard_rows(led, None)] + [r["reason"] for r in claims_rows(led)]
        found += [r["reason"] for r in task_rows(task_ledger(store.documents_with_text(None)), None, None)]
    finally:
        store.close()
    return [r for r in found if r], names


def _template_words() -> set[str]:
    words = set()
    for template in [*i18n.REASONS, *i18n.WHYS, *i18n.WHAT.values(), i18n.FACT]:
        words |= set(re.findall(r"[A-Za-z]{2,}", re.sub(r"%\(\w+\)s", " ", template)))
    return words


def test_every_reason_of_the_store_reads_in_chinese(reasons):
    texts, names = reasons
    assert len(texts) > 1500  # the store holds the reasons of every kind
    # a word of Latin letters, wherever it stands (Chinese characters are word characters to \\b)
    english = re.compile(r"(?<![A-Za-z0-9_])(?:%s)(?![A-Za-z0-9_])" % "|".join(sorted(_template_words() | {e.id for e in load_catalogue()},
                                                         key=len, reverse=True)))
    as_written = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    i18n.set_lang("zh")
    left = []
    for text in texts:
        shown = as_written.sub("", i18n.reason(text))
        if english.search(shown):
            left.append(f"{text}  →  {shown}")
    assert not left, f"{len(left)} of {len(texts)} reasons left in English:\n" + "\n".join(left[:20])


def test_every_reason_of_the_store_reads_back_in_english(reasons):
    texts, _names = reasons
    i18n.set_lang("en")
    changed = [t for t in texts if i18n.reason(t) != t]
    assert not changed, changed[:10]
