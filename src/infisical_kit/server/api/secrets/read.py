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
from ...auth.deps import require_actor_or_service
from ...auth.fast_claims import identity_claims
from ...errors import ApiError
from ...params import ScopeParams, parse, request_params
from ...services import read_path
from ...state import ServerContext, get_context
from ...wire.secrets import listing_to_wire, secret_to_wire
from .._deps import Db
from .handlers import get_handler, list_handler, personal_mode
from .params import GetParams, ListParams, read_options

P = TypeVar("P", bound=ScopeParams)
Handler = Callable[[Db, ServerContext, Actor, dict[str, Any]], dict[str, Any]]


async def _general(request: Request, ctx: ServerContext, handler: Handler) -> JSONResponse:
    """The general path: authenticate (a service token too), then run ``handler`` (errors
    in the usual order)."""
    raw: dict[str, Any] = {}
    body_error: ApiError | None = None
    try:
        raw = await request_params(request)
    except ApiError as exc:
        body_error = exc

    def work() -> dict[str, Any]:
        with closing(ctx.session_for(request.method)) as session:
            actor = require_actor_or_service(request, ctx, session)
            if body_error is not None:
                raise body_error
            return handler(session, ctx, actor, raw)

    return JSONResponse(await run_in_threadpool(work))


async def _read(
    request: Request,
    model: type[P],
    eligible: Callable[[P], bool],
    fast: Callable[[ServerContext, dict[str, Any], P], dict[str, Any] | None],
    handler: Handler,
) -> JSONResponse:
    """The fast path's answer when it has one, else the general path's.

    The fast path is tried for a plain identity bearer token whose parameters parse, name a
    project and an environment and pass ``eligible``; ``fast`` runs in one worker-thread hop
    and returns ``None`` when the general path must answer (every error case included).
    """
    ctx = get_context(request)
    claims = identity_claims(request, ctx.jwt_secret)
    if claims is not None:
        try:
            p = parse(model, await request_params(request))
        except ApiError:
            p = None
        if p is not None and p.scope_ref.complete and eligible(p):
            body = await run_in_threadpool(fast, ctx, claims, p)
            if body is not None:
                return JSONResponse(body)
    return await _general(request, ctx, handler)


async def get_secret_route(request: Request, name: str) -> JSONResponse:
    """``GET .../secrets/{name}`` (v3 raw and v4): ``{secret}``."""
    key = name.strip()

    def fast(ctx: ServerContext, claims: dict[str, Any], p: GetParams) -> dict[str, Any] | None:
        view = read_path.fast_get(
            ctx.reader,
            ctx.root_key,
            claims,
            p.scope_ref,
            name=key,
            secret_type=p.type,
            options=read_options(p),
        )
        return None if view is None else {"secret": secret_to_wire(view)}

    def handler(session: Db, ctx: ServerContext, a: Actor, raw: dict[str, Any]) -> dict[str, Any]:
        return get_handler(session, ctx, a, raw, name)

    def eligible(p: GetParams) -> bool:
        return bool(key) and p.version is None

    return await _read(request, GetParams, eligible, fast, handler)


async def list_secrets_route(request: Request, *, v3: bool) -> JSONResponse:
    """``GET .../secrets`` (v3 raw and v4): ``{secrets, imports}``."""

    def fast(ctx: ServerContext, claims: dict[str, Any], p: ListParams) -> dict[str, Any] | None:
        listing = read_path.fast_list(
            ctx.reader,
            ctx.root_key,
            claims,
            p.scope_ref,
            personal=personal_mode(p, v3=v3),
            options=read_options(p),
        )
        return None if listing is None else listing_to_wire(listing)

    def handler(session: Db, ctx: ServerContext, a: Actor, raw: dict[str, Any]) -> dict[str, Any]:
        return list_handler(session, ctx, a, raw, v3=v3)

    return await _read(request, ListParams, lambda p: p.plain, fast, handler)
