"""Fuzzing: schemathesis against our own OpenAPI document (every route's query parameters and
JSON bodies, valid and invalid, half of the cases aimed at the real project and real objects,
some with a string field replaced by text no column can take), and random JSON bodies posted
to the secrets routes. Neither may ever produce a 5xx, on SQLite or on PostgreSQL (whose text
columns refuse NUL and over-long strings). Both are bounded (fixed example counts,
derandomized, no deadlines): about a minute on SQLite, less on PostgreSQL."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from _pg import fresh_postgres_database
from infisical_kit.testing import LocalServer

from ._platform import login


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def fuzz_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalServer]:
    # A private server: fuzzing creates and deletes arbitrary things.
    data = tmp_path_factory.mktemp("fuzz-" + request.param)
    if request.param == "sqlite":
        with LocalServer(data) as srv:
            yield srv
        return
    with fresh_postgres_database("ik_fuzz") as url, LocalServer(data, database_url=url) as srv:
        yield srv


def _postgres(server: LocalServer) -> bool:
    return bool(server.database_url)


@pytest.fixture(scope="module")
def token(fuzz_server: LocalServer) -> str:
    return login(fuzz_server.url, fuzz_server.bootstrap)


#: Examples per operation for valid and for invalid inputs: ~110 operations x 9 fit in about
#: a minute on the shared 2-core machine. INFISICAL_KIT_FUZZ_SCALE multiplies both for a
#: longer hunt (e.g. 5 before a release).
SCALE = max(1, int(os.environ.get("INFISICAL_KIT_FUZZ_SCALE", "1")))
EXAMPLES = {
    schemathesis.GenerationMode.POSITIVE: 6 * SCALE,
    schemathesis.GenerationMode.NEGATIVE: 3 * SCALE,
}
#: Operations that would destroy what the rest of the run depends on (covered elsewhere).
SKIP = {
    ("POST", "/api/v1/auth/token/revoke"),
    ("POST", "/api/v1/auth/token-auth/tokens/{token_id}/revoke"),
}
PROJECT_FIELDS = ("projectId", "workspaceId")

#: Text no column can take: NUL characters, lone surrogates, strings longer than any name
#: column (limits.py), and arbitrary code points with surrogates allowed.
NASTY_TEXT = st.one_of(
    st.sampled_from(["\x00", "a\x00b", "\ud800", "x\udfffy", "A" * 5000, "n" * 300]),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(256, 1500)),
    st.text(st.characters(codec=None, exclude_categories=()), min_size=1, max_size=12),
)
#: For query strings and URLs: everything above but surrogates (which no URL can carry).
NASTY_QUERY = st.one_of(
    st.sampled_from(["\x00", "a\x00b", "A" * 2000, "n" * 300]),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
)


def _spoil(case: Any, text: str, query_text: str, pick: int) -> None:
    """Replace one string field of the case's body (and one of its query) with nasty text."""
    for container, value in ((case.body, text), (case.query, query_text)):
        if isinstance(container, dict):
            names = [k for k, v in container.items() if isinstance(v, str)]
            if names:
                container[names[pick % len(names)]] = value


@pytest.fixture(scope="module")
def real_ids(fuzz_server: LocalServer, token: str) -> dict[str, str]:
    """Path parameter name -> the id of a real object, so fuzzed cases can reach it."""
    pid = fuzz_server.bootstrap["project_id"]
    scope = {"projectId": pid, "environment": "dev"}
    with httpx.Client(
        base_url=fuzz_server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    ) as http:

        def made(method: str, path: str, body: dict[str, Any], key: str) -> str:
            resp = http.request(method, path, json=body)
            assert resp.status_code == 200, resp.text
            return str(resp.json()[key]["id"])

        envs = http.get(f"/api/v1/projects/{pid}/environments").json()["environments"]
        other = next(e["slug"] for e in envs if e["slug"] != "dev")
        folder = made("POST", "/api/v2/folders", {**scope, "name": "fuzzdir"}, "folder")
        return {
            "project_id": pid,
            "env_id": next(e["id"] for e in envs if e["slug"] == "dev"),
            "tag_id": made(
                "POST", f"/api/v1/projects/{pid}/tags", {"slug": "fuzz", "color": "#fff"}, "tag"
            ),
            "key_id": made("POST", "/api/v1/kms/keys", {"projectId": pid, "name": "fz"}, "key"),
            "folder_id": folder,
            "folder_id_or_name": folder,
            "import_id": made(
                "POST",
                "/api/v2/secret-imports",
                {**scope, "import": {"environment": other, "path": "/"}},
                "secretImport",
            ),
            "secret_id": made(
                "POST", "/api/v4/secrets/FUZZ_KEY", {**scope, "secretValue": "v"}, "secret"
            ),
            "name": "FUZZ_KEY",
        }


