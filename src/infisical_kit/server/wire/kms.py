"""Shape of a KMS key (never its material)."""

from __future__ import annotations

from typing import Any

from ..schema import KmsKey
from .common import iso


def key_to_wire(key: KmsKey) -> dict[str, Any]:
    """The key object (never its material)."""
    return {
        "id": key.id,
        "description": key.description,
        "isDisabled": key.is_disabled,
        "orgId": key.org_id,
        "name": key.name,
        "createdAt": iso(key.created_at),
        "updatedAt": iso(key.updated_at),
        "projectId": key.project_id,
        "keyUsage": key.key_usage,
        "version": key.version,
        "encryptionAlgorithm": key.algorithm,
    }
