"""``GET /api/status``: health check (no auth)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter

from ..wire.common import iso

router = APIRouter(tags=["status"])

STATUS_PATH = "/api/status"


@router.get(STATUS_PATH)
async def status() -> dict[str, Any]:
    """Liveness and a few capability flags, shaped like Infisical's.

    On the event loop (no I/O): it answers even while every worker thread is busy, e.g.
    with logins waiting for the hashing gate. The fast lane (`fast_lane.py`) answers it
    before routing; this route documents it and serves a request with a body.
    """
    return {
        "date": iso(datetime.now(timezone.utc)),
        "message": "Ok",
        "emailConfigured": False,
        "inviteOnlySignup": False,
        "redisConfigured": False,
        "secretScanningConfigured": False,
    }
