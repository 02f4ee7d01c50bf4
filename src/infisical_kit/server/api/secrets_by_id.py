"""``GET /api/v4/secrets/id/:secretId`` and ``GET /api/v3/secrets/raw/id/:secretId``.

The secret's project must be one the caller belongs to, and a personal secret must be the
caller's own; anything else is the same 404 as an unknown id (nothing leaks).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session

from ..actor import Actor
from ..crypto import unwrap_data_key
from ..errors import not_found
from ..schema import Environment, Folder, Project, Secret
from ..services import secrets as svc
from ..services.scope import Scope, membership_role
from ..state import ServerContext
from ._deps import Ctx, Db, Who
from .wire import secret_to_wire

router = APIRouter(tags=["secrets by id"])


def secret_by_id(
    session: Session, ctx: ServerContext, actor: Actor, secret_id: str
) -> svc.SecretView:
    """The current secret with ``secret_id`` as the caller may see it (404 otherwise)."""
    ref = secret_id.strip()
    missing = not_found(f"Secret with ID '{ref}' not found")
    row = session.get(Secret, ref) if ref else None
    if row is None:
        raise missing
    project = session.get(Project, row.project_id)
    env = session.get(Environment, row.env_id)
    folder = session.get(Folder, row.folder_id)
    role = membership_role(session, actor, row.project_id) if project is not None else None
    if project is None or env is None or folder is None or role is None:
        raise missing
    scope = Scope(
        project=project,
        env=env,
        folder=folder,
        role=role,
        data_key=unwrap_data_key(ctx.root_key, project.wrapped_data_key, project.id),
    )
    # Looked up as the caller: a personal secret of someone else resolves to another row.
    view = svc.find_secret(session, scope, actor, row.key, secret_type=row.type)
    if view is None or view.id != row.id:
        raise missing
    return view


def get_v4(secret_id: str, session: Db, ctx: Ctx, actor: Who) -> dict[str, Any]:
    """One secret by id, with its ``secretPath``: ``{secret}``."""
    return {"secret": secret_to_wire(secret_by_id(session, ctx, actor, secret_id))}


def get_v3(secret_id: str, session: Db, ctx: Ctx, actor: Who) -> dict[str, Any]:
    """One secret by id (v3 raw form), with its ``secretPath``: ``{secret}``."""
    return {"secret": secret_to_wire(secret_by_id(session, ctx, actor, secret_id))}


router.add_api_route(
    "/api/v4/secrets/id/{secret_id}", get_v4, methods=["GET"], summary="Get a secret by id"
)
router.add_api_route(
    "/api/v3/secrets/raw/id/{secret_id}", get_v3, methods=["GET"], summary="Get a secret by id (v3)"
)
