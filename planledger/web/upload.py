"""Adding a document from the page: off unless ``allow_upload``; a token when one is set (always,
when serving beyond loopback); the form's CSRF token and a same-origin request (web/security.py); a
size limit; a suffix check; the bytes go to a temporary file whose name the server chooses — nothing
of the request's file name reaches the filesystem. The file is handled and stored by the ingest engine
(planledger/ingest.py) in a pool of upload workers. The answer names the stored document and links to
it — for bytes stored already, the document that holds them (``same_as``); with ``Accept:
application/json`` it is JSON: name, status, same_as, url, note, facts (their number)."""
from __future__ import annotations

import atexit
import multiprocessing
import os
import re
import secrets
import tempfile
import threading
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from .. import patterns
from ..errors import PlanledgerError, ReadError
from ..read import READERS
from . import security
from .deps import Settings, StoreDep
from .pages import page

router = APIRouter(include_in_schema=False)

SUFFIXES = tuple(READERS)  # what `planledger ingest` reads, no more
_UNSAFE = patterns.compile(r"[^\w\u4e00-\u9fff.-]+")


def safe_name(filename: str) -> str:
    """The stem the document is stored under: the base name without suffix, reduced to word
    characters, CJK, dot and hyphen (never used as a path)."""
    base = re.split(r"[\\/]", filename or "")[-1]
    stem = _UNSAFE.sub("_", os.path.splitext(base)[0]).strip("._")[:100]
    return stem or "upload"


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _mb(settings: Settings) -> str:
    return f"{settings.max_upload_bytes / 1024 / 1024:.3g}"


def _check_token(settings: Settings, given: str | None) -> None:
    if settings.token is not None and not secrets.compare_digest(str(given or ""), settings.token):
        raise Refused(403, "upload refused: the token is missing or wrong")


def _form(request: Request, status: int = 200, **context) -> HTMLResponse:
    settings = request.app.state.settings
    if not settings.allow_upload:
        return page(request, "error.html", status_code=404, nav="upload",
                    message="Upload is off: start the server with `planledger serve --allow-upload`.")
    csrf = security.csrf_token(request)
    response = page(request, "upload.html", status_code=status, nav="upload",
                    limit_mb=_mb(settings), suffixes=SUFFIXES, csrf=csrf,
                    need_token=settings.token is not None, **context)
    security.set_csrf_cookie(response, csrf)  # the form's token, as this browser's cookie
    return response


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request):
    return _form(request)


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _answer(request: Request, status: int = 200, **context):
    """The upload's answer: JSON for a client that asks for it (``Accept: application/json``), else the
    page with the form."""
    if _wants_json(request) and request.app.state.settings.allow_upload:
        body = {"error": context["error"]} if "error" in context else {**context["result"],
                                                                        "facts": len(context.get("facts", []))}
        from .security import StrictJSONResponse

        return StrictJSONResponse(body, status_code=status)
    return _form(request, status=status, **context)


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, store: StoreDep):
    settings: Settings = request.app.state.settings
    if not settings.allow_upload:
        return _form(request)
    try:
        _check_token(settings, request.headers.get("x-planledger-token") or None)
    except Refused:
        header_ok = False
    else:
        header_ok = True
    try:
        length = request.headers.get("content-length")
        if length is None:
            raise Refused(411, "upload refused: the request has no Content-Length")
        if not length.isascii() or not length.isdigit() or int(length) > settings.max_upload_bytes + 64 * 1024:
            raise Refused(413, f"upload refused: the file is over the "
                               f"{_mb(settings)} MB limit")
        form = await request.form(max_files=1, max_fields=4)
        csrf = form.get(security.CSRF_FIELD)
        if not security.check_csrf(request, csrf if isinstance(csrf, str) else None):
            raise Refused(403, "upload refused: the form's security token is missing or stale; "
                               "reload the upload page and send the file again")
        if not header_ok:
            token = form.get("token")
            _check_token(settings, token if isinstance(token, str) else None)
        upload = form.get("file")
        if upload is None or isinstance(upload, str) or not upload.filename:
            raise Refused(400, "no file was sent: choose a file to upload")
        suffix = os.path.splitext(upload.filename)[1].lower()
        if suffix not in SUFFIXES:
            raise Refused(415, f"{safe_name(upload.filename)}{suffix}: not a supported type "
                               f"(expected one of {', '.join(SUFFIXES)})")
        data = await upload.read(settings.max_upload_bytes + 1)
        await form.close()
        if len(data) > settings.max_upload_bytes:
            raise Refused(413, f"upload refused: the file is over the "
                               f"{_mb(settings)} MB limit")
        if not data:
            raise Refused(400, f"{safe_name(upload.filename)}{suffix}: the file is empty")
        name = safe_name(upload.filename)
        result = await run_in_threadpool(_ingest, store, data, suffix, name)
    except Refused as e:
        return _answer(request, status=e.status, error=e.message)
    except PlanledgerError as e:
        return _answer(request, status=422, error=str(e))
    facts = store.facts(doc=result.name)
    facts = [f for f in facts if f["doc"] == result.name]
    info = {"name": result.name, "status": result.status, "same_as": result.same_as,
            "url": f"/documents/{quote(result.name, safe='')}", "note": result.note}
    return _answer(request, result=info, facts=facts)


