"""Reference expansion: unresolvable references stay as written (a missing one, a cycle,
nesting past the depth limit), so one broken value never fails a list; a value built to
explode is a 400 naming its key (never any part of a value) when read on its own, and stays
as written in a list; a whole request's expansions are bounded too.

Every test works in a project of its own, so the broken values it writes never reach
another test's list of the shared bootstrap project.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import httpx
import pytest

from infisical_kit.server.services.references import (
    MAX_DEPTH,
    MAX_EXPANDED_CHARS,
    MAX_REQUEST_EXPANDED_CHARS,
    MAX_SUBSTITUTIONS,
)
from infisical_kit.testing import LocalServer

from ._projects_support import admin_client, new_project

V4 = "/api/v4/secrets"
V3 = "/api/v3/secrets/raw"


@pytest.fixture(scope="module")
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


@pytest.fixture
def pid(http: httpx.Client) -> str:
    return str(new_project(http)["id"])


def _folder(http: httpx.Client, pid: str, env: str = "dev", path: str = "/") -> str:
    name = "r" + uuid.uuid4().hex[:10]
    resp = http.post(
        "/api/v2/folders", json={"projectId": pid, "environment": env, "name": name, "path": path}
    )
    assert resp.status_code == 200, resp.text
    return str(resp.json()["folder"]["path"])


def _put(http: httpx.Client, pid: str, path: str, key: str, value: str, env: str = "dev") -> None:
    body = {"projectId": pid, "environment": env, "secretPath": path, "secretValue": value}
    resp = http.post(f"{V4}/{key}", json=body)
    assert resp.status_code == 200, resp.status_code


def _expanded(http: httpx.Client, pid: str, path: str, base: str = V4) -> dict[str, str]:
    """The folder's list with references expanded, as key -> value (asserting a 200)."""
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    resp = http.get(base, params={**query, "expandSecretReferences": "true"})
    assert resp.status_code == 200, resp.status_code
    return {s["secretKey"]: s["secretValue"] for s in resp.json()["secrets"]}


def _get(http: httpx.Client, pid: str, path: str, key: str) -> httpx.Response:
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    return http.get(f"{V4}/{key}", params={**query, "expandSecretReferences": "true"})


def test_nested_and_cross_env_references(http: httpx.Client, pid: str) -> None:
    path = _folder(http, pid)
    sub = _folder(http, pid, "prod")
    sub2 = _folder(http, pid, "prod", sub)
    _put(http, pid, sub2, "HOST", "db.internal", env="prod")
    dotted = "prod." + ".".join(sub2.strip("/").split("/")) + ".HOST"
    _put(http, pid, path, "HOST_REF", "${" + dotted + "}")
    _put(http, pid, path, "URL", "pg://${HOST_REF}:5432")
    assert _get(http, pid, path, "URL").json()["secret"]["secretValue"] == "pg://db.internal:5432"
    assert _expanded(http, pid, path, V3)["URL"] == "pg://db.internal:5432"


@pytest.mark.parametrize("base", [V4, V3])
def test_missing_reference_stays_as_written_and_the_list_answers(
    http: httpx.Client, pid: str, base: str
) -> None:
    path = _folder(http, pid)
    _put(http, pid, path, "GOOD", "fine")
    _put(http, pid, path, "BROKEN", "x-${NOT_THERE}-${GOOD}-${prod.nowhere.KEY}-${a..b}")
    got = http.get(
        f"{base}/BROKEN",
        params={
            "projectId": pid,
            "environment": "dev",
            "secretPath": path,
            "expandSecretReferences": "true",
        },
    )
    assert got.status_code == 200, got.status_code
    want = "x-${NOT_THERE}-fine-${prod.nowhere.KEY}-${a..b}"
    assert got.json()["secret"]["secretValue"] == want
    assert _expanded(http, pid, path, base) == {"GOOD": "fine", "BROKEN": want}


def test_cycles_stay_as_written_and_the_list_answers(http: httpx.Client, pid: str) -> None:
    path = _folder(http, pid)
    _put(http, pid, path, "A", "${B}")
    _put(http, pid, path, "B", "x${C}")
    _put(http, pid, path, "C", "${A}")
    _put(http, pid, path, "SELF", "s${SELF}")
    _put(http, pid, path, "USES_CYCLE", "<${A}>")
    # The reference that would close the cycle is left as written, seen from each start.
    assert _expanded(http, pid, path) == {
        "A": "x${A}",
        "B": "x${B}",
        "C": "x${C}",
        "SELF": "s${SELF}",
        "USES_CYCLE": "<x${A}>",
    }
    assert _get(http, pid, path, "A").json()["secret"]["secretValue"] == "x${A}"
    # A recursive list from the root of the environment answers too.
    query = {"projectId": pid, "environment": "dev", "secretPath": "/", "recursive": "true"}
    resp = http.get(V3, params={**query, "expandSecretReferences": "true"})
    assert resp.status_code == 200, resp.status_code


