"""Tags and ``secretMetadata`` attached to secrets: writing, loading and filtering."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from ..crypto import decrypt_text, encrypt_text
from ..errors import bad_request, not_found
from ..schema import SecretMetadata, SecretTag, Tag
from .scope import Scope

MAX_METADATA_FILTERS = 10


def set_tags(session: Session, scope: Scope, secret_id: str, tag_ids: Sequence[str]) -> None:
    """Replace the secret's tag set; 404 when a tag id is not a tag of this project."""
    wanted = list(dict.fromkeys(t.strip() for t in tag_ids))
    if wanted:
        found = set(
            session.scalars(
                select(Tag.id).where(Tag.project_id == scope.project.id, Tag.id.in_(wanted))
            )
        )
        missing = [t for t in wanted if t not in found]
        if missing:
            raise not_found(f"Tag not found: {', '.join(missing)}")
    session.execute(delete(SecretTag).where(SecretTag.secret_id == secret_id))
    session.add_all(SecretTag(secret_id=secret_id, tag_id=t) for t in wanted)


def set_metadata(
    session: Session, scope: Scope, secret_id: str, entries: Sequence[dict[str, Any]]
) -> None:
    """Replace the secret's ``secretMetadata``; encrypted entries are stored as ciphertext."""
    session.execute(delete(SecretMetadata).where(SecretMetadata.secret_id == secret_id))
    pid = scope.project.id
    for position, entry in enumerate(entries):
        key = str(entry.get("key", "")).strip()
        if not key:
            raise bad_request("Secret metadata key cannot be empty")
        value = str(entry.get("value", ""))
        encrypted = bool(entry.get("isEncrypted", False))
        session.add(
            SecretMetadata(
                secret_id=secret_id,
                position=position,
                key=key,
                value=None if encrypted else value,
                value_ciphertext=encrypt_text(scope.data_key, pid, "metadata", value)
                if encrypted
                else None,
                is_encrypted=encrypted,
            )
        )


def load_tags(
    db: Session | Connection, secret_ids: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    """``{secret id: [tag wire objects]}`` for the given secrets (one Core query)."""
    ids = list(secret_ids)
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = db.execute(
        select(SecretTag.secret_id, Tag.id, Tag.slug, Tag.name, Tag.color)
        .join(Tag, Tag.id == SecretTag.tag_id)
        .where(SecretTag.secret_id.in_(ids))
        .order_by(Tag.slug)
    ).all()
    for secret_id, tag_id, slug, name, color in rows:
        out[secret_id].append({"id": tag_id, "slug": slug, "name": name, "color": color})
    return out


def load_metadata(
    session: Session, scope: Scope, secret_ids: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    """``{secret id: [{key, value, isEncrypted}]}`` for the given secrets (decrypted)."""
    return load_metadata_rows(session, scope.project.id, scope.data_key, secret_ids)


def load_metadata_rows(
    db: Session | Connection, project_id: str, data_key: bytes, secret_ids: Iterable[str]
) -> dict[str, list[dict[str, Any]]]:
    """Like :func:`load_metadata`, from a project id and its data key (one Core query)."""
    ids = list(secret_ids)
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = db.execute(
        select(
            SecretMetadata.secret_id,
            SecretMetadata.key,
            SecretMetadata.value,
            SecretMetadata.value_ciphertext,
            SecretMetadata.is_encrypted,
        )
        .where(SecretMetadata.secret_id.in_(ids))
        .order_by(SecretMetadata.position)
    ).all()
    for secret_id, key, plain, ciphertext, encrypted in rows:
        if encrypted and ciphertext is not None:
            value = decrypt_text(data_key, project_id, "metadata", ciphertext)
        else:
            value = plain or ""
        out[secret_id].append({"key": key, "value": value, "isEncrypted": bool(encrypted)})
    return out


def parse_metadata_filter(text: str | None) -> list[tuple[str, str]]:
    """Parse ``key=foo,value=bar|key=baz,value=qux`` into ``[(key, value)]`` (400 if bad)."""
    if text is None or not text.strip():
        return []
    conditions: list[tuple[str, str]] = []
    for group in text.split("|"):
        fields: dict[str, str] = {}
        for part in group.split(","):
            name, sep, value = part.partition("=")
            name = name.strip()
            if not sep or name not in ("key", "value") or name in fields:
                raise bad_request(
                    "Invalid metadataFilter: use key=<key>,value=<value> pairs separated by '|'"
                )
            fields[name] = value.strip()
        if "key" not in fields or "value" not in fields:
            raise bad_request("Invalid metadataFilter: every condition needs both key and value")
        conditions.append((fields["key"], fields["value"]))
    if len(conditions) > MAX_METADATA_FILTERS:
        raise bad_request(f"metadataFilter allows at most {MAX_METADATA_FILTERS} conditions")
    return conditions


def matches_metadata(
    entries: Sequence[dict[str, Any]], conditions: Sequence[tuple[str, str]]
) -> bool:
    """True when every condition matches an unencrypted metadata entry."""
    plain = {(e["key"], e["value"]) for e in entries if not e["isEncrypted"]}
    return all(c in plain for c in conditions)


def parse_tag_slugs(text: str | None) -> list[str]:
    """Comma-separated tag slugs, trimmed, empty parts dropped."""
    if not text:
        return []
    return [s.strip() for s in text.split(",") if s.strip()]
