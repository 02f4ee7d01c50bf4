"""Shapes of a dynamic secret (inputs only where the caller may see them) and of a lease."""

from __future__ import annotations

from typing import Any

from ..schema import DynamicSecretLease
from ..services.dynamic_leases import NewLease
from ..services.dynamic_secrets import DynamicSecretView
from .common import iso, iso_or_none

#: A lease's ``status`` by state (Infisical's texts; an active or revoked lease has none).
LEASE_STATUS = {"revoking": "Revocation in process", "failed": "Failed to delete"}


def dynamic_secret_to_wire(view: DynamicSecretView, *, inputs: bool = False) -> dict[str, Any]:
    """The dynamic secret object; ``inputs`` adds the provider inputs (create, get, update)."""
    row = view.row
    body: dict[str, Any] = {
        "id": row.id,
        "name": row.name,
        "version": row.version,
        "type": row.type,
        "defaultTTL": row.default_ttl,
        "maxTTL": row.max_ttl,
        "folderId": row.folder_id,
        "status": row.status,
        "statusDetails": row.status_details,
        "usernameTemplate": row.username_template,
        "metadata": list(row.metadata_json or []),
        "projectId": row.project_id,
        "environment": view.env_slug,
        "secretPath": view.path,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
    }
    if inputs:
        body["inputs"] = view.inputs
    return body


def lease_to_wire(lease: DynamicSecretLease) -> dict[str, Any]:
    """The lease object (no credentials: those are in the create answer only)."""
    return {
        "id": lease.id,
        "version": lease.version,
        "externalEntityId": lease.external_entity_id,
        "expireAt": iso(lease.expire_at),
        "status": LEASE_STATUS.get(lease.state),
        "statusDetails": lease.status_details if lease.state == "failed" else None,
        "dynamicSecretId": lease.dynamic_secret_id,
        "config": lease.config,
        "nextRevokeAttemptAt": iso_or_none(lease.next_attempt_at)
        if lease.state == "failed"
        else None,
        "createdAt": iso(lease.created_at),
        "updatedAt": iso(lease.updated_at),
    }


def new_lease_to_wire(made: NewLease) -> dict[str, Any]:
    """``{lease, dynamicSecret, data}``: the answer to a lease create."""
    return {
        "lease": lease_to_wire(made.lease),
        "dynamicSecret": dynamic_secret_to_wire(made.secret),
        "data": made.data,
    }
