"""`client.kms`: server-side KMS keys, encrypt/decrypt and sign/verify (``/api/v1/kms/keys``).

`get` and `get_by_name` list the project's keys and select on a server without those routes.
"""

from __future__ import annotations

import builtins

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._core import kms as rq
from infisical_kit._core.kinds import KmsEncryptionAlgorithm, KmsKeyUsage, KmsSigningAlgorithm
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import is_route_not_found, parse_object
from infisical_kit._core.validation import raise_problems, require
from infisical_kit.models import KmsKey

__all__ = ["AsyncKMS"]


class AsyncKMS(AsyncNamespace):
    """KMS keys of a project (`project_id` defaults to the client's) and crypto with them."""

    async def create(
        self,
        name: str,
        *,
        description: str | None = None,
        key_usage: KmsKeyUsage = "encrypt-decrypt",
        encryption_algorithm: KmsEncryptionAlgorithm = "aes-256-gcm",
        project_id: str | None = None,
    ) -> KmsKey:
        """Create a key (`name`: a slug of 1 to 32 characters): an AES-GCM key to encrypt and
        decrypt, or with ``key_usage="sign-verify"`` an ``RSA_4096`` or ``ECC_NIST_P256`` key
        to sign and verify."""
        problems: builtins.list[str] = []
        rq.check_new_key(name, problems)
        pid = self._project(project_id, problems)
        fields = {
            "projectId": pid,
            "name": name,
            "description": description,
            "keyUsage": key_usage,
            "encryptionAlgorithm": encryption_algorithm,
        }
        request, response = await self._requester.send(rq.create_key(fields))
        return parse_object(request, response, "key", KmsKey)

    async def list(
        self, *, search: str | None = None, project_id: str | None = None
    ) -> builtins.list[KmsKey]:
        """Every key of the project (all pages), ordered by name."""
        pid = self._project(project_id, [])
        keys: builtins.list[KmsKey] = []
        while True:
            request = rq.list_keys(pid, offset=len(keys), search=search)
            request, response = await self._requester.send(request)
            page, total = rq.parse_key_page(request, response)
            keys.extend(page)
            if not page or len(page) < rq.PAGE_SIZE or total is None:
                return keys
            if len(keys) >= total:
                return keys

    async def get(self, key_id: str, *, project_id: str | None = None) -> KmsKey:
        """One key by id; raises `NotFoundError`.

        `project_id` (default: the client's) is used only by a server without this route,
        where the project's keys are listed and the one with `key_id` is selected.
        """
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        raise_problems(problems)
        request = rq.get_key(key_id)
        if not self._requester.lacks(request):
            sent, response = await self._requester.send(request)
            if not is_route_not_found(response):
                return parse_object(sent, response, "key", KmsKey)
        pid = self._project(project_id, [])
        found = rq.select_key(await self.list(project_id=pid), key_id=key_id)
        if found is None:
            raise rq.key_not_found(request, pid, f"id {key_id}")
        return found

    async def get_by_name(self, name: str, *, project_id: str | None = None) -> KmsKey:
        """One key by name in the project; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        require(name, "name", problems)
        pid = self._project(project_id, problems)
        request: ApiRequest = rq.get_key_by_name(pid, name)
        if not self._requester.lacks(request):
            sent, response = await self._requester.send(request)
            if not is_route_not_found(response):
                return parse_object(sent, response, "key", KmsKey)
        found = rq.select_key(await self.list(search=name, project_id=pid), name=name)
        if found is None:
            raise rq.key_not_found(request, pid, f"name {name!r}")
        return found

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
        rq.check_key_change(key_id, name, description, is_disabled, problems)
        raise_problems(problems)
        fields = {"name": name, "description": description, "isDisabled": is_disabled}
        request, response = await self._requester.send(rq.update_key(key_id, fields))
        return parse_object(request, response, "key", KmsKey)

    async def delete(self, key_id: str) -> KmsKey:
        """Delete a key; what it encrypted can no longer be decrypted."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        raise_problems(problems)
        request, response = await self._requester.send(rq.delete_key(key_id))
        return parse_object(request, response, "key", KmsKey)

    async def encrypt(self, key_id: str, plaintext: bytes | str) -> str:
        """Encrypt up to 4096 bytes (a string as UTF-8); returns the opaque ciphertext."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        rq.check_plaintext(plaintext, problems)
        raise_problems(problems)
        request, response = await self._requester.send(rq.encrypt(key_id, plaintext))
        return rq.parse_ciphertext(request, response)

    async def decrypt(self, key_id: str, ciphertext: str) -> bytes:
        """Decrypt what `encrypt` returned; returns the plaintext bytes."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        require(ciphertext, "ciphertext", problems)
        raise_problems(problems)
        request, response = await self._requester.send(rq.decrypt(key_id, ciphertext))
        return rq.parse_plaintext(request, response)

    async def sign(
        self,
        key_id: str,
        data: bytes | str,
        *,
        algorithm: KmsSigningAlgorithm,
        is_digest: bool = False,
    ) -> str:
        """Sign `data` with a sign-verify key; returns the base64 signature."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        require(algorithm, "algorithm", problems)
        raise_problems(problems)
        request = rq.sign(key_id, data, algorithm, is_digest=is_digest)
        request, response = await self._requester.send(request)
        return rq.parse_signature(request, response)

    async def verify(
        self,
        key_id: str,
        data: bytes | str,
        signature: str,
        *,
        algorithm: KmsSigningAlgorithm,
        is_digest: bool = False,
    ) -> bool:
        """True if `signature` is valid for `data` under the key."""
        problems: builtins.list[str] = []
        require(key_id, "key_id", problems)
        require(signature, "signature", problems)
        require(algorithm, "algorithm", problems)
        raise_problems(problems)
        request = rq.verify(key_id, data, signature, algorithm, is_digest=is_digest)
        request, response = await self._requester.send(request)
        return rq.parse_signature_valid(request, response)
