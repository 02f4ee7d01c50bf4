"""Scenarios of folders (v1 and v2), secret imports, projects, environments, tags and KMS."""

from __future__ import annotations

from typing import Any

import httpx

from .scenarios import ENV, PLAINTEXT, SOURCE_ENV, Req, World, fresh
from .table_base import Scenario, body_of, same_value

# object shapes of infisical-api.md §4.1-4.5 and §5.1
FOLDER_FIELDS = {
    *("id", "name", "version", "createdAt", "updatedAt", "envId", "parentId"),
    *("isReserved", "description", "lastSecretModified"),
}
PROJECT_FIELDS = {
    *("id", "_id", "name", "description", "type", "defaultProduct", "slug"),
    *("autoCapitalization", "orgId", "createdAt", "updatedAt", "version", "upgradeStatus"),
    *("pitVersionLimit", "kmsCertificateKeyId", "auditLogsRetentionDays", "hasDeleteProtection"),
    *("secretSharing", "showSnapshotsLegacy", "secretDetectionIgnoreValues", "environments"),
}
TAG_FIELDS = {
    *("id", "name", "slug", "color", "createdAt", "updatedAt", "createdBy", "projectId"),
    "createdByActorType",
}
KEY_FIELDS = {
    *("id", "description", "isDisabled", "orgId", "name", "createdAt", "updatedAt"),
    *("projectId", "keyUsage", "version", "encryptionAlgorithm"),
}
ENV_FIELDS = {"id", "name", "slug", "position", "projectId", "createdAt", "updatedAt"}
IMPORT_FIELDS = {
    *("id", "version", "importPath", "importEnv", "position", "createdAt", "updatedAt"),
    *("folderId", "isReplication"),
}


def has(obj: dict[str, Any], fields: set[str]) -> None:
    """``obj`` carries every one of ``fields``."""
    missing = fields - set(obj)
    assert not missing, f"missing {sorted(missing)} in {sorted(obj)}"


# -- folders ------------------------------------------------------------------------------------


def folder_scenarios(version: str) -> list[Scenario]:
    """The folder routes of ``v2`` (``projectId``, ``path``) or ``v1`` (``workspaceId``,
    ``directory``)."""
    base = f"/api/{version}/folders"

    def scope(w: World, **extra: Any) -> dict[str, Any]:
        if version == "v2":
            return {"projectId": w.pid, "environment": ENV, "path": "/", **extra}
        return {"workspaceId": w.pid, "environment": ENV, "directory": "/", **extra}

    def list_req(w: World) -> Req:
        _ = w.folder  # made before the request: the list must show it
        return Req(base, params=scope(w))

    def list_check(w: World, req: Req, resp: httpx.Response) -> None:
        folders = body_of(resp)["folders"]
        mine = [f for f in folders if f["id"] == w.folder["id"]]
        assert len(mine) == 1, folders
        has(mine[0], FOLDER_FIELDS)
        assert mine[0]["name"] == w.folder["name"]

    def create_req(w: World) -> Req:
        name = fresh("f-")
        return Req(base, json=scope(w, name=name), state={"name": name})

    def create_check(w: World, req: Req, resp: httpx.Response) -> None:
        folder = body_of(resp)["folder"]
        has(folder, FOLDER_FIELDS)
        assert folder["name"] == req.state["name"]
        assert folder["path"] == "/" + req.state["name"]
        assert w.call("GET", f"/api/v2/folders/{folder['id']}")["folder"]["id"] == folder["id"]

    def batch_req(w: World) -> Req:
        made = w.new_folder()
        new = fresh("renamed-")
        item = {"id": made["id"], "environment": ENV, "name": new, "path": "/"}
        body = {"projectId": w.pid} if version == "v2" else {"workspaceId": w.pid}
        return Req(f"{base}/batch", json={**body, "folders": [item]}, state={"id": made["id"]})

    def batch_check(w: World, req: Req, resp: httpx.Response) -> None:
        folders = body_of(resp)["folders"]
        assert [f["id"] for f in folders] == [req.state["id"]]
        new = req.json["folders"][0]["name"]
        assert folders[0]["name"] == new
        assert w.call("GET", f"/api/v2/folders/{req.state['id']}")["folder"]["name"] == new

    def delete_req(w: World) -> Req:
        made = w.new_folder()
        # v2 deletes by name, v1 by id: the route takes either
        ident = made["name"] if version == "v2" else made["id"]
        return Req(f"{base}/{ident}", json=scope(w), state={"id": made["id"]})

    def delete_check(w: World, req: Req, resp: httpx.Response) -> None:
        folder = body_of(resp)["folder"]
        assert folder["id"] == req.state["id"]
        assert w.status("GET", f"/api/v2/folders/{req.state['id']}") == 404

    def get_check(w: World, req: Req, resp: httpx.Response) -> None:
        folder = body_of(resp)["folder"]
        has(folder, FOLDER_FIELDS | {"path", "projectId", "environment"})
        assert folder["id"] == w.folder["id"]
        assert folder["path"] == w.folder["path"]
        assert folder["projectId"] == w.pid
        assert folder["environment"]["envSlug"] == ENV

    def update_req(w: World) -> Req:
        made = w.new_folder()
        new = fresh("upd-")
        return Req(f"{base}/{made['id']}", json=scope(w, name=new), state={"id": made["id"]})

    def update_check(w: World, req: Req, resp: httpx.Response) -> None:
        folder = body_of(resp)["folder"]
        assert folder["id"] == req.state["id"]
        assert folder["name"] == req.json["name"]
        assert folder["path"] == "/" + req.json["name"]

    return [
        Scenario("POST", base, create_req, create_check),
        Scenario("GET", base, list_req, list_check),
        Scenario(
            "GET", f"{base}/{{folder_id}}", lambda w: Req(f"{base}/{w.folder['id']}"), get_check
        ),
        Scenario("PATCH", f"{base}/{{folder_id}}", update_req, update_check),
        Scenario("PATCH", f"{base}/batch", batch_req, batch_check),
        Scenario("DELETE", f"{base}/{{folder_id_or_name}}", delete_req, delete_check),
    ]


