"""planledger: quantified targets and outcomes from Chinese government reports, each traceable to
the characters it came from.

The library is complete without the CLI::

    from planledger import process, open_store, build_ledger
    processed = process("report.txt")          # read → normalize → structure → extract
    for fact in processed.facts: ...
    with open_store("planledger.db") as store:
        store.save(processed)
        ledger = build_ledger(store, "重庆")      # link → assess → claims

Names are imported on first use, so that ``import planledger`` does no work.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# The version of extraction (normalize, structure, extract, catalogue): stored with each document, and a
# stored document extracted by another version is extracted again by the next `planledger ingest` (or
# `planledger reextract`). Bump it with every change that changes what is extracted from a text.
EXTRACTOR_VERSION = "2026.12.14"

_API = {
    "process": ("pipeline", "process"),
    "process_document": ("pipeline", "process_document"),
    "read_path": ("read", "read_path"),
    "normalize": ("normalize", "normalize"),
    "open_store": ("store", "open_store"),
    "build_ledger": ("ledger", "build"),
    "load_catalogue": ("catalogue", "load_catalogue"),
    "Fact": ("model", "Fact"),
    "Document": ("model", "Document"),
    "PlanledgerError": ("errors", "PlanledgerError"),
    "ingest": ("ingest", "ingest"),
}

__all__ = sorted(_API) + ["EXTRACTOR_VERSION", "__version__"]


def __getattr__(name: str) -> Any:
    if name in _API:
        module, attr = _API[name]
        return getattr(import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'planledger' has no attribute {name!r}")