def test_nesting_past_the_depth_limit_stays_as_written(http: httpx.Client, pid: str) -> None:
    path = _folder(http, pid)
    levels = MAX_DEPTH + 2
    for i in range(levels):
        _put(http, pid, path, f"L{i}", f"{i}.${{L{i + 1}}}")
    _put(http, pid, path, f"L{levels}", "end")
    got = _expanded(http, pid, path)
    # As on Infisical: references are replaced in L0's value and in the values up to
    # MAX_DEPTH levels below it; the reference in the value one level deeper stays as written.
    deep = "".join(f"{i}." for i in range(MAX_DEPTH + 2)) + f"${{L{MAX_DEPTH + 2}}}"
    assert got["L0"] == deep
    assert got[f"L{levels - 1}"] == f"{levels - 1}.end"


def test_reference_bomb_is_a_400_naming_the_key_not_the_value(http: httpx.Client, pid: str) -> None:
    path = _folder(http, pid)
    marker = "payload" + uuid.uuid4().hex
    _put(http, pid, path, "LEAF", marker)
    previous = "LEAF"
    for level in range(7):  # 8 references a value, 7 levels: 8**7 leaves
        key = f"BOMB{level}"
        _put(http, pid, path, key, ("${" + previous + "}") * 8)
        previous = key
    # BOMB2 replaces 8 + 64 + 512 references; BOMB3 and above are over the budget.
    resp = _get(http, pid, path, previous)
    assert resp.status_code == 400, resp.status_code
    message = resp.json()["message"]
    assert resp.json()["error"] == "BadRequest"
    assert "Secret 'BOMB6'" in message, message
    assert str(MAX_SUBSTITUTIONS) in message
    assert marker not in resp.text and "${" not in message
    # In a list the bombs stay as written and every other value expands: the folder lists.
    listed = http.get(
        V3,
        params={
            "projectId": pid,
            "environment": "dev",
            "secretPath": path,
            "expandSecretReferences": "true",
        },
    )
    assert listed.status_code == 200, listed.text
    values = {s["secretKey"]: s["secretValue"] for s in listed.json()["secrets"]}
    assert values["BOMB1"] == marker * 64 and values["BOMB2"] == marker * 512
    for level in range(3, 7):
        assert values[f"BOMB{level}"] == ("${" + f"BOMB{level - 1}" + "}") * 8
    assert len(listed.content) < 2 * MAX_EXPANDED_CHARS
    assert _get(http, pid, path, "BOMB1").json()["secret"]["secretValue"] == marker * 64


def test_a_list_stays_within_the_request_budget(http: httpx.Client, pid: str) -> None:
    """Many values each just under the per-secret budget: the list answers, values past the
    request's budget stay as written, and the body stays bounded."""
    path = _folder(http, pid)
    quarter = MAX_EXPANDED_CHARS // 4
    _put(http, pid, path, "Q", "q" * quarter)
    count = MAX_REQUEST_EXPANDED_CHARS // (3 * quarter) + 4
    for i in range(count):
        _put(http, pid, path, f"BIG{i:03d}", "${Q}${Q}${Q}")
    listed = http.get(
        V3,
        params={
            "projectId": pid,
            "environment": "dev",
            "secretPath": path,
            "expandSecretReferences": "true",
        },
    )
    assert listed.status_code == 200, listed.status_code
    values = [s["secretValue"] for s in listed.json()["secrets"] if s["secretKey"] != "Q"]
    expanded = [v for v in values if v == "q" * (3 * quarter)]
    as_written = [v for v in values if v == "${Q}${Q}${Q}"]
    assert expanded and as_written and len(expanded) + len(as_written) == count
    assert len(listed.content) < MAX_REQUEST_EXPANDED_CHARS + 4 * MAX_EXPANDED_CHARS


def test_expanded_size_over_the_budget_is_a_400_naming_the_key(
    http: httpx.Client, pid: str
) -> None:
    path = _folder(http, pid)
    half = MAX_EXPANDED_CHARS // 2 + 1
    _put(http, pid, path, "HALF", "z" * half)
    _put(http, pid, path, "TWICE", "${HALF}${HALF}")
    resp = _get(http, pid, path, "TWICE")
    assert resp.status_code == 400, resp.status_code
    message = resp.json()["message"]
    assert "Secret 'TWICE'" in message and str(MAX_EXPANDED_CHARS) in message
    assert "zzz" not in resp.text
    body = {"projectId": pid, "environment": "dev", "secretPath": path, "secretValue": "${HALF}"}
    assert http.patch(f"{V4}/TWICE", json=body).status_code == 200
    assert _get(http, pid, path, "TWICE").json()["secret"]["secretValue"] == "z" * half
