"""Scenarios of the secret routes: v4, v3 raw, batch (both versions), by id, status."""

from __future__ import annotations

from typing import Any

import httpx

from .scenarios import ENV, Req, World, fresh_key
from .table_base import Scenario, body_of, same_value

#: the secret object of infisical-api.md §3.1 (``secretPath`` and ``tags`` may be absent there)
SECRET_FIELDS = {
    *("id", "_id", "workspace", "projectId", "environment", "version", "type"),
    *("secretKey", "secretValue", "secretComment", "secretValueHidden"),
    *("secretReminderNote", "secretReminderRepeatDays", "secretReminderRecipients"),
    *("skipMultilineEncoding", "metadata", "secretMetadata", "user"),
    *("isRotatedSecret", "rotationId", "createdAt", "updatedAt"),
}


def assert_secret(secret: dict[str, Any], key: str, value: str | None = None) -> None:
    """A secret object in Infisical's shape (§3.1) named ``key`` (with ``value`` when given)."""
    missing = SECRET_FIELDS - set(secret)
    assert not missing, f"secret lacks {sorted(missing)}"
    assert secret["secretKey"] == key
    assert secret["_id"] == secret["id"]
    assert secret["environment"] == ENV
    assert secret["type"] == "shared"
    assert secret["secretValueHidden"] is False
    if value is not None:
        same_value(secret["secretValue"], value)


def _keys(body: dict[str, Any]) -> set[str]:
    return {s["secretKey"] for s in body["secrets"]}


def secret_scenarios(version: str) -> list[Scenario]:
    """The single-secret routes of ``v4`` or ``v3`` (``/api/v3/secrets/raw``)."""
    base = "/api/v4/secrets" if version == "v4" else "/api/v3/secrets/raw"

    def scope(w: World, path: str = "/", **extra: Any) -> dict[str, Any]:
        return w.scope(path, **extra) if version == "v4" else w.v3scope(path, **extra)

    def list_req(w: World) -> Req:
        _ = w.secret  # made before the request: the list must show it
        return Req(base, params=scope(w, w.folder["path"], include_imports="true"))

    def list_check(w: World, req: Req, resp: httpx.Response) -> None:
        body = body_of(resp)
        found = [s for s in body["secrets"] if s["secretKey"] == w.secret["secretKey"]]
        assert len(found) == 1, sorted(_keys(body))
        assert_secret(found[0], w.secret["secretKey"], w.secret["value"])
        assert isinstance(body.get("imports", []), list)

    def get_req(w: World) -> Req:
        return Req(f"{base}/{w.secret['secretKey']}", params=scope(w, w.folder["path"]))

    def get_check(w: World, req: Req, resp: httpx.Response) -> None:
        secret = body_of(resp)["secret"]
        assert_secret(secret, w.secret["secretKey"], w.secret["value"])
        assert secret["id"] == w.secret["id"]
        assert secret["version"] == 1

    def create_req(w: World) -> Req:
        key = fresh_key()
        body = scope(
            w,
            secretValue="created-" + key,
            secretComment="a comment",
            tagIds=[w.tag["id"]],
            secretMetadata=[{"key": "team", "value": "platform"}],
        )
        return Req(f"{base}/{key}", json=body, state={"key": key})

    def create_check(w: World, req: Req, resp: httpx.Response) -> None:
        key = req.state["key"]
        secret = body_of(resp)["secret"]
        assert_secret(secret, key, "created-" + key)
        assert secret["version"] == 1
        assert secret["secretComment"] == "a comment"
        # the stored secret reads back with its tag and metadata
        got = w.call("GET", f"/api/v4/secrets/{key}", params=w.scope())["secret"]
        same_value(got["secretValue"], "created-" + key)
        assert [t["id"] for t in got["tags"]] == [w.tag["id"]]
        assert [(m["key"], m["value"]) for m in got["secretMetadata"]] == [("team", "platform")]

    def update_req(w: World) -> Req:
        made = w.new_secret()
        key = made["secretKey"]
        return Req(f"{base}/{key}", json=scope(w, secretValue="updated"), state={"key": key})

    def update_check(w: World, req: Req, resp: httpx.Response) -> None:
        secret = body_of(resp)["secret"]
        assert_secret(secret, req.state["key"], "updated")
        assert secret["version"] == 2
        got = w.call("GET", f"/api/v4/secrets/{req.state['key']}", params=w.scope())["secret"]
        same_value(got["secretValue"], "updated")
        assert got["version"] == 2

    def delete_req(w: World) -> Req:
        made = w.new_secret()
        return Req(f"{base}/{made['secretKey']}", json=scope(w), state={"secret": made})

    def delete_check(w: World, req: Req, resp: httpx.Response) -> None:
        made = req.state["secret"]
        secret = body_of(resp)["secret"]
        assert_secret(secret, made["secretKey"])
        assert secret["id"] == made["id"]
        assert w.status("GET", f"/api/v4/secrets/{made['secretKey']}", params=w.scope()) == 404

    template = f"{base}/{{name}}"
    return [
        Scenario("GET", base, list_req, list_check),
        Scenario("POST", template, create_req, create_check),
        Scenario("GET", template, get_req, get_check),
        Scenario("PATCH", template, update_req, update_check),
        Scenario("DELETE", template, delete_req, delete_check),
    ]


