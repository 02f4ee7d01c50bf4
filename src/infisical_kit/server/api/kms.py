"""``/api/v1/kms``: project KMS keys, encrypt/decrypt, sign/verify, public keys."""

from __future__ import annotations

import base64
import binascii
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from ..errors import ApiError
from ..openapi import json_body, query_params
from ..params import MAX_INT, Bool, OptBool, Params, parse
from ..services import kms as svc
from ..services.scope import member_project
from ..wire.kms import key_to_wire
from ._deps import Ctx, Db, Raw, Who

router = APIRouter(prefix="/api/v1/kms", tags=["kms"])


KEY_NAME = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_PLAINTEXT = 4096
Algorithm = Literal["aes-256-gcm", "aes-128-gcm", "RSA_4096", "ECC_NIST_P256"]


class CreateKey(Params):
    """Body of a key create."""

    projectId: str = Field(min_length=1)
    name: str = Field(min_length=1, max_length=32, pattern=KEY_NAME)
    description: str | None = Field(default=None, max_length=500)
    keyUsage: Literal["encrypt-decrypt", "sign-verify"] = "encrypt-decrypt"
    encryptionAlgorithm: Algorithm = "aes-256-gcm"


class UpdateKey(Params):
    """Body of a key update; absent (or null) fields stay unchanged."""

    name: str | None = Field(default=None, min_length=1, max_length=32, pattern=KEY_NAME)
    isDisabled: OptBool = None
    description: str | None = Field(default=None, max_length=500)


class ListKeys(Params):
    """Query of the key list."""

    projectId: str = Field(min_length=1)
    offset: int = Field(default=0, ge=0, le=MAX_INT)
    limit: int = Field(default=100, ge=1, le=100)
    orderBy: Literal["name"] = "name"
    orderDirection: Literal["asc", "desc"] = "asc"
    search: str | None = None


class ByName(Params):
    """Query of the get-by-name call."""

    projectId: str = Field(min_length=1)


class Encrypt(Params):
    """Body of an encrypt call (``plaintext`` is base64)."""

    plaintext: str


class Decrypt(Params):
    """Body of a decrypt call (``ciphertext`` is base64)."""

    ciphertext: str = Field(min_length=1)


class Sign(Params):
    """Body of a sign call (``data`` is base64)."""

    signingAlgorithm: str = Field(min_length=1)
    data: str
    isDigest: Bool = False


class Verify(Sign):
    """Body of a verify call (``signature`` is base64)."""

    signature: str = Field(min_length=1)


def _b64(field: str, value: str) -> bytes:
    """Strict standard base64, or 422 ``<field> must be base64 encoded``."""
    try:
        return base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        issue = {"code": "custom", "path": [field], "message": f"{field} must be base64 encoded"}
        raise ApiError(422, [issue], "ValidationFailure") from None


def _enc(data: bytes) -> str:
    return base64.b64encode(data).decode()


