"""The web layer: ``planledger serve`` — pages, a JSON API and exports over the store.

Thin by design: every table comes from ``planledger.ledger`` / ``planledger.store`` through
``tables.py``; ``create_app`` is the only entry point.
"""
from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):
    from .app import create_app as _create

    return _create(*args, **kwargs)
