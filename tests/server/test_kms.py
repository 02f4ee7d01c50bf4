"""``/api/v1/kms``: keys CRUD, encrypt/decrypt, sign/verify, public keys, isolation."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client, assert_error, new_project, other_identity

KEY_FIELDS = {
    "id",
    "description",
    "isDisabled",
    "orgId",
    "name",
    "createdAt",
    "updatedAt",
    "projectId",
    "keyUsage",
    "version",
    "encryptionAlgorithm",
}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.fixture
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


@pytest.fixture
def pid(http: httpx.Client) -> str:
    return str(new_project(http)["id"])


def make_key(http: httpx.Client, pid: str, name: str, **extra: Any) -> dict[str, Any]:
    resp = http.post("/api/v1/kms/keys", json={"projectId": pid, "name": name, **extra})
    assert resp.status_code == 200, resp.text
    key: dict[str, Any] = resp.json()["key"]
    return key


@pytest.mark.parametrize("algorithm", ["aes-256-gcm", "aes-128-gcm"])
def test_symmetric_round_trip(http: httpx.Client, pid: str, algorithm: str) -> None:
    key = make_key(http, pid, "sym", encryptionAlgorithm=algorithm, description="d")
    assert set(key) == KEY_FIELDS
    assert (key["keyUsage"], key["encryptionAlgorithm"], key["isDisabled"]) == (
        "encrypt-decrypt",
        algorithm,
        False,
    )
    plaintext = b"\x00binary\xffpayload" * 10
    enc = http.post(f"/api/v1/kms/keys/{key['id']}/encrypt", json={"plaintext": b64(plaintext)})
    assert enc.status_code == 200, enc.text
    ciphertext = enc.json()["ciphertext"]
    assert plaintext not in base64.b64decode(ciphertext)
    again = http.post(f"/api/v1/kms/keys/{key['id']}/encrypt", json={"plaintext": b64(plaintext)})
    assert again.json()["ciphertext"] != ciphertext  # fresh nonce each time
    dec = http.post(f"/api/v1/kms/keys/{key['id']}/decrypt", json={"ciphertext": ciphertext})
    assert dec.status_code == 200 and base64.b64decode(dec.json()["plaintext"]) == plaintext


def test_encrypt_input_rules(http: httpx.Client, pid: str) -> None:
    key = make_key(http, pid, "rules")
    url = f"/api/v1/kms/keys/{key['id']}"
    body = assert_error(http.post(f"{url}/encrypt", json={"plaintext": "not base64!"}), 422)
    assert body["message"][0]["message"] == "plaintext must be base64 encoded"
    assert http.post(f"{url}/encrypt", json={"plaintext": b64(b"x" * 4096)}).status_code == 200
    assert_error(http.post(f"{url}/encrypt", json={"plaintext": b64(b"x" * 4097)}), 422)
    assert_error(http.post(f"{url}/encrypt", json={}), 422, "ValidationFailure")
    assert_error(http.post(f"{url}/decrypt", json={"ciphertext": "%%%"}), 422)
    # A ciphertext of another key (or garbage) is a 400, not a 500.
    other = make_key(http, pid, "other")
    foreign = http.post(
        f"/api/v1/kms/keys/{other['id']}/encrypt", json={"plaintext": b64(b"hi")}
    ).json()["ciphertext"]
    assert_error(http.post(f"{url}/decrypt", json={"ciphertext": foreign}), 400, "BadRequest")
    assert_error(http.post(f"{url}/decrypt", json={"ciphertext": b64(b"short")}), 400)


def test_list_get_update_delete(http: httpx.Client, pid: str) -> None:
    names = ["alpha", "beta", "gamma", "delta-key"]
    keys = {n: make_key(http, pid, n) for n in names}
    page = http.get("/api/v1/kms/keys", params={"projectId": pid})
    assert page.status_code == 200
    assert page.json()["totalCount"] == 4
    assert [k["name"] for k in page.json()["keys"]] == sorted(names)
    paged = http.get(
        "/api/v1/kms/keys",
        params={
            "projectId": pid,
            "offset": 1,
            "limit": 2,
            "orderBy": "name",
            "orderDirection": "desc",
        },
    ).json()
    assert [k["name"] for k in paged["keys"]] == ["delta-key", "beta"]
    assert paged["totalCount"] == 4
    found = http.get("/api/v1/kms/keys", params={"projectId": pid, "search": "ta"}).json()
    assert sorted(k["name"] for k in found["keys"]) == ["beta", "delta-key"]
    assert found["totalCount"] == 2
    assert_error(http.get("/api/v1/kms/keys", params={"projectId": pid, "limit": 101}), 422)
    assert_error(http.get("/api/v1/kms/keys"), 422, "ValidationFailure")

    alpha = keys["alpha"]
    assert http.get(f"/api/v1/kms/keys/{alpha['id']}").json()["key"]["name"] == "alpha"
    by_name = http.get("/api/v1/kms/keys/key-name/alpha", params={"projectId": pid})
    assert by_name.status_code == 200 and by_name.json()["key"]["id"] == alpha["id"]
    missing = http.get("/api/v1/kms/keys/key-name/nope", params={"projectId": pid})
    assert_error(missing, 404, "NotFound")

    upd = http.patch(
        f"/api/v1/kms/keys/{alpha['id']}", json={"name": "alpha-2", "description": "new"}
    )
    assert upd.status_code == 200
    assert (upd.json()["key"]["name"], upd.json()["key"]["description"]) == ("alpha-2", "new")
    clash = http.patch(f"/api/v1/kms/keys/{alpha['id']}", json={"name": "beta"})
    assert_error(clash, 400, "BadRequest")
    assert_error(http.post("/api/v1/kms/keys", json={"projectId": pid, "name": "beta"}), 400)

    deleted = http.delete(f"/api/v1/kms/keys/{alpha['id']}")
    assert deleted.status_code == 200 and deleted.json()["key"]["id"] == alpha["id"]
    assert_error(http.get(f"/api/v1/kms/keys/{alpha['id']}"), 404, "NotFound")


def test_disabled_key_refuses_crypto(http: httpx.Client, pid: str) -> None:
    key = make_key(http, pid, "switch")
    url = f"/api/v1/kms/keys/{key['id']}"
    ct = http.post(f"{url}/encrypt", json={"plaintext": b64(b"x")}).json()["ciphertext"]
    assert http.patch(url, json={"isDisabled": True}).json()["key"]["isDisabled"] is True
    assert_error(http.post(f"{url}/encrypt", json={"plaintext": b64(b"x")}), 400, "BadRequest")
    assert_error(http.post(f"{url}/decrypt", json={"ciphertext": ct}), 400, "BadRequest")
    http.patch(url, json={"isDisabled": False})
    assert http.post(f"{url}/decrypt", json={"ciphertext": ct}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"name": "UPPER"},
        {"name": "x" * 33},
        {"name": "ok", "keyUsage": "wrap"},
        {"name": "ok", "encryptionAlgorithm": "des"},
        {"name": "ok", "description": "d" * 501},
    ],
)
def test_create_bad_input_is_422(http: httpx.Client, pid: str, body: dict[str, str]) -> None:
    resp = http.post("/api/v1/kms/keys", json={"projectId": pid, **body})
    assert_error(resp, 422, "ValidationFailure")


def test_usage_and_algorithm_must_match(http: httpx.Client, pid: str) -> None:
    bad = {"projectId": pid, "name": "mix", "keyUsage": "sign-verify"}  # default aes-256-gcm
    assert_error(http.post("/api/v1/kms/keys", json=bad), 400, "BadRequest")
    bad2 = {"projectId": pid, "name": "mix", "encryptionAlgorithm": "RSA_4096"}
    assert_error(http.post("/api/v1/kms/keys", json=bad2), 400, "BadRequest")


def _load_public(http: httpx.Client, key_id: str) -> Any:
    resp = http.get(f"/api/v1/kms/keys/{key_id}/public-key")
    assert resp.status_code == 200, resp.text
    return serialization.load_der_public_key(base64.b64decode(resp.json()["publicKey"]))


def test_ecdsa_sign_verify(http: httpx.Client, pid: str) -> None:
    key = make_key(http, pid, "ec", keyUsage="sign-verify", encryptionAlgorithm="ECC_NIST_P256")
    url = f"/api/v1/kms/keys/{key['id']}"
    algs = http.get(f"{url}/signing-algorithms").json()["signingAlgorithms"]
    assert algs == ["ECDSA_SHA_256", "ECDSA_SHA_384", "ECDSA_SHA_512"]
    data = b"message to sign"
    signed = http.post(f"{url}/sign", json={"data": b64(data), "signingAlgorithm": "ECDSA_SHA_256"})
    assert signed.status_code == 200, signed.text
    sig = base64.b64decode(signed.json()["signature"])
    assert signed.json()["keyId"] == key["id"]
    public = _load_public(http, key["id"])
    assert isinstance(public, ec.EllipticCurvePublicKey)
    public.verify(sig, data, ec.ECDSA(hashes.SHA256()))  # raises if invalid

    verify = {"data": b64(data), "signature": b64(sig), "signingAlgorithm": "ECDSA_SHA_256"}
    assert http.post(f"{url}/verify", json=verify).json()["signatureValid"] is True
    tampered = {**verify, "data": b64(b"other message")}
    assert http.post(f"{url}/verify", json=tampered).json()["signatureValid"] is False

    digest = hashlib.sha384(data).digest()
    by_digest = http.post(
        f"{url}/sign",
        json={"data": b64(digest), "signingAlgorithm": "ECDSA_SHA_384", "isDigest": True},
    )
    assert by_digest.status_code == 200, by_digest.text
    public.verify(base64.b64decode(by_digest.json()["signature"]), data, ec.ECDSA(hashes.SHA384()))
    short = {"data": b64(b"short"), "signingAlgorithm": "ECDSA_SHA_256", "isDigest": True}
    assert_error(http.post(f"{url}/sign", json=short), 400, "BadRequest")
    wrong = {"data": b64(data), "signingAlgorithm": "RSASSA_PSS_SHA_256"}
    assert_error(http.post(f"{url}/sign", json=wrong), 400, "BadRequest")
    assert_error(http.post(f"{url}/encrypt", json={"plaintext": b64(b"x")}), 400, "BadRequest")


def test_rsa_sign_verify(http: httpx.Client, pid: str) -> None:
    key = make_key(http, pid, "rsa", keyUsage="sign-verify", encryptionAlgorithm="RSA_4096")
    assert key["encryptionAlgorithm"] == "RSA_4096" and key["keyUsage"] == "sign-verify"
    url = f"/api/v1/kms/keys/{key['id']}"
    public = _load_public(http, key["id"])
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 4096
    data = b"rsa payload"
    pss = http.post(
        f"{url}/sign", json={"data": b64(data), "signingAlgorithm": "RSASSA_PSS_SHA_512"}
    )
    assert pss.status_code == 200, pss.text
    public.verify(
        base64.b64decode(pss.json()["signature"]),
        data,
        padding.PSS(mgf=padding.MGF1(hashes.SHA512()), salt_length=padding.PSS.AUTO),
        hashes.SHA512(),
    )
    pkcs = http.post(
        f"{url}/sign", json={"data": b64(data), "signingAlgorithm": "RSASSA_PKCS1_V1_5_SHA_256"}
    )
    sig = pkcs.json()["signature"]
    public.verify(base64.b64decode(sig), data, padding.PKCS1v15(), hashes.SHA256())
    ok = {"data": b64(data), "signature": sig, "signingAlgorithm": "RSASSA_PKCS1_V1_5_SHA_256"}
    assert http.post(f"{url}/verify", json=ok).json()["signatureValid"] is True
    other_alg = {**ok, "signingAlgorithm": "RSASSA_PKCS1_V1_5_SHA_384"}
    assert http.post(f"{url}/verify", json=other_alg).json()["signatureValid"] is False


def test_symmetric_key_has_no_public_key(http: httpx.Client, pid: str) -> None:
    key = make_key(http, pid, "plain")
    assert_error(http.get(f"/api/v1/kms/keys/{key['id']}/public-key"), 400, "BadRequest")
    assert_error(http.get(f"/api/v1/kms/keys/{key['id']}/signing-algorithms"), 400)
    sign = {"data": b64(b"x"), "signingAlgorithm": "ECDSA_SHA_256"}
    assert_error(http.post(f"/api/v1/kms/keys/{key['id']}/sign", json=sign), 400)


def test_key_material_is_encrypted_at_rest(
    http: httpx.Client, pid: str, infisical_server: LocalServer
) -> None:
    key = make_key(http, pid, "at-rest")
    plaintext = b"known plaintext " + uuid.uuid4().bytes
    ct = base64.b64decode(
        http.post(
            f"/api/v1/kms/keys/{key['id']}/encrypt", json={"plaintext": b64(plaintext)}
        ).json()["ciphertext"]
    )
    db = sqlite3.connect(infisical_server.data_dir / "infisical-kit.db")
    try:
        (sealed,) = db.execute(
            "SELECT sealed_material FROM kms_keys WHERE id = ?", (key["id"],)
        ).fetchone()
    finally:
        db.close()
    # 12-byte nonce + 32-byte key + 16-byte tag: sealed, not the raw 32-byte key.
    assert len(sealed) == 12 + 32 + 16
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    for start in range(len(sealed) - 31):
        candidate = sealed[start : start + 32]
        with pytest.raises(Exception):  # noqa: B017 - any failure means it is not the key
            AESGCM(candidate).decrypt(ct[:12], ct[12:], key["id"].encode())


def test_isolation_and_roles(http: httpx.Client, pid: str, infisical_server: LocalServer) -> None:
    other = new_project(http)["id"]
    b_key = make_key(http, other, "b-key")
    a_key = make_key(http, pid, "a-key")
    ct_b = http.post(
        f"/api/v1/kms/keys/{b_key['id']}/encrypt", json={"plaintext": b64(b"secret")}
    ).json()["ciphertext"]
    with other_identity(infisical_server, {pid: "admin"}) as admin_a:
        url_b = f"/api/v1/kms/keys/{b_key['id']}"
        assert_error(admin_a.get(url_b), 404, "NotFound")
        assert_error(admin_a.patch(url_b, json={"isDisabled": True}), 404, "NotFound")
        assert_error(admin_a.delete(url_b), 404, "NotFound")
        assert_error(admin_a.post(f"{url_b}/decrypt", json={"ciphertext": ct_b}), 404)
        assert_error(admin_a.post(f"{url_b}/encrypt", json={"plaintext": b64(b"x")}), 404)
        assert_error(admin_a.get("/api/v1/kms/keys", params={"projectId": other}), 404)
        assert_error(
            admin_a.get("/api/v1/kms/keys/key-name/b-key", params={"projectId": other}), 404
        )
        assert_error(admin_a.post("/api/v1/kms/keys", json={"projectId": other, "name": "z"}), 404)
        listed = admin_a.get("/api/v1/kms/keys", params={"projectId": pid}).json()
        assert [k["id"] for k in listed["keys"]] == [a_key["id"]]
    with other_identity(infisical_server, {pid: "viewer"}) as viewer:
        url_a = f"/api/v1/kms/keys/{a_key['id']}"
        assert viewer.get(url_a).status_code == 200
        enc = viewer.post(f"{url_a}/encrypt", json={"plaintext": b64(b"v")})
        assert_error(enc, 403, "PermissionDenied")  # Infisical's viewer only reads keys
        assert_error(viewer.patch(url_a, json={"description": "x"}), 403, "PermissionDenied")
        assert_error(viewer.delete(url_a), 403, "PermissionDenied")
        made = viewer.post("/api/v1/kms/keys", json={"projectId": pid, "name": "v"})
        assert_error(made, 403, "PermissionDenied")
    assert http.get(f"/api/v1/kms/keys/{b_key['id']}").json()["key"]["isDisabled"] is False
