"""Fuzzing: schemathesis against our own OpenAPI document, and random JSON bodies posted to the
secrets routes. Neither may ever produce a 5xx. Both are bounded (few examples, no shrinking
deadline surprises) so the whole module stays well under a minute."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infisical_kit.testing import LocalServer

from ._platform import login


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    # A private server: fuzzing creates and deletes arbitrary things.
    with LocalServer(tmp_path_factory.mktemp("fuzz")) as srv:
        yield srv


@pytest.fixture(scope="module")
def token(fuzz_server: LocalServer) -> str:
    return login(fuzz_server.url, fuzz_server.bootstrap)


def test_openapi_fuzz_no_server_errors(fuzz_server: LocalServer, token: str) -> None:
    api = schemathesis.openapi.from_url(f"{fuzz_server.url}/api/docs/json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 10
    headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    for operation in operations:
        if operation.path == "/api/v1/auth/token/revoke":
            continue  # would revoke the shared token mid-run (covered by the auth tests)

        @settings(
            max_examples=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            response = case.call(base_url=fuzz_server.url, headers=headers, timeout=30)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.text[:200]}")

        run()
    assert failures == []


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        "projectId",
        "workspaceId",
        "environment",
        "secretPath",
        "secretValue",
        "secretComment",
        "type",
        "version",
        "newSecretName",
        "skipMultilineEncoding",
        "metadata",
        "secretMetadata",
        "tagIds",
        "recursive",
        "viewSecretValue",
        "expandSecretReferences",
    ]
)
BODIES = st.one_of(
    st.dictionaries(FIELDS, JSON_VALUES, max_size=8),
    JSON_VALUES,
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(
    method=st.sampled_from(["GET", "POST", "PATCH", "DELETE"]),
    route=st.sampled_from(["/api/v4/secrets", "/api/v3/secrets/raw"]),
    name=st.one_of(st.just(""), st.text(alphabet="AB_:/ .%", min_size=1, max_size=8)),
    body=BODIES,
    real_project=st.booleans(),
)
def test_random_json_bodies_never_5xx(
    fuzz_server: LocalServer,
    token: str,
    method: str,
    route: str,
    name: str,
    body: Any,
    real_project: bool,
) -> None:
    if real_project and isinstance(body, dict):
        body = {"projectId": fuzz_server.bootstrap["project_id"], "environment": "dev", **body}
    path = route + ("/" + httpx.URL(name).raw_path.decode() if name else "")
    resp = httpx.request(
        method,
        fuzz_server.url + path,
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert resp.status_code < 500, (method, path, resp.text[:300])
