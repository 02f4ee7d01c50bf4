"""Secret imports: a folder pulls in the secrets of another environment/path (read-only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import membership_role
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import Environment, Folder, Project, SecretImport, utcnow
from .scope import Scope, resolve_environment, resolve_folder


@dataclass(frozen=True)
class ImportEntry:
    """An import row and the environment it imports from."""

    row: SecretImport
    source_env: Environment


@dataclass(frozen=True)
class ImportDetails(ImportEntry):
    """An import fetched by id: also the folder that holds it, its environment and project."""

    folder: Folder
    env: Environment
    project_id: str


@dataclass
class ResolvedImport:
    """An import row with its source environment and (when it exists) source folder scope."""

    row: SecretImport
    env: Environment
    source: Scope | None


def _rows(session: Session, folder: Folder) -> list[SecretImport]:
    """The folder's imports in position order."""
    stmt = select(SecretImport).where(SecretImport.folder_id == folder.id)
    return list(session.scalars(stmt.order_by(SecretImport.position)))


def _entry(session: Session, row: SecretImport) -> ImportEntry:
    env = session.get(Environment, row.import_env_id)
    assert env is not None  # a foreign key with ON DELETE CASCADE
    return ImportEntry(row, env)


def list_imports(session: Session, scope: Scope) -> list[ImportEntry]:
    """The imports of the scope's folder in position order."""
    return [_entry(session, row) for row in _rows(session, scope.folder)]


def resolve_imports(
    session: Session, scope: Scope, folder: Folder | None = None
) -> list[ResolvedImport]:
    """The imports of ``folder`` (default: the scope's) with their source scopes (none for a
    source folder that is gone or that a service token's scopes do not cover)."""
    out: list[ResolvedImport] = []
    for row in _rows(session, folder or scope.folder):
        env = session.get(Environment, row.import_env_id)
        if env is None:
            continue
        source_folder = session.scalars(
            select(Folder).where(Folder.env_id == env.id, Folder.path == row.import_path)
        ).first()
        source = None
        if source_folder is not None and scope.allows(env.slug, source_folder.path):
            source = scope.at(env, source_folder)
        out.append(ResolvedImport(row, env, source))
    return out


def _source_env(session: Session, scope: Scope, env_slug: str | None) -> Environment:
    return resolve_environment(session, scope.project, env_slug)


def _check_target(
    session: Session, scope: Scope, env: Environment, path: str, skip: str = ""
) -> None:
    if env.id == scope.env.id and path == scope.path:
        raise bad_request("Cannot import a folder into itself")
    resolve_folder(session, env, path)  # 404 when the imported folder does not exist
    dup = session.scalars(
        select(SecretImport.id).where(
            SecretImport.folder_id == scope.folder.id,
            SecretImport.import_env_id == env.id,
            SecretImport.import_path == path,
            SecretImport.id != skip,
        )
    ).first()
    if dup is not None:
        raise bad_request(f"Secret import of '{path}' from '{env.slug}' already exists")


def create_import(
    session: Session, scope: Scope, env_slug: str | None, path: str, *, is_replication: bool
) -> ImportEntry:
    """Add an import to the scope's folder, at the last position."""
    scope.require_write("create")
    with unit_of_work(session):
        return _entry(session, _create(session, scope, env_slug, path, is_replication))


def _create(
    session: Session, scope: Scope, env_slug: str | None, path: str, is_replication: bool
) -> SecretImport:
    env = _source_env(session, scope, env_slug)
    _check_target(session, scope, env, path)
    last = session.scalar(
        select(func.max(SecretImport.position)).where(SecretImport.folder_id == scope.folder.id)
    )
    now = utcnow()
    row = SecretImport(
        folder_id=scope.folder.id,
        import_env_id=env.id,
        import_path=path,
        position=(last or 0) + 1,
        version=1,
        is_replication=is_replication,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row


def _find(session: Session, scope: Scope, import_id: str) -> SecretImport:
    """An import of the scope's folder by id (404 when absent)."""
    row = session.get(SecretImport, import_id.strip())
    if row is None or row.folder_id != scope.folder.id:
        raise not_found(f"Secret import with ID '{import_id}' not found")
    return row


def _renumber(session: Session, rows: list[SecretImport]) -> None:
    for position, row in enumerate(rows, start=1):
        row.position = position
    session.flush()


def update_import(
    session: Session,
    scope: Scope,
    import_id: str,
    *,
    env_slug: str | None,
    path: str | None,
    position: int | None,
) -> ImportEntry:
    """Change an import's source and/or move it to ``position`` (1-based, clamped)."""
    scope.require_write("edit")
    with unit_of_work(session):
        row = _find(session, scope, import_id)
        _update(session, scope, row, env_slug=env_slug, path=path, position=position)
        return _entry(session, row)


def _update(
    session: Session,
    scope: Scope,
    row: SecretImport,
    *,
    env_slug: str | None,
    path: str | None,
    position: int | None,
) -> None:
    if env_slug is not None or path is not None:
        env = (
            _source_env(session, scope, env_slug)
            if env_slug is not None
            else session.get(Environment, row.import_env_id)
        )
        assert env is not None
        new_path = path if path is not None else row.import_path
        _check_target(session, scope, env, new_path, skip=row.id)
        row.import_env_id = env.id
        row.import_path = new_path
    if position is not None:
        if position < 1:
            raise bad_request("Import position must be at least 1")
        others = [r for r in _rows(session, scope.folder) if r.id != row.id]
        index = min(position, len(others) + 1) - 1
        others.insert(index, row)
        _renumber(session, others)
    row.version += 1
    row.updated_at = utcnow()
    session.flush()


def delete_import(session: Session, scope: Scope, import_id: str) -> ImportEntry:
    """Remove an import and close the gap in positions; returns it as it was."""
    scope.require_write("delete")
    with unit_of_work(session):
        entry = _entry(session, _find(session, scope, import_id))
        session.delete(entry.row)
        session.flush()
        _renumber(session, _rows(session, scope.folder))
    return entry


def import_details(session: Session, actor: Actor, import_id: str) -> ImportDetails:
    """An import by id with its folder, environments and project (404 unless a member)."""
    row = session.get(SecretImport, import_id.strip())
    folder = session.get(Folder, row.folder_id) if row is not None else None
    env = session.get(Environment, folder.env_id) if folder is not None else None
    src = session.get(Environment, row.import_env_id) if row is not None else None
    project = session.get(Project, env.project_id) if env is not None else None
    ok = project is not None and membership_role(session, actor, project.id) is not None
    if row is None or folder is None or env is None or src is None or project is None or not ok:
        raise not_found(f"Secret import with ID '{import_id}' not found")
    return ImportDetails(row, src, folder, env, project.id)
