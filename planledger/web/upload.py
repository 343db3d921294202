"""Adding a document from the page: off unless ``allow_upload``; a token when one is set (always,
when serving beyond loopback); a size limit; a suffix check; the bytes go to a temporary file whose
name the server chooses — nothing of the request's file name reaches the filesystem."""
from __future__ import annotations

import atexit
import multiprocessing
import os
import re
import secrets
import tempfile
import threading

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ..errors import PlanledgerError
from ..read import READERS
from .deps import Settings, StoreDep
from .pages import page

router = APIRouter(include_in_schema=False)

SUFFIXES = tuple(READERS)  # what `planledger ingest` reads, no more
_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")


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
    return page(request, "upload.html", status_code=status, nav="upload",
                limit_mb=_mb(settings), suffixes=SUFFIXES,
                need_token=settings.token is not None, **context)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request):
    return _form(request)


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
        if not length.isdigit() or int(length) > settings.max_upload_bytes + 64 * 1024:
            raise Refused(413, f"upload refused: the file is over the "
                               f"{_mb(settings)} MB limit")
        form = await request.form(max_files=1, max_fields=4)
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
        status, processed = await run_in_threadpool(_ingest, store, data, suffix, name)
    except Refused as e:
        return _form(request, status=e.status, error=e.message)
    except PlanledgerError as e:
        return _form(request, status=422, error=str(e))
    facts = [f for f in store.facts(doc=processed) if f["doc"] == processed]
    return _form(request, result={"name": processed, "status": status}, facts=facts)


def _ingest(store, data: bytes, suffix: str, name: str) -> tuple[str, str]:
    """Read the bytes from a temporary file through the same pipeline as ``planledger ingest``."""
    with tempfile.TemporaryDirectory(prefix="planledger-upload-") as folder:
        path = os.path.join(folder, "upload" + suffix)
        with open(path, "wb") as f:
            f.write(data)
        try:
            processed = _process_isolated(path)
        except PlanledgerError as e:  # name the upload, not the temporary file
            raise type(e)(f"{name}{suffix}", e.problem) from None
    processed.document.path = f"upload/{name}{suffix}"  # the stored name; never opened
    for fact in processed.facts:
        fact.doc = name
    return store.save(processed), name


# -- extraction of an upload, in a process of its own -------------------------------------------------
# The server's threads cannot use the SIGALRM time limit, and a file that makes a library crash or
# eat all memory must not take the server down: an upload is read and extracted in a separate
# (spawned, not forked: the server has threads) worker process, under the limits of
# ``planledger.limits`` (time included, there in the main thread); a worker that dies or hangs is
# replaced.
_pool = None
_pool_lock = threading.Lock()


@atexit.register
def _stop_pool() -> None:
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)


def _process_with_limits(path: str, lim):
    from ..limits import deadline, use
    from ..pipeline import process

    with use(lim), deadline(lim.timeout, path):
        return process(path)


def _process_isolated(path: str):
    from concurrent.futures import ProcessPoolExecutor, TimeoutError as Timeout
    from concurrent.futures.process import BrokenProcessPool

    from ..errors import ReadError
    from ..limits import Limits, timed_out

    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        pool = _pool
    lim = Limits.from_env()  # the server's limits (the worker may have been started before a change)
    timeout = lim.timeout
    future = pool.submit(_process_with_limits, path, lim)
    try:
        # the worker enforces the limit itself; this wait only guards against a worker that hangs in C
        return future.result(timeout=timeout + 60 if timeout else None)
    except (BrokenProcessPool, Timeout):
        with _pool_lock:
            if _pool is pool:
                _pool = None
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)  # the killed worker is reaped at once
        if future.done() and isinstance(future.exception(), BrokenProcessPool):
            raise ReadError(path, "the process reading it died (out of memory, or a crash in a library)") from None
        raise timed_out(path, timeout) from None
