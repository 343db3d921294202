"""/redoc served from the package, with no request to the network.

/docs (Swagger UI) comes from the ``fastapi-offline`` package as it is (its assets under
/static-offline-docs). Its ReDoc bundle is fine offline too except for one thing: the sidebar's
"API docs by Redocly" logo is an <img> from Redocly's CDN (it hides itself when that fails). This
route serves the same bundle with that one image pointed at our own favicon, so that the page asks
nothing of the network; everything else of ReDoc is untouched.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

_LOGO = b'src:"https://cdn.redoc.ly/redoc/logo-mini.svg"'


@lru_cache(maxsize=1)
def _redoc_bundle() -> bytes:
    import fastapi_offline

    data = (Path(fastapi_offline.__file__).parent / "static" / "redoc.standalone.js").read_bytes()
    return data.replace(_LOGO, b'src:"/favicon.ico"')


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    return get_redoc_html(openapi_url=f"{root}{request.app.openapi_url}", title=f"{request.app.title} - ReDoc",
                          redoc_js_url=f"{root}/docs-assets/redoc.standalone.js", with_google_fonts=False,
                          redoc_favicon_url=f"{root}/favicon.ico")


@router.get("/docs-assets/redoc.standalone.js")
def redoc_bundle() -> Response:
    return Response(_redoc_bundle(), media_type="application/javascript",
                    headers={"Cache-Control": "public, max-age=86400"})
