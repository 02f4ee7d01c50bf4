"""Projects, environments, tags and KMS on PostgreSQL (a private server per test)."""

from __future__ import annotations

import base64

import pytest

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client, assert_error, new_project, other_identity


@pytest.mark.postgres
def test_resources_on_postgresql(postgres_url: str) -> None:
    with LocalServer(database_url=postgres_url) as server:
        http = admin_client(server)
        try:
            project = new_project(http, projectDescription="on postgres")
            pid = project["id"]
            assert [e["slug"] for e in project["environments"]] == ["dev", "staging", "prod"]
            assert http.get(f"/api/v1/projects/slug/{project['slug']}").json()["id"] == pid

            envs = f"/api/v1/projects/{pid}/environments"
            env = http.post(envs, json={"name": "QA", "slug": "qa"}).json()["environment"]
            assert_error(http.post(envs, json={"name": "again", "slug": "qa"}), 400)
            renamed = http.patch(f"{envs}/{env['id']}", json={"slug": "qa-2"})
            assert renamed.json()["environment"]["slug"] == "qa-2"

            tags = f"/api/v1/projects/{pid}/tags"
            tag = http.post(tags, json={"slug": "pg", "color": "blue"}).json()["tag"]
            assert http.get(f"{tags}/slug/pg").json()["tag"]["id"] == tag["id"]
            assert_error(http.post(tags, json={"slug": "pg", "color": "red"}), 400)

            key = http.post("/api/v1/kms/keys", json={"projectId": pid, "name": "pg-key"})
            assert key.status_code == 200, key.text
            kid = key.json()["key"]["id"]
            data = base64.b64encode(b"postgres payload").decode()
            ct = http.post(f"/api/v1/kms/keys/{kid}/encrypt", json={"plaintext": data})
            dec = http.post(f"/api/v1/kms/keys/{kid}/decrypt", json=ct.json())
            assert dec.json()["plaintext"] == data
            found = http.get("/api/v1/kms/keys", params={"projectId": pid, "search": "PG"}).json()
            assert found["totalCount"] == 1 and found["keys"][0]["id"] == kid
            signer = http.post(
                "/api/v1/kms/keys",
                json={
                    "projectId": pid,
                    "name": "pg-signer",
                    "keyUsage": "sign-verify",
                    "encryptionAlgorithm": "ECC_NIST_P256",
                },
            ).json()["key"]
            sig = http.post(
                f"/api/v1/kms/keys/{signer['id']}/sign",
                json={"data": data, "signingAlgorithm": "ECDSA_SHA_256"},
            ).json()["signature"]
            verified = http.post(
                f"/api/v1/kms/keys/{signer['id']}/verify",
                json={"data": data, "signature": sig, "signingAlgorithm": "ECDSA_SHA_256"},
            )
            assert verified.json()["signatureValid"] is True

            with other_identity(server, {}) as outsider:
                assert_error(outsider.get(f"/api/v1/projects/{pid}"), 404)
                assert_error(outsider.get(f"/api/v1/kms/keys/{kid}"), 404)
                assert_error(outsider.get(f"{tags}/{tag['id']}"), 404)
                assert outsider.get("/api/v1/projects").json()["projects"] == []

            assert http.delete(f"/api/v1/projects/{pid}").status_code == 200
            assert_error(http.get(f"/api/v1/kms/keys/{kid}"), 404)
        finally:
            http.close()
