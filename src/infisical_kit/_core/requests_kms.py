"""Request builders for the server-side KMS (``/api/v1/kms/keys``); payloads are base64."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from infisical_kit._core.api import ApiRequest

__all__ = [
    "KMS_KEYS",
    "PAGE_SIZE",
    "b64",
    "create_key",
    "decrypt",
    "delete_key",
    "encrypt",
    "from_b64",
    "get_key",
    "get_key_by_name",
    "list_keys",
    "sign",
    "update_key",
    "verify",
]

KMS_KEYS = "/api/v1/kms/keys"
PAGE_SIZE = 100


def _key(key_id: str) -> str:
    return f"{KMS_KEYS}/{quote(key_id, safe='')}"


def b64(data: bytes | str) -> str:
    """Standard base64 of `data` (a string is encoded as UTF-8)."""
    raw = data.encode() if isinstance(data, str) else bytes(data)
    return base64.b64encode(raw).decode("ascii")


def from_b64(text: str) -> bytes:
    """Decode standard base64; raises ``ValueError`` when `text` is not base64."""
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not valid base64") from exc


def create_key(fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/kms/keys``."""
    return ApiRequest("POST", KMS_KEYS, json={k: v for k, v in fields.items() if v is not None})


def list_keys(
    project_id: str, *, offset: int = 0, limit: int = PAGE_SIZE, search: str | None = None
) -> ApiRequest:
    """``GET /api/v1/kms/keys`` (one page; ordered by name)."""
    params = [
        ("projectId", project_id),
        ("offset", str(offset)),
        ("limit", str(limit)),
        ("orderBy", "name"),
        ("orderDirection", "asc"),
    ]
    if search:
        params.append(("search", search))
    return ApiRequest("GET", KMS_KEYS, tuple(params))


def get_key(key_id: str) -> ApiRequest:
    """``GET /api/v1/kms/keys/{id}``."""
    return ApiRequest("GET", _key(key_id))


def get_key_by_name(project_id: str, name: str) -> ApiRequest:
    """``GET /api/v1/kms/keys/key-name/{name}?projectId=``."""
    path = f"{KMS_KEYS}/key-name/{quote(name, safe='')}"
    return ApiRequest("GET", path, (("projectId", project_id),))


def update_key(key_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``PATCH /api/v1/kms/keys/{id}``: only the fields given are sent."""
    body = {k: v for k, v in fields.items() if v is not None}
    return ApiRequest("PATCH", _key(key_id), json=body)


def delete_key(key_id: str) -> ApiRequest:
    """``DELETE /api/v1/kms/keys/{id}``."""
    return ApiRequest("DELETE", _key(key_id))


def encrypt(key_id: str, plaintext: bytes | str) -> ApiRequest:
    """``POST /api/v1/kms/keys/{id}/encrypt`` with the plaintext base64-encoded."""
    return ApiRequest("POST", f"{_key(key_id)}/encrypt", json={"plaintext": b64(plaintext)})


def decrypt(key_id: str, ciphertext: str) -> ApiRequest:
    """``POST /api/v1/kms/keys/{id}/decrypt``."""
    return ApiRequest("POST", f"{_key(key_id)}/decrypt", json={"ciphertext": ciphertext})


def sign(key_id: str, data: bytes | str, algorithm: str, *, is_digest: bool = False) -> ApiRequest:
    """``POST /api/v1/kms/keys/{id}/sign``."""
    body = {"data": b64(data), "signingAlgorithm": algorithm, "isDigest": is_digest}
    return ApiRequest("POST", f"{_key(key_id)}/sign", json=body)


def verify(
    key_id: str, data: bytes | str, signature: str, algorithm: str, *, is_digest: bool = False
) -> ApiRequest:
    """``POST /api/v1/kms/keys/{id}/verify``."""
    body = {
        "data": b64(data),
        "signature": signature,
        "signingAlgorithm": algorithm,
        "isDigest": is_digest,
    }
    return ApiRequest("POST", f"{_key(key_id)}/verify", json=body)
