"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from . import lease_sweeper
from .api import (
    auth_identity_logins,
    auth_kubernetes,
    auth_token,
    auth_universal,
    dynamic_leases,
    dynamic_secrets,
    environments,
    folders,
    identities,
    imports,
    kms,
    members,
    organizations,
    projects,
    service_tokens,
    status,
    tags,
    users,
)
from .api.fast_lane import FastLane
from .api.secrets import by_id as secrets_by_id
from .api.secrets import v3 as secrets_v3
from .api.secrets import v4 as secrets_v4
from .console import install as install_console
from .db import make_engine, make_sessionmaker, upgrade
from .errors import install_error_handlers
from .middleware import PlatformMiddleware
from .openapi import install_openapi
from .ratelimit import RateLimiter
from .services import shaped_rows
from .settings import ServerSettings
from .state import JWT_SECRET_KEY, ServerContext, ensure_server_value

logger = logging.getLogger("infisical_kit.server")


def build_context(settings: ServerSettings) -> ServerContext:
    """Open the database, migrate it to head and load the shared JWT secret."""
    root_key = settings.load_root_key()
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    sessions = make_sessionmaker(engine)
    jwt_secret = ensure_server_value(sessions, root_key, JWT_SECRET_KEY)
    return ServerContext(
        settings=settings,
        engine=engine,
        sessions=sessions,
        root_key=root_key,
        jwt_secret=jwt_secret,
    )


def create_app(settings: ServerSettings) -> FastAPI:
    """Build the app: migrate the database, install routers and error handlers."""
    ctx = build_context(settings)
    shaped_rows.configure(int(settings.list_memo_mb * 1024 * 1024))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async with lease_sweeper.running(ctx):
            yield
        await ctx.hot_reads.close()
        ctx.engine.dispose()

    app = FastAPI(
        title="infisical-kit local server",
        version="0.1.0",
        openapi_url="/api/docs/json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    install_error_handlers(app)
    install_openapi(app)
    app.add_middleware(FastLane, ctx=ctx)  # inside the platform middleware's limits
    app.add_middleware(
        PlatformMiddleware,
        max_body_bytes=settings.max_body_bytes,
        limiter=RateLimiter(ctx.engine, settings.rate_limits),
    )
    for module in (status, auth_universal, secrets_v4, secrets_v3, secrets_by_id, folders):
        app.include_router(module.router)
    app.include_router(folders.v1_router)
    app.include_router(imports.router)
    for auth_module in (auth_token, identities, users, auth_kubernetes, organizations):
        app.include_router(auth_module.router)
    app.include_router(auth_identity_logins.router)
    for resource_module in (projects, environments, tags, kms, dynamic_leases, dynamic_secrets):
        app.include_router(resource_module.router)
    for access_module in (members, service_tokens):
        app.include_router(access_module.router)
    install_console(app)  # the web console at /, after the API's routes
    logger.debug("application created (database %s)", ctx.engine.url.get_backend_name())
    return app


def create_app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` and multi-worker runs (settings from the env)."""
    return create_app(ServerSettings.from_env())
