"""Local AES-256-GCM helpers, compatible with the legacy Infisical SDKs' symmetric crypto.

Format: a 32-byte key, a random 12-byte IV, no associated data; the 16-byte GCM tag is split off
the end of the ciphertext. Every value crosses the API as standard base64 (with padding).
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from infisical_kit.errors import InfisicalError

__all__ = [
    "DecryptionError",
    "EncryptedData",
    "create_symmetric_key",
    "decrypt_symmetric",
    "encrypt_symmetric",
]

_KEY_BYTES = 32
_IV_BYTES = 12
_TAG_BYTES = 16


class DecryptionError(InfisicalError):
    """The ciphertext, IV, tag or key is malformed, or authentication failed."""


@dataclass(frozen=True)
class EncryptedData:
    """Base64 ciphertext, IV and tag as produced by `encrypt_symmetric`."""

    ciphertext: str = field(repr=False)
    iv: str
    tag: str


def create_symmetric_key() -> str:
    """Return a fresh random 256-bit key as base64 (44 characters)."""
    return base64.b64encode(os.urandom(_KEY_BYTES)).decode("ascii")


def _decode(name: str, value: str, size: int | None = None) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DecryptionError(f"{name} is not valid base64") from exc
    if size is not None and len(raw) != size:
        raise DecryptionError(f"{name} must be {size} bytes, got {len(raw)}")
    return raw


def encrypt_symmetric(plaintext: str, key: str) -> EncryptedData:
    """Encrypt UTF-8 `plaintext` with the base64 `key`; return base64 ciphertext, IV and tag."""
    raw_key = _decode("key", key, _KEY_BYTES)
    iv = os.urandom(_IV_BYTES)
    sealed = AESGCM(raw_key).encrypt(iv, plaintext.encode("utf-8"), None)
    ciphertext, tag = sealed[:-_TAG_BYTES], sealed[-_TAG_BYTES:]
    return EncryptedData(
        ciphertext=base64.b64encode(ciphertext).decode("ascii"),
        iv=base64.b64encode(iv).decode("ascii"),
        tag=base64.b64encode(tag).decode("ascii"),
    )


def decrypt_symmetric(ciphertext: str, iv: str, tag: str, key: str) -> str:
    """Decrypt base64 `ciphertext`/`iv`/`tag` with the base64 `key`; return the UTF-8 text."""
    raw_key = _decode("key", key, _KEY_BYTES)
    raw_iv = _decode("iv", iv)
    raw_tag = _decode("tag", tag, _TAG_BYTES)
    raw_ct = _decode("ciphertext", ciphertext)
    try:
        plain = AESGCM(raw_key).decrypt(raw_iv, raw_ct + raw_tag, None)
    except InvalidTag as exc:
        raise DecryptionError("authentication failed (wrong key or tampered data)") from exc
    try:
        return plain.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecryptionError("plaintext is not valid UTF-8") from exc