# -- secret imports ------------------------------------------------------------------------------

IMPORTS = "/api/v2/secret-imports"


def _import_scope(w: World, path: str) -> dict[str, Any]:
    return {"projectId": w.pid, "environment": ENV, "path": path}


def _create_import_req(w: World) -> Req:
    target = w.new_folder()["path"]
    body = {**_import_scope(w, target), "import": {"environment": SOURCE_ENV, "path": "/"}}
    return Req(IMPORTS, json=body, state={"path": target})


def _create_import_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    assert isinstance(body["message"], str)
    imp = body["secretImport"]
    has(imp, IMPORT_FIELDS)
    assert imp["importPath"] == "/"
    assert imp["importEnv"]["slug"] == SOURCE_ENV
    listed = w.call("GET", IMPORTS, params=_import_scope(w, req.state["path"]))["secretImports"]
    assert [i["id"] for i in listed] == [imp["id"]]


def _list_imports_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert isinstance(body_of(resp)["message"], str)
    listed = body_of(resp)["secretImports"]
    assert [i["id"] for i in listed] == [w.secret_import["id"]]
    has(listed[0], IMPORT_FIELDS)


def _imported_secrets_check(w: World, req: Req, resp: httpx.Response) -> None:
    groups = body_of(resp)["secrets"]
    assert len(groups) == 1, groups
    group = groups[0]
    assert (group["environment"], group["secretPath"]) == (SOURCE_ENV, "/")
    assert group["environmentInfo"]["slug"] == SOURCE_ENV
    has(group["environmentInfo"], {"id", "name", "slug"})
    found = [s for s in group["secrets"] if s["secretKey"] == w.source_secret["secretKey"]]
    assert len(found) == 1
    same_value(found[0]["secretValue"], w.source_secret["value"])


def _get_import_check(w: World, req: Req, resp: httpx.Response) -> None:
    imp = body_of(resp)["secretImport"]
    has(imp, IMPORT_FIELDS | {"environment", "projectId", "secretPath"})
    assert imp["id"] == w.secret_import["id"]
    assert (imp["projectId"], imp["secretPath"]) == (w.pid, w.secret_import["path"])
    assert imp["environment"]["slug"] == ENV
    assert imp["importEnv"]["slug"] == SOURCE_ENV


def _update_import_req(w: World) -> Req:
    made = w.new_import()
    body = {**_import_scope(w, made["path"]), "import": {"environment": "prod"}}
    return Req(f"{IMPORTS}/{made['id']}", json=body, state={"id": made["id"]})


