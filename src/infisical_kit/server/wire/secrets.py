"""Shapes of secrets, secret lists and the secrets that imports bring in."""

from __future__ import annotations

from typing import Any

from ..services.secret_reads import ImportedSecrets, SecretListing
from ..services.secret_views import SecretView
from .common import HIDDEN_VALUE, iso


def secret_to_wire(view: SecretView) -> dict[str, Any]:
    """The secret object of v3 raw and v4 responses (both ``id`` and ``_id``)."""
    return {
        "id": view.id,
        "_id": view.id,
        "workspace": view.project_id,
        "projectId": view.project_id,
        "environment": view.environment,
        "version": view.version,
        "type": view.type,
        "secretKey": view.key,
        "secretValue": HIDDEN_VALUE if view.value_hidden else view.value,
        "secretComment": view.comment,
        "secretPath": view.path,
        "secretValueHidden": view.value_hidden,
        "secretReminderNote": view.reminder_note,
        "secretReminderRepeatDays": view.reminder_repeat_days,
        "secretReminderRecipients": [],
        "skipMultilineEncoding": view.skip_multiline_encoding,
        "metadata": view.metadata,
        "secretMetadata": view.secret_metadata,
        "tags": view.tags,
        "user": view.user_id,
        "isRotatedSecret": False,
        "rotationId": None,
        "createdAt": iso(view.created_at),
        "updatedAt": iso(view.updated_at),
    }


def _imported_secret(view: SecretView) -> dict[str, Any]:
    item = secret_to_wire(view)
    del item["createdAt"], item["updatedAt"]
    return item


def listing_to_wire(listing: SecretListing) -> dict[str, Any]:
    """A list answer: ``{secrets, imports}`` (an import group's secrets carry no timestamps)."""
    return {
        "secrets": [secret_to_wire(v) for v in listing.secrets],
        "imports": [
            {
                "secretPath": group.row.import_path,
                "environment": group.env.slug,
                "folderId": group.folder_id,
                "secrets": [_imported_secret(v) for v in group.secrets],
            }
            for group in listing.imports
        ],
    }


def imported_secrets_to_wire(group: ImportedSecrets) -> dict[str, Any]:
    """One group of ``GET /api/v2/secret-imports/secrets``."""
    env = group.env
    return {
        "secretPath": group.row.import_path,
        "environment": env.slug,
        "environmentInfo": {"id": env.id, "name": env.name, "slug": env.slug},
        "folderId": group.folder_id,
        "secrets": [secret_to_wire(v) for v in group.secrets],
    }
