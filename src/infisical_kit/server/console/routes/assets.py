"""The console's stylesheet and script, served from the package (no CDN, no build step)."""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, Response

from ..render import ConsoleRoute, secure

router = APIRouter(route_class=ConsoleRoute, include_in_schema=False)

_TYPES = {"console.css": "text/css; charset=utf-8", "console.js": "text/javascript; charset=utf-8"}
_FILES = {
    name: (files("infisical_kit.server.console") / "static" / name).read_bytes() for name in _TYPES
}


@router.get("/assets/{name}")
def asset(name: str) -> Response:
    """One of the console's static files (404 for any other name)."""
    body = _FILES.get(name)
    if body is None:
        return secure(Response("Not found", status_code=404, media_type="text/plain"))
    response = Response(body, media_type=_TYPES[name])
    response.headers["Cache-Control"] = "no-cache"
    return secure(response)
