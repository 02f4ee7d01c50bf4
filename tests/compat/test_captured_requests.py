"""Replay the exact requests that four real Infisical clients send, against our server.

The captures in ``shared/reference/captures/requests-<client>.txt`` record method, path, query,
headers and body as each client sends them (official ``infisicalsdk``, ``infisical-httpx-sdk``,
the legacy Rust-based ``infisical-python`` and the official Node SDK). Our server must accept
each one unchanged and answer with the same status the real server gave.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from infisical_kit.testing import LocalServer

# The copy kept with the tests, so the suite does not depend on files outside the repo.
LOCAL_CAPTURES = Path(__file__).resolve().parent / "captures"

RECORDED_PROJECT = "77fa7aed-9288-401e-a4c9-3a9430be62a4"
RECORDED_CLIENT_ID = "3f6135db-f237-421d-af66-a8f4e80d443b"
RECORDED_CLIENT_SECRET = "da35a5a5a7b57f977a9a73394506e878a7175d06606df43dc93e1472b10cf339"
RECORDED_SLUG = "first-project-v2"
LINE = re.compile(r"^(GET|POST|PATCH|DELETE|PUT) (\S+)\s+-> (\d{3})$")


@dataclass
class Captured:
    """One recorded request and the status the real server answered."""

    method: str
    target: str
    status: int
    headers: dict[str, str]
    body: str | None


def parse(text: str) -> list[Captured]:
    """Parse one ``requests-<client>.txt`` file."""
    out: list[Captured] = []
    for raw in text.splitlines():
        line = raw.strip()
        match = LINE.match(line)
        if match:
            out.append(Captured(match[1], match[2], int(match[3]), {}, None))
        elif line.startswith("headers: "):
            out[-1].headers = json.loads(line.removeprefix("headers: "))
        elif line.startswith("body: "):
            out[-1].body = line.removeprefix("body: ")
    return out


def _capture_files() -> list[Path]:
    return sorted(LOCAL_CAPTURES.glob("requests-*.txt"))


@pytest.mark.parametrize("path", _capture_files(), ids=lambda p: p.stem.removeprefix("requests-"))
def test_real_client_requests_are_accepted(infisical_server: LocalServer, path: Path) -> None:
    boot = infisical_server.bootstrap
    requests = parse(path.read_text())
    assert requests, f"no requests parsed from {path.name}"

    def substitute(text: str, token: str | None) -> str:
        text = text.replace(RECORDED_PROJECT, boot["project_id"])
        text = text.replace(RECORDED_CLIENT_ID, boot["client_id"])
        text = text.replace(RECORDED_CLIENT_SECRET, boot["client_secret"])
        text = text.replace(RECORDED_SLUG, boot["project_slug"])
        if token:
            text = text.replace("Bearer eyJhbGciOiJIU...", f"Bearer {token}")
        return text

    with httpx.Client(base_url=infisical_server.url, timeout=30) as http:
        login = http.post(
            "/api/v1/auth/universal-auth/login",
            json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
        )
        assert login.status_code == 200
        admin = {"Authorization": f"Bearer {login.json()['accessToken']}"}
        scope = {"projectId": boot["project_id"], "environment": "dev", "secretPath": "/"}
        # The recordings read an existing API_KEY and create NEW_ONE; start from that state.
        http.post("/api/v4/secrets/API_KEY", json={**scope, "secretValue": "k"}, headers=admin)
        for leftover in ("NEW_ONE", "RENAMED"):
            http.request("DELETE", f"/api/v4/secrets/{leftover}", json=scope, headers=admin)

        token: str | None = None
        for req in requests:
            headers = {
                k: substitute(v, token)
                for k, v in req.headers.items()
                if k.lower() not in {"host", "content-length"}
            }
            body = substitute(req.body, token).encode() if req.body is not None else None
            response = http.request(
                req.method, substitute(req.target, token), headers=headers, content=body
            )
            where = f"{path.stem}: {req.method} {req.target.split('?')[0]}"
            assert response.status_code == req.status, f"{where}: {response.text[:300]}"
            payload = response.json()
            if req.status >= 400:
                assert payload["statusCode"] == req.status, where
                assert isinstance(payload["message"], str | list), where
            elif req.target.startswith("/api/v1/auth/universal-auth/login"):
                token = payload["accessToken"]
                assert payload["tokenType"] == "Bearer"
            elif req.method == "GET" and "/raw/" not in req.target:
                assert isinstance(payload["secrets"], list), where
            else:
                assert payload["secret"]["secretKey"], where
