"""One secret: edit its value, comment and tags, rename it, read its version history
(each version's value revealed on request), delete it."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from ...auth.permissions import WRITE_ROLES
from ...services import secret_history, secrets, tags
from .._deps import Ctx, Db, Me
from ..render import ConsoleRoute, page
from ._scope import folder_scope, folder_url

router = APIRouter(route_class=ConsoleRoute, include_in_schema=False)


@router.get("/projects/{project_id}/env/{env}/secret")
def secret_page(
    project_id: str,
    env: str,
    request: Request,
    session: Db,
    ctx: Ctx,
    me: Me,
    name: str,
    path: str = "/",
) -> Response:
    """The secret's form (the value stays masked until revealed) and its history."""
    scope = folder_scope(session, ctx, me, project_id, env, path)
    view = secrets.get_secret(session, scope, me.actor, name)
    context = {
        "user": me,
        "project": scope.project,
        "env": scope.env,
        "folder_path": scope.path,
        "folder_url": folder_url(scope),
        "base": f"/projects/{scope.project.id}/env/{scope.env.slug}",
        "secret": view,
        "secret_tags": {t["id"] for t in view.tags},
        "tags": tags.list_tags(session, scope.project),
        "versions": secret_history.secret_versions(session, scope, me.actor, view.key),
        "can_write": scope.role in WRITE_ROLES,
        "role": scope.role,
        "tab": "secrets",
    }
    return page(request, "secret.html", context)
