"""The command line: a thin layer over the library (pipeline, store, evaluate, present).

Data goes to stdout; progress, per-file status and errors go to stderr. A PlanledgerError
becomes one line ``planledger: <input>: <problem>`` on stderr and exit code 1.
"""
from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, Callable, Iterator

import click

from .errors import OutputError, PlanledgerError, one_line, printable
from .model import fact_fields
from .present import FORMATS, write_rows

FACT_TABLE_COLUMNS = [f.name for f in fact_fields() if f.listed]  # what `facts` and `extract` show in a table
DOC_COLUMNS = ["name", "region", "year", "doc_type", "n_facts", "title"]
FAILURE_COLUMNS = ["path", "problem", "at", "sha256"]


class PlanledgerGroup(click.Group):
    """Turns a PlanledgerError raised by any command into one line on stderr and exit 1; any other
    exception too (``unexpected …``), with its traceback only under ``planledger --debug``."""

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        global _as_program
        if args is None:  # the arguments of this process (the planledger script, python -m planledger)
            _as_program = True
        try:
            return super().main(args, *rest, **options)
        finally:
            if _as_program:  # what stdout still buffers is written now, where a closed pipe can be told
                try:
                    sys.stdout.flush()
                except BrokenPipeError:
                    _reader_gone()
                except OSError as e:  # stdout a full disk's file: one line, as for any other error
                    click.echo(f"planledger: {OutputError('stdout', one_line(e))}", err=True)
                    sys.exit(1)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlanledgerError as e:
            _traceback()
            click.echo(f"planledger: {e}", err=True)
            ctx.exit(1)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _reader_gone()
        except Exception as e:  # noqa: BLE001 - no traceback reaches a user unless asked for
            _traceback()
            click.echo(f"planledger: unexpected {type(e).__name__}: {one_line(e)}"
                       + ("" if _debugging() else " (run with --debug for the traceback)"), err=True)
            ctx.exit(1)


