"""``/api/v4/secrets``: list, get, create, update, delete (and the batch routes)."""

from __future__ import annotations

from .routes import secrets_router

router = secrets_router(
    "/api/v4/secrets",
    "secrets v4",
    batch="/batch",
    base="",
    v3=False,
    list_doc="List the secrets of a folder: ``{secrets, imports}``.",
)
