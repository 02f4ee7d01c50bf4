"""Secret CRUD shared by the v3 and v4 routes: validation, encryption and versioning.

Each write is one unit of work; a batch (``secret_batches``) runs several in one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .. import limits
from ..actor import Actor
from ..crypto import decrypt_text, encrypt_text
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import Secret, SecretTag, SecretVersion, Tag, utcnow
from . import secret_extras as extras
from .folders import descendants
from .scope import Scope
from .secret_views import PERSONAL, SHARED, SecretView, owner_key, sort_views


@dataclass(frozen=True)
class NewSecret:
    """The fields of a secret to create."""

    key: str
    value: str
    comment: str = ""
    skip_multiline_encoding: bool = False
    metadata: Any = None
    reminder_note: str | None = None
    reminder_repeat_days: int | None = None
    tag_ids: Sequence[str] = ()
    secret_metadata: Sequence[dict[str, Any]] = ()


@dataclass
class SecretChanges:
    """Optional fields of an update; ``None`` means "leave as is"."""

    value: str | None = None
    comment: str | None = None
    new_name: str | None = None
    skip_multiline_encoding: bool | None = None
    metadata: Any = None
    reminder_note: str | None = None
    reminder_repeat_days: int | None = None
    tag_ids: Sequence[str] | None = None
    secret_metadata: Sequence[dict[str, Any]] | None = None


def clean_name(name: str, *, for_write: bool = False) -> str:
    """Trim a secret name; empty or longer than `limits.SECRET_NAME` is 400, and on
    create/rename so are ``:``, ``/`` and spaces (Infisical's secret name schema)."""
    cleaned = name.strip()
    if not cleaned:
        raise bad_request("Secret name cannot be empty")
    if len(cleaned) > limits.SECRET_NAME:
        raise bad_request(f"Secret name cannot be longer than {limits.SECRET_NAME} characters")
    if for_write:
        if ":" in cleaned or "/" in cleaned:
            raise bad_request("Secret name cannot contain colon or forward slash")
        if " " in cleaned:
            raise bad_request("Secret name cannot contain spaces")
    return cleaned


def apply_field_changes(
    secret: Secret, changes: SecretChanges, data_key: bytes, project_id: str
) -> None:
    """Set the secret's value, comment and plain fields that `changes` gives (encrypting the
    value and comment); the name, tags and metadata rows are the caller's."""
    if changes.value is not None:
        secret.value_ciphertext = encrypt_text(
            data_key, project_id, "value", clean_value(changes.value)
        )
    if changes.comment is not None:
        secret.comment_ciphertext = encrypt_text(
            data_key, project_id, "comment", changes.comment.strip()
        )
    if changes.skip_multiline_encoding is not None:
        secret.skip_multiline_encoding = changes.skip_multiline_encoding
    if changes.metadata is not None:
        secret.metadata_json = changes.metadata
    if changes.reminder_note is not None:
        secret.reminder_note = changes.reminder_note
    if changes.reminder_repeat_days is not None:
        secret.reminder_repeat_days = changes.reminder_repeat_days


def clean_value(value: str) -> str:
    """Trim a value, keeping one trailing newline when the original ended with one."""
    trimmed = value.strip()
    return trimmed + "\n" if value.endswith("\n") and trimmed else trimmed


def secret_view(
    scope: Scope, secret: Secret, path: str, version: SecretVersion | None = None
) -> SecretView:
    """``secret`` (or one of its versions) of the folder at ``path`` as a decrypted view,
    without tags and metadata (`attach_extras` adds them)."""
    src: Secret | SecretVersion = version if version is not None else secret
    pid = scope.project.id
    return SecretView(
        id=secret.id,
        project_id=pid,
        environment=scope.env.slug,
        path=path,
        key=src.key,
        type=secret.type,
        user_id=secret.user_id,
        version=src.version,
        value=decrypt_text(scope.data_key, pid, "value", src.value_ciphertext),
        comment=decrypt_text(scope.data_key, pid, "comment", src.comment_ciphertext),
        skip_multiline_encoding=bool(src.skip_multiline_encoding),
        metadata=src.metadata_json,
        reminder_note=secret.reminder_note,
        reminder_repeat_days=secret.reminder_repeat_days,
        created_at=secret.created_at,
        updated_at=version.created_at if version is not None else secret.updated_at,
    )


def _owner(actor: Actor, secret_type: str) -> str:
    return owner_key(actor.kind, actor.id, secret_type)


def _find(
    session: Session,
    scope: Scope,
    actor: Actor,
    name: str,
    secret_type: str,
    *,
    lock: bool = False,
) -> Secret | None:
    stmt = select(Secret).where(
        Secret.folder_id == scope.folder.id,
        Secret.key == name,
        Secret.type == secret_type,
        Secret.owner_key == _owner(actor, secret_type),
    )
    if lock:  # row lock on PostgreSQL so concurrent updates serialise (SQLite: BEGIN IMMEDIATE)
        stmt = stmt.with_for_update()
    return session.scalars(stmt).first()


def _record_version(session: Session, secret: Secret) -> None:
    session.add(
        SecretVersion(
            secret_id=secret.id,
            project_id=secret.project_id,
            env_id=secret.env_id,
            folder_id=secret.folder_id,
            key=secret.key,
            type=secret.type,
            user_id=secret.user_id,
            version=secret.version,
            value_ciphertext=secret.value_ciphertext,
            comment_ciphertext=secret.comment_ciphertext,
            skip_multiline_encoding=secret.skip_multiline_encoding,
            metadata_json=secret.metadata_json,
            created_at=secret.updated_at,
        )
    )


def _viewed(
    session: Session, scope: Scope, secret: Secret, version: SecretVersion | None = None
) -> SecretView:
    """One secret (or one of its versions) as a view with its tags and metadata."""
    view = secret_view(scope, secret, scope.path, version)
    attach_extras(session, scope, [view])
    return view


def attach_extras(session: Session, scope: Scope, views: Sequence[SecretView]) -> None:
    """Fill ``tags`` and ``secret_metadata`` of the views from the database."""
    ids = [v.id for v in views]
    tags = extras.load_tags(session, ids)
    meta = extras.load_metadata(session, scope, ids)
    for v in views:
        v.tags = tags.get(v.id, [])
        v.secret_metadata = meta.get(v.id, [])


def list_secrets(
    session: Session,
    scope: Scope,
    actor: Actor,
    *,
    recursive: bool,
    include_personal: bool,
    tag_slugs: Sequence[str] = (),
    metadata_filter: Sequence[tuple[str, str]] = (),
) -> list[SecretView]:
    """Secrets of the folder (and up to 20 levels of subfolders when ``recursive``),
    filtered by tag slugs (any of) and metadata (all of), sorted by path and key."""
    folders = {scope.folder.id: scope.folder.path}
    if recursive:
        folders.update({f.id: f.path for f in descendants(session, scope.folder)})
    owners = [Secret.type == SHARED]
    if include_personal:
        owners.append((Secret.type == PERSONAL) & (Secret.owner_key == _owner(actor, PERSONAL)))
    stmt = select(Secret).where(Secret.folder_id.in_(list(folders)), or_(*owners))
    if tag_slugs:
        tagged = (
            select(SecretTag.secret_id)
            .join(Tag, Tag.id == SecretTag.tag_id)
            .where(Tag.project_id == scope.project.id, Tag.slug.in_(list(tag_slugs)))
        )
        stmt = stmt.where(Secret.id.in_(tagged))
    rows = session.scalars(stmt).all()
    views = [secret_view(scope, s, folders[s.folder_id]) for s in rows]
    attach_extras(session, scope, views)
    if metadata_filter:
        views = [v for v in views if extras.matches_metadata(v.secret_metadata, metadata_filter)]
    sort_views(views)
    return views


def find_secret(
    session: Session, scope: Scope, actor: Actor, name: str, secret_type: str = SHARED
) -> SecretView | None:
    """The current secret ``name`` of the scope's folder as a view, or ``None``."""
    secret = _find(session, scope, actor, clean_name(name), secret_type)
    if secret is None:
        return None
    view = _viewed(session, scope, secret)
    return view


def get_secret(
    session: Session,
    scope: Scope,
    actor: Actor,
    name: str,
    *,
    secret_type: str = SHARED,
    version: int | None = None,
) -> SecretView:
    """One secret by name (optionally a historical ``version``); 404 when absent."""
    key = clean_name(name)
    secret = _find(session, scope, actor, key, secret_type)
    if secret is None:
        raise not_found(f"Secret with name '{key}' not found")
    old: SecretVersion | None = None
    if version is not None and version != secret.version:
        old = session.scalars(
            select(SecretVersion).where(
                SecretVersion.secret_id == secret.id, SecretVersion.version == version
            )
        ).first()
        if old is None:
            raise not_found(f"Secret with name '{key}' has no version {version}")
    view = _viewed(session, scope, secret, old)
    return view


def create_secret(
    session: Session, scope: Scope, actor: Actor, new: NewSecret, *, secret_type: str = SHARED
) -> SecretView:
    """Create a secret (version 1); 400 if it already exists."""
    scope.require_write("create")
    key = clean_name(new.key, for_write=True)
    with unit_of_work(session):
        if secret_type == PERSONAL:
            if actor.kind != "user":
                raise bad_request("Must be user to create personal secret")
            if _find(session, scope, actor, key, SHARED) is None:
                raise bad_request(
                    "Failed to create personal secret override for no corresponding shared secret"
                )
        if _find(session, scope, actor, key, secret_type) is not None:
            raise bad_request("Secret already exist")
        pid = scope.project.id
        now = utcnow()
        secret = Secret(
            project_id=pid,
            env_id=scope.env.id,
            folder_id=scope.folder.id,
            key=key,
            type=secret_type,
            user_id=actor.id if secret_type == PERSONAL else None,
            owner_key=_owner(actor, secret_type),
            version=1,
            value_ciphertext=encrypt_text(scope.data_key, pid, "value", clean_value(new.value)),
            comment_ciphertext=encrypt_text(scope.data_key, pid, "comment", new.comment.strip()),
            skip_multiline_encoding=new.skip_multiline_encoding,
            metadata_json=new.metadata,
            reminder_note=new.reminder_note,
            reminder_repeat_days=new.reminder_repeat_days,
            created_at=now,
            updated_at=now,
        )
        session.add(secret)
        session.flush()
        extras.set_tags(session, scope, secret.id, new.tag_ids)
        extras.set_metadata(session, scope, secret.id, new.secret_metadata)
        _record_version(session, secret)
        session.flush()
        view = _viewed(session, scope, secret)
    return view


def update_secret(
    session: Session,
    scope: Scope,
    actor: Actor,
    name: str,
    changes: SecretChanges,
    *,
    secret_type: str = SHARED,
) -> SecretView:
    """Update value/comment/flags/tags/metadata and optionally rename; every update bumps
    the version. Like Infisical, the response carries ``""`` when no value was sent."""
    scope.require_write("edit")
    key = clean_name(name)
    with unit_of_work(session):
        view = _update(session, scope, actor, key, changes, secret_type)
    if changes.value is None:
        view.value = ""
    return view


def _update(
    session: Session,
    scope: Scope,
    actor: Actor,
    key: str,
    changes: SecretChanges,
    secret_type: str,
) -> SecretView:
    secret = _find(session, scope, actor, key, secret_type, lock=True)
    if secret is None:
        raise not_found(f"Secret with name '{key}' not found")
    pid = scope.project.id
    if changes.new_name is not None and changes.new_name.strip() != secret.key:
        if secret_type == PERSONAL:
            raise bad_request("Personal secrets cannot be renamed")
        new_key = clean_name(changes.new_name, for_write=True)
        if _find(session, scope, actor, new_key, secret_type) is not None:
            raise bad_request("Secret with the new name already exists")
        _rename_overrides(session, secret, new_key)
        secret.key = new_key
    apply_field_changes(secret, changes, scope.data_key, pid)
    if changes.tag_ids is not None:
        extras.set_tags(session, scope, secret.id, changes.tag_ids)
    if changes.secret_metadata is not None:
        extras.set_metadata(session, scope, secret.id, changes.secret_metadata)
    secret.version += 1
    secret.updated_at = utcnow()
    _record_version(session, secret)
    session.flush()
    view = _viewed(session, scope, secret)
    return view


def _rename_overrides(session: Session, shared: Secret, new_key: str) -> None:
    """Rename the personal overrides of ``shared`` (same folder) with it, keeping versions."""
    overrides = session.scalars(
        select(Secret).where(
            Secret.folder_id == shared.folder_id,
            Secret.key == shared.key,
            Secret.type == PERSONAL,
        )
    ).all()
    if overrides:
        clash = select(Secret.id).where(
            Secret.folder_id == shared.folder_id, Secret.key == new_key, Secret.type == PERSONAL
        )
        if session.scalars(clash).first() is not None:  # an orphan left by an older server
            raise bad_request("A personal secret with the new name already exists")
    for override in overrides:
        override.key = new_key
        override.version += 1
        override.updated_at = utcnow()
        _record_version(session, override)


def delete_secret(
    session: Session, scope: Scope, actor: Actor, name: str, *, secret_type: str = SHARED
) -> SecretView:
    """Delete a secret and return what it was; its version history is kept."""
    scope.require_write("delete")
    key = clean_name(name)
    with unit_of_work(session):
        secret = _find(session, scope, actor, key, secret_type, lock=True)
        if secret is None:
            raise not_found(f"Secret with name '{key}' not found")
        view = _viewed(session, scope, secret)
        if secret_type == SHARED:  # personal overrides of a deleted shared secret go with it
            for other in session.scalars(
                select(Secret).where(
                    Secret.folder_id == secret.folder_id,
                    Secret.key == secret.key,
                    Secret.type == PERSONAL,
                )
            ):
                session.delete(other)
        session.delete(secret)
        session.flush()
    return view