def _update_import_check(w: World, req: Req, resp: httpx.Response) -> None:
    imp = body_of(resp)["secretImport"]
    assert imp["id"] == req.state["id"]
    assert imp["importEnv"]["slug"] == "prod"
    got = w.call("GET", f"{IMPORTS}/{req.state['id']}")["secretImport"]
    assert got["importEnv"]["slug"] == "prod"


def _delete_import_req(w: World) -> Req:
    made = w.new_import()
    return Req(
        f"{IMPORTS}/{made['id']}", json=_import_scope(w, made["path"]), state={"id": made["id"]}
    )


def _delete_import_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["secretImport"]["id"] == req.state["id"]
    assert w.status("GET", f"{IMPORTS}/{req.state['id']}") == 404


IMPORT_SCENARIOS = [
    Scenario("POST", IMPORTS, _create_import_req, _create_import_check),
    Scenario(
        "GET",
        IMPORTS,
        lambda w: Req(IMPORTS, params=_import_scope(w, w.secret_import["path"])),
        _list_imports_check,
    ),
    Scenario(
        "GET",
        f"{IMPORTS}/secrets",
        lambda w: Req(f"{IMPORTS}/secrets", params=_import_scope(w, w.secret_import["path"])),
        _imported_secrets_check,
    ),
    Scenario(
        "GET",
        f"{IMPORTS}/{{import_id}}",
        lambda w: Req(f"{IMPORTS}/{w.secret_import['id']}"),
        _get_import_check,
    ),
    Scenario("PATCH", f"{IMPORTS}/{{import_id}}", _update_import_req, _update_import_check),
    Scenario("DELETE", f"{IMPORTS}/{{import_id}}", _delete_import_req, _delete_import_check),
]


# -- projects ------------------------------------------------------------------------------------


def _project_create_req(path: str) -> Any:
    def build(w: World) -> Req:
        name = fresh("proj-")
        return Req(path, json={"projectName": name, "projectDescription": "d"}, state={"n": name})

    return build


def _project_create_check(w: World, req: Req, resp: httpx.Response) -> None:
    project = body_of(resp)["project"]
    has(project, PROJECT_FIELDS)
    assert project["name"] == req.state["n"]
    assert project["orgId"] == w.org
    assert [e["slug"] for e in project["environments"]] == ["dev", "staging", "prod"]
    assert w.call("GET", f"/api/v1/projects/{project['id']}")["project"]["name"] == req.state["n"]


def _is_bootstrap(w: World, project: dict[str, Any]) -> None:
    has(project, PROJECT_FIELDS)
    assert project["id"] == w.pid
    assert project["slug"] == w.boot["project_slug"]
    assert ENV in {e["slug"] for e in project["environments"]}


def _listed(key: str) -> Any:
    def check(w: World, req: Req, resp: httpx.Response) -> None:
        projects = body_of(resp)[key]
        mine = [p for p in projects if p["id"] == w.pid]
        assert len(mine) == 1, [p["id"] for p in projects]
        _is_bootstrap(w, mine[0])

    return check


def _wrapped(key: str | None) -> Any:
    def check(w: World, req: Req, resp: httpx.Response) -> None:
        body = body_of(resp)
        _is_bootstrap(w, body[key] if key else body)

    return check


def _project_update_req(w: World) -> Req:
    made = w.new_project()
    return Req(f"/api/v1/projects/{made['id']}", json={"description": "changed"})


def _project_update_check(w: World, req: Req, resp: httpx.Response) -> None:
    project = body_of(resp)["project"]
    assert project["description"] == "changed"
    assert w.call("GET", req.path)["project"]["description"] == "changed"


def _project_delete_req(w: World) -> Req:
    made = w.new_project()
    return Req(f"/api/v1/projects/{made['id']}", state={"id": made["id"]})


def _project_delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["project"]["id"] == req.state["id"]
    assert w.status("GET", req.path) == 404


