"""The fast lane: the hottest GETs answered before routing.

``GET /api/status`` and the secret reads ``GET /api/v4/secrets[/{name}]`` and
``GET /api/v3/secrets/raw[/{name}]`` without a body are matched here by path and answered by
the same code as their routes (:mod:`.status`, :mod:`.secrets.read`), skipping route matching
and dependency solving, which cost more than the work itself. The
lane sits inside the platform middleware (size limits and rate limits apply first). Whatever
it declines (another kind of token, a parameter it does not handle, any error case, any
exception) goes on to the router untouched, marked so the route does not try the fast path
a second time; the general path then answers exactly as it always did.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import parse_qsl

from fastapi.responses import JSONResponse
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ApiError
from ..params import ScopeParams, parse
from ..state import ServerContext
from .json_response import FastJSONResponse
from .secrets.read import FAST_TRIED, FastRead, fast_answer_parsed, get_read, list_read
from .status import STATUS_PATH, status

logger = logging.getLogger("infisical_kit.server")

_ONE = re.compile(r"/api/(?:v4/secrets|v3/secrets/raw)/([^/]+)")
_LISTS = {"/api/v4/secrets": False, "/api/v3/secrets/raw": True}


def _fast_read(path: str) -> FastRead[Any] | None:
    """The hot read `path` names, if any."""
    v3 = _LISTS.get(path)
    if v3 is not None:
        return list_read(v3=v3)
    one = _ONE.fullmatch(path)
    return None if one is None else get_read(one.group(1))


_PARSED: dict[tuple[type[ScopeParams], bytes], ScopeParams | None] = {}
_PARSED_MAX = 1024


def _parsed(model: type[ScopeParams], query: bytes) -> ScopeParams | None:
    """The parameters a query string gives (a client sends the same query again and again,
    so each is parsed once per process); ``None`` when they do not validate. The models are
    only read."""
    key = (model, query)
    if key in _PARSED:
        return _PARSED[key]
    raw = dict(parse_qsl(query.decode("latin-1"), keep_blank_values=True))
    try:
        found: ScopeParams | None = parse(model, raw)
    except ApiError:
        found = None
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[key] = found
    return found


def _has_body(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip() != b"0"):
            return True
    return False


class FastLane:
    """ASGI middleware: answer the hot reads before routing; pass everything else on."""

    def __init__(self, app: ASGIApp, *, ctx: ServerContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and not _has_body(scope):
            if scope["path"] == STATUS_PATH:
                await JSONResponse(await status())(scope, receive, send)
                return
            read = _fast_read(scope["path"])
            if read is not None:
                body = await self._answer(scope, read)
                if body is not None:
                    await FastJSONResponse(body)(scope, receive, send)
                    return
                scope[FAST_TRIED] = True
        await self.app(scope, receive, send)

    async def _answer(self, scope: Scope, read: FastRead[Any]) -> dict[str, Any] | None:
        try:
            p = _parsed(read.model, scope.get("query_string", b""))
            if p is None:
                return None
            return await fast_answer_parsed(Request(scope), self.ctx, p, read)
        except Exception:
            logger.debug("fast lane declined %s after an error", scope["path"], exc_info=False)
            return None
