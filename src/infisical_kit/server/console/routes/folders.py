"""A folder of an environment: its subfolders, secrets (values masked; revealed one at a
time by a POST) and imports, and the forms that change them."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from ...auth.permissions import WRITE_ROLES
from ...params import normalize_path
from ...services import folders, imports, projects, secret_reads, secrets
from ...services.secret_views import ReadOptions
from .._deps import Ctx, Db, Form, Me
from ..render import ConsoleRoute, done, page, secure
from ._scope import folder_scope, folder_url, secret_url

router = APIRouter(route_class=ConsoleRoute, include_in_schema=False)

BASE = "/projects/{project_id}/env/{env}"
MASKED = ReadOptions(view_values=False)


def _crumbs(path: str) -> list[tuple[str, str]]:
    """``[(name, path)]`` from the root to ``path``."""
    out = [("/", "/")]
    parts = [p for p in path.split("/") if p]
    for i, name in enumerate(parts):
        out.append((name, "/" + "/".join(parts[: i + 1])))
    return out


@router.get(BASE)
def folder_page(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, path: str = "/"
) -> Response:
    """The folder: tree, subfolders, the secrets table (masked) and the imports."""
    scope = folder_scope(session, ctx, me, project_id, env, path)
    root = folder_scope(session, ctx, me, project_id, env, "/") if scope.path != "/" else scope
    tree = folders.list_folders(session, root, recursive=True, modified_since=None)
    children = folders.list_folders(session, scope, recursive=False, modified_since=None)
    listing = secret_reads.list_folder_secrets(
        session, scope, me.actor, secret_reads.ListQuery(), MASKED
    )
    context = {
        "user": me,
        "project": scope.project,
        "env": scope.env,
        "environments": projects.project_environments(session, scope.project.id),
        "folder_path": scope.path,
        "crumbs": _crumbs(scope.path),
        "tree": [f for f, _ in tree],
        "children": [f for f, _ in children],
        "secrets": listing.secrets,
        "imports": imports.list_imports(session, scope),
        "can_write": scope.role in WRITE_ROLES,
        "role": scope.role,
        "tab": "secrets",
        "base": f"/projects/{scope.project.id}/env/{scope.env.slug}",
    }
    return page(request, "folder.html", context)


@router.post(BASE + "/reveal")
def reveal(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, form: Form
) -> Response:
    """One secret's value (optionally an old version) as JSON, for the reveal and copy
    buttons: POSTed with the CSRF token, never put in a URL or a page."""
    scope = folder_scope(session, ctx, me, project_id, env, form.get("path", "/"))
    version = form.number("version") or None
    view = secret_reads.read_secret(session, scope, me.actor, form.get("name"), version=version)
    return secure(JSONResponse({"value": view.value}))


@router.post(BASE + "/secrets")
def create_secret(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, form: Form
) -> Response:
    """Create a secret in the folder."""
    scope = folder_scope(session, ctx, me, project_id, env, form.get("path", "/"))
    new = secrets.NewSecret(
        key=form.get("name"), value=form.get("value"), comment=form.get("comment")
    )
    view = secrets.create_secret(session, scope, me.actor, new)
    return done(request, folder_url(scope), f"Secret {view.key} created.")


@router.post(BASE + "/secret/update")
def update_secret(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, form: Form
) -> Response:
    """Change a secret's value (when a new one is given), comment, tags and name."""
    scope = folder_scope(session, ctx, me, project_id, env, form.get("path", "/"))
    value = form.get("value")
    changes = secrets.SecretChanges(
        value=value if value or form.get("value_set") == "1" else None,
        comment=form.get("comment") if "comment" in form else None,
        new_name=form.get("new_name").strip() or None,
        tag_ids=form.all("tag") if form.get("tags_sent") == "1" else None,
    )
    view = secrets.update_secret(session, scope, me.actor, form.get("name"), changes)
    return done(request, secret_url(scope, view.key), f"Secret {view.key} saved.")


@router.post(BASE + "/secret/delete")
def delete_secret(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, form: Form
) -> Response:
    """Delete a secret (its history is kept)."""
    scope = folder_scope(session, ctx, me, project_id, env, form.get("path", "/"))
    view = secrets.delete_secret(session, scope, me.actor, form.get("name"))
    return done(request, folder_url(scope), f"Secret {view.key} deleted.")


@router.post(BASE + "/folders")
def create_folder(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, form: Form
) -> Response:
    """Create a subfolder."""
    scope = folder_scope(session, ctx, me, project_id, env, form.get("path", "/"))
    folder = folders.create_folder(session, scope, form.get("name"))
    return done(request, folder_url(scope), f"Folder {folder.name} created.")


@router.post(BASE + "/folders/delete")
def delete_folder(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, form: Form
) -> Response:
    """Delete a subfolder with everything in it."""
    scope = folder_scope(session, ctx, me, project_id, env, form.get("path", "/"))
    folder = folders.delete_folder(session, scope, form.get("folder"))
    return done(request, folder_url(scope), f"Folder {folder.name} deleted.")


@router.post(BASE + "/imports")
def create_import(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, form: Form
) -> Response:
    """Import the secrets of another environment's folder into this one."""
    scope = folder_scope(session, ctx, me, project_id, env, form.get("path", "/"))
    source = normalize_path(form.get("from_path", "/"))
    entry = imports.create_import(
        session, scope, form.get("from_env"), source, is_replication=False
    )
    return done(request, folder_url(scope), f"Import of {entry.source_env.slug}:{source} added.")


@router.post(BASE + "/imports/delete")
def delete_import(
    project_id: str, env: str, request: Request, session: Db, ctx: Ctx, me: Me, form: Form
) -> Response:
    """Remove an import."""
    scope = folder_scope(session, ctx, me, project_id, env, form.get("path", "/"))
    entry = imports.delete_import(session, scope, form.get("import_id"))
    return done(request, folder_url(scope), f"Import of {entry.source_env.slug} removed.")