def _reader_gone() -> None:
    """The reader of stdout went away before the output ended (``planledger extract … | head``): no error to
    report, only the exit status 1; what stdout still holds goes nowhere, so that the interpreter's flush
    at exit does not fail on the closed pipe again (as Python's documentation of SIGPIPE advises)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind stdout (a test's runner): nothing to redirect
        pass
    sys.exit(1)


def _debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().meta.get("planledger.debug"))


def _traceback() -> None:
    """Under --debug, the traceback of the exception being handled, on stderr."""
    if _debugging():
        import traceback

        traceback.print_exc(file=sys.stderr)


LANGS = ("zh", "en")  # planledger.i18n.LANGS (not imported here: Babel is slow to import)


def _keep_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta["planledger.lang"] = value


def _lang() -> str:
    """The language of the readable tables: --lang, else $PLANLEDGER_LANG, else Chinese."""
    ctx = click.get_current_context(silent=True)
    return (ctx.meta.get("planledger.lang") if ctx else None) or "zh"


def lang_option(func: Callable) -> Callable:
    """``--lang``: the language of what is written for reading (kept in the context, see ``_lang``)."""
    return click.option(
        "--lang", type=click.Choice(LANGS), default=None, envvar="PLANLEDGER_LANG", expose_value=False,
        callback=_keep_lang,
        help="Language of the readable formats (table, markdown, html) and of plot's pictures: zh (default) or en; "
             "$PLANLEDGER_LANG. "
             "Headers, statuses, reasons, kinds and stages are translated; csv/json/jsonl/xlsx keep the column "
             "names and the English status codes (met, not comparable…) for programs.",
    )(func)


def output_options(func: Callable) -> Callable:
    """The ``--format`` and ``--lang`` options every listing command shares."""
    func = lang_option(func)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="Output format: a table for reading; csv/json/jsonl for other programs; markdown, html (one "
             "self-contained page) and xlsx (one sheet per table, needs --output FILE where there is one).",
    )(func)


def db_option(func: Callable) -> Callable:
    return click.option(
        "--db", default=None, metavar="PATH|URL",
        help="Database: a SQLite file path or an SQLAlchemy URL (sqlite:///…, postgresql+psycopg://…). "
             "Default: $PLANLEDGER_DB, else ./planledger.db.",
    )(func)


def doc_options(func: Callable) -> Callable:
    func = click.option("--year", type=int, default=None,
                        help="Year the document was delivered, when the text does not say.")(func)
    func = click.option("--region", default=None,
                        help="Region of the document (全国, 重庆市…), when the text does not say.")(func)
    return func


def _store(db: str | None):
    from .store import open_store

    return open_store(db)


def _pipeline():
    from .pipeline import process  # imported when a command extracts, not at start-up

    return process


def _status(message: str) -> None:
    """A line on stderr that does not collide with a progress bar drawn there."""
    prefix = "\r\x1b[K" if sys.stderr.isatty() else ""
    click.echo(prefix + message, err=True)


def _stdout_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    if fmt == "xlsx" and sys.stdout.isatty():
        raise click.UsageError("xlsx is binary: redirect stdout to a file")
    try:
        write_rows(rows, fmt, columns, sys.stdout, lang=_lang())
        sys.stdout.flush()  # the rows written now, where a failure can be told: not at exit
    except BrokenPipeError:
        raise  # the reader went away: no error (PlanledgerGroup.invoke)
    except OSError as e:  # a full disk, a device that fails
        raise OutputError("stdout", one_line(e)) from e


@click.group(cls=PlanledgerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, envvar="PLANLEDGER_DEBUG",
              help="Show the Python traceback of an error (also $PLANLEDGER_DEBUG=1).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """planledger: quantified targets and outcomes from Chinese government reports,
    each traceable to its sentence."""
    ctx.meta["planledger.debug"] = debug


class _Later:
    """A command not built yet: its function and the decorators that make it one (see ``command``)."""

    def __init__(self, name: str, func: Callable, decorators: tuple[Callable, ...]):
        self.name, self.func, self.decorators = name, func, decorators

    def build(self) -> click.Command:
        func = self.func
        for decorate in reversed(self.decorators):  # as the same decorators written above a def apply
            func = decorate(func)
        return click.command(self.name)(func)


class _Commands(dict):
    """The group's commands by name, each built when first asked for: ``planledger extract`` builds the
    options of extract alone, not those of the fifteen others (with their help texts, ~5 ms a start-up).
    Every way of reading it (``[]``, ``get``, ``values``, ``items``) gives built commands."""

    def __getitem__(self, name: str) -> click.Command:
        value = dict.__getitem__(self, name)
        if isinstance(value, _Later):
            value = value.build()
            dict.__setitem__(self, name, value)
        return value

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default

    def values(self) -> list[click.Command]:  # type: ignore[override]
        return [self[name] for name in self]

    def items(self) -> list[tuple[str, click.Command]]:  # type: ignore[override]
        return [(name, self[name]) for name in self]


cli.commands = _Commands(cli.commands)


def command(*decorators: Callable, name: str | None = None) -> Callable[[Callable], Callable]:
    """``@cli.command(name)`` above ``decorators`` (written in the order they would stand above the def),
    applied when the command is first looked up in ``cli.commands``; the function itself stays as
    written. The command's name is click's default for the function (``panel``) unless given."""

    def register(func: Callable) -> Callable:
        named = name
        if named is None:  # click's default: the function's name in dashes, without _command, _cmd…
            named = func.__name__.lower().replace("_", "-")
            left, dash, suffix = named.rpartition("-")
            named = left if dash and suffix in ("command", "cmd", "group", "grp") else named
        dict.__setitem__(cli.commands, named, _Later(named, func, decorators))
        return func

    return register


# -- ingest ---------------------------------------------------------------------------------------
def limit_options(func: Callable) -> Callable:
    """``--max-file-mb``… : the limits of ``planledger.limits`` (defaults there, then $PLANLEDGER_MAX_…)."""
    from .limits import ENV, OPTION, Limits

    helps = {
        "max_file_mb": ("MB", float, "Refuse files larger than this"),
        "max_chars": ("N", int, "Refuse files whose decoded text has more characters"),
        "max_pdf_pages": ("N", int, "Refuse PDFs with more pages"),
        "max_pdf_mb": ("MB", float, "Refuse PDFs whose compressed streams inflate to more, in all"),
        "max_docx_entries": ("N", int, "Refuse .docx files whose zip has more entries"),
        "max_docx_mb": ("MB", float, "Refuse .docx files whose zip unpacks to more"),
        "max_docx_xml_mb": ("MB", float, "Refuse .docx files with an XML part that unpacks to more"),
        "max_html_depth": ("N", int, "Refuse HTML pages whose elements nest deeper"),
        "timeout": ("SECONDS", float, "Give up on a file that takes longer to read and extract"),
        "max_memory_mb": ("MB", float, "Fail a file whose worker process needs more memory (address space)"),
    }
    defaults = Limits()
    for name, (metavar, kind, text) in reversed(helps.items()):
        func = click.option(OPTION[name], name, type=click.FloatRange(min=0) if kind is float
                            else click.IntRange(min=0), default=None, metavar=metavar,
                            help=f"{text} (default {getattr(defaults, name):g}, ${ENV[name]}; 0: no limit).")(func)
    return func


def _limits(options: dict[str, Any]):
    from .limits import Limits

    return Limits.from_env(**options)


@command(
    click.argument("paths", nargs=-1, required=True, type=click.Path()),
    click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
                 help="Extract in N worker processes (the database is written by this one)."),
    click.option("--batch", type=click.IntRange(min=1), default=256, show_default=True, metavar="N",
                 help="Store up to N documents (or what 1 s of extraction brought) in one transaction."),
    click.option("--report", type=click.Path(dir_okay=False), default=None, metavar="FILE.jsonl",
                 help="Also write one JSON line per input: path, status, name, same_as, message, note, seconds "
                      "and peak_mb (the memory of the process that handled it)."),
    doc_options,
    limit_options,
    db_option,
)
def ingest(paths: tuple[str, ...], jobs: int, batch: int, report: str | None, region: str | None, year: int | None,
           db: str | None, **limit_values: Any) -> None:
    """Extract the facts of files and folders and store them in the database.

    Folders are searched for .txt, .md, .html, .htm, .pdf and .docx files. A file whose bytes
    are stored already (by this version of the extractor) is left unchanged, naming the stored
    document when that came from another path (it is not even extracted again, so an interrupted
    ingest run again finishes the rest quickly); a file stored before from the same path with other
    bytes is replaced; a stored document made by an older extractor is extracted again. Two files
    of the same name in different folders are two documents (the second named after its folder). A file that fails is reported on stderr and
    nothing of it is stored; the others go on, and the exit code is 1. Failed files are
    remembered in the database (``planledger docs --failed``) until they are ingested successfully.

    With --jobs N, N processes extract in parallel. The documents are stored in the order the
    files were given, in batches of up to --batch per transaction (a document has all its facts or
    none; a batch that fails is stored again one document per transaction).

    A file over a limit (size, text, pages, zip entries, nesting, time) is refused, naming the
    limit and its option.
    """
    from . import ingest as engine

    store = _store(db)
    try:
        with _reporters("ingesting") as reporters:
            summary = engine.ingest(paths, store, jobs=jobs, batch=batch, limits=_limits(limit_values),
                                    region=region, year=year, **reporters)
    finally:
        store.close()
    if report:
        from .present import strict_json

        with open(report, "w", encoding="utf-8") as out:
            for result in summary.files:
                out.write(strict_json(result.to_dict(), ensure_ascii=False) + "\n")
    _finish(summary)


@contextlib.contextmanager
def _reporters(label: str) -> Iterator[dict[str, Callable]]:
    """The ``started``, ``progress`` and ``notice`` callbacks of the ingest engine: a progress bar and a
    status line per file on stderr (a failure as ``planledger: <file>: <problem>``, with the traceback
    under --debug), and the engine's notices."""
    import time

    bar = None
    begun = time.monotonic()

    def started(total: int) -> None:
        nonlocal bar

        def rate(result) -> str | None:
            elapsed = time.monotonic() - begun
            speed = f"{bar.pos / elapsed:.1f} docs/s" if elapsed > 0 and bar.pos else ""
            return " ".join(x for x in (speed, os.path.basename(result.shown) if result else "") if x) or None

        bar = click.progressbar(length=total, label=label, file=sys.stderr, item_show_func=rate)
        bar.__enter__()

    def progress(result) -> None:
        if bar is not None:
            bar.update(1, result)
        if result.status == "failed":
            if _debugging() and result.trace:
                click.echo(result.trace, err=True, nl=False)
            _status(f"planledger: {result.message}")
        elif result.same_as:
            _status(f"{result.status:<9} {result.shown} (same bytes as {printable(result.same_as)})")
        elif result.note:
            _status(f"{result.status:<9} {result.shown} ({result.note})")
        else:
            _status(f"{result.status:<9} {result.shown}")

    try:
        yield {"started": started, "progress": progress, "notice": _status}
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _finish(summary) -> None:
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


