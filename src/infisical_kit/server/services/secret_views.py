"""The secret a read returns (:class:`SecretView`) and the rules every read applies to it,
shared by the general path (``secrets``, ``secret_reads``) and the fast one (``read_path``):
who owns a personal secret, the order of a list, personal overrides, masking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

SHARED = "shared"
PERSONAL = "personal"

#: How a list treats the caller's personal secrets: leave them out, list them beside the
#: shared ones (v3), or let each replace the shared secret it overrides (v4).
Personal = Literal["exclude", "include", "override"]


@dataclass(slots=True)
class SecretView:
    """A decrypted secret as a read or write returns it (``value_hidden``: the caller asked
    not to see values and this one is masked)."""

    id: str
    project_id: str
    environment: str
    path: str
    key: str
    type: str
    user_id: str | None
    version: int
    value: str
    comment: str
    skip_multiline_encoding: bool
    metadata: Any
    reminder_note: str | None
    reminder_repeat_days: int | None
    created_at: datetime
    updated_at: datetime
    tags: list[dict[str, Any]] = field(default_factory=list)
    secret_metadata: list[dict[str, Any]] = field(default_factory=list)
    value_hidden: bool = False


@dataclass(frozen=True)
class ReadOptions:
    """How a read presents what it finds."""

    view_values: bool = True
    expand_references: bool = False
    include_imports: bool = False

    @property
    def expands(self) -> bool:
        """References are expanded only in values the caller sees."""
        return self.expand_references and self.view_values


#: Values shown, references kept, imports left out.
PLAIN_READ = ReadOptions()


def owner_key(actor_kind: str, actor_id: str, secret_type: str) -> str:
    """The ``owner_key`` column of a secret: ``""`` for a shared one; the user's id, or
    ``identity:<id>``, for a personal one."""
    if secret_type != PERSONAL:
        return ""
    return actor_id if actor_kind == "user" else "identity:" + actor_id


def sort_views(views: list[SecretView]) -> None:
    """Put a list in its answer order: by path, key, then type (shared before personal)."""
    views.sort(key=lambda v: (v.path, v.key, v.type))


def with_personal_overrides(views: Sequence[SecretView]) -> list[SecretView]:
    """Drop each shared secret that one of the caller's personal secrets overrides."""
    personal = {(v.path, v.key) for v in views if v.type == PERSONAL}
    return [v for v in views if v.type == PERSONAL or (v.path, v.key) not in personal]


def mask_values(views: Sequence[SecretView], *, view_values: bool) -> None:
    """Mark the values a read must not show: all of them when the caller asked not to see
    values, except personal secrets, which their owner always sees."""
    for v in views:
        v.value_hidden = not view_values and v.type != PERSONAL


def has_reference(view: SecretView) -> bool:
    """The value holds a ``${...}`` reference (expansion would change it)."""
    return "${" in view.value
