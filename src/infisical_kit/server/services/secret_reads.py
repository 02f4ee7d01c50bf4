"""What a secrets read answers, beyond the rows: the caller's personal overrides, the
secrets that imports bring in (and the import fallback of a get), reference expansion and
masking. The fast read path (``read_path``) answers the plain cases with the same rules
(``secret_views``) and leaves the rest to these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import membership_role
from ..crypto import unwrap_data_key
from ..errors import ApiError, not_found
from ..schema import Environment, Folder, Project, Secret, SecretImport
from .imports import resolve_imports
from .references import ReferenceExpander
from .scope import Scope
from .secret_views import (
    PLAIN_READ,
    SHARED,
    Personal,
    ReadOptions,
    SecretView,
    mask_values,
    with_personal_overrides,
)
from .secrets import find_secret, get_secret, list_secrets


@dataclass(frozen=True)
class ListQuery:
    """Which secrets of the folder a list returns."""

    recursive: bool = False
    personal: Personal = "exclude"
    tag_slugs: Sequence[str] = ()
    metadata_filter: Sequence[tuple[str, str]] = ()


@dataclass
class ImportedSecrets:
    """The secrets one import brings in (none when its source folder is gone)."""

    row: SecretImport
    env: Environment
    folder_id: str | None
    secrets: list[SecretView] = field(default_factory=list)


@dataclass
class SecretListing:
    """A list answer: the folder's secrets and, when asked for, its imports' secrets."""

    secrets: list[SecretView]
    imports: list[ImportedSecrets] = field(default_factory=list)


def expand_references(
    session: Session, scope: Scope, views: Sequence[SecretView], *, strict: bool = False
) -> None:
    """Replace the ``${...}`` references in the views' values (seen from each view's folder).

    A reference that cannot be resolved stays as written, and so does a value over the
    expansion budget, unless `strict` (one secret read on its own: then it is a 400 naming
    the key; references.py)."""
    expander = ReferenceExpander(session, scope)
    for v in views:
        v.value = expander.expand(v.value, v.environment, v.path, v.key, strict=strict)


def imported_secrets(
    session: Session, scope: Scope, actor: Actor, options: ReadOptions = PLAIN_READ
) -> list[ImportedSecrets]:
    """The shared secrets each import of the scope's folder brings in, in import order."""
    groups = []
    for imp in resolve_imports(session, scope):
        views: list[SecretView] = []
        if imp.source is not None:
            views = list_secrets(
                session, imp.source, actor, recursive=False, include_personal=False
            )
            if options.expands:
                expand_references(session, imp.source, views)
        mask_values(views, view_values=options.view_values)
        folder_id = imp.source.folder.id if imp.source is not None else None
        groups.append(ImportedSecrets(imp.row, imp.env, folder_id, views))
    return groups


def list_folder_secrets(
    session: Session, scope: Scope, actor: Actor, query: ListQuery, options: ReadOptions
) -> SecretListing:
    """The secrets of the scope's folder as a list answers them (a service token's: only
    the folders its scopes cover)."""
    scope.require_read()
    views = list_secrets(
        session,
        scope,
        actor,
        recursive=query.recursive,
        include_personal=query.personal != "exclude",
        tag_slugs=query.tag_slugs,
        metadata_filter=query.metadata_filter,
    )
    if scope.grant is not None:
        views = [v for v in views if scope.allows(v.environment, v.path)]
    if query.personal == "override":
        views = with_personal_overrides(views)
    if options.expands:
        expand_references(session, scope, views)
    mask_values(views, view_values=options.view_values)
    imports = imported_secrets(session, scope, actor, options) if options.include_imports else []
    return SecretListing(views, imports)


def read_secret(
    session: Session,
    scope: Scope,
    actor: Actor,
    name: str,
    *,
    secret_type: str = SHARED,
    version: int | None = None,
    options: ReadOptions = PLAIN_READ,
) -> SecretView:
    """One secret by name (optionally an old version). With imports included, a secret the
    folder lacks is searched in its imports, last to first. A personal secret's value is
    expanded and shown even when the caller asked not to see values."""
    scope.require_read()
    view_scope = scope
    try:
        view = get_secret(session, scope, actor, name, secret_type=secret_type, version=version)
    except ApiError as exc:
        if exc.status_code != 404 or not options.include_imports:
            raise
        found = None
        for imp in reversed(resolve_imports(session, scope)):
            if imp.source is not None:
                found = find_secret(session, imp.source, actor, name)
                if found is not None:
                    view_scope = imp.source
                    break
        if found is None:
            raise
        view = found
    mask_values([view], view_values=options.view_values)
    if options.expand_references and not view.value_hidden:
        expand_references(session, view_scope, [view], strict=True)
    return view


def secret_by_id(session: Session, root_key: bytes, actor: Actor, secret_id: str) -> SecretView:
    """The current secret with ``secret_id`` as the caller may see it: its project must be
    one the caller belongs to and a personal secret must be the caller's own; anything else
    is the same 404 as an unknown id (nothing leaks)."""
    ref = secret_id.strip()
    missing = not_found(f"Secret with ID '{ref}' not found")
    row = session.get(Secret, ref) if ref else None
    if row is None:
        raise missing
    project = session.get(Project, row.project_id)
    env = session.get(Environment, row.env_id)
    folder = session.get(Folder, row.folder_id)
    role = membership_role(session, actor, row.project_id) if project is not None else None
    if project is None or env is None or folder is None or role is None:
        raise missing
    scope = Scope(
        project=project,
        env=env,
        folder=folder,
        role=role,
        data_key=unwrap_data_key(root_key, project.wrapped_data_key, project.id),
    )
    # Looked up as the caller: a personal secret of someone else resolves to another row.
    view = find_secret(session, scope, actor, row.key, secret_type=row.type)
    if view is None or view.id != row.id:
        raise missing
    return view
