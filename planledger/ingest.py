"""The ingest engine: files → the store, many at once, every input accounted for.

``ingest(paths, store)`` reads, extracts and stores files and folders and returns a ``Summary``: one
``FileResult`` per input (added, replaced, unchanged — naming the stored document when the bytes are
stored under another path —, re-extracted, failed) and the counts. It is what ``planledger ingest``,
``planledger reextract`` and the web upload use; the CLI only parses arguments and prints.

How it works:

- Each file is handled whole under its limits (``planledger.limits``): refused unless it is a regular
  file (a FIFO, a device or a symlink to /dev/zero, before it is opened), read, hashed, and — unless
  its bytes are stored already by the current extractor (``planledger.EXTRACTOR_VERSION``) —
  extracted and turned into the rows the store inserts. The time limit covers all of it, hash included.
  Any failure of one file is that file's failure, a one-line message naming it; the others go on.
- With ``jobs > 1`` the files are handled in a pool of forked worker processes, in chunks of up to
  CHUNK_FILES files (CHUNK_BYTES bytes), at most WINDOW_CHUNKS × jobs chunks (WINDOW_BYTES bytes of
  files) ahead of the writer, so memory stays flat whatever the number of files. Each worker's
  address space is capped (``--max-memory-mb``, RLIMIT_AS): a file that needs more fails alone. A
  worker that dies (killed, a crash in a library) costs only its file: its chunk is handled again
  one file at a time in a new pool.
- The calling process writes, in the order the files were given, up to ``batch`` documents (or
  BATCH_CHARS characters, or what BATCH_SECONDS brought) per transaction: a document has all its
  facts or none. A batch that cannot be stored together is stored one document per transaction (and
  ``notice`` says so), so that only the bad document fails. An interrupted ingest run again skips
  what is stored and does the rest.
- After a bulk load the store's query statistics are refreshed; that waits for the write lock, and
  if it still fails it is skipped with a notice: the data is stored, the ingest succeeded.
"""
from __future__ import annotations

import collections
import os
import time
from dataclasses import field
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from . import EXTRACTOR_VERSION
from .errors import PlanledgerError, one_line, printable
from .records import dataclass

CHUNK_FILES, CHUNK_BYTES = 8, 8 << 20  # files sent to a worker at once: fewer round trips, bounded memory
# in flight: up to 16 chunks per worker (enough that the workers never wait while the writer commits a
# batch), and up to 64 MB of files
WINDOW_CHUNKS, WINDOW_BYTES = 16, 64 << 20
# up to 256 documents (32 M characters of text), or what 1 s brought, in one transaction: fewer, larger
# commits write each page of the (randomly keyed) indexes fewer times; a kill loses at most that much work
BATCH, BATCH_CHARS, BATCH_SECONDS = 256, 32 << 20, 1.0
ANALYZE_AFTER = 100  # documents written by one ingest that make it refresh the query statistics

STATUSES = ("added", "unchanged", "replaced", "reextracted", "failed")


