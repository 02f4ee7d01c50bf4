"""Quick start: the same work with `Client` (sync) and `AsyncClient` (async).

Configuration comes from the environment, as in production:

    INFISICAL_DOMAIN=http://127.0.0.1:8080
    INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=...  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=...
    INFISICAL_PROJECT_ID=...  INFISICAL_ENVIRONMENT=dev

`make demo` starts a local server and runs this file against it. Secret values are never printed.
"""

from __future__ import annotations

import asyncio
import secrets

from infisical_kit import AsyncClient, Client, NotFoundError


def sync_demo() -> None:
    """Create, list, get, update and delete secrets with the sync client."""
    with Client.from_env() as client:
        value = secrets.token_urlsafe(16)
        created = client.secrets.create("DB_PASSWORD", value, comment="created by quickstart")
        print(f"[sync]  created {created.key} (version {created.version})")
        client.secrets.create("API_URL", "https://api.example.test")

        names = sorted(s.key for s in client.secrets.list())
        print(f"[sync]  listed {len(names)} secrets: {', '.join(names)}")

        fetched = client.secrets.get("DB_PASSWORD")
        print(f"[sync]  got {fetched.key}: value matches what was stored: {fetched.value == value}")

        updated = client.secrets.update("DB_PASSWORD", secrets.token_urlsafe(16))
        print(f"[sync]  rotated {updated.key}: now version {updated.version}")

        staging = client.secrets.list(environment="staging")
        print(f"[sync]  per-call override: 'staging' holds {len(staging)} secrets")

        for name in ("DB_PASSWORD", "API_URL"):
            client.secrets.delete(name)
        try:
            client.secrets.get("DB_PASSWORD")
        except NotFoundError as exc:
            print(f"[sync]  deleted both; a get now raises NotFoundError ({exc.status_code})")


async def async_demo() -> None:
    """The same with the async client, running several requests concurrently."""
    async with AsyncClient.from_env() as client:
        names = [f"WORKER_{i}" for i in range(5)]
        await asyncio.gather(*(client.secrets.create(n, secrets.token_hex(8)) for n in names))
        print(f"[async] created {len(names)} secrets concurrently")

        fetched = await asyncio.gather(*(client.secrets.get(n) for n in names))
        print(f"[async] fetched {len(fetched)} concurrently: {', '.join(s.key for s in fetched)}")

        updated = await client.secrets.update("WORKER_0", "rotated", new_name="WORKER_ZERO")
        print(f"[async] renamed WORKER_0 to {updated.key} (version {updated.version})")

        await asyncio.gather(*(client.secrets.delete(n) for n in ["WORKER_ZERO", *names[1:]]))
        remaining = await client.secrets.list()
        print(f"[async] deleted them; {len(remaining)} secrets remain")


if __name__ == "__main__":
    sync_demo()
    asyncio.run(async_demo())
    print("quickstart finished")