def _aim(case: Any, pid: str, ids: dict[str, str]) -> None:
    """Point a generated case at the real project, ``dev`` and real objects, so the fuzzed
    values reach the handlers' logic instead of stopping at a 404 lookup. A DELETE keeps its
    generated path (it would remove what later cases rely on)."""
    if case.method.upper() != "DELETE":
        for name in list(case.path_parameters or {}):
            if name in ids:
                case.path_parameters[name] = ids[name]
    for container in (case.query, case.body):
        if not isinstance(container, dict):
            continue
        for name in PROJECT_FIELDS:
            if name in container or name == "projectId":
                container[name] = pid
        if "environment" in container:
            container["environment"] = "dev"


def test_openapi_fuzz_no_server_errors(
    fuzz_server: LocalServer, token: str, real_ids: dict[str, str]
) -> None:
    api = schemathesis.openapi.from_url(f"{fuzz_server.url}/api/docs/json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 100
    pid = fuzz_server.bootstrap["project_id"]
    headers = {"Authorization": f"Bearer {token}"}
    # PostgreSQL: the same operations with fewer examples each (the run stays short)
    scale = 0.5 if _postgres(fuzz_server) else 1
    failures: list[str] = []
    statuses: dict[int, int] = {}
    with_params = 0
    for operation in operations:
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        definition = operation.definition.raw
        with_params += bool(definition.get("x-params-model"))
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @settings(
                max_examples=max(2, int(EXAMPLES[mode] * scale)),
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            @given(
                case=operation.as_strategy(generation_mode=mode),
                aim=st.booleans(),
                spoil=st.none() | st.tuples(NASTY_TEXT, NASTY_QUERY, st.integers(0, 7)),
            )
            def run(case: Any, aim: bool, spoil: tuple[str, str, int] | None) -> None:
                if aim:
                    _aim(case, pid, real_ids)
                if spoil is not None:
                    _spoil(case, *spoil)
                response = case.call(base_url=fuzz_server.url, headers=headers, timeout=30)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code >= 500:
                    failures.append(
                        f"{case.method} {case.formatted_path} query={case.query!r} "
                        f"body={str(case.body)[:200]}: {response.text[:200]}"
                    )

            try:
                run()
            except Unsatisfiable:
                # nothing to make invalid (e.g. no parameters at all): positive mode covers it
                assert mode is schemathesis.GenerationMode.NEGATIVE, operation.path
    assert with_params >= 40  # the document carries the parameters the routes read
    print("fuzz statuses:", dict(sorted(statuses.items())))
    assert failures == []
    # the fuzzing reached the handlers: some cases succeeded, some were rejected as bad input
    assert statuses.get(200, 0) > 40 * scale, statuses
    assert sum(n for code, n in statuses.items() if code in (400, 422)) > 100 * scale, statuses


# Only JSON-encodable floats: httpx refuses NaN and infinity before the server sees them.
FINITE_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | FINITE_FLOATS | st.text(max_size=20) | NASTY_TEXT,
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
    name=st.one_of(st.just(""), st.text(alphabet="AB_:/ .%=", min_size=1, max_size=8), NASTY_QUERY),
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
    path = route + ("/" + quote(name, safe="") if name else "")
    resp = httpx.request(
        method,
        fuzz_server.url + path,
        # ensure_ascii: lone surrogates leave as \\ud800 escapes, as a hostile client sends them
        content=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert resp.status_code < 500, (method, path, resp.text[:300])
