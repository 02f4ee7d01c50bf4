"""``/api/v3/secrets/raw`` and ``/api/v3/secrets/batch/raw``: the deprecated raw secrets
routes (same services as v4)."""

from __future__ import annotations

from .routes import secrets_router

router = secrets_router(
    "/api/v3/secrets",
    "secrets v3 (raw)",
    batch="/batch/raw",
    base="/raw",
    v3=True,
    list_doc="List the secrets of a folder (shared and the caller's personal): "
    "``{secrets, imports}``.",
)
