"""The whole journey of one file: read → normalize → structure → extract (→ catalogue).

``process(path)`` is what the CLI, the store and the evaluation call. It returns the document,
its metadata and outline, and its facts with offsets into the original decoded text.
"""
from __future__ import annotations


from .model import Document, DocumentMeta, Fact, Section
from .normalize import Normalized, normalize
from .structure import describe, outline
from .structure.tables import find_tables, table_facts
from .extract import extract, mark_restatements, split_joint_names
from .records import dataclass


@dataclass
class Processed:
    document: Document
    meta: DocumentMeta
    sections: list[Section]
    facts: list[Fact]


def process(path: str, region: str | None = None, year: int | None = None) -> Processed:
    from .read import read_path

    return process_document(read_path(path), region=region, year=year)


def process_document(document: Document, region: str | None = None, year: int | None = None) -> Processed:
    norm = normalize(document.text)
    meta = describe(norm.text, path=document.path, title=document.title, region=region, year=year,
                    original=document.text)
    sections = outline(norm.text, meta)
    facts = extract(norm.text, meta, sections, doc=document.doc_id)
    _to_original(facts, sections, norm, document)
    facts = _with_tables(facts, sections, document, meta)
    facts = _canonical(facts, meta.region)
    mark_restatements(facts)
    return Processed(document, meta, sections, facts)


def _to_original(facts: list[Fact], sections: list[Section], norm: Normalized, document: Document) -> None:
    """Map normalized offsets back to the original text; the fact keeps its number's span."""
    for f in facts:
        f.start, f.end = norm.span(f.start, f.end)
        f.page = document.page_at(f.start) if document.pages else None
    for s in sections:
        s.start, s.end = norm.span(s.start, s.end) if s.end > s.start else (norm.at(s.start),) * 2


def _with_tables(facts: list[Fact], sections: list[Section], document: Document, meta: DocumentMeta) -> list[Fact]:
    """The facts of the text's tables of main indicators (``structure.tables``) in place of what prose extraction
    made of their rows (a run-on sentence: its figures stand inside the table)."""
    tables = find_tables(document.text)
    if not tables:
        return facts
    spans = [(t.start, t.end) for t in tables]
    kept = [f for f in facts if not any(a <= f.start < b for a, b in spans)]
    for table in tables:
        for f in table_facts(table, meta.year, doc=document.doc_id):
            f.page = document.page_at(f.start) if document.pages else None
            inside = [s for s in sections if s.start <= f.start < s.end]  # the innermost section holding it
            f.section = inside[-1].index if inside else None
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept


def _canonical(facts: list[Fact], region: str | None = None) -> list[Fact]:
    """The catalogue's id of each fact's indicator (the document's ``region`` may open its name: 湖北省地区生产总值);
    a figure named for two indicators the catalogue knows becomes one fact for each
    (``extract.split_joint_names``)."""
    try:
        from .catalogue import load_catalogue
    except ImportError:  # the catalogue is optional for extraction
        return facts
    catalogue = load_catalogue()

    def match(name: str, unit: str | None, measure: str | None) -> str | None:
        return catalogue.match(name, unit, measure, region)

    for f in facts:
        f.canonical = match(f.indicator, f.unit, f.measure)
    return split_joint_names(facts, match)