@command(
    click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
                 help="Extract in N worker processes (the database is written by this one)."),
    limit_options,
    db_option,
)
def reextract(jobs: int, db: str | None, **limit_values: Any) -> None:
    """Extract again every stored document made by an older extractor (``planledger ingest`` does it
    too for the files it is given): from its file when that still holds the same bytes, else from
    the text the store kept."""
    from . import ingest as engine

    store = _store(db)
    try:
        with _reporters("re-extracting") as reporters:
            summary = engine.reextract(store, jobs=jobs, limits=_limits(limit_values), **reporters)
    finally:
        store.close()
    _finish(summary)


# -- docs, facts -----------------------------------------------------------------------------------
@command(
    click.option("--failed", is_flag=True, help="List the files whose last ingest failed, with the problem."),
    output_options,
    db_option,
)
def docs(failed: bool, fmt: str, db: str | None) -> None:
    """List the stored documents: name, region, year, type, number of facts and title.

    With --failed, the files whose last ingest failed instead: path, sha256, problem, when.
    """
    store = _store(db)
    try:
        rows = store.failures() if failed else store.documents()
    finally:
        store.close()
    _stdout_rows(rows, fmt, FAILURE_COLUMNS if failed else DOC_COLUMNS)


@command(
    click.option("--doc", default=None, help="Document name (file stem), path or sha256."),
    click.option("--indicator", default=None, help="Part of the indicator as written, or a canonical indicator id."),
    click.option("--kind", type=click.Choice(["target", "actual", "other"]), default=None, help="Kind of fact."),
    click.option("--period", default=None, help='Period the fact is about: "2021", "2021-2025"…'),
    click.option("--region", default=None, help="Region of the document; short names match full ones (重庆 = 重庆市)."),
    output_options,
    db_option,
)
def facts(doc: str | None, indicator: str | None, kind: str | None, period: str | None,
          region: str | None, fmt: str, db: str | None) -> None:
    """List the stored facts, filtered by document, indicator, kind, period and region."""
    store = _store(db)
    try:
        rows = store.facts(doc=doc, indicator=indicator, kind=kind, period=period, region=region)
    finally:
        store.close()
    _stdout_rows(rows, fmt, FACT_TABLE_COLUMNS)


