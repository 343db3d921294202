"""What the web app lets in: the Host it answers to, the origin a write comes from, the query it accepts.

``install(app, allowed_hosts)`` puts it in front of every route:

- **Host allow-list** (against DNS rebinding: a page of evil.example whose name resolves to 127.0.0.1
  must not be served): only the loopback names by default, more with ``planledger serve
  --allowed-host`` (starlette's TrustedHostMiddleware; 400 otherwise).
- **NUL** in a path or a query parameter is refused before it reaches a route (PostgreSQL text cannot
  hold one): 404 for a path, 400 for a query.
- **Query parameters** that have a shape are checked before a page uses them: ``year`` is four ASCII
  digits, ``period`` a year or a span of years, ``limit``/``offset`` ASCII digits, no value over
  MAX_QUERY characters (422, never a 500 from ``int("²")``).
- **State-changing requests** (any method but GET, HEAD, OPTIONS) need an ``Origin`` — or without
  one a ``Referer`` — of this very server when they carry one (403 otherwise: another site's form
  cannot write), and a CSRF token: ``csrf_token(request)`` gives a page the token to put in its
  form, ``set_csrf_cookie`` sets it as a SameSite=Strict, HttpOnly cookie, ``check_csrf(request, given)``
  compares the token sent with the form to the cookie.

Also ``StrictJSONResponse``: the app's JSON, in which a non-finite number is null (JSON has none).
"""
from __future__ import annotations

import re
import secrets
from typing import Any, Iterable
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from .. import patterns

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER = "planledger_csrf", "csrf", "x-csrf-token"
MAX_QUERY = 2000

_SHAPES = {  # parameter → (pattern, what it must be)
    "year": (patterns.compile(r"[0-9]{4}", re.ASCII), "a year of four digits (2021)"),
    "period": (patterns.compile(r"[0-9]{4}(-[0-9]{4})?", re.ASCII), "a year or a span of years (2021, 2021-2025)"),
    "limit": (patterns.compile(r"[0-9]{1,9}", re.ASCII), "a number"),
    "offset": (patterns.compile(r"[0-9]{1,12}", re.ASCII), "a number"),
}


def allowed_hosts(host: str | None = None, extra: Iterable[str] = ()) -> list[str]:
    """The Host names to answer to: the loopback names, the address served on when it is one (not
    0.0.0.0 or ::), and ``extra`` (``--allowed-host``; ``*`` allows any)."""
    hosts = list(LOOPBACK_HOSTS)
    if host and host not in ("0.0.0.0", "::", ""):
        hosts.append(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    hosts.extend(h.strip() for h in extra if h and h.strip())
    return list(dict.fromkeys(hosts))


class _Guard:
    """ASGI middleware: NUL in the path or query, and the origin of state-changing requests."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = _refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _refusal(scope: dict) -> Response | None:
    path = scope.get("path", "")
    raw_query = scope.get("query_string", b"")
    if "\x00" in path:
        return PlainTextResponse("not found: the path holds a NUL character", status_code=404)
    from urllib.parse import parse_qsl

    for key, value in parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True):
        if "\x00" in key or "\x00" in value:
            return _problem(path, 400, "bad request: a query parameter holds a NUL character")
    if scope.get("method", "GET") not in SAFE_METHODS:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        source = headers.get("origin") or headers.get("referer")
        if source is not None and not _same_origin(source, scope, headers.get("host", "")):
            return _problem(path, 403, f"refused: a request from another site ({_origin_of(source)}) "
                                       "cannot change this server's data")
    return None


def _problem(path: str, status: int, message: str) -> Response:
    if path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status)
    return PlainTextResponse(message, status_code=status)


def _origin_of(url: str) -> str:
    if url == "null":
        return "an opaque origin"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else url[:100]


def _same_origin(source: str, scope: dict, host: str) -> bool:
    parts = urlsplit(source)
    scheme = scope.get("scheme", "http")
    if source == "null" or parts.scheme != scheme or not parts.netloc:
        return False
    default = {"http": "80", "https": "443"}.get(scheme, "")

    def norm(netloc: str) -> str:
        netloc = netloc.lower()
        return netloc if re.search(r":[0-9]+$", netloc) and not netloc.endswith("]") else f"{netloc}:{default}"

    return bool(host) and norm(parts.netloc) == norm(host)


def check_query(request: Request) -> None:
    """A dependency of every route: query parameters of a known shape have it (422 otherwise)."""
    for key, value in request.query_params.multi_items():
        if len(value) > MAX_QUERY:
            raise HTTPException(422, f"{key}: longer than {MAX_QUERY} characters")
        shape = _SHAPES.get(key)
        if shape is not None and value != "" and not shape[0].fullmatch(value):
            raise HTTPException(422, f"{key}: must be {shape[1]}, not {value[:40]!r}")


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser: its cookie's, or a new one (give it to ``set_csrf_cookie``)."""
    token = request.cookies.get(CSRF_COOKIE) or ""
    if not re.fullmatch(r"[A-Za-z0-9_-]{32,64}", token):
        token = secrets.token_urlsafe(32)
    return token


def set_csrf_cookie(response: Response, token: str) -> None:
    """``token`` as this browser's cookie: sent back by its own pages only (SameSite=Strict), unreadable
    to scripts (HttpOnly)."""
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")


def check_csrf(request: Request, given: str | None) -> bool:
    """Whether the token sent (form field ``csrf`` or header ``X-CSRF-Token``) is this browser's cookie."""
    cookie = request.cookies.get(CSRF_COOKIE) or ""
    given = given or request.headers.get(CSRF_HEADER) or ""
    return bool(cookie) and secrets.compare_digest(cookie.encode(), str(given).encode())


class StrictJSONResponse(JSONResponse):
    """JSON as starlette writes it (``allow_nan=False``), with a non-finite number written as null
    instead of failing the request."""

    def render(self, content: Any) -> bytes:
        from ..present import finite

        try:
            return super().render(content)
        except ValueError:
            return super().render(finite(content))


def dependencies() -> list:
    """The app's dependencies (``FastAPI(dependencies=…)``, before the routers are included)."""
    from fastapi import Depends

    return [Depends(check_query)]


def install(app: Any, hosts: Iterable[str]) -> None:
    """The middleware above on every request of ``app``."""
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    app.add_middleware(_Guard)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))  # the outermost: checked first