def _ingest(store, data: bytes, suffix: str, name: str):
    """Handle the bytes, from a temporary file, in an upload worker, then store them — the ingest
    engine's ``handle_file`` and ``save_handled``, as ``planledger ingest`` does. Returns the
    ``FileResult``: ``name`` is the stored document's (for bytes stored already, that document's)."""
    from .. import ingest

    shown = f"upload/{name}{suffix}"  # the stored path; never opened
    with tempfile.TemporaryDirectory(prefix="planledger-upload-") as folder:
        path = os.path.join(folder, "upload" + suffix)
        with open(path, "wb") as f:
            f.write(data)
        handled = _handle_isolated(path, shown, name)
    if handled.kind == "error":
        raise ReadError(f"{name}{suffix}", handled.problem)
    return ingest.save_handled(store, shown, handled)


def _handle_upload(path: str, limits, record_as: str, name: str):
    """In an upload worker: the ingest engine's handling of one file (read, extract, rows)."""
    from ..ingest import handle_file

    return handle_file(path, limits, record_as=record_as, name=name)


# -- the upload workers -------------------------------------------------------------------------------
# The server's threads cannot use the SIGALRM time limit, and a file that makes a library crash or
# eat all memory must not take the server down: an upload is read and extracted in a worker process
# (spawned, not forked: the server has threads), under the limits of ``planledger.limits`` (time
# included, there in the main thread) and a memory ceiling (RLIMIT_AS, --max-memory-mb). There are
# UPLOAD_WORKERS of them, so that one slow upload does not hold up the next; a worker that dies or
# hangs is replaced.
UPLOAD_WORKERS = 2
_pool = None
_pool_lock = threading.Lock()


def stop_workers() -> None:
    """Stop the upload workers now (the server is shutting down): none is left running."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        _kill(pool)


atexit.register(stop_workers)


def _kill(pool) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)  # the killed workers are reaped at once


def _handle_isolated(path: str, record_as: str, name: str):
    from concurrent.futures import ProcessPoolExecutor, TimeoutError as Timeout
    from concurrent.futures.process import BrokenProcessPool

    from ..ingest import Handled, limit_memory
    from ..limits import Limits, timed_out

    lim = Limits.from_env()  # the server's limits (a worker may have been started before a change)
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=UPLOAD_WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=limit_memory, initargs=(lim.max_memory_mb,))
        pool = _pool
    timeout = lim.timeout
    future = pool.submit(_handle_upload, path, lim, record_as, name)
    try:
        # the worker enforces the limit itself; this wait only guards against a worker that hangs in C
        return future.result(timeout=timeout + 60 if timeout else None)
    except (BrokenProcessPool, Timeout):
        with _pool_lock:
            if _pool is pool:
                _pool = None
        _kill(pool)
        if future.done() and isinstance(future.exception(), BrokenProcessPool):
            return Handled("error", problem="the process reading it died (out of memory, or a crash in a library)")
        return Handled("error", problem=timed_out(path, timeout).problem)
