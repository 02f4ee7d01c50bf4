"""The fixed sets of values some parameters take, as `Literal` types.

A type checker rejects ``type="shard"`` before anything runs. At run time the secret type and
the batch mode are still checked (the tuples below, made from the same types; a
`ValidationError` names the value); a KMS value the server does not know gets its 400. The
types are exported from `infisical_kit` for annotations::

    from infisical_kit import SecretType

    def read(client: Client, name: str, kind: SecretType = "shared") -> str:
        return client.secrets.get(name, type=kind).value
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "BATCH_MODES",
    "EXPORT_FORMATS",
    "SECRET_TYPES",
    "BatchMode",
    "ExportFormat",
    "KmsEncryptionAlgorithm",
    "KmsKeyUsage",
    "KmsSigningAlgorithm",
    "SecretType",
]

SecretType = Literal["shared", "personal"]
"""A secret's type: the value everyone sees, or one user's own override of it."""
BatchMode = Literal["failOnNotFound", "upsert", "ignore"]
"""What a batch update does with a key that does not exist."""
KmsKeyUsage = Literal["encrypt-decrypt", "sign-verify"]
"""What a KMS key is for."""
KmsEncryptionAlgorithm = Literal["aes-256-gcm", "aes-128-gcm", "RSA_4096", "ECC_NIST_P256"]
"""A KMS key's algorithm: AES-GCM for encrypt-decrypt keys, RSA or ECC for sign-verify keys."""
KmsSigningAlgorithm = Literal[
    "RSASSA_PSS_SHA_256",
    "RSASSA_PSS_SHA_384",
    "RSASSA_PSS_SHA_512",
    "RSASSA_PKCS1_V1_5_SHA_256",
    "RSASSA_PKCS1_V1_5_SHA_384",
    "RSASSA_PKCS1_V1_5_SHA_512",
    "ECDSA_SHA_256",
    "ECDSA_SHA_384",
    "ECDSA_SHA_512",
]
"""A signing algorithm of a sign-verify key (RSA_4096: RSASSA_*; ECC_NIST_P256: ECDSA_*)."""
ExportFormat = Literal["dotenv", "json", "yaml", "shell"]
"""A format of ``infisical-kit export`` (`infisical_kit.cli.formats.render`)."""

SECRET_TYPES: tuple[SecretType, ...] = get_args(SecretType)
BATCH_MODES: tuple[BatchMode, ...] = get_args(BatchMode)
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