@router.post("/keys", openapi_extra=json_body(CreateKey))
def create_key(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a key: ``{key}``."""
    p = parse(CreateKey, raw)
    access = member_project(session, actor, p.projectId)
    key = svc.create_key(
        session,
        ctx.root_key,
        access,
        name=p.name,
        description=p.description,
        key_usage=p.keyUsage,
        algorithm=p.encryptionAlgorithm,
    )
    return {"key": key_to_wire(key)}


@router.get("/keys", openapi_extra=query_params(ListKeys))
def list_keys(session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """A page of the project's keys: ``{keys, totalCount}``."""
    p = parse(ListKeys, raw)
    project = member_project(session, actor, p.projectId).project
    keys, total = svc.list_keys(
        session,
        project,
        offset=p.offset,
        limit=p.limit,
        descending=p.orderDirection == "desc",
        search=p.search.strip() if p.search else None,
    )
    return {"keys": [key_to_wire(k) for k in keys], "totalCount": total}


@router.get("/keys/key-name/{key_name}", openapi_extra=query_params(ByName))
def get_key_by_name(key_name: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """The key called ``key_name`` in ``projectId``: ``{key}``."""
    p = parse(ByName, raw)
    project = member_project(session, actor, p.projectId).project
    return {"key": key_to_wire(svc.key_by_name(session, project, key_name))}


@router.get("/keys/{key_id}")
def get_key(key_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One key: ``{key}``."""
    return {"key": key_to_wire(svc.member_key(session, actor, key_id).key)}


@router.patch("/keys/{key_id}", openapi_extra=json_body(UpdateKey))
def update_key(key_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Rename, disable/enable or re-describe a key: ``{key}``."""
    access = svc.member_key(session, actor, key_id)
    p = parse(UpdateKey, raw)
    key = svc.update_key(
        session, access, name=p.name, is_disabled=p.isDisabled, description=p.description
    )
    return {"key": key_to_wire(key)}


@router.delete("/keys/{key_id}")
def delete_key(key_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Delete a key: ``{key}``."""
    access = svc.member_key(session, actor, key_id)
    return {"key": key_to_wire(svc.delete_key(session, access))}


@router.post("/keys/{key_id}/encrypt", openapi_extra=json_body(Encrypt))
def encrypt(key_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Encrypt base64 ``plaintext`` (≤ 4096 bytes): ``{ciphertext}``."""
    access = svc.operator_key(session, actor, key_id, "encrypt")
    plaintext = _b64("plaintext", parse(Encrypt, raw).plaintext)
    if len(plaintext) > MAX_PLAINTEXT:
        issue = {
            "code": "too_big",
            "path": ["plaintext"],
            "message": f"plaintext must be at most {MAX_PLAINTEXT} bytes once decoded",
        }
        raise ApiError(422, [issue], "ValidationFailure")
    return {"ciphertext": _enc(svc.encrypt(ctx.root_key, access, plaintext))}


@router.post("/keys/{key_id}/decrypt", openapi_extra=json_body(Decrypt))
def decrypt(key_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Decrypt a ``ciphertext`` made by this key: ``{plaintext}`` (base64)."""
    access = svc.operator_key(session, actor, key_id, "decrypt")
    blob = _b64("ciphertext", parse(Decrypt, raw).ciphertext)
    return {"plaintext": _enc(svc.decrypt(ctx.root_key, access, blob))}


@router.post("/keys/{key_id}/sign", openapi_extra=json_body(Sign))
def sign(key_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Sign base64 ``data``: ``{signature, keyId, signingAlgorithm}``."""
    access = svc.operator_key(session, actor, key_id, "sign")
    p = parse(Sign, raw)
    data = _b64("data", p.data)
    signature, algorithm = svc.sign(ctx.root_key, access, p.signingAlgorithm, data, p.isDigest)
    return {"signature": _enc(signature), "keyId": access.key.id, "signingAlgorithm": algorithm}


@router.post("/keys/{key_id}/verify", openapi_extra=json_body(Verify))
def verify(key_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Check a signature: ``{signatureValid, keyId, signingAlgorithm}``."""
    access = svc.operator_key(session, actor, key_id, "verify")
    p = parse(Verify, raw)
    data, signature = _b64("data", p.data), _b64("signature", p.signature)
    valid, algorithm = svc.verify(
        ctx.root_key, access, p.signingAlgorithm, data, signature, p.isDigest
    )
    return {"signatureValid": valid, "keyId": access.key.id, "signingAlgorithm": algorithm}


@router.get("/keys/{key_id}/public-key")
def public_key(key_id: str, session: Db, ctx: Ctx, actor: Who) -> dict[str, Any]:
    """The DER SubjectPublicKeyInfo (base64) of a sign-verify key: ``{publicKey}``."""
    access = svc.member_key(session, actor, key_id)
    return {"publicKey": _enc(svc.public_key(ctx.root_key, access))}


@router.get("/keys/{key_id}/signing-algorithms")
def signing_algorithms(key_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The signing algorithms a sign-verify key supports: ``{signingAlgorithms}``."""
    access = svc.member_key(session, actor, key_id)
    return {"signingAlgorithms": svc.signing_algorithms(access)}
