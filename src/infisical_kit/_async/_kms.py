"""`client.kms`: server-side KMS keys, encrypt/decrypt and sign/verify (``/api/v1/kms/keys``)."""

from __future__ import annotations

import builtins

import httpx

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._async._routing import send
from infisical_kit._core import requests_kms as rq
from infisical_kit._core.api import ApiRequest
from infisical_kit._core.parsing import parse_body, parse_list, parse_object, read_body
from infisical_kit._core.requests_projects import require
from infisical_kit.errors import UnexpectedResponseError, ValidationError
from infisical_kit.models import KmsKey

__all__ = ["AsyncKMS"]

MAX_PLAINTEXT = 4096


def _check(problems: builtins.list[str]) -> None:
    if problems:
        raise ValidationError(problems)


class AsyncKMS(AsyncNamespace):
    """KMS keys of a project (`project_id` defaults to the client's) and crypto with them."""

    async def create(
        self,
        name: str,
        *,
        description: str | None = None,
        key_usage: str = "encrypt-decrypt",
        encryption_algorithm: str = "aes-256-gcm",
        project_id: str | None = None,
    ) -> KmsKey:
        """Create a key (`name`: a slug of 1 to 32 characters)."""
        problems: builtins.list[str] = []
        require(name, "name", problems)
        if isinstance(name, str) and len(name) > 32:
            problems.append("name must be at most 32 characters long")
        pid = self._project(project_id, problems)
        fields = {
            "projectId": pid,
            "name": name,
            "description": description,
            "keyUsage": key_usage,
            "encryptionAlgorithm": encryption_algorithm,
        }
        request, response = await send(self._client, rq.create_key(fields))
        return parse_object(request, response, "key", KmsKey)

    async def list(
        self, *, search: str | None = None, project_id: str | None = None
    ) -> builtins.list[KmsKey]:
        """Every key of the project (all pages), ordered by name."""
        pid = self._project(project_id, [])
        keys: builtins.list[KmsKey] = []
        while True:
            request = rq.list_keys(pid, offset=len(keys), search=search)
            request, response = await send(self._client, request)
            page = parse_list(request, response, "keys", KmsKey)
            keys.extend(page)
            total = read_body(request, response, "keys").get("totalCount")
            if not page or len(page) < rq.PAGE_SIZE or not isinstance(total, int):
                return keys
            if len(keys) >= total:
                return keys

    async def get(self, key_id: str) -> KmsKey:
        """One key by id; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        _check(problems)
        request, response = await send(self._client, rq.get_key(key_id))
        return parse_object(request, response, "key", KmsKey)

    async def get_by_name(self, name: str, *, project_id: str | None = None) -> KmsKey:
        """One key by name in the project; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        require(name, "name", problems)
        pid = self._project(project_id, problems)
        request, response = await send(self._client, rq.get_key_by_name(pid, name))
        return parse_object(request, response, "key", KmsKey)

    async def update(
        self,
        key_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        is_disabled: bool | None = None,
    ) -> KmsKey:
        """Rename, re-describe, disable or enable a key (only the fields given)."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        if name is None and description is None and is_disabled is None:
            problems.append("nothing to update: pass name, description or is_disabled")
        _check(problems)
        fields = {"name": name, "description": description, "isDisabled": is_disabled}
        request, response = await send(self._client, rq.update_key(key_id, fields))
        return parse_object(request, response, "key", KmsKey)

    async def delete(self, key_id: str) -> KmsKey:
        """Delete a key; what it encrypted can no longer be decrypted."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        _check(problems)
        request, response = await send(self._client, rq.delete_key(key_id))
        return parse_object(request, response, "key", KmsKey)

    async def encrypt(self, key_id: str, plaintext: bytes | str) -> str:
        """Encrypt up to 4096 bytes (a string as UTF-8); returns the opaque ciphertext."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        if not isinstance(plaintext, (bytes, bytearray, str)):
            problems.append("plaintext must be bytes or str")
        elif len(plaintext.encode() if isinstance(plaintext, str) else plaintext) > MAX_PLAINTEXT:
            problems.append(f"plaintext must be at most {MAX_PLAINTEXT} bytes")
        _check(problems)
        request, response = await send(self._client, rq.encrypt(key_id, plaintext))
        ciphertext = parse_body(request, response, "ciphertext")
        if not isinstance(ciphertext, str):
            raise UnexpectedResponseError(
                "ciphertext is not a string",
                method=request.method,
                path=request.path,
                status_code=response.status_code,
            )
        return ciphertext

    async def decrypt(self, key_id: str, ciphertext: str) -> bytes:
        """Decrypt what `encrypt` returned; returns the plaintext bytes."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        require(ciphertext, "ciphertext", problems)
        _check(problems)
        request, response = await send(self._client, rq.decrypt(key_id, ciphertext))
        return self._bytes(request, response, "plaintext")

    async def sign(
        self, key_id: str, data: bytes | str, *, algorithm: str, is_digest: bool = False
    ) -> str:
        """Sign `data` with a sign-verify key; returns the base64 signature."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        require(algorithm, "algorithm", problems)
        _check(problems)
        request = rq.sign(key_id, data, algorithm, is_digest=is_digest)
        request, response = await send(self._client, request)
        signature = parse_body(request, response, "signature")
        if not isinstance(signature, str) or not signature:
            raise UnexpectedResponseError(
                "signature is not a non-empty string",
                method=request.method,
                path=request.path,
                status_code=response.status_code,
            )
        return signature

    async def verify(
        self,
        key_id: str,
        data: bytes | str,
        signature: str,
        *,
        algorithm: str,
        is_digest: bool = False,
    ) -> bool:
        """True if `signature` is valid for `data` under the key."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        require(signature, "signature", problems)
        require(algorithm, "algorithm", problems)
        _check(problems)
        request = rq.verify(key_id, data, signature, algorithm, is_digest=is_digest)
        request, response = await send(self._client, request)
        valid = parse_body(request, response, "signatureValid")
        if not isinstance(valid, bool):
            raise UnexpectedResponseError(
                "signatureValid is not a boolean",
                method=request.method,
                path=request.path,
                status_code=response.status_code,
            )
        return valid

    @staticmethod
    def _bytes(request: ApiRequest, response: httpx.Response, key: str) -> bytes:
        value = parse_body(request, response, key)
        try:
            if not isinstance(value, str):
                raise ValueError(key)
            return rq.from_b64(value)
        except ValueError:
            raise UnexpectedResponseError(
                f"{key} is not base64",
                method=request.method,
                path=request.path,
                status_code=response.status_code,
            ) from None
