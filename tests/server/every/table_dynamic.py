"""Scenarios of dynamic secrets and their leases (``/api/v1/dynamic-secrets``), with the
``totp`` provider (it needs nothing outside the server)."""

from __future__ import annotations

import base64
import secrets
from typing import Any

import httpx

from .scenarios import ENV, Req, World, fresh
from .table_base import Scenario, body_of

BASE = "/api/v1/dynamic-secrets"
ONE = BASE + "/{dynamic_secret_name}"
LEASES = BASE + "/leases"
ONE_LEASE = LEASES + "/{lease_id}"
DS_FIELDS = {"id", "name", "version", "type", "defaultTTL", "maxTTL", "folderId", "createdAt"}
LEASE_FIELDS = {"id", "version", "externalEntityId", "expireAt", "dynamicSecretId", "createdAt"}


def _scope(w: World, **extra: Any) -> dict[str, Any]:
    return {"projectSlug": w.project["slug"], "environmentSlug": ENV, "path": "/", **extra}


def _totp() -> dict[str, Any]:
    return {"configType": "manual", "secret": base64.b32encode(secrets.token_bytes(20)).decode()}


def _new_ds(w: World) -> dict[str, Any]:
    body = _scope(
        w,
        name=fresh("ds-"),
        provider={"type": "totp", "inputs": _totp()},
        defaultTTL="1h",
        maxTTL="1d",
    )
    made: dict[str, Any] = w.call("POST", BASE, json=body)["dynamicSecret"]
    return made


def _new_lease(w: World, name: str) -> dict[str, Any]:
    lease: dict[str, Any] = w.call("POST", LEASES, json=_scope(w, dynamicSecretName=name))["lease"]
    return lease


def _has(obj: dict[str, Any], fields: set[str]) -> None:
    missing = fields - set(obj)
    assert not missing, f"missing {sorted(missing)}"


def _create_req(w: World) -> Req:
    name = fresh("ds-")
    body = _scope(
        w, name=name, provider={"type": "totp", "inputs": _totp()}, defaultTTL="1h", maxTTL="1d"
    )
    return Req(BASE, json=body, state={"name": name})


def _create_check(w: World, req: Req, resp: httpx.Response) -> None:
    made = body_of(resp)["dynamicSecret"]
    _has(made, DS_FIELDS)
    assert (made["name"], made["type"], made["defaultTTL"]) == (req.state["name"], "totp", "1h")


def _list_req(w: World) -> Req:
    made = _new_ds(w)
    return Req(BASE, params=_scope(w), state={"id": made["id"]})


def _list_check(w: World, req: Req, resp: httpx.Response) -> None:
    listed = body_of(resp)["dynamicSecrets"]
    assert [d["id"] for d in listed if d["id"] == req.state["id"]] == [req.state["id"]]


def _get_req(w: World) -> Req:
    made = _new_ds(w)
    return Req(f"{BASE}/{made['name']}", params=_scope(w), state={"id": made["id"]})


def _get_check(w: World, req: Req, resp: httpx.Response) -> None:
    got = body_of(resp)["dynamicSecret"]
    _has(got, DS_FIELDS)
    assert got["id"] == req.state["id"] and got["inputs"]["configType"] == "manual"


def _update_req(w: World) -> Req:
    made = _new_ds(w)
    return Req(f"{BASE}/{made['name']}", json=_scope(w, data={"defaultTTL": "2h"}))


def _update_check(w: World, req: Req, resp: httpx.Response) -> None:
    got = body_of(resp)["dynamicSecret"]
    assert (got["defaultTTL"], got["version"]) == ("2h", 2)


def _delete_req(w: World) -> Req:
    made = _new_ds(w)
    return Req(f"{BASE}/{made['name']}", json=_scope(w), state={"id": made["id"]})


def _delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["dynamicSecret"]["id"] == req.state["id"]
    assert w.status("GET", req.path, params=_scope(w)) == 404


def _list_leases_req(w: World) -> Req:
    made = _new_ds(w)
    lease = _new_lease(w, made["name"])
    return Req(f"{BASE}/{made['name']}/leases", params=_scope(w), state={"id": lease["id"]})


def _list_leases_check(w: World, req: Req, resp: httpx.Response) -> None:
    leases = body_of(resp)["leases"]
    assert [lease["id"] for lease in leases] == [req.state["id"]]
    _has(leases[0], LEASE_FIELDS)


def _lease_req(w: World) -> Req:
    made = _new_ds(w)
    return Req(LEASES, json=_scope(w, dynamicSecretName=made["name"], ttl="30m"))


def _lease_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    _has(body["lease"], LEASE_FIELDS)
    assert body["dynamicSecret"]["name"] == req.json["dynamicSecretName"]
    assert len(body["data"]["TOTP"]) == 6


def _get_lease_req(w: World) -> Req:
    lease = _new_lease(w, _new_ds(w)["name"])
    return Req(f"{LEASES}/{lease['id']}", params=_scope(w), state={"id": lease["id"]})


def _get_lease_check(w: World, req: Req, resp: httpx.Response) -> None:
    lease = body_of(resp)["lease"]
    assert lease["id"] == req.state["id"] and lease["dynamicSecret"]["type"] == "totp"


def _renew_req(w: World) -> Req:
    lease = _new_lease(w, _new_ds(w)["name"])
    return Req(f"{LEASES}/{lease['id']}/renew", json=_scope(w, ttl="10m"), state=lease)


def _renew_check(w: World, req: Req, resp: httpx.Response) -> None:
    lease = body_of(resp)["lease"]
    assert lease["expireAt"] > req.state["expireAt"] and lease["version"] == 2


def _revoke_req(w: World) -> Req:
    lease = _new_lease(w, _new_ds(w)["name"])
    return Req(f"{LEASES}/{lease['id']}", json=_scope(w), state={"id": lease["id"]})


def _revoke_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["lease"]["id"] == req.state["id"]
    assert w.status("GET", req.path, params=_scope(w)) == 404


SCENARIOS = [
    Scenario("POST", BASE, _create_req, _create_check),
    Scenario("GET", BASE, _list_req, _list_check),
    Scenario("GET", ONE, _get_req, _get_check),
    Scenario("PATCH", ONE, _update_req, _update_check),
    Scenario("DELETE", ONE, _delete_req, _delete_check),
    Scenario("GET", ONE + "/leases", _list_leases_req, _list_leases_check),
    Scenario("POST", LEASES, _lease_req, _lease_check),
    Scenario("GET", ONE_LEASE, _get_lease_req, _get_lease_check),
    Scenario("POST", ONE_LEASE + "/renew", _renew_req, _renew_check),
    Scenario("DELETE", ONE_LEASE, _revoke_req, _revoke_check),
]
