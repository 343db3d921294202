"""The canonical indicator catalogue: load ``data/indicators.yaml``, validate it, match phrases.

Reads the packaged ``data/indicators.yaml`` (schema in ``data/README.md``) and, to tell which
family a unit belongs to, the ``percent``/``points``/``ratio``/``measure_words`` lists of
``data/units.yaml``. Used by the link stage: ``Catalogue.match(indicator, unit, measure)`` maps
an extracted indicator phrase to a canonical id, or to ``None`` when nothing fits — never a
forced guess.

Matching (all tables built once at load; ``match`` is a few dict look-ups, memoized):

1. normalize the phrase: NFKC (full-width → ASCII), drop quotes and spaces, upper-case Latin;
2. look the phrase up among the names and aliases;
3. failing that, strip one leading scope word (全市, 全国, 其中, 2021年 ...) or one trailing
   word (增长, 增速, 数量 ...) at a time, breadth first, and look each shorter form up again.
   Only the words listed below are stripped: "两江新区规上工业增加值" or "数字经济增长" keep
   a residue that is not a scope word and so match nothing;
4. reject the hit when the unit or measure contradicts the entry (see ``Catalogue.fits``).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from planledger import patterns
from planledger.errors import DataFileError
from planledger.lexicon import packaged_data, region_key, yaml_loader
from .records import dataclass

DATA_DIR = Path(__file__).resolve().parent / "data"
INDICATORS_PATH = DATA_DIR / "indicators.yaml"
UNITS_PATH = DATA_DIR / "units.yaml"
MATCHING_PATH = DATA_DIR / "matching.yaml"  # the words stripped around a name when matching (README there)

UNIT_FAMILIES = frozenset(
    {"percent", "currency", "people", "count", "length", "area", "volume", "mass", "energy", "ratio", "time", "other"}
)
MEASURES = frozenset({"growth", "level"})
POLARITIES = frozenset({"higher_is_better", "lower_is_better", "neutral"})
CATEGORIES = frozenset(
    {
        "economy", "industry", "innovation", "fiscal", "finance", "opening", "people", "social",
        "urbanization", "environment", "safety", "agriculture", "infrastructure", "culture",
    }
)
REQUIRED_KEYS = ("id", "name", "aliases", "unit_family", "measures", "polarity", "category")
OPTIONAL_KEYS = ("note", "headline")
_ID = patterns.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")

_QUOTES = "“”‘’\"'「」『』《》〈〉"


def _alternation(words: tuple[str, ...], written: tuple[str, ...] = ()) -> str:
    return "|".join([*written, *(re.escape(w) for w in patterns.longest_first(words))])


_QUOTE_TABLE = str.maketrans("", "", _QUOTES)
_QUOTE = patterns.compile("[" + re.escape(_QUOTES) + "]")


@lru_cache(maxsize=8192)
def normalize_phrase(text: str) -> str:
    """The comparable form of an indicator phrase: NFKC, no quotes or spaces, Latin upper-cased.
    Memoized: loading the catalogue reads each name three times (checked, claimed, indexed), and a
    document names its indicators more than once."""
    text = unicodedata.normalize("NFKC", text)
    if _QUOTE.search(text):  # most phrases hold no quote: translate walks a CJK phrase at 2 µs, the search at 0.2
        text = text.translate(_QUOTE_TABLE)
    # str.split() splits where re's \s matches (both test Py_UNICODE_ISSPACE): re.sub(r"\s+", "", text), at a quarter of
    # the cost ("国内 生产总值" → 国内生产总值)
    return "".join(text.split()).upper()


@dataclass(frozen=True)
class Entry:
    """One canonical indicator of ``data/indicators.yaml``."""

    id: str
    name: str
    aliases: tuple[str, ...]
    unit_family: str
    measures: tuple[str, ...]
    polarity: str
    category: str
    note: str | None = None
    headline: int | None = None  # rank among the headline indicators (1 first); None: not one

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)


_UNSET = object()


class Catalogue:
    """The validated entries with the look-up tables built from them."""

    def __init__(self, entries: list[Entry], unit_families: dict[str, str], scales: tuple[str, ...], path: str,
                 keys: dict[str, str] | None = None, strip: tuple[str, str] | None = None):
        """``keys``: the look-up table (normalized name or alias → id) when known already (``_keys``);
        ``strip``: the leading and the trailing alternation of matching.yaml (``_load_matching``)."""
        self.path = path
        leading, trailing = strip if strip is not None else _load_matching(MATCHING_PATH)
        self._leading = patterns.compile(rf"^(?:{leading})")
        self._trailing = patterns.compile(rf"(?:{trailing})$")
        self._entries = tuple(entries)
        self._by_id = {e.id: e for e in entries}
        by_id = self._by_id
        self._by_key: dict[str, Entry] = {k: by_id[i] for k, i in (keys if keys is not None else _keys(entries)).items()}
        self._unit_families = unit_families
        self._scales = scales
        self._phrase_memo: dict[str, Entry | None] = {}
        self._memo: dict[tuple[str, str | None, str | None, str | None], str | None] = {}

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, id: object) -> bool:
        return id in self._by_id

    def get(self, id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self._by_id.get(id)

    # ------------------------------------------------------------------ matching
    def match(self, indicator: str, unit: str | None = None, measure: str | None = None,
              region: str | None = None) -> str | None:
        """The canonical id of an extracted indicator phrase, or None when no entry fits. ``region``: the
        document's region, whose name (full or short: 湖北省, 湖北) may open the phrase (湖北省地区生产总值)."""
        key = (indicator, unit, measure, region)
        hit = self._memo.get(key, _UNSET)
        if hit is _UNSET:
            entry = self.lookup(_without_region(indicator, region))
            hit = entry.id if entry is not None and self.fits(entry, unit, measure) else None
            self._memo[key] = hit
        return hit  # type: ignore[return-value]

    def lookup(self, indicator: str) -> Entry | None:
        """The entry a phrase names, by name/alias after stripping scope and trailing words."""
        hit = self._phrase_memo.get(indicator, _UNSET)
        if hit is _UNSET:
            hit = self._lookup(normalize_phrase(indicator))
            self._phrase_memo[indicator] = hit
        return hit  # type: ignore[return-value]

    def _lookup(self, phrase: str) -> Entry | None:
        frontier = [phrase]
        seen: set[str] = set()
        while frontier:  # breadth first: the form with the fewest words stripped wins
            next_frontier: list[str] = []
            for form in frontier:
                if len(form) < 2 or form in seen:
                    continue
                seen.add(form)
                entry = self._by_key.get(form)
                if entry is not None:
                    return entry
                lead = self._leading.match(form)
                if lead:
                    next_frontier.append(form[lead.end():])
                trail = self._trailing.search(form)
                if trail:
                    next_frontier.append(form[: trail.start()])
            frontier = next_frontier
        return None

    def unit_family(self, unit: str) -> str | None:
        """The family of a unit as written ("万人" → people, "%" → percent, "个百分点" → points).

        None for a unit units.yaml does not know. A compound unit ("元/月", "吨标准煤/万元")
        takes the family of its numerator.
        """
        unit = normalize_phrase(unit)
        if unit.endswith(("标准煤", "标煤")):  # units.yaml lists 吨标准煤 under volume
            return "energy"
        family = self._unit_families.get(unit)
        if family is not None:
            return family
        for scale in self._scales:  # 万人 → 人, 亿公斤 → 公斤
            if unit.startswith(scale) and len(unit) > len(scale):
                return self.unit_family(unit[len(scale):])
        if "/" in unit:
            return self.unit_family(unit.split("/", 1)[0])
        return None

    def fits(self, entry: Entry, unit: str | None, measure: str | None) -> bool:
        """Whether a value with this unit and measure can be a value of the entry.

        - growth given in % or 个百分点 always fits (every indicator can grow);
        - a level in % fits only a percent entry; a change in 个百分点 fits a percent entry or one
          measured by growth rates;
        - any other unit must belong to the entry's unit family (people and count are
          interchangeable: 户 counts firms as well as households), and the entry must take levels
          unless the measure is growth (an absolute change, 赤字增加1500亿元);
        - family ``other`` and units units.yaml does not know skip the family check;
        - a level is refused by an entry that is only ever a growth rate.
        """
        families = entry.unit_family
        if measure == "level" and "level" not in entry.measures and families != "percent":
            return False
        if unit is None or not unit.strip():
            return True
        family = self.unit_family(unit)
        if family == "percent" or family == "points":
            if measure == "growth" or families in ("percent", "other"):
                return True
            if measure == "level":
                return False
            return "growth" in entry.measures
        if families == "other" or family is None or family == "other":
            return True
        if family != families and {family, families} != {"people", "count"}:
            return False
        return "level" in entry.measures or measure == "growth"


