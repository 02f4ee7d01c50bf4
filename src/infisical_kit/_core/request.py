"""`ApiRequest`: one API call as plain data, before it is bound to a server and sent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ApiRequest", "Params"]

#: query parameters, in the order they are sent
Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ApiRequest:
    """Method, path, query parameters, JSON body and cookies of one call.

    `authenticated` says whether the bearer token goes with it. `json` and `cookies` are
    hidden from ``repr``: they may carry a secret value, credentials or a session cookie.
    """

    method: str
    path: str
    params: Params = ()
    json: Mapping[str, Any] | None = field(default=None, repr=False)
    authenticated: bool = True
    cookies: tuple[tuple[str, str], ...] = field(default=(), repr=False)
