"""A secret's version history: every write of a secret (create, update, rename) is a
version; values stay sealed here and are read one at a time through ``get_secret``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..crypto import decrypt_text
from ..errors import not_found
from ..schema import SecretVersion
from .scope import Scope
from .secret_views import SHARED
from .secrets import clean_name, find_secret


@dataclass(frozen=True)
class VersionEntry:
    """One version of a secret: its number, name and comment then, and when it was written."""

    version: int
    key: str
    comment: str
    created_at: datetime


def secret_versions(
    session: Session, scope: Scope, actor: Actor, name: str, *, secret_type: str = SHARED
) -> list[VersionEntry]:
    """The versions of the secret ``name`` in the scope's folder, newest first (404 when
    there is no such secret); any project member may read them, as the secret itself."""
    key = clean_name(name)
    current = find_secret(session, scope, actor, key, secret_type)
    if current is None:
        raise not_found(f"Secret with name '{key}' not found")
    rows = session.scalars(
        select(SecretVersion)
        .where(SecretVersion.secret_id == current.id)
        .order_by(SecretVersion.version.desc())
    ).all()
    pid = scope.project.id
    return [
        VersionEntry(
            version=row.version,
            key=row.key,
            comment=decrypt_text(scope.data_key, pid, "comment", row.comment_ciphertext),
            created_at=row.created_at,
        )
        for row in rows
    ]
