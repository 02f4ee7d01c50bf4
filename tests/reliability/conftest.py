"""Helpers for the reliability suite: private servers (they get killed), clients, timing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from infisical_kit import Client
from infisical_kit.testing import LocalServer


def load_seconds(default: float = 10.0) -> float:
    """Duration of the load test: ``INFISICAL_KIT_LOAD_SECONDS`` (default 10 in the suite)."""
    return float(os.environ.get("INFISICAL_KIT_LOAD_SECONDS", default))


def client_for(server: LocalServer, **kwargs: Any) -> Client:
    """A universal-auth `Client` on the bootstrap project's first environment."""
    boot = server.bootstrap
    kwargs.setdefault("project_id", boot["project_id"])
    kwargs.setdefault("environment", boot["environments"][0])
    return Client(
        server.url, client_id=boot["client_id"], client_secret=boot["client_secret"], **kwargs
    )


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[LocalServer]:
    """A SQLite server of this test's own, free to be killed and restarted."""
    with LocalServer(tmp_path / "server") as server:
        yield server
