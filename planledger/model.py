"""The records that travel between the stages: read → normalize → structure → extract → store.

Every offset (``start``/``end``) in these records points into ``Document.text``, the decoded
original text of the file, never into a normalized copy: ``document.text[fact.start:fact.end]``
is the span that holds the fact's number as written.
"""
from __future__ import annotations

from dataclasses import field, fields
from functools import lru_cache
from typing import Any
from .records import dataclass


@dataclass(frozen=True)
class Page:
    """A page of a paged source (PDF): its 1-based number and its character range in the text."""

    number: int
    start: int
    end: int


@dataclass
class Document:
    """What a reader returns: the decoded text of one file and what the file says about itself."""

    path: str
    text: str
    format: str  # "text", "html", "pdf", "docx"
    sha256: str  # of the file's bytes: the document's identity in the store
    encoding: str | None = None
    title: str | None = None
    pages: list[Page] = field(default_factory=list)
    damaged: int = 0  # characters the reader could not decode, written U+FFFD (a flipped bit, a cut)

    @property
    def doc_id(self) -> str:
        """The file name without its suffix (the id the gold files use)."""
        import os

        return os.path.splitext(os.path.basename(self.path))[0]

    def page_at(self, offset: int) -> int | None:
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return None


@dataclass
class DocumentMeta:
    """What the structure stage reads from the text: who speaks, for which year, in what genre."""

    region: str | None  # "全国", "重庆市", ...
    year: int | None  # the year the document was delivered (a 2021 report reviews 2020, targets 2021)
    doc_type: str  # "government_work_report", "plan_report", "plan_execution_report", "news", "unknown"
    title: str | None = None  # the report's own title (titles.find_heading), never a portal's toolbar
    source: dict[str, str] = field(default_factory=dict)  # field → where it was read from
    date: str | None = None  # YYYY-MM-DD: the day the report was delivered (its delivery line)


@dataclass
class Section:
    """A heading of the outline with the text it governs, its role and the period it speaks of."""

    index: int
    level: int  # 1 for 一、, 2 for （一）, 3 for 1., ...
    heading: str
    start: int
    end: int
    role: str  # "review", "targets", "plan", "tasks", "projects", "five_year_review", "five_year_goals", "other"
    period: str | None  # "2020", "2016-2020", "2021-2025", ...


def _column(size: int | None = None, *, spec: bool = True, listed: bool = False, exported: bool = True,
            index: bool = False, nullable: bool | None = None) -> dict[str, Any]:
    """A fact field's metadata: what the store, the Parquet schema, the CLI, the web and the evaluation
    make of it.

    ``size``: the most characters a stored string holds (a ``VARCHAR``; None: ``TEXT``); ``spec``: a
    field of shared/gold/SPEC.md (every gold record has it); ``listed``: a column of the short listing
    (``planledger facts``, ``extract`` as a table); ``exported``: a column of the web's fact export;
    ``index``: the store indexes it; ``nullable``: the store column takes NULL (default: when the
    field's type admits None).
    """
    return {"size": size, "spec": spec, "listed": listed, "exported": exported, "index": index,
            "nullable": nullable}


@dataclass
class Fact:
    """One quantified fact, as shared/gold/SPEC.md defines it, with its provenance.

    The one definition of a fact's fields: the store's columns, the Parquet schema, the CLI's and the
    web's columns and the fields a gold record must have are made from these fields and their metadata
    (``fact_fields()``). A new field is added here, with a store migration that adds its column to the
    databases made before it (as migration 10 did for ``method``)."""

    doc: str = field(metadata=_column(255, listed=True))  # the document's name in the store
    kind: str = field(metadata=_column(16, listed=True))  # "target", "actual", "other"
    indicator: str = field(metadata=_column(listed=True))
    measure: str = field(metadata=_column(16, listed=True))  # "growth", "level"
    value: float = field(metadata=_column(listed=True))
    value_high: float | None = field(metadata=_column(listed=True))
    unit: str = field(metadata=_column(32, listed=True))
    qualifier: str = field(metadata=_column(8, listed=True))  # ">=", ">", "<=", "<", "~", "=", "range"
    period: str = field(metadata=_column(16, listed=True))
    binding: bool | None = field(metadata=_column(listed=True))
    estimated: bool = field(metadata=_column())
    quote: str = field(metadata=_column(listed=True))
    sentence: str = field(metadata=_column(spec=False))  # the provenance, beyond SPEC's fields:
    start: int = field(metadata=_column(spec=False))
    end: int = field(metadata=_column(spec=False))
    page: int | None = field(default=None, metadata=_column(spec=False, exported=False))
    canonical: str | None = field(default=None, metadata=_column(64, spec=False, listed=True, index=True))
    section: int | None = field(default=None, metadata=_column(spec=False, exported=False))  # the governing Section
    # the rules that produced it, for tracing a wrong fact: how it was named (segment, respectively,
    # threshold-list…) and what gave its kind and period (frame:past_plan, section:review); NULL in the
    # store for facts stored before it was recorded (migration 10)
    method: str = field(default="", metadata=_column(spec=False, exported=False, nullable=True))

    def to_dict(self) -> dict[str, Any]:
        """Every field, a whole number as an int (6.0 → 6): what ``extract --format jsonl`` prints."""
        values = self.__dict__  # the fields' values (a Fact has no slots, no properties): no getattr per field
        data = {name: values[name] for name in FACT_FIELDS}  # flat: no deep copy needed
        for name in _double_fields():
            data[name] = plain_number(data[name])
        return data


def plain_number(v: Any) -> Any:
    """A whole float as an int (6.0 → 6), anything else as it is: how a fact's value is shown and returned."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


@dataclass(frozen=True)
class FactField:
    """A field of ``Fact`` as the other layers need it (see ``_column``)."""

    name: str
    type: str  # "string", "double", "long", "boolean": the Arrow/Spark type, and the SQL type's family
    optional: bool  # the field's type admits None
    size: int | None
    spec: bool
    listed: bool
    exported: bool
    index: bool
    nullable: bool  # the store column takes NULL


_TYPES = {str: "string", float: "double", int: "long", bool: "boolean"}


@lru_cache(maxsize=1)
def fact_fields() -> tuple[FactField, ...]:
    """The fields of ``Fact`` in order, with their types (from the annotations) and metadata."""
    import types
    import typing

    hints = typing.get_type_hints(Fact)
    out = []
    for f in fields(Fact):
        hint = hints[f.name]
        args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        base = [a for a in args if a is not type(None)]
        assert len(base) == 1 and base[0] in _TYPES, f"Fact.{f.name}: {hint} has no column type"
        optional = type(None) in args
        m = f.metadata
        out.append(FactField(f.name, _TYPES[base[0]], optional, m["size"], m["spec"], m["listed"], m["exported"],
                             m["index"], optional if m["nullable"] is None else m["nullable"]))
    return tuple(out)


FACT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Fact))


@lru_cache(maxsize=1)
def _double_fields() -> tuple[str, ...]:
    """The fields ``Fact.to_dict`` writes as plain numbers (``fact_fields()`` reads the type hints: once)."""
    return tuple(f.name for f in fact_fields() if f.type == "double")