@dataclass
class FileResult:
    """What became of one input."""

    path: str  # as given (may hold the undecodable bytes of a name: print ``shown``)
    status: str  # one of STATUSES
    name: str | None = None  # the stored document's name
    same_as: str | None = None  # unchanged: the bytes are stored already as this document (another path)
    message: str | None = None  # failed: one printable line, "<path>: <problem>"
    seconds: float = 0.0  # time spent handling the file (read, hash, extract), measured where it ran
    trace: str = ""  # failed unexpectedly: the traceback, for --debug
    note: str | None = None  # stored, with a remark (damaged characters read as U+FFFD)
    peak_mb: float | None = None  # the peak memory (RSS) of the process that handled it, after it

    @property
    def shown(self) -> str:
        return printable(self.path)

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready record (``planledger ingest --report``)."""
        return {"path": self.shown, "status": self.status, "name": self.name, "same_as": self.same_as,
                "message": self.message, "note": self.note, "seconds": round(self.seconds, 3),
                "peak_mb": None if self.peak_mb is None else round(self.peak_mb, 1)}


@dataclass
class Summary:
    """Every input's ``FileResult`` in the order given, the counts, and the notices of the run."""

    files: list[FileResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for f in self.files:
            counts[f.status] += 1
        return counts

    def line(self) -> str:
        """``3 added, 1 unchanged, 0 replaced, 1 failed`` (and ``, 2 reextracted`` when there were any)."""
        counts = self.counts
        shown = [s for s in STATUSES if s != "reextracted" or counts[s]]
        return ", ".join(f"{counts[s]} {s}" for s in sorted(shown, key=("added", "unchanged", "replaced",
                                                                        "failed", "reextracted").index))

    @property
    def failed(self) -> int:
        return self.counts["failed"]


class Handled(NamedTuple):
    """One file handled in a worker (or in this process): ``kind`` "ok" (``rows``), "skip" (its bytes are
    stored by the current extractor) or "error" (``message``, ``problem``, ``trace``)."""

    kind: str
    sha256: str | None = None
    rows: Any = None
    message: str = ""
    problem: str = ""
    trace: str = ""
    seconds: float = 0.0
    note: str | None = None
    peak_mb: float | None = None


# -- handling one file ----------------------------------------------------------------------------------
def handle_file(path: str, limits: Any, *, current: Iterable[str] = (), process: Callable | None = None,
                region: str | None = None, year: int | None = None, record_as: str | None = None,
                name: str | None = None) -> Handled:
    """Read, hash and extract one file under ``limits`` (the time limit around all of it) and turn it into
    the store's rows; a file whose sha256 is in ``current`` is not extracted (``"skip"``). ``record_as``
    is the path to store instead of ``path`` (an upload's temporary file), ``name`` its document name.
    Never raises for a bad file: every failure is a ``Handled("error", …)`` naming the file. The result
    records the seconds it took and the peak memory of this process after it."""
    handled = _handle(path, limits, current, process, region, year, record_as, name)
    return handled._replace(peak_mb=_peak_mb())


def _peak_mb() -> float | None:
    try:
        import resource
    except ImportError:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _handle(path: str, limits: Any, current: Iterable[str], process: Callable | None, region: str | None,
            year: int | None, record_as: str | None, name: str | None) -> Handled:
    from . import limits as limits_mod
    from .read import read_bytes, read_data
    from .read.text import sha256_hex
    from .store import Store

    started = time.monotonic()
    shown = record_as or path
    sha = None
    try:
        with limits_mod.use(limits), limits_mod.deadline(limits.timeout, shown):
            try:
                data = read_bytes(path)
                sha = sha256_hex(data)
                if sha in current:
                    return Handled("skip", sha, seconds=time.monotonic() - started)
                if process is None:
                    from .pipeline import process_document

                    processed = process_document(read_data(path, data), region=region, year=year)
                else:  # a stand-in pipeline (tests)
                    processed = process(path, region=region, year=year)
                del data
                damaged = getattr(processed.document, "damaged", 0)
                note = (f"{damaged} damaged character{'s' if damaged > 1 else ''} read as U+FFFD"
                        if damaged else None)
                if record_as is not None:
                    processed.document.path = record_as
                    for fact in processed.facts:
                        fact.doc = name or fact.doc
                rows = Store.rows(processed)
            except PlanledgerError as e:
                if record_as is not None and e.path == path:
                    e = type(e)(record_as, e.problem)
                return Handled("error", sha, message=str(e), problem=e.problem, trace=_format_exc(),
                               seconds=time.monotonic() - started)
            except MemoryError:
                problem = (f"needs more memory than the {limits.max_memory_mb:g} MB limit "
                           f"({limits_mod.OPTION['max_memory_mb']})")
                return Handled("error", sha, message=f"{printable(shown)}: {problem}", problem=problem,
                               seconds=time.monotonic() - started)
            if rows.name and name:
                rows = rows.renamed(name)
            if rows.refused:
                refused = (f"{rows.refused} fact{'s' if rows.refused > 1 else ''} refused: "
                           "a number too large to hold (more than 308 digits)")
                note = f"{note}; {refused}" if note else refused
            return Handled("ok", sha, rows=rows, seconds=time.monotonic() - started, note=note)
    except PlanledgerError as e:  # the time limit, raised as the deadline closes
        return Handled("error", sha, message=str(e), problem=e.problem, seconds=time.monotonic() - started)
    except Exception as e:  # noqa: BLE001 - one broken file must not stop a batch: it fails, named
        problem = f"unexpected {type(e).__name__}: {one_line(e)}"
        return Handled("error", sha, message=f"{printable(shown)}: {printable(problem)}", problem=problem,
                       trace=_format_exc(), seconds=time.monotonic() - started)


def _format_exc() -> str:
    import traceback

    return traceback.format_exc()


def limit_memory(megabytes: float) -> None:
    """Cap this process's address space (RLIMIT_AS) at ``megabytes`` (0: no cap): beyond it an
    allocation fails with MemoryError, which fails the file being handled, not the machine."""
    try:
        import resource
    except ImportError:  # not on this platform
        return
    if megabytes and megabytes > 0:
        cap = int(megabytes * 1024 * 1024)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


# -- the worker pool --------------------------------------------------------------------------------------
# what the forked workers use, set in the parent before the pool forks (inherited, never pickled):
# (process, current sha256s, region, year, limits)
_WORKER: tuple | None = None


def _worker_init(memory_mb: float) -> None:
    """In each worker: leave Ctrl-C to the parent, exit when the parent is gone (killed), and cap memory."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    limit_memory(memory_mb)


def _handle_chunk(paths: list[str]) -> list[Handled]:
    process, current, region, year, limits = _WORKER
    return [handle_file(p, limits, current=current, process=process, region=region, year=year) for p in paths]


def _handled(files: list[str], jobs: int, current: set[str], limits: Any, process: Callable | None,
             region: str | None, year: int | None) -> Iterator[tuple[str, Handled]]:
    """``(path, Handled)`` for each file, in the order given."""
    if jobs <= 1:
        for path in files:
            yield path, handle_file(path, limits, current=current, process=process, region=region, year=year)
        return
    global _WORKER
    _WORKER = (process, current, region, year, limits)

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_worker_init, initargs=(limits.max_memory_mb,))

    executor = pool()
    window: collections.deque = collections.deque()  # (paths, future, bytes), in the order given
    chunk: list[str] = []
    chunk_bytes = in_flight = 0

    def send() -> None:
        nonlocal chunk, chunk_bytes, in_flight
        if chunk:
            window.append((chunk, executor.submit(_handle_chunk, chunk), chunk_bytes))
            in_flight += chunk_bytes
            chunk, chunk_bytes = [], 0

    def first() -> Iterator[tuple[str, Handled]]:
        nonlocal executor, in_flight
        paths, future, size = window.popleft()
        in_flight -= size
        try:
            outcomes = future.result()
        except BrokenProcessPool:  # a worker died (killed, a crash in C): this chunk one file at a time
            rest = list(window)
            window.clear()
            executor.shutdown(wait=False, cancel_futures=True)
            executor = pool()
            outcomes = []
            for path in paths:
                try:
                    outcomes.append(executor.submit(_handle_chunk, [path]).result()[0])
                except BrokenProcessPool:
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = pool()
                    problem = "unexpected BrokenProcessPool: the worker process handling it died"
                    outcomes.append(Handled("error", message=f"{printable(path)}: {problem}", problem=problem))
            for ps, _, n in rest:  # what was in flight goes to the new pool
                window.append((ps, executor.submit(_handle_chunk, ps), n))
        except Exception as e:  # noqa: BLE001 - e.g. a result that cannot be sent back: these files fail
            problem = f"unexpected {type(e).__name__}: {one_line(e)}"
            outcomes = [Handled("error", message=f"{printable(p)}: {printable(problem)}", problem=problem)
                        for p in paths]
        yield from zip(paths, outcomes)

    try:
        for path in files:
            chunk.append(path)
            try:
                chunk_bytes += os.stat(path).st_size  # a stat does not open: safe on a FIFO
            except OSError:
                pass  # the worker reports the file
            if len(chunk) >= CHUNK_FILES or chunk_bytes >= CHUNK_BYTES:
                send()
            while window and (len(window) > WINDOW_CHUNKS * jobs or in_flight > WINDOW_BYTES):
                yield from first()
        send()
        while window:
            yield from first()
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
        _WORKER = None


# -- the engine -------------------------------------------------------------------------------------------
def ingest(paths: Iterable[str], store: Any, *, jobs: int = 1, batch: int = BATCH, limits: Any = None,
           region: str | None = None, year: int | None = None, process: Callable | None = None,
           progress: Callable[[FileResult], None] | None = None,
           notice: Callable[[str], None] | None = None, started: Callable[[int], None] | None = None) -> Summary:
    """Ingest files and folders into ``store``; return the ``Summary`` (one result per input, in order).

    ``started(n)`` is called once the inputs are expanded into ``n`` files, ``progress(result)`` as each
    input's result is known (after it is stored), ``notice(line)`` for what the run has to say besides
    (a batch stored one by one, statistics skipped). ``limits`` are
    those of ``planledger.limits`` (default: ``Limits.from_env()``); ``process`` stands in for the
    pipeline (tests). Only the store failing as a whole (it cannot be opened or read) raises.
    """
    from .limits import Limits
    from .read import gather_paths
    from .store import stored_path

    limits = limits if limits is not None else Limits.from_env()
    summary = Summary()

    def say(line: str) -> None:
        summary.notices.append(line)
        if notice is not None:
            notice(line)

    def done(result: FileResult) -> None:
        summary.files.append(result)
        if result.status == "failed":
            try:
                store.record_failure(result.path, result.message.split(": ", 1)[-1] if result.message else "failed",
                                     _sha_of_failure.get(result.path))
            except PlanledgerError as e:  # the store itself is failing: say so, once per file
                say(str(e))
        if progress is not None:
            progress(result)

    _sha_of_failure: dict[str, str | None] = {}
    files, missing = gather_paths(paths)
    if started is not None:
        started(len(files) + len(missing))
    for path, error in missing:
        done(FileResult(path, "failed", message=str(error)))

    stored = store.stored()
    current = {sha for sha, (version, _, _) in stored.items() if version == EXTRACTOR_VERSION}
    failing = {f["path"] for f in store.failures()} if stored else set()
    pending: list[tuple[str, Handled]] = []

    def flush() -> None:
        docs = [h.rows for _, h in pending if h.kind == "ok"]
        statuses = None
        if len(docs) > 1:
            try:  # the batch in one transaction ...
                statuses = iter(store.save_many(docs))
            except PlanledgerError as e:  # ... or, when one is bad, one transaction per document
                say(f"planledger: a batch of {len(docs)} documents could not be stored together "
                    f"({printable(e.problem)}); storing them one by one")
            except Exception as e:  # noqa: BLE001 - the same, for a failure the store did not foresee
                say(f"planledger: a batch of {len(docs)} documents could not be stored together (unexpected "
                    f"{type(e).__name__}: {printable(one_line(e))}); storing them one by one")
        unfailed = []
        for path, h in pending:
            if h.kind == "skip":
                _, name, where = stored[h.sha256]
                if stored_path(path) in failing:
                    unfailed.append(path)
                done(FileResult(path, "unchanged", name, None if where == stored_path(path) else name,
                                seconds=h.seconds, peak_mb=h.peak_mb))
                continue
            if h.kind == "error":
                _sha_of_failure[path] = h.sha256
                done(FileResult(path, "failed", message=h.message, seconds=h.seconds, trace=h.trace,
                                peak_mb=h.peak_mb))
                continue
            if statuses is not None:
                saved = next(statuses)
            else:
                try:
                    saved = store.save(h.rows)
                except PlanledgerError as e:
                    _sha_of_failure[path] = h.sha256
                    done(FileResult(path, "failed", message=f"{printable(path)}: {printable(e.problem)}",
                                    seconds=h.seconds, trace=_format_exc(), peak_mb=h.peak_mb))
                    continue
                except Exception as e:  # noqa: BLE001 - one broken document must not stop a batch
                    problem = f"unexpected {type(e).__name__}: {one_line(e)}"
                    _sha_of_failure[path] = h.sha256
                    done(FileResult(path, "failed", message=f"{printable(path)}: {printable(problem)}",
                                    seconds=h.seconds, trace=_format_exc()))
                    continue
            done(FileResult(path, str(saved), saved.name, saved.same_as, seconds=h.seconds, note=h.note,
                            peak_mb=h.peak_mb))
        if unfailed:
            try:
                store.forget_failures(unfailed)
            except PlanledgerError as e:
                say(str(e))
        pending.clear()

    since, chars = time.monotonic(), 0
    for path, handled in _handled(files, jobs, current, limits, process, region, year):
        if not pending:
            since, chars = time.monotonic(), 0
        pending.append((path, handled))
        chars += handled.rows.text_size if handled.kind == "ok" else 0
        if len(pending) >= batch or chars >= BATCH_CHARS or time.monotonic() - since >= BATCH_SECONDS:
            flush()
    flush()
    counts = summary.counts
    if counts["added"] + counts["replaced"] + counts["reextracted"] >= ANALYZE_AFTER:
        try:
            store.analyze()  # fresh planner statistics after a bulk load
        except PlanledgerError as e:  # the documents are stored: this is no failure of the ingest
            say(f"planledger: note: query statistics not refreshed ({e.problem}); "
                "they will be at the next ingest")
    return summary


def save_handled(store: Any, path: str, handled: Handled) -> FileResult:
    """Store one handled file on its own (what the web upload does with its worker's result): its
    ``FileResult``. A file that failed, or that the store refuses, is a failed result, not an error."""
    if handled.kind == "error":
        return FileResult(path, "failed", message=handled.message, seconds=handled.seconds, trace=handled.trace)
    if handled.kind == "skip":
        raise ValueError("save_handled needs an extracted file, not a skipped one")
    saved = store.save(handled.rows)
    return FileResult(path, str(saved), saved.name, saved.same_as, seconds=handled.seconds, note=handled.note)


def reextract(store: Any, *, jobs: int = 1, limits: Any = None, progress: Callable[[FileResult], None] | None = None,
              notice: Callable[[str], None] | None = None, started: Callable[[int], None] | None = None) -> Summary:
    """Extract again every stored document made by another extractor version: from its file when the file
    still holds the same bytes (through ``ingest``), else from the text the store kept (a PDF's page
    numbers are then lost). Returns the summary of both."""
    from .model import Document
    from .pipeline import process_document
    from .read import file_sha256

    stale = store.stale()
    if started is not None:
        started(len(stale))
    on_disk = [d["path"] for d in stale if file_sha256(d["path"]) == d["id"]]
    summary = ingest(on_disk, store, jobs=jobs, limits=limits, progress=progress, notice=notice, started=lambda n: None) \
        if on_disk \
        else Summary()
    kept = set(on_disk)
    for d in stale:
        if d["path"] in kept:
            continue
        started = time.monotonic()
        row = store.document_source(d["id"])
        try:
            document = Document(path=row["path"], text=row["text"], format=row["format"], sha256=row["id"],
                                encoding=row["encoding"], title=row["title"])
            processed = process_document(document, region=row["region"], year=row["year"])
            from .store import Store

            saved = store.save(Store.rows(processed).renamed(row["name"]))
            note = "from the stored text (its file is gone or changed)" + \
                ("; page numbers are lost" if row["format"] == "pdf" else "")
            result = FileResult(row["path"], str(saved), saved.name, seconds=time.monotonic() - started, note=note)
        except PlanledgerError as e:
            result = FileResult(row["path"], "failed", message=str(e), seconds=time.monotonic() - started)
        except Exception as e:  # noqa: BLE001 - one document must not stop the others
            result = FileResult(row["path"], "failed",
                                message=f"{printable(row['path'])}: unexpected {type(e).__name__}: {one_line(e)}",
                                seconds=time.monotonic() - started, trace=_format_exc())
        summary.files.append(result)
        if progress is not None:
            progress(result)
    return summary


__all__ = ["FileResult", "Handled", "Summary", "handle_file", "ingest", "limit_memory", "reextract", "save_handled"]