PROJECT_SCENARIOS = [
    Scenario(
        "POST", "/api/v1/projects", _project_create_req("/api/v1/projects"), _project_create_check
    ),
    Scenario(
        "POST", "/api/v2/workspace", _project_create_req("/api/v2/workspace"), _project_create_check
    ),
    Scenario("GET", "/api/v1/projects", lambda w: Req("/api/v1/projects"), _listed("projects")),
    Scenario("GET", "/api/v1/workspace", lambda w: Req("/api/v1/workspace"), _listed("workspaces")),
    Scenario(
        "GET",
        "/api/v1/projects/{project_id}",
        lambda w: Req(f"/api/v1/projects/{w.pid}"),
        _wrapped("project"),
    ),
    Scenario(
        "GET",
        "/api/v1/workspace/{project_id}",
        lambda w: Req(f"/api/v1/workspace/{w.pid}"),
        _wrapped("workspace"),
    ),
    Scenario(
        "GET",
        "/api/v1/projects/slug/{slug}",
        lambda w: Req(f"/api/v1/projects/slug/{w.boot['project_slug']}"),
        _wrapped(None),
    ),
    Scenario("PATCH", "/api/v1/projects/{project_id}", _project_update_req, _project_update_check),
    Scenario("DELETE", "/api/v1/projects/{project_id}", _project_delete_req, _project_delete_check),
]


# -- environments and tags (both the projects and the workspace forms) ----------------------------


def environment_scenarios(prefix: str) -> list[Scenario]:
    """Environment routes under ``/api/v1/<prefix>/:projectId/environments``."""
    base = f"/api/v1/{prefix}/{{project_id}}/environments"

    def url(w: World, tail: str = "") -> str:
        return f"/api/v1/{prefix}/{w.pid}/environments{tail}"

    def list_check(w: World, req: Req, resp: httpx.Response) -> None:
        envs = body_of(resp)["environments"]
        for env in envs:
            has(env, ENV_FIELDS)
        assert {"dev", "staging", "prod"} <= {e["slug"] for e in envs}

    def create_req(w: World) -> Req:
        slug = fresh("env-")
        return Req(url(w), json={"name": slug.upper(), "slug": slug}, state={"slug": slug})

    def result_check(w: World, req: Req, resp: httpx.Response) -> dict[str, Any]:
        body = body_of(resp)
        assert isinstance(body["message"], str)
        assert body["projectId"] == w.pid
        env: dict[str, Any] = body["environment"]
        has(env, ENV_FIELDS)
        return env

    def create_check(w: World, req: Req, resp: httpx.Response) -> None:
        env = result_check(w, req, resp)
        assert env["slug"] == req.state["slug"]
        assert w.call("GET", url(w, f"/{env['id']}"))["environment"]["slug"] == req.state["slug"]

    def get_check(w: World, req: Req, resp: httpx.Response) -> None:
        env = body_of(resp)["environment"]
        has(env, ENV_FIELDS)
        assert (env["id"], env["slug"]) == (w.env_id, ENV)

    def update_req(w: World) -> Req:
        made = w.new_env(prefix)
        return Req(url(w, f"/{made['id']}"), json={"name": "Renamed"}, state={"id": made["id"]})

    def update_check(w: World, req: Req, resp: httpx.Response) -> None:
        env = result_check(w, req, resp)
        assert (env["id"], env["name"]) == (req.state["id"], "Renamed")

    def delete_req(w: World) -> Req:
        made = w.new_env(prefix)
        return Req(url(w, f"/{made['id']}"), state={"id": made["id"]})

    def delete_check(w: World, req: Req, resp: httpx.Response) -> None:
        assert result_check(w, req, resp)["id"] == req.state["id"]
        assert w.status("GET", req.path) == 404

    one = f"{base}/{{env_id}}"
    return [
        Scenario("POST", base, create_req, create_check),
        Scenario("GET", base, lambda w: Req(url(w)), list_check),
        Scenario("GET", one, lambda w: Req(url(w, f"/{w.env_id}")), get_check),
        Scenario("PATCH", one, update_req, update_check),
        Scenario("DELETE", one, delete_req, delete_check),
    ]


