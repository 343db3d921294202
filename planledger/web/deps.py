"""Dependencies shared by the routes: the store, the templates, the settings of this app."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from ..store import Store

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape is on for .html


@dataclass
class Settings:
    allow_upload: bool = False
    token: str | None = None
    max_upload_bytes: int = 20 * 1024 * 1024


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _slug(text: Any) -> str:
    import re

    return re.sub(r"[^0-9a-z_]+", "-", str(text or "").lower()).strip("-") or "none"


def _query(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _num(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


templates.env.filters["slug"] = _slug
templates.env.filters["num"] = _num
templates.env.globals["query"] = _query
