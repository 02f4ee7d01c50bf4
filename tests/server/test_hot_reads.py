"""``server/hot_reads.py``: when the PostgreSQL fast path cannot connect it says so once,
without the DSN, and stays off for a while instead of trying on every request."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import create_engine

from infisical_kit.server.hot_reads import AsyncpgReads
from infisical_kit.testing import free_port


def test_a_failed_connect_turns_the_fast_path_off_and_keeps_the_password_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = free_port("127.0.0.1")  # nothing listens there
    engine = create_engine(f"postgresql+psycopg://kit:hunter2-password@127.0.0.1:{port}/kit")
    reads = AsyncpgReads(engine)
    assert "hunter2" not in repr(reads)

    async def attempt() -> BaseException | None:
        try:
            async with reads.reading():
                return None
        except Exception as exc:  # the fast lane declines on any error
            return exc

    async def twice() -> tuple[BaseException | None, BaseException | None]:
        return await attempt(), await attempt()

    with caplog.at_level(logging.WARNING, logger="infisical_kit.server"):
        first, second = asyncio.run(twice())
    assert isinstance(first, OSError)  # refused
    assert isinstance(second, ConnectionError) and "off" in str(second)  # not tried again
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "general path" in messages[0]
    assert "hunter2" not in caplog.text and "hunter2" not in str(first)
    engine.dispose()