# ---------------------------------------------------------------------- loading
@lru_cache(maxsize=8)
def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Load and validate the catalogue (the packaged file by default); cached per path."""
    path = Path(path) if path is not None else INDICATORS_PATH
    rows, keys = _read_yaml(path, lambda raw: _indexed(_validate(raw, path)))
    unit_families, scales = _load_unit_families(UNITS_PATH)
    return Catalogue([Entry(*row) for row in rows], unit_families, scales, str(path), keys,
                     _load_matching(MATCHING_PATH))


def _without_region(phrase: str, region: str | None) -> str:
    """The phrase without the region's name opening it: its full name or its short form (region_key), and
    what is left must still be a name (重庆市 alone stays)."""
    if region:
        for name in (region, region_key(region)):
            if name and phrase.startswith(name) and len(phrase) > len(name) + 1:
                return phrase[len(name):]
    return phrase


def _load_matching(path: Path) -> tuple[str, str]:
    """matching.yaml's leading and trailing words as two regex alternations (kept between processes)."""
    return _read_yaml(path, lambda raw: _matching(raw, path))


def _matching(raw: Any, path: Path) -> tuple[str, str]:
    if not isinstance(raw, dict):
        raise DataFileError(path, "expected a mapping at the top level")
    lists = {}
    for key in ("leading", "leading_patterns", "trailing"):
        words = raw.get(key)
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise DataFileError(path, f"key {key!r}: expected a non-empty list of words")
        lists[key] = tuple(w.strip() for w in words)
    for written in lists["leading_patterns"]:
        try:
            re.compile(written)
        except re.error as exc:
            raise DataFileError(path, f"leading_patterns: {written!r} is no regular expression ({exc})") from exc
    leading = _alternation(tuple(normalize_phrase(w) for w in lists["leading"]), lists["leading_patterns"])
    return leading, _alternation(tuple(normalize_phrase(w) for w in lists["trailing"]))


