"""Async get-by-name and list endpoints: one worker-thread hop and one to three Core queries.

The common request (an identity token, a plain folder, no version/recursion/filters) is
parsed on the event loop and answered by :mod:`...services.read_path` in one thread hop.
Every other request, and every error, takes the general path (the same handlers as the
writes, with the same error order: authentication, body, parameters, scope, secret).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ...actor import Actor
from ...auth.deps import require_actor
from ...auth.fast_claims import identity_claims
from ...errors import ApiError
from ...params import ScopeParams, parse, request_params
from ...services import read_path
from ...state import ServerContext, get_context
from ...wire.secrets import listing_to_wire, secret_to_wire
from .._deps import Db
from .handlers import get_handler, list_handler, personal_mode
from .params import GetParams, ListParams

P = TypeVar("P", bound=ScopeParams)
Handler = Callable[[Db, ServerContext, Actor, dict[str, Any]], dict[str, Any]]


async def _general(request: Request, ctx: ServerContext, handler: Handler) -> JSONResponse:
    """The general path: authenticate, then run ``handler`` (errors in the usual order)."""
    raw: dict[str, Any] = {}
    body_error: ApiError | None = None
    try:
        raw = await request_params(request)
    except ApiError as exc:
        body_error = exc

    def work() -> dict[str, Any]:
        with closing(ctx.session_for(request.method)) as session:
            actor = require_actor(request, ctx, session)
            if body_error is not None:
                raise body_error
            return handler(session, ctx, actor, raw)

    return JSONResponse(await run_in_threadpool(work))


async def _prepared(
    request: Request, ctx: ServerContext, model: type[P]
) -> tuple[dict[str, Any], P] | None:
    """The verified identity claims and the parameters, when the fast path may answer."""
    claims = identity_claims(request, ctx.jwt_secret)
    if claims is None:
        return None
    try:
        p = parse(model, await request_params(request))
    except ApiError:
        return None
    return (claims, p) if p.scope_ref.complete else None


async def get_secret_route(request: Request, name: str) -> JSONResponse:
    """``GET .../secrets/{name}`` (v3 raw and v4): ``{secret}``."""
    ctx = get_context(request)
    prepared = await _prepared(request, ctx, GetParams)
    key = name.strip()
    if prepared is not None and key and prepared[1].version is None:
        claims, p = prepared
        view = await run_in_threadpool(
            lambda: read_path.fast_get(
                ctx.reader,
                ctx.root_key,
                claims,
                p.scope_ref,
                name=key,
                secret_type=p.type,
                options=p.options,
            )
        )
        if view is not None:
            return JSONResponse({"secret": secret_to_wire(view)})

    def handler(session: Db, c: ServerContext, a: Actor, raw: dict[str, Any]) -> dict[str, Any]:
        return get_handler(session, c, a, raw, name)

    return await _general(request, ctx, handler)


async def list_secrets_route(request: Request, *, v3: bool) -> JSONResponse:
    """``GET .../secrets`` (v3 raw and v4): ``{secrets, imports}``."""
    ctx = get_context(request)
    prepared = await _prepared(request, ctx, ListParams)
    if prepared is not None and prepared[1].plain:
        claims, p = prepared
        listing = await run_in_threadpool(
            lambda: read_path.fast_list(
                ctx.reader,
                ctx.root_key,
                claims,
                p.scope_ref,
                personal=personal_mode(p, v3=v3),
                options=p.options,
            )
        )
        if listing is not None:
            return JSONResponse(listing_to_wire(listing))

    def handler(session: Db, c: ServerContext, a: Actor, raw: dict[str, Any]) -> dict[str, Any]:
        return list_handler(session, c, a, raw, v3=v3)

    return await _general(request, ctx, handler)