def tag_scenarios(prefix: str) -> list[Scenario]:
    """Tag routes under ``/api/v1/<prefix>/:projectId/tags``."""
    base = f"/api/v1/{prefix}/{{project_id}}/tags"

    def url(w: World, tail: str = "") -> str:
        return f"/api/v1/{prefix}/{w.pid}/tags{tail}"

    def is_shared(w: World, tag: dict[str, Any]) -> None:
        has(tag, TAG_FIELDS)
        assert (tag["id"], tag["slug"], tag["projectId"]) == (w.tag["id"], w.tag["slug"], w.pid)

    def list_check(w: World, req: Req, resp: httpx.Response) -> None:
        tags = [t for t in body_of(resp)["tags"] if t["id"] == w.tag["id"]]
        assert len(tags) == 1
        is_shared(w, tags[0])

    def one_check(w: World, req: Req, resp: httpx.Response) -> None:
        is_shared(w, body_of(resp)["tag"])

    def create_req(w: World) -> Req:
        return Req(url(w), json={"slug": fresh("tag-"), "color": "#123456"})

    def create_check(w: World, req: Req, resp: httpx.Response) -> None:
        tag = body_of(resp)["tag"]
        has(tag, TAG_FIELDS)
        assert (tag["slug"], tag["color"]) == (req.json["slug"], "#123456")
        assert w.call("GET", url(w, f"/{tag['id']}"))["tag"]["slug"] == req.json["slug"]

    def update_req(w: World) -> Req:
        made = w.new_tag()
        body = {"slug": fresh("retag-"), "color": "#654321"}
        return Req(url(w, f"/{made['id']}"), json=body, state={"id": made["id"]})

    def update_check(w: World, req: Req, resp: httpx.Response) -> None:
        tag = body_of(resp)["tag"]
        assert (tag["id"], tag["slug"], tag["color"]) == (
            req.state["id"],
            req.json["slug"],
            "#654321",
        )

    def delete_req(w: World) -> Req:
        made = w.new_tag()
        return Req(url(w, f"/{made['id']}"), state={"id": made["id"]})

    def delete_check(w: World, req: Req, resp: httpx.Response) -> None:
        assert body_of(resp)["tag"]["id"] == req.state["id"]
        assert w.status("GET", req.path) == 404

    one = f"{base}/{{tag_id}}"
    return [
        Scenario("POST", base, create_req, create_check),
        Scenario("GET", base, lambda w: Req(url(w), state={"tag": w.tag}), list_check),
        Scenario("GET", one, lambda w: Req(url(w, f"/{w.tag['id']}")), one_check),
        Scenario(
            "GET",
            f"{base}/slug/{{tag_slug}}",
            lambda w: Req(url(w, f"/slug/{w.tag['slug']}")),
            one_check,
        ),
        Scenario("PATCH", one, update_req, update_check),
        Scenario("DELETE", one, delete_req, delete_check),
    ]


# -- KMS -----------------------------------------------------------------------------------------

KEYS = "/api/v1/kms/keys"
ONE_KEY = KEYS + "/{key_id}"


def _key_check(expected: str) -> Any:
    def check(w: World, req: Req, resp: httpx.Response) -> None:
        key = body_of(resp)["key"]
        has(key, KEY_FIELDS)
        shared = w.enc_key if expected == "enc" else w.sign_key
        assert (key["id"], key["name"], key["projectId"]) == (shared["id"], shared["name"], w.pid)

    return check


def _key_create_req(w: World) -> Req:
    body = {"projectId": w.pid, "name": fresh("key-"), "description": "every endpoint"}
    return Req(KEYS, json=body)


def _key_create_check(w: World, req: Req, resp: httpx.Response) -> None:
    key = body_of(resp)["key"]
    has(key, KEY_FIELDS)
    assert key["name"] == req.json["name"]
    assert (key["keyUsage"], key["encryptionAlgorithm"]) == ("encrypt-decrypt", "aes-256-gcm")
    assert key["isDisabled"] is False


def _key_list_req(w: World) -> Req:
    _ = (w.enc_key, w.sign_key)  # made before the request: the list must show them
    return Req(KEYS, params={"projectId": w.pid})


def _key_list_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    ids = {k["id"] for k in body["keys"]}
    assert {w.enc_key["id"], w.sign_key["id"]} <= ids
    assert body["totalCount"] >= 2


def _key_update_req(w: World) -> Req:
    made = w.new_key()
    return Req(f"{KEYS}/{made['id']}", json={"description": "patched", "isDisabled": True})


def _key_update_check(w: World, req: Req, resp: httpx.Response) -> None:
    key = body_of(resp)["key"]
    assert (key["description"], key["isDisabled"]) == ("patched", True)


def _key_delete_req(w: World) -> Req:
    made = w.new_key()
    return Req(f"{KEYS}/{made['id']}", state={"id": made["id"]})