# -- extract ------------------------------------------------------------------------------------------
@command(
    click.argument("file", type=click.Path()),
    doc_options,
    limit_options,
    output_options,
)
def extract(file: str, region: str | None, year: int | None, fmt: str, **limit_values: Any) -> None:
    """Extract the facts of one file and print them, without a database.

    With --format jsonl, stdout holds only JSON lines: one fact per line with every field of
    the gold SPEC plus canonical, sentence, start, end, page and section; doc is the file stem.
    """
    from . import limits

    _one_shot_gc()
    process = _pipeline()
    lim = _limits(limit_values)
    with limits.use(lim), limits.deadline(lim.timeout, file):
        processed = process(file, region=region, year=year)
    stem = os.path.splitext(os.path.basename(file))[0]
    rows = [f.to_dict() for f in processed.facts]
    for row in rows:  # each a dict of its own, doc its first key: the file's stem takes its value and place
        row["doc"] = stem
    _one_shot_gc()  # the facts and rows live until the process ends
    _stdout_rows(rows, fmt, FACT_TABLE_COLUMNS)


_as_program = False  # the command line runs as the process's program, not called by other code (a test's runner)


def _one_shot_gc() -> None:
    """For a command that reads its input, writes its output and ends, run as the program (not inside a
    caller's process, whose collector is its own): what lives now (the modules, the data files' tables,
    the compiled patterns; then the facts) is set out of the cyclic collector's reach (``gc.freeze``),
    and the collector runs after 100000 new objects rather than 700. It walked those objects again at
    each collection and once more at exit: 2 % of the instructions of an ``extract`` of the bench
    corpus, 6 % of a small file's. Only cyclic garbage is freed later than before (extract makes little)."""
    if not _as_program:
        return
    import gc

    gc.freeze()
    gc.set_threshold(100000, *gc.get_threshold()[1:])


