"""FastAPI: one `AsyncClient` for the app's lifetime, opened and closed in the lifespan.

    INFISICAL_DOMAIN=... INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=... \\
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=... INFISICAL_PROJECT_ID=... \\
    INFISICAL_ENVIRONMENT=dev uvicorn examples.fastapi_app:app

Start-up reads the secrets the app cannot run without; request handlers read others on demand
(the client caches reads and renews its token by itself). Values are never returned.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request

from infisical_kit import AsyncClient, NotFoundError


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the client, load the start-up secrets, close the client on shutdown."""
    async with AsyncClient.from_env(cache_ttl=30) as client:
        app.state.infisical = client
        app.state.service_name = (await client.secrets.get("SERVICE_NAME")).value
        yield


app = FastAPI(lifespan=lifespan)


@app.get("/")
async def index(request: Request) -> dict[str, str]:
    """The service name loaded at start-up."""
    return {"service": request.app.state.service_name}


@app.get("/features/{name}")
async def feature(name: str, request: Request) -> dict[str, bool]:
    """Whether feature flag secret ``FEATURE_<NAME>`` is "on" (read per request, cached)."""
    client: AsyncClient = request.app.state.infisical
    try:
        secret = await client.secrets.get(f"FEATURE_{name.upper()}")
    except NotFoundError:
        raise HTTPException(status_code=404, detail=f"no feature {name!r}") from None
    return {"enabled": secret.value.strip().lower() == "on"}
