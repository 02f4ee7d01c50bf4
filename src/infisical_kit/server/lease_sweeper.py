"""The lease sweeper: an asyncio task of every server process that revokes expired leases.

Each pass runs `services.lease_revocation.sweep` in a worker thread (the providers block);
passes are ``lease_sweep_interval`` seconds apart. Several processes on one database sweep
safely: a lease is revoked by the one process whose claim succeeded. A pass that fails is
logged and the next one runs as usual; the task ends when the app shuts down.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import anyio.to_thread

from .services.lease_revocation import sweep
from .state import ServerContext

logger = logging.getLogger("infisical_kit.server.dynamic")


async def run(ctx: ServerContext, stop: asyncio.Event) -> None:
    """Sweep every ``lease_sweep_interval`` seconds until ``stop`` is set."""
    interval = ctx.settings.lease_sweep_interval
    base = ctx.settings.lease_retry_base
    while not stop.is_set():
        try:
            revoked = await anyio.to_thread.run_sync(
                lambda: sweep(ctx.sessions, ctx.root_key, backoff_base=base)
            )
            if revoked:
                logger.info("lease sweeper revoked %d expired lease(s)", revoked)
        except Exception as exc:  # the next pass retries; never let the task die
            logger.error("lease sweep failed: %s", type(exc).__name__, exc_info=exc)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)


@contextlib.asynccontextmanager
async def running(ctx: ServerContext) -> AsyncIterator[None]:
    """Run the sweeper for the app's lifetime (not at all when the interval is 0)."""
    if ctx.settings.lease_sweep_interval <= 0:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(run(ctx, stop), name="infisical-kit lease sweeper")
    try:
        yield
    finally:
        stop.set()
        await task