# -- eval ----------------------------------------------------------------------------------------------
@command(
    click.argument("gold", type=click.Path()),
    click.argument("docdir", type=click.Path()),
    click.option("--passages", is_flag=True,
                 help="The gold covers only some passages of each document: count a false positive "
                      "only when its sentence overlaps a gold quote, and skip documents without gold."),
    click.option("--misses", type=click.IntRange(min=0), default=20, show_default=True,
                 help="How many misses and false positives to list."),
    click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
                 help="Output format."),
    name="eval",
)
def eval_(gold: str, docdir: str, passages: bool, misses: int, fmt: str) -> None:
    """Score the extraction of DOCDIR/<doc>.txt against a gold JSONL file (shared/gold/SPEC.md).

    Prints precision, recall and F1 overall, per document and per kind; the accuracy of
    qualifier, measure, period, binding, estimated and exact indicator over matched pairs;
    then the first misses and false positives. Without --passages, .txt files of DOCDIR that
    have no gold lines are processed too: everything extracted from them is a false positive.
    """
    from .evaluate import evaluate_dir

    report = evaluate_dir(gold, docdir, passages=passages,
                          on_doc=lambda d: click.echo(f"processing {d}", err=True))
    out = sys.stdout
    if fmt == "json":
        write_rows([report.to_dict(misses=misses)], "jsonl", [], out)
        return
    _print_report(report, misses, out)


def _print_report(report: Any, misses: int, out: Any) -> None:
    from .present import write_table

    prf_cols = ["tp", "fp", "fn", "precision", "recall", "f1"]
    overall = {"scope": "all" + (" (passages)" if report.passages else ""),
               **{c: getattr(report, c) for c in prf_cols}}
    write_table([overall], ["scope", *prf_cols], out, title="overall")
    write_table([{"doc": d, **v} for d, v in report.by_doc.items()], ["doc", *prf_cols], out, title="per document")
    write_table([{"kind": k, **v} for k, v in sorted(report.by_kind.items())], ["kind", *prf_cols], out,
                title="per kind")
    acc = report.to_dict()["accuracy"]
    order = ["qualifier", "measure", "period", "binding", "estimated", "indicator_exact"]
    write_table([{"field": f, "accuracy": acc[f]} for f in order if f in acc], ["field", "accuracy"], out,
                title=f"accuracy ({report.matched} matched)")
    miss_cols = ["doc", "kind", "indicator", "value", "unit", "period", "quote"]
    write_table(report.misses[:misses], miss_cols, out,
                title=f"misses: {min(misses, len(report.misses))} of {len(report.misses)}")
    fp_rows = [{**p, "sentence": p.get("sentence") or p.get("quote")} for p in report.false_positives[:misses]]
    write_table(fp_rows, ["doc", "kind", "indicator", "value", "unit", "period", "sentence"], out,
                title=f"false positives: {min(misses, len(report.false_positives))} of "
                      f"{len(report.false_positives)}")


# -- the ledger: scorecard, history, panel, claims, plot ----------------------------------------------
def _ledger_view_options(func: Callable) -> Callable:
    """--region, --output, --tolerance-pp/-rel and --format: what every ledger table takes."""
    func = click.option("--tolerance-rel", type=float, default=None, metavar="SHARE",
                        help="Tolerance for 左右/约 and bare targets on levels, as a share of the target "
                             "(default 0.03, data/ledger.yaml).")(func)
    func = click.option("--tolerance-pp", type=float, default=None, metavar="POINTS",
                        help="Tolerance for 左右/约 and bare targets on rates in %, in percentage points "
                             "(default 0.3, data/ledger.yaml).")(func)
    func = click.option("--output", "-o", default=None, metavar="FILE",
                        help="Write to FILE instead of stdout (needed for xlsx).")(func)
    func = click.option("--region", default=None,
                        help="Region: short and full names alike (重庆 = 重庆市); the State Council is 全国.")(func)
    return output_options(func)


def source_options(func: Callable) -> Callable:
    """Where a ledger command reads its facts: the store (--db), or a spark-extract result (--facts)."""
    func = click.option("--facts", "facts_file", default=None, metavar="FACTS.parquet", type=click.Path(exists=True),
                        help="Read the facts of a `planledger spark-extract` result (with DuckDB) instead of a "
                             "database: the same tables, without loading it.")(func)
    return db_option(func)


def ledger_options(func: Callable) -> Callable:
    return source_options(_ledger_view_options(func))


def _tolerance(tolerance_pp: float | None, tolerance_rel: float | None):
    """data/ledger.yaml's tolerances, with those given on the command line instead."""
    from .assess import Tolerance

    default = Tolerance.default()
    return Tolerance(default.percent_points if tolerance_pp is None else tolerance_pp,
                     default.relative if tolerance_rel is None else tolerance_rel)


