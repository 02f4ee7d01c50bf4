"""A dev server on SQLite or on a fresh PostgreSQL database, for compat tests that must pass on
both (``backend`` fixtures parametrized with `BACKENDS`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from _pg import fresh_postgres_database
from infisical_kit.testing import LocalServer

BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


@contextmanager
def server_on(backend: str, data_dir: Path) -> Iterator[LocalServer]:
    """A started dev server whose database is ``backend``."""
    with ExitStack() as stack:
        url = None
        if backend == "postgres":
            url = stack.enter_context(fresh_postgres_database("ik_compat"))
        yield stack.enter_context(LocalServer(data_dir, database_url=url))