def _key_delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["key"]["id"] == req.state["id"]
    assert w.status("GET", req.path) == 404


def _encrypt_check(w: World, req: Req, resp: httpx.Response) -> None:
    ciphertext = body_of(resp)["ciphertext"]
    assert isinstance(ciphertext, str) and ciphertext != PLAINTEXT
    back = w.call("POST", f"{KEYS}/{w.enc_key['id']}/decrypt", json={"ciphertext": ciphertext})
    assert back["plaintext"] == PLAINTEXT


def _decrypt_req(w: World) -> Req:
    path = f"{KEYS}/{w.enc_key['id']}"
    ciphertext = w.call("POST", f"{path}/encrypt", json={"plaintext": PLAINTEXT})["ciphertext"]
    return Req(f"{path}/decrypt", json={"ciphertext": ciphertext})


def _decrypt_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["plaintext"] == PLAINTEXT


SIGN = {"data": PLAINTEXT, "signingAlgorithm": "ECDSA_SHA_256"}


def _sign_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    assert (body["keyId"], body["signingAlgorithm"]) == (w.sign_key["id"], "ECDSA_SHA_256")
    verify = {**SIGN, "signature": body["signature"]}
    verified = w.call("POST", f"{KEYS}/{w.sign_key['id']}/verify", json=verify)
    assert verified["signatureValid"] is True


def _verify_req(w: World) -> Req:
    path = f"{KEYS}/{w.sign_key['id']}"
    signature = w.call("POST", f"{path}/sign", json=SIGN)["signature"]
    return Req(f"{path}/verify", json={**SIGN, "signature": signature})


def _verify_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    assert body["signatureValid"] is True
    assert body["keyId"] == w.sign_key["id"]


def _public_key_check(w: World, req: Req, resp: httpx.Response) -> None:
    public = body_of(resp)["publicKey"]
    assert isinstance(public, str) and len(public) > 40


def _algorithms_check(w: World, req: Req, resp: httpx.Response) -> None:
    algorithms = body_of(resp)["signingAlgorithms"]
    assert "ECDSA_SHA_256" in algorithms
    assert not any(a.startswith("RSASSA") for a in algorithms)


KMS_SCENARIOS = [
    Scenario("POST", KEYS, _key_create_req, _key_create_check),
    Scenario("GET", KEYS, _key_list_req, _key_list_check),
    Scenario("GET", ONE_KEY, lambda w: Req(f"{KEYS}/{w.enc_key['id']}"), _key_check("enc")),
    Scenario(
        "GET",
        KEYS + "/key-name/{key_name}",
        lambda w: Req(f"{KEYS}/key-name/{w.sign_key['name']}", params={"projectId": w.pid}),
        _key_check("sign"),
    ),
    Scenario(
        "POST",
        ONE_KEY + "/encrypt",
        lambda w: Req(f"{KEYS}/{w.enc_key['id']}/encrypt", json={"plaintext": PLAINTEXT}),
        _encrypt_check,
    ),
    Scenario("POST", ONE_KEY + "/decrypt", _decrypt_req, _decrypt_check),
    Scenario(
        "POST",
        ONE_KEY + "/sign",
        lambda w: Req(f"{KEYS}/{w.sign_key['id']}/sign", json=SIGN),
        _sign_check,
    ),
    Scenario("POST", ONE_KEY + "/verify", _verify_req, _verify_check),
    Scenario(
        "GET",
        ONE_KEY + "/public-key",
        lambda w: Req(f"{KEYS}/{w.sign_key['id']}/public-key"),
        _public_key_check,
    ),
    Scenario(
        "GET",
        ONE_KEY + "/signing-algorithms",
        lambda w: Req(f"{KEYS}/{w.sign_key['id']}/signing-algorithms"),
        _algorithms_check,
    ),
    Scenario("PATCH", ONE_KEY, _key_update_req, _key_update_check),
    Scenario("DELETE", ONE_KEY, _key_delete_req, _key_delete_check),
]


SCENARIOS = [
    *folder_scenarios("v2"),
    *folder_scenarios("v1"),
    *IMPORT_SCENARIOS,
    *PROJECT_SCENARIOS,
    *environment_scenarios("projects"),
    *environment_scenarios("workspace"),
    *tag_scenarios("projects"),
    *tag_scenarios("workspace"),
    *KMS_SCENARIOS,
]