def batch_scenarios(version: str) -> list[Scenario]:
    """Batch create, update and delete of ``v4`` (``/api/v4/secrets/batch``) or ``v3``."""
    path = "/api/v4/secrets/batch" if version == "v4" else "/api/v3/secrets/batch/raw"

    def scope(w: World, **extra: Any) -> dict[str, Any]:
        return w.scope(**extra) if version == "v4" else w.v3scope(**extra)

    def create_req(w: World) -> Req:
        keys = [fresh_key("BATCH_"), fresh_key("BATCH_")]
        items = [{"secretKey": k, "secretValue": "b-" + k} for k in keys]
        return Req(path, json=scope(w, secrets=items), state={"keys": keys})

    def create_check(w: World, req: Req, resp: httpx.Response) -> None:
        body = body_of(resp)
        assert _keys(body) == set(req.state["keys"])
        for secret in body["secrets"]:
            assert_secret(secret, secret["secretKey"], "b-" + secret["secretKey"])
            assert secret["version"] == 1
        listed = _keys(w.call("GET", "/api/v4/secrets", params=w.scope()))
        assert set(req.state["keys"]) <= listed

    def update_req(w: World) -> Req:
        keys = [w.new_secret()["secretKey"], w.new_secret()["secretKey"]]
        items = [{"secretKey": k, "secretValue": "u-" + k} for k in keys]
        return Req(path, json=scope(w, secrets=items), state={"keys": keys})

    def update_check(w: World, req: Req, resp: httpx.Response) -> None:
        body = body_of(resp)
        assert _keys(body) == set(req.state["keys"])
        for secret in body["secrets"]:
            assert secret["version"] == 2
        for key in req.state["keys"]:
            got = w.call("GET", f"/api/v4/secrets/{key}", params=w.scope())["secret"]
            same_value(got["secretValue"], "u-" + key)

    def delete_req(w: World) -> Req:
        keys = [w.new_secret()["secretKey"], w.new_secret()["secretKey"]]
        items = [{"secretKey": k} for k in keys]
        return Req(path, json=scope(w, secrets=items), state={"keys": keys})

    def delete_check(w: World, req: Req, resp: httpx.Response) -> None:
        assert _keys(body_of(resp)) == set(req.state["keys"])
        listed = _keys(w.call("GET", "/api/v4/secrets", params=w.scope()))
        assert not set(req.state["keys"]) & listed

    return [
        Scenario("POST", path, create_req, create_check),
        Scenario("PATCH", path, update_req, update_check),
        Scenario("DELETE", path, delete_req, delete_check),
    ]


def by_id_scenarios() -> list[Scenario]:
    """``GET /api/v4/secrets/id/:id`` and ``GET /api/v3/secrets/raw/id/:id``."""

    def check(w: World, req: Req, resp: httpx.Response) -> None:
        secret = body_of(resp)["secret"]
        assert_secret(secret, w.secret["secretKey"], w.secret["value"])
        assert secret["id"] == w.secret["id"]
        assert secret["secretPath"] == w.folder["path"]

    def by_id(prefix: str) -> Scenario:
        return Scenario(
            "GET", f"{prefix}/{{secret_id}}", lambda w: Req(f"{prefix}/{w.secret['id']}"), check
        )

    return [by_id("/api/v4/secrets/id"), by_id("/api/v3/secrets/raw/id")]


def _status_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    assert body["message"] == "Ok"
    assert isinstance(body["date"], str) and body["date"]


SCENARIOS = [
    Scenario("GET", "/api/status", lambda w: Req("/api/status", token=""), _status_check),
    *secret_scenarios("v4"),
    *secret_scenarios("v3"),
    *batch_scenarios("v4"),
    *batch_scenarios("v3"),
    *by_id_scenarios(),
]
