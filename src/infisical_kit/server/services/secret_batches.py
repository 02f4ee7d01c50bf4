"""Batch create/update/delete of secrets: every item in one unit of work, all or nothing,
written with bulk statements (one multi-row INSERT, UPDATE or DELETE per table and folder
instead of a few round trips per item), so a maximal batch (`limits.MAX_BATCH` items) holds
SQLite's write lock for well under a second."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..crypto import encrypt_text
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import Base, Secret, SecretMetadata, SecretTag, SecretVersion, Tag, new_id, utcnow
from .scope import Scope, ScopeCache, ScopeRef
from .secret_views import PERSONAL, SHARED, SecretView, owner_key
from .secrets import (
    NewSecret,
    SecretChanges,
    apply_field_changes,
    attach_extras,
    clean_name,
    clean_value,
    secret_view,
)

#: What a batch update does with a secret that does not exist: fail (404), create it, skip it.
UpdateMode = Literal["failOnNotFound", "upsert", "ignore"]


@dataclass(frozen=True)
class BatchChange:
    """One secret of a batch update: its name, its folder (``None``: the request's) and the
    changes."""

    key: str
    path: str | None
    changes: SecretChanges


def batch_create(
    session: Session, root_key: bytes, actor: Actor, ref: ScopeRef, items: Sequence[NewSecret]
) -> list[SecretView]:
    """Create every item as a shared secret, or none (a name that exists, or appears twice
    in the batch, is a 400)."""
    with unit_of_work(session):
        scope = ScopeCache(session, actor, root_key, ref).get()
        return _create_all(session, scope, items)


def batch_update(
    session: Session,
    root_key: bytes,
    actor: Actor,
    ref: ScopeRef,
    items: Sequence[BatchChange],
    mode: UpdateMode,
) -> list[SecretView]:
    """Update every item (``mode`` decides what a missing secret means), or none. An upsert
    creates the secret under its new name, with an empty value when none was given."""
    out: list[SecretView | None] = [None] * len(items)
    with unit_of_work(session):
        scopes = ScopeCache(session, actor, root_key, ref)
        groups: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            groups.setdefault(scopes.get(item.path).folder.id, []).append(index)
        for indexes in groups.values():
            scope = scopes.get(items[indexes[0]].path)
            _update_folder(session, scope, items, indexes, mode, out)
    return [view for view in out if view is not None]


def batch_delete(
    session: Session,
    root_key: bytes,
    actor: Actor,
    ref: ScopeRef,
    items: Sequence[tuple[str, str]],
) -> list[SecretView]:
    """Delete every ``(name, type)``, or none (a missing secret is a 404); personal overrides
    of a deleted shared secret go with it, version histories stay."""
    with unit_of_work(session):
        scope = ScopeCache(session, actor, root_key, ref).get()
        scope.require_write("delete")
        wanted = [(clean_name(key), secret_type) for key, secret_type in items]
        owners = {owner_key(actor.kind, actor.id, t) for _, t in wanted}
        rows = _current(session, scope, {k for k, _ in wanted}, owners)
        found: list[Secret] = []
        for key, secret_type in wanted:
            secret = rows.pop((key, secret_type), None)  # a second mention finds it gone
            if secret is None:
                raise not_found(f"Secret with name '{key}' not found")
            found.append(secret)
        views = [_view_of(scope, s) for s in found]
        attach_extras(session, scope, views)
        shared = sorted({s.key for s in found if s.type == SHARED})
        if shared:  # personal overrides of a deleted shared secret go with it
            session.execute(
                delete(Secret)
                .where(
                    Secret.folder_id == scope.folder.id,
                    Secret.type == PERSONAL,
                    Secret.key.in_(shared),
                )
                .execution_options(synchronize_session=False)
            )
        gone = delete(Secret).where(Secret.id.in_([s.id for s in found]))
        session.execute(gone.execution_options(synchronize_session=False))
        for secret in found:  # the rows are gone: the session must not track them
            session.expunge(secret)
    return views


def _current(
    session: Session, scope: Scope, keys: set[str], owners: set[str]
) -> dict[tuple[str, str], Secret]:
    """The secrets of ``scope``'s folder named ``keys`` whose ``owner_key`` is one of
    ``owners`` (``""``: shared), by ``(key, type)``; row-locked on PostgreSQL."""
    if not keys:
        return {}
    stmt = (
        select(Secret)
        .where(
            Secret.folder_id == scope.folder.id,
            Secret.key.in_(sorted(keys)),
            Secret.owner_key.in_(sorted(owners)),
        )
        .with_for_update()
    )
    return {(s.key, s.type): s for s in session.scalars(stmt)}


def _create_all(session: Session, scope: Scope, items: Sequence[NewSecret]) -> list[SecretView]:
    """Insert ``items`` as shared secrets of ``scope``'s folder, with their first versions,
    tags and metadata: one bulk INSERT per table."""
    scope.require_write("create")
    keys = [clean_name(item.key, for_write=True) for item in items]
    if len(set(keys)) != len(keys):
        raise bad_request("Secret already exist")
    clash = session.scalars(
        select(Secret.key).where(
            Secret.folder_id == scope.folder.id,
            Secret.type == SHARED,
            Secret.owner_key == "",
            Secret.key.in_(keys),
        )
    ).first()
    if clash is not None:
        raise bad_request("Secret already exist")
    tags = _tags(session, scope, [t for item in items for t in item.tag_ids])
    pid = scope.project.id
    now = utcnow()
    secrets: list[dict[str, Any]] = []
    views: list[SecretView] = []
    links: list[dict[str, Any]] = []
    meta: list[dict[str, Any]] = []
    for key, item in zip(keys, items, strict=True):
        sid = new_id()
        value = clean_value(item.value)
        comment = item.comment.strip()
        secrets.append(
            {
                "id": sid,
                "project_id": pid,
                "env_id": scope.env.id,
                "folder_id": scope.folder.id,
                "key": key,
                "type": SHARED,
                "user_id": None,
                "owner_key": "",
                "version": 1,
                "value_ciphertext": encrypt_text(scope.data_key, pid, "value", value),
                "comment_ciphertext": encrypt_text(scope.data_key, pid, "comment", comment),
                "skip_multiline_encoding": item.skip_multiline_encoding,
                "metadata_json": item.metadata,
                "reminder_note": item.reminder_note,
                "reminder_repeat_days": item.reminder_repeat_days,
                "created_at": now,
                "updated_at": now,
            }
        )
        view = SecretView(
            id=sid,
            project_id=pid,
            environment=scope.env.slug,
            path=scope.path,
            key=key,
            type=SHARED,
            user_id=None,
            version=1,
            value=value,
            comment=comment,
            skip_multiline_encoding=item.skip_multiline_encoding,
            metadata=item.metadata,
            reminder_note=item.reminder_note,
            reminder_repeat_days=item.reminder_repeat_days,
            created_at=now,
            updated_at=now,
        )
        view.tags, item_links = _tag_links(sid, item.tag_ids, tags)
        links.extend(item_links)
        view.secret_metadata, item_meta = _metadata_rows(scope, sid, item.secret_metadata)
        meta.extend(item_meta)
        views.append(view)
    session.execute(insert(_table(Secret)), secrets)
    session.execute(insert(_table(SecretVersion)), [_version_row(row) for row in secrets])
    _insert_extras(session, links, meta)
    return views


def _update_folder(
    session: Session,
    scope: Scope,
    items: Sequence[BatchChange],
    indexes: Sequence[int],
    mode: UpdateMode,
    out: list[SecretView | None],
) -> None:
    """Apply the changes of ``items[indexes]`` (all in ``scope``'s folder) and put each
    answer in ``out`` at its item's index."""
    scope.require_write("edit")
    keys = {i: clean_name(items[i].key) for i in indexes}
    rows = {key: s for (key, _), s in _current(session, scope, set(keys.values()), {""}).items()}
    creates: list[tuple[int, NewSecret]] = []
    changed: list[tuple[int, Secret, SecretChanges]] = []
    for i in indexes:
        secret = rows.get(keys[i])
        if secret is None:
            if mode == "failOnNotFound":
                raise not_found(f"Secret with name '{keys[i]}' not found")
            if mode == "upsert":
                creates.append((i, _upserted(items[i])))
            continue
        changed.append((i, secret, items[i].changes))
    if changed:
        _apply_changes(session, scope, changed, rows, out)
    if creates:
        views = _create_all(session, scope, [new for _, new in creates])
        for (i, _), view in zip(creates, views, strict=True):
            out[i] = view


def _apply_changes(
    session: Session,
    scope: Scope,
    changed: Sequence[tuple[int, Secret, SecretChanges]],
    rows: dict[str, Secret],
    out: list[SecretView | None],
) -> None:
    pid = scope.project.id
    now = utcnow()
    tag_sets: dict[str, Sequence[str]] = {}
    meta_sets: dict[str, Sequence[dict[str, Any]]] = {}
    taken = _taken_names(session, scope, [c for _, _, c in changed]) | set(rows)
    versions: list[dict[str, Any]] = []
    for _, secret, c in changed:
        if c.new_name is not None and c.new_name.strip() != secret.key:
            new_key = clean_name(c.new_name, for_write=True)
            if new_key in taken:
                raise bad_request("Secret with the new name already exists")
            overrides = _rename_overrides(session, secret, new_key, now)
            versions.extend(_version_row(_columns(o)) for o in overrides)
            taken.discard(secret.key)
            taken.add(new_key)
            secret.key = new_key
            session.flush()  # in item order: a later item may take the name this one freed
        apply_field_changes(secret, c, scope.data_key, pid)
        if c.tag_ids is not None:
            tag_sets[secret.id] = c.tag_ids
        if c.secret_metadata is not None:
            meta_sets[secret.id] = c.secret_metadata
        secret.version += 1
        secret.updated_at = now
        versions.append(_version_row(_columns(secret)))  # per item: a key may come twice
    session.flush()
    session.execute(insert(_table(SecretVersion)), versions)
    if tag_sets:
        tags = _tags(session, scope, [t for ids in tag_sets.values() for t in ids])
        session.execute(delete(SecretTag).where(SecretTag.secret_id.in_(list(tag_sets))))
        links = [link for sid, ids in tag_sets.items() for link in _tag_links(sid, ids, tags)[1]]
        _insert_extras(session, links, [])
    if meta_sets:
        session.execute(delete(SecretMetadata).where(SecretMetadata.secret_id.in_(list(meta_sets))))
        meta = [m for sid, e in meta_sets.items() for m in _metadata_rows(scope, sid, e)[1]]
        _insert_extras(session, [], meta)
    views = [_view_of(scope, s) for _, s, _ in changed]
    attach_extras(session, scope, views)
    for (i, _, c), view in zip(changed, views, strict=True):
        if c.value is None:  # like Infisical: no value sent, none answered
            view.value = ""
        out[i] = view


def _taken_names(session: Session, scope: Scope, changes: Sequence[SecretChanges]) -> set[str]:
    """Which of the new names the ``changes`` ask for are shared secrets of the folder."""
    names = {clean_name(c.new_name) for c in changes if c.new_name is not None}
    if not names:
        return set()
    stmt = select(Secret.key).where(
        Secret.folder_id == scope.folder.id,
        Secret.type == SHARED,
        Secret.key.in_(sorted(names)),
    )
    return set(session.scalars(stmt))


def _rename_overrides(
    session: Session, shared: Secret, new_key: str, now: datetime
) -> list[Secret]:
    """Rename the personal overrides of ``shared`` with it (their versions bumped); returns
    them, for their version rows."""
    overrides = list(
        session.scalars(
            select(Secret).where(
                Secret.folder_id == shared.folder_id,
                Secret.key == shared.key,
                Secret.type == PERSONAL,
            )
        )
    )
    if overrides:
        clash = select(Secret.id).where(
            Secret.folder_id == shared.folder_id, Secret.key == new_key, Secret.type == PERSONAL
        )
        if session.scalars(clash).first() is not None:  # an orphan left by an older server
            raise bad_request("A personal secret with the new name already exists")
    for override in overrides:
        override.key = new_key
        override.version += 1
        override.updated_at = now
    return overrides


def _upserted(item: BatchChange) -> NewSecret:
    c = item.changes
    return NewSecret(
        key=c.new_name or item.key,
        value=c.value or "",
        comment=c.comment or "",
        skip_multiline_encoding=bool(c.skip_multiline_encoding),
        metadata=c.metadata,
        reminder_note=c.reminder_note,
        reminder_repeat_days=c.reminder_repeat_days,
        tag_ids=c.tag_ids or [],
        secret_metadata=c.secret_metadata or [],
    )


def _tags(session: Session, scope: Scope, tag_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The wire objects of the project's tags ``tag_ids``; 404 when one is not a tag of it."""
    wanted = sorted({t.strip() for t in tag_ids})
    if not wanted:
        return {}
    rows = session.execute(
        select(Tag.id, Tag.slug, Tag.name, Tag.color).where(
            Tag.project_id == scope.project.id, Tag.id.in_(wanted)
        )
    ).all()
    found = {r.id: {"id": r.id, "slug": r.slug, "name": r.name, "color": r.color} for r in rows}
    missing = [t for t in wanted if t not in found]
    if missing:
        raise not_found(f"Tag not found: {', '.join(missing)}")
    return found


def _tag_links(
    secret_id: str, tag_ids: Sequence[str], tags: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A secret's tags as wire objects (sorted by slug) and as ``secret_tags`` rows."""
    ids = list(dict.fromkeys(t.strip() for t in tag_ids))
    wire = sorted((tags[t] for t in ids), key=lambda tag: str(tag["slug"]))
    return wire, [{"secret_id": secret_id, "tag_id": t} for t in ids]


def _metadata_rows(
    scope: Scope, secret_id: str, entries: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A secret's ``secretMetadata`` as wire objects and as ``secret_metadata`` rows
    (encrypted entries stored as ciphertext only)."""
    wire: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    pid = scope.project.id
    for position, entry in enumerate(entries):
        key = str(entry.get("key", "")).strip()
        if not key:
            raise bad_request("Secret metadata key cannot be empty")
        value = str(entry.get("value", ""))
        encrypted = bool(entry.get("isEncrypted", False))
        wire.append({"key": key, "value": value, "isEncrypted": encrypted})
        rows.append(
            {
                "id": new_id(),
                "secret_id": secret_id,
                "position": position,
                "key": key,
                "value": None if encrypted else value,
                "value_ciphertext": encrypt_text(scope.data_key, pid, "metadata", value)
                if encrypted
                else None,
                "is_encrypted": encrypted,
            }
        )
    return wire, rows


def _insert_extras(
    session: Session, links: list[dict[str, Any]], meta: list[dict[str, Any]]
) -> None:
    if links:
        session.execute(insert(_table(SecretTag)), links)
    if meta:
        session.execute(insert(_table(SecretMetadata)), meta)


_VERSIONED = (
    "project_id",
    "env_id",
    "folder_id",
    "key",
    "type",
    "user_id",
    "version",
    "value_ciphertext",
    "comment_ciphertext",
    "skip_multiline_encoding",
    "metadata_json",
)


def _columns(secret: Secret) -> dict[str, Any]:
    """The columns of a secret row that its versions copy."""
    row = {name: getattr(secret, name) for name in _VERSIONED}
    row["id"] = secret.id
    row["updated_at"] = secret.updated_at
    return row


def _version_row(secret: dict[str, Any]) -> dict[str, Any]:
    """The ``secret_versions`` row recording ``secret``'s current state."""
    row = {name: secret[name] for name in _VERSIONED}
    row.update(id=new_id(), secret_id=secret["id"], created_at=secret["updated_at"])
    return row


def _table(model: type[Base]) -> Table:
    """``model``'s table, for Core bulk INSERTs (no ORM bookkeeping per row)."""
    return model.metadata.tables[str(model.__tablename__)]


def _view_of(scope: Scope, secret: Secret) -> SecretView:
    return secret_view(scope, secret, scope.path)
