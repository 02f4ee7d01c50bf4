"""``GET /api/status``: health check (no auth)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter

from ..wire.common import iso

router = APIRouter(tags=["status"])

STATUS_PATH = "/api/status"


@router.get(STATUS_PATH)
def status() -> dict[str, Any]:
    """Liveness and a few capability flags, shaped like Infisical's."""
    return {
        "date": iso(datetime.now(timezone.utc)),
        "message": "Ok",
        "emailConfigured": False,
        "inviteOnlySignup": False,
        "redisConfigured": False,
        "secretScanningConfigured": False,
    }
