"""Server-side KMS (``/api/v1/kms/keys``): builders, checks and parsers; payloads are base64.

Older servers (Infisical 2024-10) have no route to get one key by id or by name: the namespace
lists the project's keys and selects (`select_key`; `key_not_found` when none matches).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import (
    HTTPResponse,
    parse_body,
    parse_list,
    read_body,
    unexpected,
)
from infisical_kit._core.validation import require
from infisical_kit._core.wire import given, segment
from infisical_kit.errors import NotFoundError
from infisical_kit.models import KmsKey

__all__ = [
    "KMS_KEYS",
    "MAX_NAME",
    "MAX_PLAINTEXT",
    "PAGE_SIZE",
    "b64",
    "check_key_change",
    "check_new_key",
    "check_plaintext",
    "create_key",
    "decrypt",
    "delete_key",
    "encrypt",
    "from_b64",
    "get_key",
    "get_key_by_name",
    "key_not_found",
    "list_keys",
    "parse_ciphertext",
    "parse_key_page",
    "parse_plaintext",
    "parse_signature",
    "parse_signature_valid",
    "select_key",
    "sign",
    "update_key",
    "verify",
]

KMS_KEYS = "/api/v1/kms/keys"
PAGE_SIZE = 100
MAX_NAME = 32
MAX_PLAINTEXT = 4096


def _key(key_id: str) -> str:
    return f"{KMS_KEYS}/{segment(key_id)}"


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


# -- checks ---------------------------------------------------------------------------------


def check_new_key(name: str, problems: list[str]) -> None:
    """A key name is a slug of 1 to 32 characters."""
    require(name, "name", problems)
    if isinstance(name, str) and len(name) > MAX_NAME:
        problems.append(f"name must be at most {MAX_NAME} characters long")


def check_key_change(
    key_id: str,
    name: str | None,
    description: str | None,
    is_disabled: bool | None,
    problems: list[str],
) -> None:
    """An id and at least one of name, description, is_disabled."""
    require(key_id, "key_id", problems)
    if name is None and description is None and is_disabled is None:
        problems.append("nothing to update: pass name, description or is_disabled")


def check_plaintext(plaintext: object, problems: list[str]) -> None:
    """Bytes or text of at most 4096 bytes (text counted as UTF-8)."""
    if not isinstance(plaintext, (bytes, bytearray, str)):
        problems.append("plaintext must be bytes or str")
    elif len(plaintext.encode() if isinstance(plaintext, str) else plaintext) > MAX_PLAINTEXT:
        problems.append(f"plaintext must be at most {MAX_PLAINTEXT} bytes")


# -- builders -------------------------------------------------------------------------------


def create_key(fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/kms/keys``."""
    return ApiRequest("POST", KMS_KEYS, json=given(fields))


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
    path = f"{KMS_KEYS}/key-name/{segment(name)}"
    return ApiRequest("GET", path, (("projectId", project_id),))


def update_key(key_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``PATCH /api/v1/kms/keys/{id}``: only the fields given are sent."""
    return ApiRequest("PATCH", _key(key_id), json=given(fields))


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


def select_key(
    keys: list[KmsKey], *, key_id: str | None = None, name: str | None = None
) -> KmsKey | None:
    """The key of `keys` with exactly `key_id` (or `name`), or None."""
    for key in keys:
        if (key_id is not None and key.id == key_id) or (name is not None and key.name == name):
            return key
    return None


def key_not_found(request: ApiRequest, project_id: str, what: str) -> NotFoundError:
    """The `NotFoundError` for a key (`what`: ``id X`` or ``name X``) that no listing of
    `project_id` held (`request`: the lookup that was emulated)."""
    return NotFoundError(
        404,
        f"KMS key with {what} not found in project {project_id}",
        "NotFound",
        method=request.method,
        path=request.path,
    )


# -- parsers --------------------------------------------------------------------------------


def parse_key_page(request: ApiRequest, response: HTTPResponse) -> tuple[list[KmsKey], int | None]:
    """One page of ``{keys, totalCount}``: the keys and the total (None if not an int)."""
    keys = parse_list(request, response, "keys", KmsKey)
    total = read_body(request, response, "keys").get("totalCount")
    return keys, total if isinstance(total, int) else None


def _field(
    request: ApiRequest, response: HTTPResponse, key: str, valid: Callable[[Any], bool], what: str
) -> Any:
    """``body[key]`` if `valid`; else `UnexpectedResponseError` saying it is not `what`."""
    value = parse_body(request, response, key)
    if not valid(value):
        raise unexpected(request, response, f"{key} is not {what}")
    return value


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def parse_ciphertext(request: ApiRequest, response: HTTPResponse) -> str:
    """``{ciphertext}``: the opaque ciphertext string."""
    return str(_field(request, response, "ciphertext", _is_str, "a string"))


def parse_signature(request: ApiRequest, response: HTTPResponse) -> str:
    """``{signature}``: the base64 signature."""
    return str(_field(request, response, "signature", _is_text, "a non-empty string"))


def parse_signature_valid(request: ApiRequest, response: HTTPResponse) -> bool:
    """``{signatureValid}``."""
    return bool(_field(request, response, "signatureValid", _is_bool, "a boolean"))


def parse_plaintext(request: ApiRequest, response: HTTPResponse) -> bytes:
    """``{plaintext}`` decoded from base64."""
    value = parse_body(request, response, "plaintext")
    try:
        if not isinstance(value, str):
            raise ValueError("plaintext")
        return from_b64(value)
    except ValueError:
        raise unexpected(request, response, "plaintext is not base64") from None