def _ledger(db: str | None, facts_file: str | None, region: str | None, tolerance_pp: float | None = None,
            tolerance_rel: float | None = None):
    """The ledger of the facts of the store (``--db``) or of a spark-extract result (``--facts``)."""
    from .ledger import build

    tolerances = _tolerance(tolerance_pp, tolerance_rel)
    if facts_file is not None:
        if db is not None:
            raise click.UsageError("--db and --facts are two sources of facts: give one")
        return build(_spark_module().ParquetFacts(facts_file), region, tolerances)
    store = _store(db)
    try:
        return build(store, region, tolerances)
    finally:
        store.close()


def _emit(sheets: list, fmt: str, output: str | None, title: str, bom: bool = False) -> None:
    """One table for row formats (csv, jsonl…: one object per row), every table for documents
    (html, xlsx, markdown: one section or sheet per table). ``bom``: the output file starts with a
    UTF-8 byte-order mark (CSV for Excel)."""
    from .present import write_tables

    if fmt in ("table", "csv", "json", "jsonl"):
        sheets = sheets[:1]
    if output:
        if fmt == "xlsx":
            write_tables(sheets, fmt, output, title=title)
        else:
            with open(output, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
                write_tables(sheets, fmt, f, title=title, lang=_lang())
        click.echo(f"wrote {output}", err=True)
    elif fmt == "xlsx":
        if sys.stdout.isatty():
            raise click.UsageError("xlsx is binary: give --output FILE")
        write_tables(sheets, fmt, sys.stdout.buffer, title=title)
    else:
        write_tables(sheets, fmt, sys.stdout, title=title, lang=_lang())


@command(
    click.option("--year", type=int, default=None, help="Only targets for this year (or ending in it)."),
    ledger_options,
)
def scorecard(year: int | None, region: str | None, fmt: str, output: str | None, db: str | None,
              facts_file: str | None, tolerance_pp: float | None, tolerance_rel: float | None) -> None:
    """Every target with its outcome, status, margin, binding, claims and sources.

    Statuses: met, exceeded, partly, missed, not comparable (with the reason), pending,
    unreported; multi-year targets not yet due: ahead, on track, behind. html, xlsx and
    markdown also carry the claims table.
    """
    from .ledger import CLAIMS_COLUMNS, SCORECARD_COLUMNS, claims_rows, scorecard_rows
    from .present import Sheet

    led = _ledger(db, facts_file, region, tolerance_pp, tolerance_rel)
    rows = scorecard_rows(led, year)
    # documents for reading show the columns a reader needs; data formats carry every field
    columns = SCORECARD_COLUMNS + ["reason"] if fmt in ("table", "markdown", "html") else \
        list(rows[0]) if rows else SCORECARD_COLUMNS
    title = "planledger scorecard" + (f" — {region}" if region else "") + (f" {year}" if year else "")
    _emit([Sheet("scorecard", columns, rows), Sheet("claims", CLAIMS_COLUMNS, claims_rows(led))], fmt, output, title)


@command(
    click.argument("indicator"),
    ledger_options,
)
def history(indicator: str, region: str | None, fmt: str, output: str | None, db: str | None,
            facts_file: str | None, tolerance_pp: float | None, tolerance_rel: float | None) -> None:
    """Targets and outcomes of INDICATOR (a catalogue id such as gdp, or a name) over the years."""
    from .ledger import HISTORY_COLUMNS, history_rows
    from .present import Sheet

    rows = history_rows(_ledger(db, facts_file, region, tolerance_pp, tolerance_rel), indicator)
    _emit([Sheet("history", HISTORY_COLUMNS, rows)], fmt, output, f"planledger history — {indicator}")


HEADLINE = "gdp,cpi,surveyed_unemployment_rate,new_urban_jobs,general_budget_revenue"


@command(
    click.option("--year", type=int, default=None,
                 help="The analyst's table for this year: one row per region, this year's targets beside last "
                      "year's targets, outcomes and verdicts. Without it: region × year × indicator rows."),
    click.option("--indicator", "indicators", default=HEADLINE, show_default=True, metavar="ID,…",
                 help="With --year: catalogue ids or names, comma-separated."),
    click.option("--level", type=click.Choice(["province", "city", "county", "national"]), default=None,
                 help="With --year: only regions of this level (city = prefecture)."),
    click.option("--sort", "sort", default=None, metavar="COLUMN",
                 help='With --year: order by a column ("gdp target"; "-gdp target" descending) instead of the '
                      "official order (division code)."),
    ledger_options,
)
def panel(year: int | None, indicators: str, level: str | None, sort: str | None, region: str | None, fmt: str,
          output: str | None, db: str | None, facts_file: str | None, tolerance_pp: float | None,
          tolerance_rel: float | None) -> None:
    """The regions' targets side by side.

    With --year Y: one row per region; for each indicator Y's target as written (value, range end,
    qualifier, unit), Y-1's target, its outcome and verdict, and the change of target. xlsx, html and
    markdown add a second table with every figure's sentence and document. A .csv --output starts with
    a UTF-8 byte-order mark so that Excel opens it as UTF-8 (standard output stays without one, for
    programs that read it).
    """
    from .ledger import PANEL_COLUMNS, SOURCE_COLUMNS, analyst_panel, indicator_ids, panel_rows
    from .present import Sheet

    led = _ledger(db, facts_file, region, tolerance_pp, tolerance_rel)
    if year is None:
        _emit([Sheet("panel", PANEL_COLUMNS, panel_rows(led))], fmt, output, "planledger panel")
        return
    columns, rows, sources = analyst_panel(led, year, indicator_ids(indicators.split(",")), level, sort)
    _emit([Sheet("panel", columns, rows), Sheet("sources", SOURCE_COLUMNS, sources)], fmt, output,
          f"planledger panel {year}", bom=fmt == "csv" and bool(output))


@command(
    ledger_options,
)
def claims(region: str | None, fmt: str, output: str | None, db: str | None, facts_file: str | None,
           tolerance_pp: float | None, tolerance_rel: float | None) -> None:
    """The reports' own claims about their targets (高于预期目标2.3个百分点, 超额完成…), checked:
    agrees, disagrees (with both numbers) or cannot check (with the reason)."""
    from .ledger import CLAIMS_COLUMNS, claims_rows
    from .present import Sheet

    rows = claims_rows(_ledger(db, facts_file, region, tolerance_pp, tolerance_rel))
    _emit([Sheet("claims", CLAIMS_COLUMNS, rows)], fmt, output, "planledger claims")


@command(
    click.argument("indicator"),
    click.option("--region", default=None, help="Region: short and full names alike."),
    click.option("--output", "-o", required=True, metavar="FILE.png|FILE.svg", help="The picture to write."),
    lang_option,
    source_options,
)
def plot(indicator: str, region: str | None, output: str, db: str | None, facts_file: str | None) -> None:
    """Draw targets against outcomes of INDICATOR over the years, as PNG or SVG."""
    from .ledger import history_rows
    from .plot import plot_history

    rows = history_rows(_ledger(db, facts_file, region), indicator)
    if not rows:
        raise click.ClickException(f"no target or outcome of {indicator!r} is stored"
                                   + (f" for {region}" if region else ""))
    from .link import canonical_name

    from . import i18n

    title = (canonical_name(indicator) or indicator) + (f" — {region}" if region else "")
    token = i18n.set_lang(_lang())
    try:
        path = plot_history(rows, output, title)
    finally:
        i18n.reset_lang(token)
    click.echo(f"wrote {path}", err=True)


# -- commitments beyond numbers ------------------------------------------------------------------------
@command(
    click.option("--year", type=int, default=None, help="Only commitments for this year."),
    click.option("--status", type=click.Choice(["achieved", "progressing", "behind", "no report", "pending"]),
                 default=None, help="Only commitments with this status."),
    db_option,
    _ledger_view_options,
)
def tasks(year: int | None, status: str | None, region: str | None, fmt: str, output: str | None, db: str | None,
          tolerance_pp: float | None, tolerance_rel: float | None) -> None:
    """Commitments on named objects (建成郑万高铁重庆段), the stage each promised and the stage a
    later report says it reached: achieved, progressing, behind, no report or pending, with
    both sentences."""
    from .present import Sheet
    from .tasks import TASK_COLUMNS, ledger, rows

    store = _store(db)
    try:
        documents = store.documents_with_text(region)
    finally:
        store.close()
    table = rows(ledger(documents), year, status)
    columns = TASK_COLUMNS if fmt in ("table", "markdown", "html") else list(table[0]) if table else TASK_COLUMNS
    _emit([Sheet("tasks", columns, table)], fmt, output, "planledger tasks" + (f" — {region}" if region else ""))


# -- the web page --------------------------------------------------------------------------------------
@command(
    click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on."),
    click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on."),
    click.option("--allow-upload", is_flag=True, help="Let the page add documents (off by default)."),
    click.option("--token", default=None, envvar="PLANLEDGER_TOKEN",
                 help="Token an upload must give ($PLANLEDGER_TOKEN); generated and printed when uploads are "
                      "allowed on a host that is not loopback."),
    click.option("--max-upload-mb", type=click.FloatRange(min=0, min_open=True), default=20, show_default=True,
                 help="Largest file an upload may send."),
    click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
                 help="A Host name the server answers to besides the loopback names and --host (repeat it; "
                      "e.g. the machine's name when serving beyond loopback). Others get 400: a page of another "
                      "site whose name points here (DNS rebinding) is not served."),
    db_option,
)
def serve(host: str, port: int, allow_upload: bool, token: str | None, max_upload_mb: float,
          allowed_hosts: tuple[str, ...], db: str | None) -> None:
    """Serve the ledger as a web page: documents with their facts highlighted, the scorecard,
    search, exports, a JSON API (/api, docs at /docs) and, with --allow-upload, adding documents.

    Writes (uploads) must come from this server's own page (Origin, CSRF token); the server answers
    only to the loopback names, --host and --allowed-host."""
    import secrets

    try:
        import uvicorn

        from .web import create_app
    except ImportError as e:
        raise click.ClickException(f"the web page needs fastapi, jinja2 and uvicorn ({e})") from None
    loopback = host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")
    if allow_upload and not token and not loopback:
        token = secrets.token_urlsafe(18)
        click.echo(f"upload token: {token}", err=True)
    from .web.security import allowed_hosts as hosts_for

    app = create_app(db, allow_upload=allow_upload, token=token, max_upload_mb=max_upload_mb,
                     allowed_hosts=hosts_for(host, allowed_hosts))
    click.echo(f"planledger: serving {app.state.store.location} on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


# -- whole corpora with Spark (planledger/spark.py; the `spark` extra) ------------------------------------
def _spark_module():
    try:
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401

        from . import spark
    except ImportError as e:
        raise click.ClickException(f"this command needs the spark extra: pip install 'planledger[spark]' ({e})") \
            from None
    return spark


@command(
    click.argument("inputs", nargs=-1, required=True, type=click.Path()),
    click.option("--out", required=True, metavar="FACTS.parquet",
                 help="Parquet folder for the facts; the documents go to <out>_documents, the failed files to "
                      "<out>_errors (all replaced if present)."),
    click.option("--master", default="local[2]", show_default=True,
                 help="Spark master: local[N], spark://host:7077, yarn… (planledger must be installed on the executors)."),
    doc_options,
    limit_options,
    name="spark-extract",
)
def spark_extract_cmd(inputs: tuple[str, ...], out: str, master: str, region: str | None, year: int | None,
                      **limit_values: Any) -> None:
    """Extract the facts of files and folders with Spark (one document per task) into Parquet.

    A file that fails becomes one row of <out>_errors and one line on stderr; the others go on,
    and the exit code is then 1 (as for ingest). Load the result with `planledger load-facts`, or
    read it directly: `planledger scorecard --facts <out>` (and panel, history, claims, plot).
    """
    spark = _spark_module()
    result = spark.spark_extract(list(inputs), out, master=master, region=region, year=year,
                                 limits=_limits(limit_values))
    errors = spark.read_dataset(out + spark.ERRORS_SUFFIX, spark.ERROR_SCHEMA)
    for row in errors:
        _status(f"planledger: {row['path']}: {row['problem']}")
    click.echo(f"{result['documents']} documents, {result['facts']} facts, {result['errors']} failed "
               f"in {result['seconds']:g} s: {out}")
    if errors:
        sys.exit(1)


@command(
    click.argument("parquet", type=click.Path(exists=True)),
    db_option,
    name="load-facts",
)
def load_facts_cmd(parquet: str, db: str | None) -> None:
    """Store the result of `planledger spark-extract` (its facts, documents and failed files).

    As for ingest, a document already stored with the same bytes is left unchanged: loading twice
    stores nothing new.
    """
    spark = _spark_module()
    store = _store(db)
    try:
        counts = spark.load_facts(parquet, store)
    finally:
        store.close()
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items()))


if __name__ == "__main__":  # pragma: no cover - after every command is defined
    cli(prog_name="planledger")
