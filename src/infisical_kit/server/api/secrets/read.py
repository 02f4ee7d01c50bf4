"""Async get-by-name and list endpoints: one to three precompiled queries.

The common request (an identity token, a plain folder, no version/recursion/filters) is
answered by :mod:`...services.read_path`: by the fast lane (:mod:`..fast_lane`) before
routing when it carries no body, else by the route itself. Every
other request, and every error, takes the general path (the same handlers as the writes, with
the same error order: authentication, body, parameters, scope, secret).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import closing
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson
from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ...actor import Actor
from ...auth.deps import require_actor_or_service
from ...auth.fast_claims import identity_claims
from ...errors import ApiError
from ...params import ScopeParams, parse, request_params
from ...services import read_path
from ...services.secret_views import SecretView
from ...state import ServerContext, get_context
from ...wire.secrets import secret_to_wire
from .._deps import Db
from ..json_response import FastJSONResponse
from .handlers import get_handler, list_handler, personal_mode
from .params import GetParams, ListParams, read_options

P = TypeVar("P", bound=ScopeParams)
Handler = Callable[[Db, ServerContext, Actor, dict[str, Any]], dict[str, Any]]

FAST_TRIED = "infisical_kit.fast_tried"
"""Scope key set by the fast lane once it has tried (and declined) a request."""


@dataclass(frozen=True)
class FastRead(Generic[P]):
    """One hot read: its parameters' model, when the fast path may answer, and the answer
    (on the event loop; ``None`` means the general path must answer)."""

    model: type[P]
    eligible: Callable[[P], bool]
    answer: Callable[[ServerContext, dict[str, Any], P], Awaitable[dict[str, Any] | None]]


def get_read(name: str) -> FastRead[GetParams]:
    """The fast path of ``GET .../secrets/{name}``."""
    key = name.strip()

    async def answer(
        ctx: ServerContext, claims: dict[str, Any], p: GetParams
    ) -> dict[str, Any] | None:
        view = await read_path.fast_get(
            ctx.hot_reads,
            ctx.root_key,
            claims,
            p.scope_ref,
            name=key,
            secret_type=p.type,
            options=read_options(p),
        )
        return None if view is None else {"secret": secret_to_wire(view)}

    return FastRead(GetParams, lambda p: bool(key) and p.version is None, answer)


def _encoded_secret(view: SecretView) -> orjson.Fragment:
    """A list's item, JSON-encoded once (the list memo keeps it encoded; the answer's
    :class:`..json_response.FastJSONResponse` splices it in as it is)."""
    return orjson.Fragment(orjson.dumps(secret_to_wire(view)))


def list_read(*, v3: bool) -> FastRead[ListParams]:
    """The fast path of ``GET .../secrets`` (v3 raw and v4)."""

    async def answer(
        ctx: ServerContext, claims: dict[str, Any], p: ListParams
    ) -> dict[str, Any] | None:
        secrets = await read_path.fast_list(
            ctx.hot_reads,
            ctx.root_key,
            claims,
            p.scope_ref,
            personal=personal_mode(p, v3=v3),
            options=read_options(p),
            shape=_encoded_secret,
        )
        return None if secrets is None else {"secrets": secrets, "imports": []}

    return FastRead(ListParams, lambda p: p.plain, answer)


async def fast_answer(
    request: Request, ctx: ServerContext, raw: dict[str, Any], read: FastRead[P]
) -> dict[str, Any] | None:
    """The fast path's answer for a plain identity bearer token whose parameters parse,
    name a project and an environment and are eligible; else ``None``. The read runs on the
    event loop (:mod:`...hot_reads`: inline on SQLite, asyncpg on PostgreSQL)."""
    try:
        p = parse(read.model, raw)
    except ApiError:
        return None
    return await fast_answer_parsed(request, ctx, p, read)


async def fast_answer_parsed(
    request: Request, ctx: ServerContext, p: P, read: FastRead[P]
) -> dict[str, Any] | None:
    """:func:`fast_answer` for parameters already parsed."""
    claims = identity_claims(request, ctx.jwt_secret)
    if claims is None or not (p.scope_ref.complete and read.eligible(p)):
        return None
    return await read.answer(ctx, claims, p)


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

    return FastJSONResponse(await run_in_threadpool(work))


async def _read(request: Request, read: FastRead[P], handler: Handler) -> JSONResponse:
    """The fast path's answer when it has one (unless the fast lane tried already), else the
    general path's."""
    ctx = get_context(request)
    if not request.scope.get(FAST_TRIED):
        try:
            raw = await request_params(request)
        except ApiError:
            raw = None
        body = None if raw is None else await fast_answer(request, ctx, raw, read)
        if body is not None:
            return FastJSONResponse(body)
    return await _general(request, ctx, handler)


async def get_secret_route(request: Request, name: str) -> JSONResponse:
    """``GET .../secrets/{name}`` (v3 raw and v4): ``{secret}``."""

    def handler(session: Db, ctx: ServerContext, a: Actor, raw: dict[str, Any]) -> dict[str, Any]:
        return get_handler(session, ctx, a, raw, name)

    return await _read(request, get_read(name), handler)


async def list_secrets_route(request: Request, *, v3: bool) -> JSONResponse:
    """``GET .../secrets`` (v3 raw and v4): ``{secrets, imports}``."""

    def handler(session: Db, ctx: ServerContext, a: Actor, raw: dict[str, Any]) -> dict[str, Any]:
        return list_handler(session, ctx, a, raw, v3=v3)

    return await _read(request, list_read(v3=v3), handler)
