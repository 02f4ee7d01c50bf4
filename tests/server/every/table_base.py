"""`Scenario`: one operation of the OpenAPI document, a valid request and the expected answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from .scenarios import Req, World

Build = Callable[[World], Req]
Check = Callable[[World, Req, httpx.Response], None]


@dataclass(frozen=True)
class Scenario:
    """``method`` on the OpenAPI ``path`` template: ``build`` makes the request (and whatever it
    needs) from the world, the answer must be ``status`` and pass ``check``."""

    method: str
    path: str
    build: Build
    check: Check
    status: int = 200

    @property
    def id(self) -> str:
        """``"GET /api/v4/secrets"``: the operation this scenario covers."""
        return f"{self.method} {self.path}"

    def matches(self, concrete: str) -> bool:
        """Whether a filled-in path is an instance of this scenario's template."""
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(self.path))
        return re.fullmatch(pattern, concrete) is not None


def body_of(resp: httpx.Response) -> dict[str, Any]:
    """The JSON object of a response (asserting it is one)."""
    body = resp.json()
    assert isinstance(body, dict), body
    return body
