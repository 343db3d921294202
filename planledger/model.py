"""The records that travel between the stages: read → normalize → structure → extract → store.

Every offset (``start``/``end``) in these records points into ``Document.text``, the decoded
original text of the file, never into a normalized copy: ``document.text[fact.start:fact.end]``
is the span that holds the fact's number as written.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


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


@dataclass
class Fact:
    """One quantified fact, as shared/gold/SPEC.md defines it, with its provenance."""

    doc: str
    kind: str  # "target", "actual", "other"
    indicator: str
    measure: str  # "growth", "level"
    value: float
    value_high: float | None
    unit: str
    qualifier: str  # ">=", ">", "<=", "<", "~", "=", "range"
    period: str
    binding: bool | None
    estimated: bool
    quote: str
    sentence: str
    start: int
    end: int
    page: int | None = None
    canonical: str | None = None
    section: int | None = None  # index of the governing Section
    # the rules that produced it, for tracing a wrong fact: how it was named (segment, respectively,
    # threshold-list…) and what gave its kind and period (frame:past_plan, section:review)
    method: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}  # flat: no deep copy needed
        for key in ("value", "value_high"):
            v = data[key]
            if isinstance(v, float) and v.is_integer():
                data[key] = int(v)
        return data


FACT_FIELDS = [
    "doc", "kind", "indicator", "measure", "value", "value_high", "unit", "qualifier", "period",
    "binding", "estimated", "quote", "sentence", "start", "end", "page", "canonical", "section", "method",
]
