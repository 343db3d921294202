"""Dependencies shared by the routes: the store, the templates, the settings of this app."""
from __future__ import annotations

import gc
import threading
import weakref
from collections import OrderedDict
from pathlib import Path
from typing import Annotated, Any, Callable
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from .. import i18n
from ..store import Store
from ..records import dataclass

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape is on for .html


@dataclass
class Settings:
    allow_upload: bool = False
    token: str | None = None
    max_upload_bytes: int = 20 * 1024 * 1024


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


class Cache:
    """Ledgers and task ledgers already built, by (what, region, the store's write generation): a
    page, its API twin and its exports are built once, not on every request, and rebuilt as soon as
    anything is written to the store (by this app or another process). Building one for a whole
    10,000-document store takes seconds; asking the generation, a millisecond."""

    def __init__(self, size: int = 48):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._generation: int | None = None
        self._lock = threading.RLock()  # a cached table may be built from a cached ledger

    def get(self, store: Store, what: str, region: str | None, make: Callable[[], Any]) -> Any:
        key = (what, region or None, store.generation())
        with self._lock:  # one build at a time: a second request for the same key waits and reuses it
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            if self._generation is not None and key[2] != self._generation:
                gc.unfreeze()  # the store changed: what was frozen may be garbage now (cycles included)
                gc.collect()
            self._generation = key[2]
            value = make()
            # what is cached lives long and holds a great many objects: keep the cyclic collector from
            # walking them all again on every full collection (pauses of 100 ms and more on a big store)
            gc.freeze()
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
            return value


_caches: "weakref.WeakKeyDictionary[Store, Cache]" = weakref.WeakKeyDictionary()


def ledger_of(store: Store, region: str | None):
    """``ledger.build(store, region)``, cached until the store changes."""
    from ..ledger import build

    return _caches.setdefault(store, Cache()).get(store, "ledger", region, lambda: build(store, region or None))


def tasks_of(store: Store, region: str | None):
    """``tasks.ledger`` of the region's documents, cached until the store changes."""
    from ..tasks import ledger as task_ledger

    return _caches.setdefault(store, Cache()).get(
        store, "tasks", region, lambda: task_ledger(store.documents_with_text(region or None)))


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _slug(text: Any) -> str:
    import re

    return re.sub(r"[^0-9a-z_]+", "-", str(text or "").lower()).strip("-") or "none"


def _query(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def facts_of(store: Store):
    """Every stored fact with the case-folded indicator and sentence search compares (a list of
    (fact, indicator, sentence)), cached until the store changes."""
    return _caches.setdefault(store, Cache()).get(
        store, "facts", None,
        lambda: [(f, f["indicator"].casefold(), f["sentence"].casefold()) for f in store.facts()])


_derived: "weakref.WeakKeyDictionary[Store, Cache]" = weakref.WeakKeyDictionary()


def cached(store: Store, what: str, region: str | None, make: Callable[[], Any]) -> Any:
    """Anything derived from the store (a scorecard's rows, a rendered reader page), cached until
    the store changes; kept apart from the ledgers so that many pages do not push a ledger out."""
    return _derived.setdefault(store, Cache(size=64)).get(store, what, region, make)


templates.env.filters["slug"] = _slug
templates.env.globals["query"] = _query


def _install_i18n(env: Any) -> None:
    """Jinja2's i18n extension with planledger.i18n's gettext (``_()``, ``{% trans %}``), and the
    filters that format numbers, dates, units, statuses… in the page's language."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    env.filters.update(num=i18n.number, date=i18n.date, unit=i18n.unit, status=i18n.status, kind_label=i18n.kind,
                       reason=i18n.reason, claims=i18n.claims, stage=i18n.stage, doc_type=i18n.doc_type,
                       stored=i18n.stored, indicator_name=i18n.indicator_name)
    env.globals.update(quantity=i18n.quantity, margin=i18n.margin, current_lang=i18n.current,
                       html_lang=lambda: i18n.HTML_LANG[i18n.current()])


_install_i18n(templates.env)
