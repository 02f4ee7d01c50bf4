"""Folders: create, find, list (optionally recursive), rename and delete (with contents)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import membership_role
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import Environment, Folder, Secret, utcnow
from .lookups import first_or_404
from .scope import Scope, ScopeRef, resolve_scope

FOLDER_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_DEPTH = 20


def clean_folder_name(name: str) -> str:
    """Trim a folder name; 400 unless it is alphanumerics, ``-`` and ``_`` only."""
    clean = name.strip()
    if not FOLDER_NAME.match(clean):
        raise bad_request("Folder name can only contain alphanumeric, dashes and underscores")
    return clean


def child_path(parent_path: str, name: str) -> str:
    """The path of ``name`` inside ``parent_path``."""
    return ("" if parent_path == "/" else parent_path) + "/" + name


def _exists(session: Session, env_id: str, path: str) -> bool:
    stmt = select(Folder.id).where(Folder.env_id == env_id, Folder.path == path)
    return session.scalars(stmt).first() is not None


@dataclass(frozen=True)
class FolderDetails:
    """A folder, its environment and when a secret in it last changed."""

    folder: Folder
    env: Environment
    last_secret_modified: datetime | None


@dataclass(frozen=True)
class FolderChange:
    """One folder of a batch update: its id under ``path`` in ``environment``, the new name."""

    id: str
    environment: str
    path: str
    name: str
    description: str | None


def create_folder(
    session: Session, scope: Scope, name: str, description: str | None = None
) -> Folder:
    """Create ``name`` in the scope's folder; 400 on a bad or taken name."""
    scope.require_write("create")
    with unit_of_work(session):
        return _create(session, scope.folder, name, description)


def _create(session: Session, parent: Folder, name: str, description: str | None) -> Folder:
    clean = clean_folder_name(name)
    path = child_path(parent.path, clean)
    if _exists(session, parent.env_id, path):
        raise bad_request(f"Folder with name '{clean}' already exists")
    now = utcnow()
    folder = Folder(
        env_id=parent.env_id,
        parent_id=parent.id,
        name=clean,
        path=path,
        description=description,
        created_at=now,
        updated_at=now,
    )
    session.add(folder)
    session.flush()
    return folder


def descendants(session: Session, folder: Folder, *, max_depth: int = MAX_DEPTH) -> list[Folder]:
    """Every folder below ``folder`` (at most ``max_depth`` levels), sorted by path."""
    prefix = "/" if folder.path == "/" else folder.path + "/"
    base_depth = 0 if folder.path == "/" else folder.path.count("/")
    rows = session.scalars(
        select(Folder)
        .where(Folder.env_id == folder.env_id, Folder.path.startswith(prefix, autoescape=True))
        .order_by(Folder.path)
    ).all()
    return [f for f in rows if f.id != folder.id and f.path.count("/") - base_depth <= max_depth]


def last_secret_modified(session: Session, folder_ids: Sequence[str]) -> dict[str, datetime]:
    """``{folder id: latest updated_at of its secrets}`` (folders without secrets omitted)."""
    if not folder_ids:
        return {}
    rows = session.execute(
        select(Secret.folder_id, func.max(Secret.updated_at))
        .where(Secret.folder_id.in_(list(folder_ids)))
        .group_by(Secret.folder_id)
    ).all()
    return {fid: ts for fid, ts in rows if ts is not None}


def list_folders(
    session: Session, scope: Scope, *, recursive: bool, modified_since: datetime | None
) -> list[tuple[Folder, datetime | None]]:
    """Child folders of the scope's folder (every descendant when ``recursive``), each with
    when a secret in it last changed; ``modified_since`` keeps only folders with a secret
    changed at or after that time."""
    if recursive:
        rows = descendants(session, scope.folder)
    else:
        stmt = select(Folder).where(Folder.parent_id == scope.folder.id).order_by(Folder.name)
        rows = list(session.scalars(stmt))
    modified = last_secret_modified(session, [f.id for f in rows])
    if modified_since is not None:
        since = _naive_utc(modified_since)
        rows = [f for f in rows if f.id in modified and modified[f.id] >= since]
    return [(f, modified.get(f.id)) for f in rows]


def _naive_utc(when: datetime) -> datetime:
    return when if when.tzinfo is None else when.astimezone(timezone.utc).replace(tzinfo=None)


def folder_details(session: Session, actor: Actor, folder_id: str) -> FolderDetails:
    """A folder by id with its environment (404 unless the actor is a project member)."""
    folder = session.get(Folder, folder_id.strip())
    env = session.get(Environment, folder.env_id) if folder is not None else None
    role = membership_role(session, actor, env.project_id) if env is not None else None
    if folder is None or env is None or role is None:
        raise not_found(f"Folder with ID '{folder_id}' not found")
    modified = last_secret_modified(session, [folder.id]).get(folder.id)
    return FolderDetails(folder, env, modified)


def find_child(session: Session, parent: Folder, id_or_name: str) -> Folder:
    """A direct child of ``parent`` by id or by name (404 when absent)."""
    ref = id_or_name.strip()
    stmt = select(Folder).where(
        Folder.parent_id == parent.id, (Folder.id == ref) | (Folder.name == ref)
    )
    return first_or_404(session, stmt, f"Folder with ID or name '{ref}' not found")


def update_folder(
    session: Session, scope: Scope, folder_id: str, name: str | None, description: str | None
) -> Folder:
    """Rename a child of the scope's folder and/or change its description."""
    scope.require_write("edit")
    with unit_of_work(session):
        return _update(session, find_child(session, scope.folder, folder_id), name, description)


def update_folders(
    session: Session,
    root_key: bytes,
    actor: Actor,
    project_id: str | None,
    changes: Sequence[FolderChange],
) -> list[Folder]:
    """Rename/describe several folders of a project, all or none."""
    out = []
    with unit_of_work(session):
        for change in changes:
            ref = ScopeRef(project_id, None, change.environment, change.path)
            scope = resolve_scope(session, actor, root_key, ref)
            scope.require_write("edit")
            folder = find_child(session, scope.folder, change.id)
            out.append(_update(session, folder, change.name, change.description))
    return out


def _update(session: Session, folder: Folder, name: str | None, description: str | None) -> Folder:
    """Rename a folder (moving every descendant path along) and/or set its description."""
    if folder.parent_id is None:
        raise bad_request("Cannot update the root folder")
    if name is not None:
        clean = clean_folder_name(name)
        if clean != folder.name:
            parent_path = folder.path.rsplit("/", 1)[0] or "/"
            new_path = child_path(parent_path, clean)
            if _exists(session, folder.env_id, new_path):
                raise bad_request(f"Folder with name '{clean}' already exists")
            old_prefix = folder.path + "/"
            for sub in descendants(session, folder, max_depth=10_000):
                sub.path = new_path + "/" + sub.path[len(old_prefix) :]
            folder.name = clean
            folder.path = new_path
    if description is not None:
        folder.description = description
    folder.version += 1
    folder.updated_at = utcnow()
    session.flush()
    return folder


def delete_folder(session: Session, scope: Scope, id_or_name: str) -> Folder:
    """Delete a child of the scope's folder with its subfolders, their secrets and imports
    (as Infisical does); returns the folder as it was."""
    scope.require_write("delete")
    with unit_of_work(session):
        folder = find_child(session, scope.folder, id_or_name)
        if folder.parent_id is None:
            raise bad_request("Cannot delete the root folder")
        for sub in reversed(descendants(session, folder, max_depth=10_000)):
            session.delete(sub)
        session.flush()
        session.delete(folder)
        session.flush()
    return folder