def _indexed(entries: list[Entry]) -> tuple[tuple[tuple, ...], dict[str, str]]:
    """The validated entries as tuples of their fields, and the catalogue's look-up table (normalized
    name or alias → id, as ``Catalogue`` builds it): what ``load_catalogue`` keeps between processes,
    so that a start-up neither checks the entries nor normalizes their ~460 names again."""
    rows = tuple((e.id, e.name, e.aliases, e.unit_family, e.measures, e.polarity, e.category, e.note, e.headline)
                 for e in entries)
    return rows, _keys(entries)


def _keys(entries: list[Entry]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for entry in entries:
        for name in entry.names:
            keys[normalize_phrase(name)] = entry.id
    return keys


def _read_yaml(path: Path, then: Callable[[Any], Any] | None = None) -> Any:
    """The parsed YAML of ``path``; with ``then``, what ``then`` makes of it (the cache keeps that, keyed by
    this module's source too: ``lexicon.packaged_data``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc

    def parse(text: str) -> Any:
        import yaml

        try:
            return yaml.load(text, Loader=yaml_loader())
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise DataFileError(path, f"not valid YAML{where}: {problem}") from exc

    if then is not None:
        return packaged_data(path, text, lambda text: then(parse(text)), derived_by=__file__)
    return packaged_data(path, text, parse)  # the packaged files parsed once, not at every start-up


def _validate(raw: Any, path: Path) -> list[Entry]:
    if not isinstance(raw, list) or not raw:
        raise DataFileError(path, "expected a non-empty list of indicator entries at the top level")
    entries: list[Entry] = []
    ids: set[str] = set()  # of the entries so far
    headlines: set[int] = set()
    claimed: dict[str, str] = {}  # normalized name/alias → id that claims it
    for index, item in enumerate(raw):
        where = f"entry {index}"
        if not isinstance(item, dict):
            raise DataFileError(path, f"{where}: expected a mapping, got {type(item).__name__}")
        if isinstance(item.get("id"), str):
            where = f"entry {index} (id {item['id']!r})"

        def fail(key: str, problem: str) -> None:
            raise DataFileError(path, f"{where}: key {key!r}: {problem}")

        for key in REQUIRED_KEYS:
            if key not in item:
                fail(key, "missing")
        for key in item:
            if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
                fail(str(key), f"unknown key (allowed: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)})")
        id_ = item["id"]
        if not isinstance(id_, str) or not _ID.match(id_):
            fail("id", f"{id_!r} is not ascii snake_case")
        if id_ in ids:
            fail("id", f"{id_!r} is used by an earlier entry")
        name = item["name"]
        if not isinstance(name, str) or not normalize_phrase(name):
            fail("name", "expected a non-empty string")
        aliases = item["aliases"]
        if aliases is None:
            aliases = []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and normalize_phrase(a) for a in aliases):
            fail("aliases", "expected a list of non-empty strings")
        for key, allowed in (("unit_family", UNIT_FAMILIES), ("polarity", POLARITIES), ("category", CATEGORIES)):
            if item[key] not in allowed:
                fail(key, f"{item[key]!r} is not one of {', '.join(sorted(allowed))}")
        measures = item["measures"]
        if (
            not isinstance(measures, list)
            or not measures
            or not set(measures) <= MEASURES
            or len(set(measures)) != len(measures)
        ):
            fail("measures", f"{measures!r} is not a non-empty list of distinct growth/level")
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            fail("note", "expected a string")
        headline = item.get("headline")
        if headline is not None and (isinstance(headline, bool) or not isinstance(headline, int) or headline < 1):
            fail("headline", f"{headline!r} is not a rank (a whole number from 1)")
        if headline is not None and headline in headlines:
            fail("headline", f"rank {headline} is used by an earlier entry")
        for key, text in [("name", name)] + [("aliases", a) for a in aliases]:
            norm = normalize_phrase(text)
            owner = claimed.get(norm)
            if owner is not None:
                fail(key, f"{text!r} is already claimed by {owner!r}")
            claimed[norm] = id_
        ids.add(id_)
        if headline is not None:
            headlines.add(headline)
        entries.append(
            Entry(
                id=id_, name=name, aliases=tuple(aliases), unit_family=item["unit_family"],
                measures=tuple(measures), polarity=item["polarity"], category=item["category"], note=note,
                headline=headline,
            )
        )
    return entries


_UNITS_CATEGORY_FAMILY = {"money": "currency", "data": "other"}


def _load_unit_families(path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    """unit → family from units.yaml, and its scale prefixes longest first (kept between processes)."""
    return _read_yaml(path, lambda raw: _unit_families(raw, path))


def _unit_families(raw: Any, path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise DataFileError(path, "expected a mapping at the top level")
    families: dict[str, str] = {}
    for key, family in (("percent", "percent"), ("points", "points"), ("ratio", "ratio")):
        words = raw.get(key) or []
        if not isinstance(words, list):
            raise DataFileError(path, f"key {key!r}: expected a list")
        for word in words:
            families[normalize_phrase(str(word))] = family
    measure_words = raw.get("measure_words") or {}
    if not isinstance(measure_words, dict):
        raise DataFileError(path, "key 'measure_words': expected a mapping")
    for category, words in measure_words.items():
        if not isinstance(words, list):
            raise DataFileError(path, f"key 'measure_words.{category}': expected a list")
        family = _UNITS_CATEGORY_FAMILY.get(category, category)
        if family not in UNIT_FAMILIES:
            family = "other"
        for word in words:
            families.setdefault(normalize_phrase(str(word)), family)
    scales = raw.get("scales") or {}
    if not isinstance(scales, dict):
        raise DataFileError(path, "key 'scales': expected a mapping")
    return families, tuple(sorted((str(s) for s in scales), key=len, reverse=True))
