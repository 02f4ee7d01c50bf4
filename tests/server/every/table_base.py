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


def same_value(actual: object, expected: object, what: str = "secretValue") -> None:
    """Assert equality without printing either side (they are secret values or tokens)."""
    __tracebackhide__ = True  # the arguments would be printed with the frame
    equal = actual == expected
    assert equal, f"{what} differs from the expected one"


def described(resp: httpx.Response) -> str:
    """A failure description of an answer that prints no secret: the error envelope of a 4xx or
    5xx, only the top-level keys of anything else."""
    if resp.status_code >= 400:
        return f"{resp.status_code}: {resp.text[:500]}"
    try:
        body = resp.json()
    except ValueError:
        return f"{resp.status_code}: not JSON"
    keys = sorted(body) if isinstance(body, dict) else type(body).__name__
    return f"{resp.status_code} with keys {keys}"
