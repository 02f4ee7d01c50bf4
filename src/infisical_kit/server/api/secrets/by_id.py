"""``GET /api/v4/secrets/id/:secretId`` and ``GET /api/v3/secrets/raw/id/:secretId``.

The secret's project must be one the caller belongs to, and a personal secret must be the
caller's own; anything else is the same 404 as an unknown id (nothing leaks).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...services.secret_reads import secret_by_id
from ...wire.secrets import secret_to_wire
from .._deps import Ctx, Db, Who

router = APIRouter(tags=["secrets by id"])


def get_v4(secret_id: str, session: Db, ctx: Ctx, actor: Who) -> dict[str, Any]:
    """One secret by id, with its ``secretPath``: ``{secret}``."""
    return {"secret": secret_to_wire(secret_by_id(session, ctx.root_key, actor, secret_id))}


def get_v3(secret_id: str, session: Db, ctx: Ctx, actor: Who) -> dict[str, Any]:
    """One secret by id (v3 raw form), with its ``secretPath``: ``{secret}``."""
    return {"secret": secret_to_wire(secret_by_id(session, ctx.root_key, actor, secret_id))}


router.add_api_route(
    "/api/v4/secrets/id/{secret_id}", get_v4, methods=["GET"], summary="Get a secret by id"
)
router.add_api_route(
    "/api/v3/secrets/raw/id/{secret_id}", get_v3, methods=["GET"], summary="Get a secret by id (v3)"
)
