"""``create_app(db_location, allow_upload=False, token=None)``: the FastAPI app of ``planledger serve``."""
from __future__ import annotations

import os

import contextlib

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from ..errors import PlanledgerError, ReadError, StoreError
from ..store import open_store
from . import api, apidocs, pages, security, upload
from .deps import HERE, Settings


def create_app(db_location: str | os.PathLike | None = None, allow_upload: bool = False,
               token: str | None = None, max_upload_mb: float = 20,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the store at ``db_location`` (path or SQLAlchemy URL; None: $PLANLEDGER_DB or
    ./planledger.db). Upload is off unless ``allow_upload``; with a ``token`` it needs that token.
    It answers to the Host names ``allowed_hosts`` (default: the loopback names; see web/security.py)."""
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        upload.stop_workers()  # the upload workers go with the server (SIGTERM included)
        app.state.store.close()

    # /docs (Swagger UI) from the fastapi-offline package, /redoc from apidocs.py: no CDN
    app = FastAPIOffline(title="planledger", version="0.1.0", lifespan=lifespan, favicon_url="/favicon.ico",
                         redoc_url=None, dependencies=security.dependencies(),
                         default_response_class=security.StrictJSONResponse,
                         description="Quantified targets and outcomes from Chinese government reports.")
    security.install(app, allowed_hosts or security.allowed_hosts())
    app.state.store = open_store(db_location)
    app.state.settings = Settings(allow_upload=allow_upload, token=token,
                                  max_upload_bytes=int(max_upload_mb * 1024 * 1024))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(apidocs.router)
    app.include_router(pages.router)
    app.include_router(upload.router)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return pages.not_found_page(request, str(exc.detail), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        if wants_json(request):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return pages.not_found_page(request, f"invalid request: {problems}", 422)

    @app.exception_handler(PlanledgerError)
    async def planledger_error(request: Request, exc: PlanledgerError):
        status = 422 if isinstance(exc, ReadError) else 503 if isinstance(exc, StoreError) else 500
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return pages.not_found_page(request, str(exc), status)

    return app
