"""Every operation of the server's OpenAPI document, exercised on SQLite and on PostgreSQL.

The scenario table (``table_*.py``) gives each (method, path) a valid request built from shared
fixtures (or from fresh resources, for scenarios that change or delete things) and checks the
2xx status and the key fields of the answer (shapes per the Infisical API reference).
`test_every_operation_has_a_scenario` fails when a route is added without a scenario.
"""

from __future__ import annotations

import httpx
import pytest

from infisical_kit.testing import LocalServer

from . import table_auth, table_dynamic, table_logins, table_members, table_resources, table_secrets
from .scenarios import World
from .table_base import Scenario, described

SCENARIOS: list[Scenario] = [
    *table_secrets.SCENARIOS,
    *table_resources.SCENARIOS,
    *table_auth.SCENARIOS,
    *table_dynamic.SCENARIOS,
    *table_members.SCENARIOS,
    *table_logins.SCENARIOS,
]
METHODS = {"get", "post", "put", "patch", "delete"}


def _operations(server: LocalServer) -> set[str]:
    doc = httpx.get(f"{server.url}/api/docs/json", timeout=30).json()
    return {
        f"{method.upper()} {path}"
        for path, item in doc["paths"].items()
        for method in item
        if method in METHODS
    }


def test_scenario_ids_are_unique() -> None:
    ids = [s.id for s in SCENARIOS]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_every_operation_has_a_scenario(server_backend: LocalServer) -> None:
    operations = _operations(server_backend)
    covered = {s.id for s in SCENARIOS}
    assert len(operations) > 100, len(operations)
    assert sorted(operations - covered) == [], "operations without a scenario"
    assert sorted(covered - operations) == [], "scenarios of operations the server lacks"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(world: World, scenario: Scenario) -> None:
    req = scenario.build(world)
    assert scenario.matches(req.path), f"{req.path} is not an instance of {scenario.path}"
    resp = world.send(scenario.method, req)
    assert resp.status_code == scenario.status, described(resp)
    scenario.check(world, req, resp)
