"""Send a namespace request through the client's route state (v3 fallback, deprecation warnings)."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import httpx

from infisical_kit._core.api import ApiRequest

if TYPE_CHECKING:
    from infisical_kit._async._client import AsyncClient

__all__ = ["send"]


async def send(client: AsyncClient, request: ApiRequest) -> tuple[ApiRequest, httpx.Response]:
    """Send `request` (rewritten to v3 raw if the server lacks v4); return what was sent and got."""
    state = client._routes
    request = state.route(request)
    if state.probing(request):
        response = await client._request(request)
        fallback = state.observe(request, response)
        if fallback is None:
            return request, response
        request = fallback
    message = state.deprecation(request)
    if message is not None:
        warnings.warn(message, DeprecationWarning, stacklevel=3)
    return request, await client._request(request)
