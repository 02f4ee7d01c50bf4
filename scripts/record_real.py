#!/usr/bin/env python
"""Record a real Infisical backend's answers for the replay tests (tests/realserver/_replay.py).

    python scripts/record_real.py --creds ~/.cache/real-infisical/state/creds.json
    python scripts/record_real.py --site URL --client-id ID --client-secret S --project-id P \
        [--direct-url URL]

Drives, with plain HTTP (not the SDK), the calls the replay tests make: for every namespace the
current route (which the 2024-10 server answers with "Route ... not found") and the older route it
does offer, the v3 secret quirks, the auth errors and one rate-limit hit (sent to `--direct-url`,
the backend without the recipe's address-rotating proxy). Each run works in fresh folders and
deletes what it made.

Writes ``tests/realserver/recordings/<namespace>.json``: ``{"server", "recorded_at", "meta",
"exchanges"}``; an exchange is ``{"label", "method", "path", "query", "body", "authorization",
"match", "status", "headers", "response"}``, where ``match`` names the request fields that select
it (see _replay.py), and ``headers`` keeps only content type, ``retry-after`` and
``x-ratelimit-*``.
Plus ``routes.json``: the routes the server lacks, each with the probe that showed it.

Secrets never reach the files: access tokens become ``synthetic-access-token-N``, the client
secret ``synthetic-client-secret``, passwords ``synthetic-password``; secret values are the
recorder's own synthetic strings, and any other ``secretValue`` is replaced. Ids stay. The run
fails if a real token or secret is still in what it would write.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "realserver" / "recordings"
KEPT_HEADERS = (
    "content-type",
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
)
SYNTHETIC_CLIENT_SECRET = "synthetic-client-secret"
SYNTHETIC_PASSWORD = "synthetic-password"
WRONG_CLIENT_SECRET = "0" * 64
_JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+")

#: Routes the 2024-10 server lacks: (method or "*", path regex, a path to probe it with).
ABSENT_ROUTES: list[tuple[str, str]] = [
    ("*", r"^/api/v4/"),
    ("*", r"^/api/v1/projects(/|$)"),
    ("*", r"^/api/v2/folders(/|$)"),
    ("*", r"^/api/v2/secret-imports(/|$)"),
    ("GET", r"^/api/v1/kms/keys/key-name/"),
    ("GET", r"^/api/v1/kms/keys/[^/]+$"),
    ("POST", r"^/api/v3/auth/login$"),
]


class Sanitizer:
    """Replaces tokens, client secrets, passwords and unknown secret values by synthetic ones."""

    def __init__(self, client_secret: str, password: str | None) -> None:
        self.tokens: dict[str, str] = {}
        self.fixed = {client_secret: SYNTHETIC_CLIENT_SECRET}
        if password:
            self.fixed[password] = SYNTHETIC_PASSWORD
        self.values: set[str] = set()  # the recorder's own synthetic secret values

    def token(self, real: str) -> str:
        """The synthetic stand-in of access token `real` (stable within a run)."""
        if real not in self.tokens:
            self.tokens[real] = f"synthetic-access-token-{len(self.tokens) + 1}"
        return self.tokens[real]

    def value(self, text: str) -> str:
        """A secret value the recorder chose itself (kept as is)."""
        self.values.add(text)
        return text

    def clean(self, data: Any, key: str | None = None) -> Any:
        """`data` with every secret replaced, at any depth."""
        if isinstance(data, Mapping):
            return {k: self.clean(v, k) for k, v in data.items()}
        if isinstance(data, list):
            return [self.clean(v, key) for v in data]
        if not isinstance(data, str):
            return data
        if key in ("accessToken", "token") and data:
            return self.token(data)
        if key == "secretValue" and data not in self.values:
            return "synthetic-redacted-value"
        if key in ("password", "clientSecret") and data in self.fixed:
            return self.fixed[data]
        for real, fake in [*self.tokens.items(), *self.fixed.items()]:
            data = data.replace(real, fake)
        return _JWT.sub("synthetic-jwt", data)

    def leaks(self, text: str) -> list[str]:
        """Which real secrets (by kind) occur in `text`."""
        found = [f"token {fake}" for real, fake in self.tokens.items() if real in text]
        found += [fake for real, fake in self.fixed.items() if real in text]
        if _JWT.search(text):
            found.append("a JWT")
        return found


class Recorder:
    """Sends plain HTTP requests to the site and keeps sanitized exchanges per namespace."""

    def __init__(
        self,
        site: str,
        client_id: str,
        client_secret: str,
        project_id: str,
        *,
        password: str | None,
        email: str | None,
        direct_url: str | None,
    ) -> None:
        self.site = site.rstrip("/")
        self.direct_url = direct_url.rstrip("/") if direct_url else None
        self.client_id = client_id
        self.client_secret = client_secret
        self.project_id = project_id
        self.email = email
        self.password = password
        self.sanitizer = Sanitizer(client_secret, password)
        self.http = httpx.Client(timeout=60)
        self.token = ""
        self.files: dict[str, dict[str, Any]] = {}
        self.current = "auth"
        self.absent_evidence: dict[str, dict[str, Any]] = {}

    # --- plumbing --------------------------------------------------------------------------

    def namespace(self, name: str, **meta: Any) -> None:
        """Record the next exchanges into ``<name>.json`` (with `meta` for the tests)."""
        self.current = name
        entry = self.files.setdefault(name, {"meta": {}, "exchanges": []})
        entry["meta"].update(meta)

    def meta(self, **values: Any) -> None:
        """Add facts the replay tests need (ids, names) to the current file."""
        self.files[self.current]["meta"].update(values)

    def call(
        self,
        label: str,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        match: Iterable[str] = (),
        token: str | None = None,
        base: str | None = None,
        record: bool = True,
    ) -> httpx.Response:
        """Send one request; keep it (sanitized) unless `record` is false.

        `match` names the request fields that select this exchange in the replay (see
        tests/realserver/_replay.py): ``query.X``, ``body.X``, ``body.X[].Y`` or
        ``authorization``.
        """
        headers = {}
        bearer = self.token if token is None else token
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        url = (base or self.site) + path
        query = {k: _text(v) for k, v in (params or {}).items()}
        response = self.http.request(method, url, params=query or None, json=body, headers=headers)
        if not record:
            return response
        try:
            parsed: Any = response.json()
        except ValueError:
            parsed = response.text
        kept = {k: v for k, v in response.headers.items() if k.lower() in KEPT_HEADERS}
        exchange = {
            "label": label,
            "method": method,
            "path": path,
            "query": query,
            "body": body,
            "authorization": headers.get("Authorization"),
            "match": list(match),
            "status": response.status_code,
            "headers": kept,
            "response": parsed,
        }
        self.files[self.current]["exchanges"].append(self.sanitizer.clean(exchange))
        return response

    def ok(self, label: str, method: str, path: str, **kw: Any) -> dict[str, Any]:
        """`call` and return the JSON body; stop the run on an error status."""
        response = self.call(label, method, path, **kw)
        if response.is_error:
            raise SystemExit(f"{label}: {method} {path} -> {response.status_code} {response.text}")
        data: dict[str, Any] = response.json()
        return data

    def probe(self, label: str, method: str, path: str, **kw: Any) -> None:
        """Call a route the server should lack and check it answers "Route ... not found"."""
        response = self.call(label, method, path, **kw)
        message = _message(response)
        if response.status_code != 404 or not message.startswith("Route "):
            raise SystemExit(f"{label}: expected a route-not-found 404, got {response.status_code}")
        for want, pattern in ABSENT_ROUTES:
            if (want in ("*", method)) and re.search(pattern, path):
                self.absent_evidence.setdefault(pattern, self.files[self.current]["exchanges"][-1])

    def where(self, environment: str, path: str, *, key: str = "secretPath") -> dict[str, str]:
        """Project and folder fields as the v3/v1 routes take them."""
        return {"workspaceId": self.project_id, "environment": environment, key: path}

    def value(self, text: str) -> str:
        """A synthetic secret value (registered so it is kept in the recording)."""
        return self.sanitizer.value(text)

    def save(self, server: str) -> list[Path]:
        """Write every namespace file and routes.json; refuse if a real secret would leak."""
        OUT.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        documents = {
            name: {"server": server, "recorded_at": stamp, **content}
            for name, content in self.files.items()
        }
        routes = [
            {"method": method, "pattern": pattern, "evidence": self.absent_evidence.get(pattern)}
            for method, pattern in ABSENT_ROUTES
        ]
        documents["routes"] = {"server": server, "recorded_at": stamp, "absent": routes}
        written = []
        for name, document in documents.items():
            text = json.dumps(document, indent=1, sort_keys=False) + "\n"
            leaks = self.sanitizer.leaks(text)
            if leaks:
                raise SystemExit(f"{name}.json would contain {', '.join(leaks)}: not written")
            path = OUT / f"{name}.json"
            path.write_text(text)
            written.append(path)
        return written

    # --- scenarios ---------------------------------------------------------------------------

    def login(self) -> None:
        self.namespace("auth", client_id=self.client_id, project_id=self.project_id)
        data = self.ok(
            "login",
            "POST",
            "/api/v1/auth/universal-auth/login",
            token="",
            body={"clientId": self.client_id, "clientSecret": self.client_secret},
            match=["body.clientId", "body.clientSecret"],
        )
        self.token = data["accessToken"]

    def auth(self) -> None:
        self.namespace("auth")
        self.ok(
            "renew (same token string back)",
            "POST",
            "/api/v1/auth/token/renew",
            token="",
            body={"accessToken": self.token},
        )
        self.call(
            "login with a wrong client secret",
            "POST",
            "/api/v1/auth/universal-auth/login",
            token="",
            body={"clientId": self.client_id, "clientSecret": WRONG_CLIENT_SECRET},
            match=["body.clientId", "body.clientSecret"],
        )
        unknown = str(uuid.uuid4())
        self.call(
            "login with an unknown client id",
            "POST",
            "/api/v1/auth/universal-auth/login",
            token="",
            body={"clientId": unknown, "clientSecret": WRONG_CLIENT_SECRET},
            match=["body.clientId"],
        )
        self.meta(unknown_client_id=unknown, wrong_client_secret=WRONG_CLIENT_SECRET)
        self.call(
            "a malformed token",
            "GET",
            "/api/v3/secrets/raw",
            token="not-a-jwt",
            params={"workspaceId": self.project_id, "environment": "dev"},
            match=["authorization"],
        )
        if self.email:
            self.probe(
                "user login (email/password) is SRP only here",
                "POST",
                "/api/v3/auth/login",
                token="",
                body={"email": self.email, "password": self.password or ""},
            )
            self.meta(email=self.email, password=SYNTHETIC_PASSWORD)

    def secrets(self, folder: str) -> None:
        self.namespace("secrets", project_id=self.project_id, environment="dev", path=folder)
        where = self.where("dev", folder)
        read = {**where, "viewSecretValue": "true", "expandSecretReferences": "true"}
        sel = ["query.environment", "query.secretPath"]
        self.probe("list: no v4", "GET", "/api/v4/secrets", params=read)
        self.probe(
            "create: no v4",
            "POST",
            "/api/v4/secrets/DB_URL",
            body={**where, "secretValue": self.value("synthetic-db-url-1")},
        )
        self.probe("batch: no v4", "POST", "/api/v4/secrets/batch", body={**where, "secrets": []})
        self.ok("list (empty)", "GET", "/api/v3/secrets/raw", params=read, match=sel)
        self.ok(
            "create",
            "POST",
            "/api/v3/secrets/raw/DB_URL",
            match=["body.secretPath"],
            body={
                **where,
                "secretValue": self.value("synthetic-db-url-1"),
                "secretComment": "the db",
                "type": "shared",
            },
        )
        self.call(
            "create again: duplicate",
            "POST",
            "/api/v3/secrets/raw/DB_URL",
            match=["body.secretPath"],
            body={**where, "secretValue": self.value("synthetic-db-url-9"), "type": "shared"},
        )
        self.ok("get", "GET", "/api/v3/secrets/raw/DB_URL", params=read, match=sel)
        self.ok("list", "GET", "/api/v3/secrets/raw", params=read, match=sel)
        self.ok(
            "update value",
            "PATCH",
            "/api/v3/secrets/raw/DB_URL",
            body={**where, "secretValue": self.value("synthetic-db-url-2"), "type": "shared"},
            match=["body.secretPath", "body.secretValue"],
        )
        self.ok(
            "get version=1 (answers another version)",
            "GET",
            "/api/v3/secrets/raw/DB_URL",
            params={**read, "version": "1"},
            match=[*sel, "query.version"],
        )
        hidden = {**read, "viewSecretValue": "false"}
        self.ok(
            "get viewSecretValue=false (values anyway)",
            "GET",
            "/api/v3/secrets/raw/DB_URL",
            params=hidden,
            match=[*sel, "query.viewSecretValue"],
        )
        self.ok(
            "list viewSecretValue=false (values anyway)",
            "GET",
            "/api/v3/secrets/raw",
            params=hidden,
            match=[*sel, "query.viewSecretValue"],
        )
        self.ok(
            "create with secretMetadata (ignored)",
            "POST",
            "/api/v3/secrets/raw/WITH_META",
            body={
                **where,
                "secretValue": self.value("synthetic-meta"),
                "type": "shared",
                "secretMetadata": [{"key": "team", "value": "core"}],
            },
            match=["body.secretPath"],
        )
        self.ok(
            "get (no metadata kept; the current value, before a rename)",
            "GET",
            "/api/v3/secrets/raw/WITH_META",
            params=read,
            match=sel,
        )
        self.ok(
            "list metadataFilter (ignored)",
            "GET",
            "/api/v3/secrets/raw",
            params={**read, "metadataFilter": "key=team,value=core"},
            match=[*sel, "query.metadataFilter"],
        )
        self.call(
            "rename without secretValue",
            "PATCH",
            "/api/v3/secrets/raw/WITH_META",
            body={**where, "newSecretName": "RENAMED", "type": "shared"},
            match=["body.secretPath", "body.newSecretName"],
        )
        self.ok(
            "rename with the current value resent",
            "PATCH",
            "/api/v3/secrets/raw/WITH_META",
            body={
                **where,
                "newSecretName": "RENAMED",
                "type": "shared",
                "secretValue": "synthetic-meta",
            },
            match=["body.secretPath", "body.newSecretName", "body.secretValue"],
        )
        self.ok(
            "get RENAMED (the current value, before a comment update)",
            "GET",
            "/api/v3/secrets/raw/RENAMED",
            params=read,
            match=sel,
        )
        self.call(
            "comment only",
            "PATCH",
            "/api/v3/secrets/raw/RENAMED",
            body={**where, "secretComment": "new comment", "type": "shared"},
            match=["body.secretPath", "body.secretComment"],
        )
        self.ok(
            "comment with the current value resent",
            "PATCH",
            "/api/v3/secrets/raw/RENAMED",
            body={
                **where,
                "secretComment": "new comment",
                "type": "shared",
                "secretValue": "synthetic-meta",
            },
            match=["body.secretPath", "body.secretComment", "body.secretValue"],
        )
        batch = [
            {"secretKey": "B_ONE", "secretValue": self.value("synthetic-b-1")},
            {"secretKey": "B_TWO", "secretValue": self.value("synthetic-b-2")},
        ]
        self.ok(
            "batch create",
            "POST",
            "/api/v3/secrets/batch/raw",
            body={**where, "secrets": batch},
            match=["body.secretPath"],
        )
        self.call(
            "batch update, one key missing (names the found one)",
            "PATCH",
            "/api/v3/secrets/batch/raw",
            match=["body.secretPath", "body.secrets[].secretKey"],
            body={
                **where,
                "mode": "upsert",
                "secrets": [
                    {"secretKey": "B_ONE", "secretValue": self.value("synthetic-b-1b")},
                    {"secretKey": "B_MISSING", "secretValue": self.value("synthetic-b-3")},
                ],
            },
        )
        self.ok(
            "list unexpanded (which keys exist, after the failed batch update)",
            "GET",
            "/api/v3/secrets/raw",
            params={**read, "expandSecretReferences": "false"},
            match=[*sel, "query.expandSecretReferences"],
        )
        self.ok(
            "batch update",
            "PATCH",
            "/api/v3/secrets/batch/raw",
            match=["body.secretPath", "body.secrets[].secretKey"],
            body={
                **where,
                "secrets": [{"secretKey": "B_ONE", "secretValue": self.value("synthetic-b-1b")}],
            },
        )
        self.ok(
            "batch delete",
            "DELETE",
            "/api/v3/secrets/batch/raw",
            match=["body.secretPath"],
            body={**where, "secrets": [{"secretKey": "B_ONE"}, {"secretKey": "B_TWO"}]},
        )
        self.call(
            "get a missing secret", "GET", "/api/v3/secrets/raw/NOT_THERE", params=read, match=sel
        )
        self.ok(
            "delete",
            "DELETE",
            "/api/v3/secrets/raw/DB_URL",
            body={**where, "type": "shared"},
            match=["body.secretPath"],
        )
        self.ok(
            "delete renamed",
            "DELETE",
            "/api/v3/secrets/raw/RENAMED",
            body={**where, "type": "shared"},
            match=["body.secretPath"],
        )

    def folders(self, folder: str) -> None:
        self.namespace("folders", project_id=self.project_id, environment="dev", path=folder)
        base = self.where("dev", folder, key="path")
        sel = ["query.environment", "query.path"]
        self.probe("create: no v2", "POST", "/api/v2/folders", body={**base, "name": "alpha"})
        self.probe("list: no v2", "GET", "/api/v2/folders", params=base)
        alpha = self.ok(
            "create (description not kept)",
            "POST",
            "/api/v1/folders",
            body={**base, "name": "alpha", "description": "d"},
            match=["body.path", "body.name"],
        )["folder"]
        self.ok(
            "create nested",
            "POST",
            "/api/v1/folders",
            body={**self.where("dev", folder + "/alpha", key="path"), "name": "inner"},
            match=["body.path", "body.name"],
        )
        self.ok("list", "GET", "/api/v1/folders", params=base, match=sel)
        self.ok(
            "list recursive (ignored)",
            "GET",
            "/api/v1/folders",
            params={**base, "recursive": "true"},
            match=[*sel, "query.recursive"],
        )
        nested = self.where("dev", folder + "/alpha", key="path")
        self.ok(
            "list nested (a recursive walk)", "GET", "/api/v1/folders", params=nested, match=sel
        )
        innermost = self.where("dev", folder + "/alpha/inner", key="path")
        self.ok("list innermost (empty)", "GET", "/api/v1/folders", params=innermost, match=sel)
        self.ok("get", "GET", f"/api/v1/folders/{alpha['id']}")
        self.ok(
            "rename",
            "PATCH",
            f"/api/v1/folders/{alpha['id']}",
            body={**base, "name": "gamma"},
            match=["body.name"],
        )
        self.ok("delete by name", "DELETE", "/api/v1/folders/gamma", body=base, match=["body.path"])
        self.meta(folder_id=alpha["id"])

    def imports(self, folder: str, source: str) -> None:
        self.namespace(
            "imports",
            project_id=self.project_id,
            environment="dev",
            path=folder,
            source_environment="staging",
            source_path=source,
        )
        base = self.where("dev", folder, key="path")
        body = {**base, "import": {"environment": "staging", "path": source}}
        self.probe("create: no v2", "POST", "/api/v2/secret-imports", body=body)
        self.probe("list: no v2", "GET", "/api/v2/secret-imports", params=base)
        made = self.ok("create", "POST", "/api/v1/secret-imports", body=body, match=["body.path"])[
            "secretImport"
        ]
        self.ok(
            "list",
            "GET",
            "/api/v1/secret-imports",
            params=base,
            match=["query.environment", "query.path"],
        )
        self.ok("get", "GET", f"/api/v1/secret-imports/{made['id']}")
        self.ok(
            "update position",
            "PATCH",
            f"/api/v1/secret-imports/{made['id']}",
            body={**base, "import": {"position": 1}},
        )
        self.ok("delete", "DELETE", f"/api/v1/secret-imports/{made['id']}", body=base)
        self.meta(import_id=made["id"])

    def projects(self) -> None:
        pid = self.project_id
        self.namespace("projects", project_id=pid)
        self.probe("get: no /api/v1/projects", "GET", f"/api/v1/projects/{pid}")
        self.probe("list: no /api/v1/projects", "GET", "/api/v1/projects")
        self.call("list as a machine identity (users only)", "GET", "/api/v1/workspace")
        project = self.ok("get (with environments)", "GET", f"/api/v1/workspace/{pid}")
        slug = project["workspace"]["slug"]
        self.probe("get by slug: no /api/v1/projects/slug", "GET", f"/api/v1/projects/slug/{slug}")
        self.ok("get by slug (no envelope)", "GET", f"/api/v2/workspace/{slug}")
        name = f"rec-{uuid.uuid4().hex[:8]}"
        self.probe(
            "create: no /api/v1/projects",
            "POST",
            "/api/v1/projects",
            body={"projectName": name, "slug": name},
        )
        made = self.ok(
            "create",
            "POST",
            "/api/v2/workspace",
            body={"projectName": name, "slug": name},
            match=["body.slug"],
        )["project"]
        self.ok(
            "update",
            "PATCH",
            f"/api/v1/workspace/{made['id']}",
            body={"name": name + "-renamed"},
            match=["body.name"],
        )
        self.ok("get the new one", "GET", f"/api/v1/workspace/{made['id']}")
        self.ok("delete", "DELETE", f"/api/v1/workspace/{made['id']}")
        self.call("get the deleted one", "GET", f"/api/v1/workspace/{made['id']}")
        self.meta(slug=slug, created_id=made["id"], created_slug=name)

    def environments(self) -> None:
        pid = self.project_id
        self.namespace("environments", project_id=pid)
        slug = f"rec-env-{uuid.uuid4().hex[:6]}"
        self.probe(
            "create: no /api/v1/projects",
            "POST",
            f"/api/v1/projects/{pid}/environments",
            body={"name": "Recorded", "slug": slug},
        )
        self.ok("list = the project's environments", "GET", f"/api/v1/workspace/{pid}")
        made = self.ok(
            "create",
            "POST",
            f"/api/v1/workspace/{pid}/environments",
            body={"name": "Recorded", "slug": slug},
            match=["body.slug"],
        )
        env_id = made["environment"]["id"]
        self.ok("get", "GET", f"/api/v1/workspace/{pid}/environments/{env_id}")
        self.ok(
            "update",
            "PATCH",
            f"/api/v1/workspace/{pid}/environments/{env_id}",
            body={"name": "Recorded renamed"},
        )
        self.ok("delete", "DELETE", f"/api/v1/workspace/{pid}/environments/{env_id}")
        self.meta(slug=slug, environment_id=env_id)

    def tags(self) -> None:
        pid = self.project_id
        self.namespace("tags", project_id=pid)
        slug = f"rec-tag-{uuid.uuid4().hex[:6]}"
        self.probe(
            "create: no /api/v1/projects",
            "POST",
            f"/api/v1/projects/{pid}/tags",
            body={"slug": slug, "color": "#2f80ed"},
        )
        made = self.ok(
            "create",
            "POST",
            f"/api/v1/workspace/{pid}/tags",
            body={"slug": slug, "color": "#2f80ed"},
            match=["body.slug"],
        )
        tag_id = made["workspaceTag"]["id"]
        self.ok("list", "GET", f"/api/v1/workspace/{pid}/tags")
        self.ok("get", "GET", f"/api/v1/workspace/{pid}/tags/{tag_id}")
        self.ok("get by slug", "GET", f"/api/v1/workspace/{pid}/tags/slug/{slug}")
        self.ok(
            "update",
            "PATCH",
            f"/api/v1/workspace/{pid}/tags/{tag_id}",
            body={"slug": slug + "-b", "color": "#000000"},
        )
        self.ok("delete", "DELETE", f"/api/v1/workspace/{pid}/tags/{tag_id}")
        self.meta(slug=slug, tag_id=tag_id)

    def kms(self) -> None:
        pid = self.project_id
        self.namespace("kms", project_id=pid)
        name = f"rec-key-{uuid.uuid4().hex[:6]}"
        made = self.ok(
            "create",
            "POST",
            "/api/v1/kms/keys",
            match=["body.name"],
            body={
                "projectId": pid,
                "name": name,
                "description": "recorded",
                "encryptionAlgorithm": "aes-256-gcm",
            },
        )["key"]
        key_id = made["id"]
        self.call(
            "create with a name that is not a slug (401 ValidationFailure)",
            "POST",
            "/api/v1/kms/keys",
            match=["body.name"],
            body={
                "projectId": pid,
                "name": "Not A Valid Key Name!",
                "encryptionAlgorithm": "aes-256-gcm",
            },
        )
        self.ok(
            "list with search",
            "GET",
            "/api/v1/kms/keys",
            params={"projectId": pid, "search": name},
            match=["query.search"],
        )
        self.ok("list", "GET", "/api/v1/kms/keys", params={"projectId": pid})
        self.probe("get by id: no route", "GET", f"/api/v1/kms/keys/{key_id}")
        self.probe(
            "get by name: no route",
            "GET",
            f"/api/v1/kms/keys/key-name/{name}",
            params={"projectId": pid},
        )
        self.ok("update", "PATCH", f"/api/v1/kms/keys/{key_id}", body={"description": "again"})
        encrypted = self.ok(
            "encrypt",
            "POST",
            f"/api/v1/kms/keys/{key_id}/encrypt",
            body={"plaintext": "YXR0YWNrIGF0IGRhd24="},
        )
        self.ok(
            "decrypt",
            "POST",
            f"/api/v1/kms/keys/{key_id}/decrypt",
            body={"ciphertext": encrypted["ciphertext"]},
        )
        self.ok("delete", "DELETE", f"/api/v1/kms/keys/{key_id}")
        self.meta(name=name, key_id=key_id, plaintext="attack at dawn")

    def rate_limit(self, folder: str) -> None:
        self.namespace("ratelimit", project_id=self.project_id, environment="dev", path=folder)
        if not self.direct_url:
            print("no --direct-url: the rate-limit recording is skipped", file=sys.stderr)
            return
        params = {**self.where("dev", folder), "viewSecretValue": "true"}
        sel = ["query.environment", "query.secretPath"]
        for _ in range(200):  # unlicensed: 60 reads/min per client address
            response = self.call(
                "", "GET", "/api/v3/secrets/raw", params=params, base=self.direct_url, record=False
            )
            if "x-ratelimit-remaining" in response.headers and response.status_code >= 400:
                break
        else:
            raise SystemExit("the backend never rate-limited 200 reads")
        self.call(
            "rate limited: HTTP 500 with retry-after and x-ratelimit-*",
            "GET",
            "/api/v3/secrets/raw",
            params=params,
            base=self.direct_url,
            match=sel,
        )
        self.ok(
            "the same read once the limit is over (through the proxy)",
            "GET",
            "/api/v3/secrets/raw",
            params=params,
            match=sel,
        )


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _message(response: httpx.Response) -> str:
    try:
        message = response.json().get("message")
    except (ValueError, AttributeError):
        return ""
    return message if isinstance(message, str) else ""


def main(argv: list[str] | None = None) -> int:
    """Record every scenario and write the files; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--creds", help="creds.json of shared/tools/real-infisical/bootstrap.py")
    parser.add_argument("--site")
    parser.add_argument("--client-id")
    parser.add_argument("--client-secret")
    parser.add_argument("--project-id")
    parser.add_argument("--email")
    parser.add_argument("--password")
    parser.add_argument("--direct-url", help="the backend without a rate-limit-dodging proxy")
    parser.add_argument("--server", default="Infisical 2024-10-10, upstream commit 09d28156")
    args = parser.parse_args(argv)
    creds: dict[str, Any] = (
        json.loads(Path(args.creds).expanduser().read_text()) if args.creds else {}
    )
    identity, admin = creds.get("identity") or {}, creds.get("admin") or {}
    site = args.site or creds.get("site_url")
    client_id = args.client_id or identity.get("client_id")
    client_secret = args.client_secret or identity.get("client_secret")
    project_id = args.project_id or creds.get("project_id")
    if not (site and client_id and client_secret and project_id):
        parser.error("give --creds, or --site, --client-id, --client-secret and --project-id")
    recorder = Recorder(
        site,
        client_id,
        client_secret,
        project_id,
        email=args.email or admin.get("email"),
        password=args.password or admin.get("password"),
        direct_url=args.direct_url or creds.get("backend_url"),
    )
    recorder.login()
    folders = [f"rec-{uuid.uuid4().hex[:8]}" for _ in range(4)]
    made: list[tuple[str, str]] = []
    try:
        for name in folders:
            recorder.call(
                "",
                "POST",
                "/api/v1/folders",
                record=False,
                body={**recorder.where("dev", "/", key="path"), "name": name},
            )
            made.append(("dev", name))
        recorder.call(
            "",
            "POST",
            "/api/v1/folders",
            record=False,
            body={**recorder.where("staging", "/", key="path"), "name": folders[0]},
        )
        made.append(("staging", folders[0]))
        recorder.auth()
        recorder.secrets("/" + folders[0])
        recorder.folders("/" + folders[1])
        recorder.imports("/" + folders[2], "/" + folders[0])
        recorder.projects()
        recorder.environments()
        recorder.tags()
        recorder.kms()
        recorder.rate_limit("/" + folders[3])
    finally:
        for environment, name in made:
            recorder.call(
                "",
                "DELETE",
                f"/api/v1/folders/{name}",
                record=False,
                body=recorder.where(environment, "/", key="path"),
            )
    for path in recorder.save(args.server):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
