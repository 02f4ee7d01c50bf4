"""Folders: create, find, list (optionally recursive), rename and delete (with contents)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import bad_request, not_found
from ..schema import Environment, Folder, Secret, utcnow
from .scope import membership_role

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


def create_folder(
    session: Session, parent: Folder, name: str, description: str | None = None
) -> Folder:
    """Create ``name`` under ``parent`` (flushed, not committed); 400 on a bad or taken name."""
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


def folder_for_actor(
    session: Session, actor: Actor, folder_id: str
) -> tuple[Folder, Environment, str]:
    """A folder by id with its environment and the actor's role (404 unless a member)."""
    folder = session.get(Folder, folder_id.strip())
    env = session.get(Environment, folder.env_id) if folder is not None else None
    role = membership_role(session, actor, env.project_id) if env is not None else None
    if folder is None or env is None or role is None:
        raise not_found(f"Folder with ID '{folder_id}' not found")
    return folder, env, role


def find_child(session: Session, parent: Folder, id_or_name: str) -> Folder:
    """A direct child of ``parent`` by id or by name (404 when absent)."""
    ref = id_or_name.strip()
    folder = session.scalars(
        select(Folder).where(
            Folder.parent_id == parent.id, (Folder.id == ref) | (Folder.name == ref)
        )
    ).first()
    if folder is None:
        raise not_found(f"Folder with ID or name '{ref}' not found")
    return folder


def update_folder(
    session: Session, folder: Folder, name: str | None, description: str | None
) -> Folder:
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


def delete_folder(session: Session, folder: Folder) -> None:
    """Delete a folder, its subfolders, their secrets and imports (as Infisical does)."""
    if folder.parent_id is None:
        raise bad_request("Cannot delete the root folder")
    for sub in reversed(descendants(session, folder, max_depth=10_000)):
        session.delete(sub)
    session.flush()
    session.delete(folder)
    session.flush()
