"""The client's ergonomics: the underlying httpx client is reachable, a closed client says
how to fix the call."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from infisical_kit import ClientClosedError, ConfigurationError, InfisicalError

from ._clients import client_for


@pytest.mark.anyio
async def test_http_client_is_the_httpx_client_every_request_goes_through(
    infisical_server: Any,
) -> None:
    seen: list[tuple[str, int]] = []

    async def on_response(response: httpx.Response) -> None:
        seen.append((response.request.url.path, response.status_code))

    async with client_for(infisical_server, cache_ttl=0) as client:
        http = client.http_client
        assert isinstance(http, httpx.AsyncClient)
        http.event_hooks["response"].append(on_response)
        await client.secrets.list()
    assert ("/api/v4/secrets", 200) in seen
    assert any(path.startswith("/api/v1/auth/universal-auth/login") for path, _ in seen)
    assert http.is_closed  # closing the client closes it


@pytest.mark.anyio
async def test_a_closed_client_raises_client_closed_error_naming_the_fix(
    infisical_server: Any,
) -> None:
    client = client_for(infisical_server)
    await client.secrets.list()
    await client.aclose()
    for call in (client.secrets.list, client.auth.login, client.projects.get):
        with pytest.raises(ClientClosedError) as caught:
            await call()
        message = str(caught.value)
        assert "closed" in message
        assert "async with AsyncClient(...) as client:" in message
        assert "new AsyncClient" in message
    assert issubclass(ClientClosedError, ConfigurationError)
    assert issubclass(ClientClosedError, InfisicalError)


@pytest.mark.anyio
async def test_a_client_closed_by_its_with_block_raises_client_closed_error(
    infisical_server: Any,
) -> None:
    async with client_for(infisical_server) as client:
        await client.secrets.list()
    with pytest.raises(ClientClosedError):
        await client.secrets.get("ANY")
