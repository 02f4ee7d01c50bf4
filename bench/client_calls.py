"""Benchmark (b): wall time of an uncached get and a list of 100, sync, against raw httpx.

Contenders: our `Client` / `AsyncClient`, a raw `httpx.Client` doing the same request,
`infisicalsdk` (the official SDK) and `infisical-httpx-sdk` (run in its own venv by
``bench/peer_httpx_sdk.py``: it pins pydantic/keyring/httpx exactly).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
from infisical_sdk import InfisicalSDKClient

from bench._common import GET_NAME, LIST_PATH, LIST_SIZE, Row, Target, interleaved
from infisical_kit import Client

PEERS_PYTHON = Path(__file__).parent / ".peers" / "bin" / "python"


def _ours(target: Target, cache_ttl: float) -> Client:
    return Client(
        target.url,
        token=target.token,
        project_id=target.project_id,
        environment=target.environment,
        cache_ttl=cache_ttl,
    )


def _official(target: Target, cache_ttl: int | None) -> InfisicalSDKClient:
    return InfisicalSDKClient(host=target.url, token=target.token, cache_ttl=cache_ttl)


def _peer_httpx_sdk(target: Target) -> dict[str, float]:
    """ms per call of infisical-httpx-sdk, measured in its own venv; empty if unavailable."""
    if not PEERS_PYTHON.exists():
        return {}
    script = Path(__file__).parent / "peer_httpx_sdk.py"
    args = {
        "url": target.url,
        "token": target.token,
        "project_id": target.project_id,
        "environment": target.environment,
        "get_name": GET_NAME,
        "list_path": LIST_PATH,
    }
    done = subprocess.run(
        [str(PEERS_PYTHON), str(script), json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        print(f"infisical-httpx-sdk run failed:\n{done.stderr[-2000:]}", file=sys.stderr)
        return {}
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def uncached(target: Target) -> list[Row]:
    """(b) ms per uncached get and list-of-100: ours vs raw httpx vs the two peers."""
    headers = {"Authorization": f"Bearer {target.token}", "Accept": "application/json"}
    base = {"projectId": target.project_id, "environment": target.environment}
    get_params = {
        **base,
        "secretPath": "/",
        "type": "shared",
        "expandSecretReferences": "true",
        "include_imports": "true",
        "viewSecretValue": "true",
    }
    list_params = {
        **base,
        "secretPath": LIST_PATH,
        "recursive": "false",
        "expandSecretReferences": "true",
        "viewSecretValue": "true",
    }
    rows: list[Row] = []
    peer = _peer_httpx_sdk(target)
    with (
        _ours(target, 0) as ours,
        _official(target, None) as official,
        httpx.Client(base_url=target.url, headers=headers) as raw,
    ):
        for label, calls, contenders in (
            (
                "uncached get",
                50,
                {
                    "ours": lambda: ours.secrets.get(GET_NAME),
                    "raw httpx": lambda: (
                        raw.get(f"/api/v4/secrets/{GET_NAME}", params=get_params)
                        .raise_for_status()
                        .json()
                    ),
                    "infisicalsdk": lambda: official.secrets.get_secret_by_name(
                        secret_name=GET_NAME,
                        project_id=target.project_id,
                        environment_slug=target.environment,
                        secret_path="/",
                    ),
                },
            ),
            (
                f"list of {LIST_SIZE}",
                10,
                {
                    "ours": lambda: ours.secrets.list(secret_path=LIST_PATH),
                    "raw httpx": lambda: (
                        raw.get("/api/v4/secrets", params=list_params).raise_for_status().json()
                    ),
                    "infisicalsdk": lambda: official.secrets.list_secrets(
                        project_id=target.project_id,
                        environment_slug=target.environment,
                        secret_path=LIST_PATH,
                    ),
                },
            ),
        ):
            ms = {k: v * 1e3 for k, v in interleaved(contenders, calls, rounds=7).items()}
            others = {k: v for k, v in ms.items() if k != "ours"}
            peer_key = "get" if label == "uncached get" else "list"
            if peer_key in peer:
                others["infisical-httpx-sdk"] = peer[peer_key]
            ratio = ms["ours"] / ms["raw httpx"]
            rows.append(
                Row(
                    "b",
                    label,
                    "ms/call",
                    ms["ours"],
                    others,
                    goal="≤ 1.10x raw httpx",
                    baseline="raw httpx",
                    ok=ratio <= 1.10,
                    note="" if peer else "infisical-httpx-sdk not measured (bench/.peers missing)",
                )
            )
    return rows
