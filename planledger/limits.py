"""Limits on what one input file may cost: its size, its text, its pages, its zip entries, its time.

All limits live here, in ``Limits``, with their defaults. They can be changed three ways, the
later winning: the defaults below, environment variables (``PLANLEDGER_MAX_FILE_MB=100``…, see
``ENV``), and the CLI options of ``planledger ingest``/``extract`` (``--max-file-mb``…, see
``OPTION``). A file over a limit is refused with a ``LimitError`` (a ``ReadError``) that names the
limit and the option that changes it::

    big.pdf: file is 61 MB, over the 50 MB limit (--max-file-mb)

The readers ask ``current()`` for the limits in force; ``use(limits)`` sets them for a block.
``deadline(seconds, path)`` bounds the time one file may take (SIGALRM, main thread only).
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
from contextvars import ContextVar
from dataclasses import fields, replace
from typing import Iterator

from .errors import LimitError
from .records import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 50.0  # bytes of one input file
    max_chars: int = 20_000_000  # characters of decoded text
    max_pdf_pages: int = 2_000  # pages of one PDF
    max_pdf_mb: float = 128.0  # what the streams of one PDF inflate to, in all
    max_docx_entries: int = 2_000  # entries in a .docx zip
    max_docx_mb: float = 200.0  # total uncompressed size of a .docx zip's entries
    max_docx_xml_mb: float = 48.0  # uncompressed size of one XML part of a .docx (parsed whole)
    max_html_depth: int = 2_000  # element nesting depth of an HTML page (libxml2 stops at 2048)
    timeout: float = 300.0  # seconds to read and extract one file (0: no limit)
    max_memory_mb: float = 3072.0  # address space of an ingest or upload worker process (RLIMIT_AS)

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides: object) -> "Limits":
        """The defaults, changed by ``PLANLEDGER_MAX_…`` variables, then by ``overrides`` not None."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(ENV[f.name])
            if raw not in (None, ""):
                try:
                    values[f.name] = _convert(f.name, raw)
                except ValueError:
                    raise LimitError(ENV[f.name], f"not a number: {raw!r}") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def _convert(name: str, raw: str) -> float | int:
    default = getattr(Limits(), name)
    value = int(raw) if isinstance(default, int) else float(raw)
    if value < 0:
        raise ValueError(raw)
    return value


ENV = {f.name: "PLANLEDGER_" + f.name.upper() for f in fields(Limits)}
OPTION = {f.name: "--" + f.name.replace("_", "-") for f in fields(Limits)}

_current: ContextVar[Limits | None] = ContextVar("planledger_limits", default=None)


def current() -> Limits:
    """The limits in force: those set by ``use()``, else the defaults changed by the environment."""
    limits = _current.get()
    return limits if limits is not None else Limits.from_env()


@contextlib.contextmanager
def use(limits: Limits) -> Iterator[Limits]:
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() or x >= 10 else f"{x:.2g}"


def over(path: str, what: str, value: float, limit_name: str, unit: str = "") -> LimitError:
    """The error for ``what`` (e.g. "file is 61 MB") over the limit ``limit_name``."""
    limit = getattr(current(), limit_name)
    return LimitError(path, f"{what}, over the {_number(limit)}{unit} limit ({OPTION[limit_name]})")


def check(path: str, limit_name: str, value: float, what: str, unit: str = "", scale: float = 1) -> None:
    """Raise ``over(...)`` when ``value`` (in units of ``scale``) is over the limit ``limit_name``.

    A limit of 0 means no limit. ``what`` is formatted with the value: ``"file is {} MB"``.
    """
    limit = getattr(current(), limit_name)
    if limit and value > limit * scale:
        shown = _number(value / scale)
        for digits in (1, 2, 3):  # 2.001 MB is over 2 MB: do not write it "2.0"
            if float(shown.replace(",", "")) > limit:
                break
            shown = f"{value / scale:.{digits}f}"
        raise over(path, what.format(shown), value, limit_name, unit)


def timed_out(path: str, seconds: float) -> LimitError:
    """The error for a file that took more than ``seconds``."""
    return LimitError(path, f"took more than {_number(seconds)} s, over the time limit ({OPTION['timeout']})")


class _Expired(BaseException):
    """Raised inside the work by the alarm; a BaseException so that no ``except Exception`` eats it."""


@contextlib.contextmanager
def deadline(seconds: float | None, path: str) -> Iterator[None]:
    """Stop the block with a LimitError when it runs longer than ``seconds`` (None or 0: no limit).

    Uses SIGALRM, so it works in the main thread on Unix; elsewhere the block runs unbounded.
    """
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum, frame):  # noqa: ARG001
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)  # inside the try: a tiny limit may expire at once
        yield
    except _Expired:
        raise timed_out(path, seconds) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
