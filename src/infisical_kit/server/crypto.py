"""AES-256-GCM at rest: the root key wraps per-project data keys, data keys seal values.

A sealed blob is ``nonce (12 bytes) || ciphertext || tag (16 bytes)``. Every blob is bound to
its purpose with associated data, so a ciphertext copied to another row or project fails.
"""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_SIZE = 12


class DecryptionError(Exception):
    """A blob failed authentication (wrong key, wrong context, or tampering)."""


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt ``plaintext`` under ``key`` bound to ``aad``; returns nonce||ct||tag."""
    nonce = secrets.token_bytes(NONCE_SIZE)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Decrypt a blob made by :func:`seal` with the same ``aad``."""
    try:
        return AESGCM(key).decrypt(blob[:NONCE_SIZE], blob[NONCE_SIZE:], aad)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("ciphertext failed authentication") from exc


def new_data_key() -> bytes:
    """A fresh random 256-bit data key."""
    return AESGCM.generate_key(bit_length=256)


def wrap_data_key(root_key: bytes, data_key: bytes, project_id: str) -> bytes:
    """Seal a project's data key under the root key."""
    return seal(root_key, data_key, b"infisical-kit:project-data-key:" + project_id.encode())


def unwrap_data_key(root_key: bytes, wrapped: bytes, project_id: str) -> bytes:
    """Open a project's data key."""
    return unseal(root_key, wrapped, b"infisical-kit:project-data-key:" + project_id.encode())


def field_aad(project_id: str, column: str) -> bytes:
    """The associated data that binds a secret column's ciphertext to its project."""
    return f"infisical-kit:secret:{project_id}:{column}".encode()


def encrypt_text(data_key: bytes, project_id: str, column: str, text: str) -> bytes:
    """Encrypt a secret value or comment for ``project_id``."""
    return seal(data_key, text.encode(), field_aad(project_id, column))


def decrypt_text(data_key: bytes, project_id: str, column: str, blob: bytes) -> str:
    """Decrypt a secret value or comment sealed by :func:`encrypt_text`."""
    return unseal(data_key, blob, field_aad(project_id, column)).decode()


def seal_server_value(root_key: bytes, name: str, text: str) -> bytes:
    """Encrypt a server-wide setting (JWT secret, bootstrap record) under the root key."""
    return seal(root_key, text.encode(), b"infisical-kit:server-setting:" + name.encode())


def unseal_server_value(root_key: bytes, name: str, blob: bytes) -> str:
    """Decrypt a server-wide setting sealed by :func:`seal_server_value`."""
    return unseal(root_key, blob, b"infisical-kit:server-setting:" + name.encode()).decode()
