"""Where a folder page or form points: project, environment and folder path."""

from __future__ import annotations

from ...params import normalize_path
from ...services.scope import Scope, ScopeRef, resolve_scope
from .._deps import Ctx, Db, Me
from ..render import link


def folder_scope(session: Db, ctx: Ctx, me: Me, project_id: str, env: str, path: str) -> Scope:
    """The folder at ``path`` of environment ``env`` as the user may see it (404 when the
    user is not a member of the project or the folder does not exist)."""
    ref = ScopeRef(project_id, None, env, normalize_path(path))
    return resolve_scope(session, me.actor, ctx.root_key, ref)


def folder_url(scope: Scope) -> str:
    """The console page of the scope's folder."""
    base = f"/projects/{scope.project.id}/env/{scope.env.slug}"
    return link(base, path=scope.path if scope.path != "/" else None)


def secret_url(scope: Scope, name: str) -> str:
    """The console page of the secret ``name`` in the scope's folder."""
    base = f"/projects/{scope.project.id}/env/{scope.env.slug}/secret"
    return link(base, path=scope.path, name=name)
