"""``client.kms`` of ``infisicalsdk`` on infisical-kit's KMS API."""

from __future__ import annotations

import base64
import binascii

from infisical_kit.compat.infisicalsdk import _convert
from infisical_kit.compat.infisicalsdk import api_types as t
from infisical_kit.compat.infisicalsdk._session import Session
from infisical_kit.errors import ValidationError

__all__ = ["KMS"]


class KMS:
    """KMS keys of a project, and encryption and decryption with them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __repr__(self) -> str:
        return "KMS()"

    def list_keys(
        self,
        project_id: str,
        offset: int = 0,
        limit: int = 100,
        order_by: t.KmsKeysOrderBy = t.KmsKeysOrderBy.NAME,
        order_direction: t.OrderDirection = t.OrderDirection.ASC,
        search: str | None = None,
    ) -> t.ListKmsKeysResponse:
        """One page of the project's keys (ordered by name) and how many there are in all."""
        keys = self._session.client.kms.list(search=search, project_id=project_id)
        ordered = sorted(keys, key=lambda k: k.name, reverse=order_direction == "desc")
        page = ordered[offset : offset + limit]
        return t.ListKmsKeysResponse(
            keys=[_convert.kms_key(k) for k in page], totalCount=len(ordered)
        )

    def get_key_by_id(self, key_id: str) -> t.KmsKey:
        """One key by id."""
        return _convert.kms_key(self._session.client.kms.get(key_id))

    def get_key_by_name(self, key_name: str, project_id: str) -> t.KmsKey:
        """One key by name."""
        return _convert.kms_key(
            self._session.client.kms.get_by_name(key_name, project_id=project_id)
        )

    def create_key(
        self,
        name: str,
        project_id: str,
        encryption_algorithm: t.SymmetricEncryption,
        description: str | None = None,
    ) -> t.KmsKey:
        """Create an encrypt/decrypt key."""
        created = self._session.client.kms.create(
            name,
            description=description,
            encryption_algorithm=t.SymmetricEncryption(encryption_algorithm).value,
            project_id=project_id,
        )
        return _convert.kms_key(created)

    def update_key(
        self,
        key_id: str,
        name: str | None = None,
        is_disabled: bool | None = None,
        description: str | None = None,
    ) -> t.KmsKey:
        """Rename, re-describe, disable or enable a key."""
        updated = self._session.client.kms.update(
            key_id, name=name, description=description, is_disabled=is_disabled
        )
        return _convert.kms_key(updated)

    def delete_key(self, key_id: str) -> t.KmsKey:
        """Delete a key."""
        return _convert.kms_key(self._session.client.kms.delete(key_id))

    def encrypt_data(self, key_id: str, base64EncodedPlaintext: str) -> str:
        """Encrypt base64-encoded plaintext; returns the ciphertext."""
        try:
            plaintext = base64.b64decode(base64EncodedPlaintext, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(["base64EncodedPlaintext must be base64"]) from exc
        return self._session.client.kms.encrypt(key_id, plaintext)

    def decrypt_data(self, key_id: str, ciphertext: str) -> str:
        """Decrypt `ciphertext`; returns the plaintext, base64-encoded."""
        plaintext = self._session.client.kms.decrypt(key_id, ciphertext)
        return base64.b64encode(plaintext).decode("ascii")
