"""The async client: the same methods, awaited.

Run by tests/docs/test_examples.py against a fresh project on the local server.
"""

import asyncio

from infisical_kit import AsyncClient


async def main() -> None:
    async with AsyncClient.from_env() as client:
        await client.secrets.create("WORKERS", "8")
        values = await asyncio.gather(*(client.secrets.get("WORKERS") for _ in range(20)))
        assert {s.value for s in values} == {"8"}  # concurrent misses share one request
        assert [s.key for s in await client.secrets.list()] == ["WORKERS"]


asyncio.run(main())
print("async example: ok")
