"""`client_for`: a client of the test server logged in as its bootstrap identity."""

from __future__ import annotations

from typing import Any

from infisical_kit import AsyncClient


def client_for(server: Any, **kwargs: Any) -> AsyncClient:
    """An `AsyncClient` of `server` (universal auth as the bootstrap identity, its project and
    first environment as the default scope); `kwargs` go to the constructor."""
    boot = server.bootstrap
    return AsyncClient(
        server.url,
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
        project_id=boot["project_id"],
        environment=boot["environments"][0],
        **kwargs,
    )
