"""Wire shapes: secrets and timestamps exactly as Infisical serialises them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..services.secrets import SecretView

HIDDEN_VALUE = "<hidden-by-infisical>"


def iso(dt: datetime) -> str:
    """``2023-11-07T05:31:56.000Z`` (naive datetimes are UTC)."""
    if dt.tzinfo is None:  # the stored case; isoformat is twice as fast as the f-string
        return dt.isoformat(timespec="milliseconds") + "Z"
    return f"{dt:%Y-%m-%dT%H:%M:%S}.{dt.microsecond // 1000:03d}Z"


def secret_to_wire(view: SecretView, *, hide_value: bool = False) -> dict[str, Any]:
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
        "secretValue": HIDDEN_VALUE if hide_value else view.value,
        "secretComment": view.comment,
        "secretPath": view.path,
        "secretValueHidden": hide_value,
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
