"""The hot read path: get-by-name and list for an identity token, in one or a few Core queries.

:func:`resolve_fast` checks the token row, the identity's organization, the project membership,
the environment and the folder (and, for a get, fetches the secret) in ONE joined query on a
read-only connection. Anything unusual (a token that is not plainly usable, a use-limited
token, a missing project/environment/folder/secret) returns ``None`` so the caller falls back
to the general path, which raises exactly the error it always did. Nothing about a token's
validity, revocation or membership is cached; only unwrapped data keys are (with their AES-GCM
object), by (project id, wrapped key), which a rewrap would change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import Any, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import (
    CompoundSelect,
    Connection,
    Select,
    and_,
    bindparam,
    exists,
    literal_column,
    or_,
    select,
    union_all,
)

from ..auth.token_rows import token_row_problem
from ..crypto import NONCE_SIZE, DecryptionError, field_aad, unwrap_data_key
from ..hot_reads import HotReads
from ..schema import (
    Environment,
    Folder,
    Identity,
    IdentityAccessToken,
    Project,
    ProjectMembership,
    Secret,
    SecretImport,
    SecretMetadata,
    SecretTag,
)
from .scope import ScopeRef
from .secret_extras import load_metadata_rows, load_tags
from .secret_views import (
    PERSONAL,
    SHARED,
    Personal,
    ReadOptions,
    SecretView,
    has_reference,
    mask_values,
    owner_key,
)
from .shaped_rows import entries_for, shaped_all

_OPENERS_MAX = 1024

_TOKEN = IdentityAccessToken.__table__.c
_SECRET_COLUMNS = (
    Secret.id.label("s_id"),
    Secret.key.label("s_key"),
    Secret.type.label("s_type"),
    Secret.user_id.label("s_user_id"),
    Secret.version.label("s_version"),
    Secret.value_ciphertext.label("s_value"),
    Secret.comment_ciphertext.label("s_comment"),
    Secret.skip_multiline_encoding.label("s_skip"),
    Secret.metadata_json.label("s_metadata"),
    Secret.reminder_note.label("s_note"),
    Secret.reminder_repeat_days.label("s_days"),
    Secret.created_at.label("s_created"),
    Secret.updated_at.label("s_updated"),
)


class _Opener:
    """A project's unwrapped data key, its AES-GCM object and the value and comment AADs."""

    def __init__(self, project_id: str, data_key: bytes) -> None:
        self.data_key = data_key
        self.aead = AESGCM(data_key)
        self.value_aad = field_aad(project_id, "value")
        self.comment_aad = field_aad(project_id, "comment")

    def __repr__(self) -> str:
        return "_Opener(...)"

    def open(self, blob: bytes, aad: bytes) -> str:
        """Decrypt a blob sealed by :func:`..crypto.encrypt_text` with ``aad``."""
        try:
            return self.aead.decrypt(blob[:NONCE_SIZE], blob[NONCE_SIZE:], aad).decode()
        except (InvalidTag, ValueError) as exc:
            raise DecryptionError("ciphertext failed authentication") from exc


_OPENERS: dict[tuple[str, bytes], _Opener] = {}


def _opener_for(root_key: bytes, project_id: str, wrapped: bytes) -> _Opener:
    """The project's data key, unwrapped once per process per wrapped value."""
    found = _OPENERS.get((project_id, wrapped))
    if found is None:
        found = _Opener(project_id, unwrap_data_key(root_key, wrapped, project_id))
        if len(_OPENERS) >= _OPENERS_MAX:
            _OPENERS.clear()
        _OPENERS[(project_id, wrapped)] = found
    return found


@dataclass
class FastScope:
    """A resolved project/environment/folder for an identity, from one query."""

    identity_id: str
    project_id: str
    env_slug: str
    folder_id: str
    path: str
    opener: _Opener = field(repr=False)

    @property
    def data_key(self) -> bytes:
        """The project's unwrapped data key."""
        return self.opener.data_key


def _scope_query(by_slug: bool) -> Select[Any]:
    """Token row, organization, project, role, environment and folder in one statement
    (bind parameters: ``tid``, ``project``, ``env``, ``path``)."""
    project_on = (Project.slug if by_slug else Project.id) == bindparam("project")
    return (
        select(
            _TOKEN.identity_id,
            _TOKEN.is_revoked,
            _TOKEN.ttl,
            _TOKEN.period,
            _TOKEN.last_renewed_at,
            _TOKEN.created_at,
            _TOKEN.num_uses,
            _TOKEN.num_uses_limit,
            Identity.org_id.label("org_id"),
            Project.id.label("project_id"),
            Project.wrapped_data_key.label("wrapped_key"),
            ProjectMembership.role.label("role"),
            Environment.slug.label("env_slug"),
            Folder.id.label("folder_id"),
        )
        .select_from(IdentityAccessToken)
        .outerjoin(Identity, Identity.id == IdentityAccessToken.identity_id)
        .outerjoin(Project, project_on)
        .outerjoin(
            ProjectMembership,
            and_(
                ProjectMembership.project_id == Project.id,
                ProjectMembership.identity_id == IdentityAccessToken.identity_id,
            ),
        )
        .outerjoin(
            Environment,
            and_(Environment.project_id == Project.id, Environment.slug == bindparam("env")),
        )
        .outerjoin(Folder, and_(Folder.env_id == Environment.id, Folder.path == bindparam("path")))
        .where(IdentityAccessToken.id == bindparam("tid"))
    )


def _get_query(by_slug: bool) -> Select[Any]:
    """:func:`_scope_query` plus the secret (``key``, ``type``, ``owner``) and whether it
    has tags or metadata."""
    secret_on = and_(
        Secret.folder_id == Folder.id,
        Secret.key == bindparam("key"),
        Secret.type == bindparam("type"),
        Secret.owner_key == bindparam("owner"),
    )
    has_tags = exists().where(SecretTag.secret_id == Secret.id)
    has_meta = exists().where(SecretMetadata.secret_id == Secret.id)
    return (
        _scope_query(by_slug)
        .add_columns(*_SECRET_COLUMNS, has_tags.label("has_tags"), has_meta.label("has_meta"))
        .outerjoin(Secret, secret_on)
    )


def _list_scope_query(by_slug: bool) -> Select[Any]:
    has_imports = exists().where(SecretImport.folder_id == Folder.id)
    return _scope_query(by_slug).add_columns(has_imports.label("has_imports"))


def _folder_secrets_query(personal: bool) -> Select[Any]:
    """The secrets of folder ``folder`` (shared, plus personal ones of ``owner``)."""
    owners = [Secret.type == SHARED]
    if personal:
        owners.append(and_(Secret.type == PERSONAL, Secret.owner_key == bindparam("owner")))
    return select(*_SECRET_COLUMNS).where(Secret.folder_id == bindparam("folder"), or_(*owners))


def _folder_decorations_query() -> CompoundSelect[Any]:
    """``(secret id, "tags" | "meta")`` for each tag link and metadata entry of a secret of
    folder ``folder``: one pass over the folder's index instead of a subquery per row."""
    in_folder = Secret.folder_id == bindparam("folder")
    return union_all(
        select(SecretTag.secret_id.label("secret_id"), literal_column("'tags'").label("kind"))
        .join(Secret, Secret.id == SecretTag.secret_id)
        .where(in_folder),
        select(SecretMetadata.secret_id.label("secret_id"), literal_column("'meta'").label("kind"))
        .join(Secret, Secret.id == SecretMetadata.secret_id)
        .where(in_folder),
    )


_SCOPE_WIDTH = len(_scope_query(False).selected_columns)  # the secret's columns follow
# positions in a row of _FOLDER_SECRETS
_NAMES = [c.key for c in _SECRET_COLUMNS]
_ID_AT, _KEY_AT, _TYPE_AT, _VALUE_AT, _COMMENT_AT = (
    _NAMES.index(n) for n in ("s_id", "s_key", "s_type", "s_value", "s_comment")
)
T = TypeVar("T")

# Built once: constructing a statement costs more than running it (SQLAlchemy's compiled
# cache then skips the compilation too).
_GET = {False: _get_query(False), True: _get_query(True)}
_LIST_SCOPE = {False: _list_scope_query(False), True: _list_scope_query(True)}
_FOLDER_SECRETS = {False: _folder_secrets_query(False), True: _folder_secrets_query(True)}
_FOLDER_DECORATIONS = _folder_decorations_query()


def _scope_params(claims: dict[str, Any], ref: ScopeRef) -> dict[str, Any]:
    return {
        "tid": claims["identityAccessTokenId"],
        "project": ref.project_id or ref.project_slug,
        "env": ref.environment,
        "path": ref.path,
    }


def _usable(row: Any, identity_id: str) -> bool:
    """True when the joined row names a plainly usable token and a reachable folder."""
    if row is None or token_row_problem(row, identity_id) is not None:
        return False
    if row.num_uses_limit > 0:  # counting uses is a write: the general path does it
        return False
    return (
        row.org_id is not None
        and row.project_id is not None
        and row.role is not None
        and row.folder_id is not None
    )


def _scope_from(row: Any, root_key: bytes, path: str) -> FastScope:
    return FastScope(
        identity_id=row.identity_id,
        project_id=row.project_id,
        env_slug=row.env_slug,
        folder_id=row.folder_id,
        path=path,
        opener=_opener_for(root_key, row.project_id, row.wrapped_key),
    )


def _view(scope: FastScope, values: Sequence[Any], opener: _Opener) -> SecretView:
    (
        sid,
        key,
        stype,
        user_id,
        version,
        value,
        comment,
        skip,
        meta,
        note,
        days,
        created,
        updated,
    ) = values[: len(_SECRET_COLUMNS)]
    return SecretView(
        id=sid,
        project_id=scope.project_id,
        environment=scope.env_slug,
        path=scope.path,
        key=key,
        type=stype,
        user_id=user_id,
        version=version,
        value=opener.open(value, opener.value_aad),
        comment=opener.open(comment, opener.comment_aad),
        skip_multiline_encoding=bool(skip),
        metadata=meta,
        reminder_note=note,
        reminder_repeat_days=days,
        created_at=created,
        updated_at=updated,
    )


def _attach(
    conn: Connection, *, scope: FastScope, views: Sequence[SecretView], tags: bool, meta: bool
) -> None:
    ids = [v.id for v in views]
    if not ids:
        return
    if tags:
        tag_map = load_tags(conn, ids)
        for v in views:
            v.tags = tag_map.get(v.id, [])
    if meta:
        meta_map = load_metadata_rows(conn, scope.project_id, scope.data_key, ids)
        for v in views:
            v.secret_metadata = meta_map.get(v.id, [])


async def fast_get(
    reads: HotReads,
    root_key: bytes,
    claims: dict[str, Any],
    ref: ScopeRef,
    *,
    name: str,
    secret_type: str,
    options: ReadOptions,
) -> SecretView | None:
    """The current secret ``name`` for an identity token in one query, or ``None`` when the
    general path must answer (every error case, and a value with references to expand)."""
    identity_id = str(claims["identityId"])
    params = _scope_params(claims, ref)
    params.update(key=name, type=secret_type, owner=owner_key("identity", identity_id, secret_type))
    async with reads.reading() as db:
        row = await db.first(_GET[not ref.project_id], params)
        if row is None or not _usable(row, identity_id) or row.s_id is None:
            return None
        scope = _scope_from(row, root_key, ref.path)
        view = _view(scope, row[_SCOPE_WIDTH:], scope.opener)
        if row.has_tags or row.has_meta:
            tags, meta = bool(row.has_tags), bool(row.has_meta)
            await db.run(partial(_attach, scope=scope, views=[view], tags=tags, meta=meta))
    mask_values([view], view_values=options.view_values)
    if options.expand_references and not view.value_hidden and has_reference(view):
        return None
    return view


def _ciphertext_bytes(row: Sequence[Any]) -> int:
    return len(row[_VALUE_AT]) + len(row[_COMMENT_AT])


def _answer_order(rows: list[Sequence[Any]], override: bool) -> list[Sequence[Any]]:
    """One folder's rows in answer order (key, then type: :func:`sort_views` within a
    folder), without the shared rows a personal one overrides when `override`
    (:func:`with_personal_overrides`)."""
    rows = sorted(rows, key=itemgetter(_KEY_AT, _TYPE_AT))
    if override:
        personal = {r[_KEY_AT] for r in rows if r[_TYPE_AT] == PERSONAL}
        if personal:
            rows = [r for r in rows if r[_TYPE_AT] == PERSONAL or r[_KEY_AT] not in personal]
    return rows


async def fast_list(
    reads: HotReads,
    root_key: bytes,
    claims: dict[str, Any],
    ref: ScopeRef,
    *,
    personal: Personal,
    options: ReadOptions,
    shape: Callable[[SecretView], T],
) -> list[T] | None:
    """The secrets of one folder for an identity token, each shaped by `shape`, in the
    general path's order and with its masking; or ``None`` when the general path must answer
    (every error case, imports to include, references to expand).

    Items of rows without tags or metadata come from :mod:`.shaped_rows` (keyed by the
    stored row): a folder listed again pays the query, not the decryption and shaping."""
    identity_id = str(claims["identityId"])
    view_values = options.view_values
    async with reads.reading() as db:
        row = await db.first(_LIST_SCOPE[not ref.project_id], _scope_params(claims, ref))
        if row is None or not _usable(row, identity_id):
            return None
        if options.include_imports and row.has_imports:
            return None
        scope = _scope_from(row, root_key, ref.path)
        prepared, raws = await db.raw_all(
            _FOLDER_SECRETS[personal != "exclude"],
            {"folder": scope.folder_id, "owner": owner_key("identity", identity_id, PERSONAL)},
        )
        opener = scope.opener
        memo = entries_for(
            (shape, scope.project_id, scope.env_slug, scope.path, scope.data_key, view_values)
        )

        def made(raw: Sequence[Any]) -> tuple[T, bool]:
            view = _view(scope, prepared.row(raw), opener)
            mask_values([view], view_values=view_values)
            return shape(view), has_reference(view)

        decorations: dict[str, set[str]] = {}
        _, links = await db.raw_all(_FOLDER_DECORATIONS, {"folder": scope.folder_id})
        for secret_id, kind in links:
            decorations.setdefault(secret_id, set()).add(kind)
        ordered = _answer_order(raws, personal == "override")
        items, refs = shaped_all(
            memo, ordered, id_at=_ID_AT, skip=decorations, size=_ciphertext_bytes, shape=made
        )
        decorated = [  # tags or metadata to attach: shaped every time
            (at, _view(scope, prepared.row(raw), opener), decorations[raw[_ID_AT]])
            for at, raw in enumerate(ordered if decorations else ())
            if items[at] is None
        ]
        tagged = [view for _, view, kinds in decorated if "tags" in kinds]
        with_meta = [view for _, view, kinds in decorated if "meta" in kinds]
        if tagged:
            await db.run(partial(_attach, scope=scope, views=tagged, tags=True, meta=False))
        if with_meta:
            await db.run(partial(_attach, scope=scope, views=with_meta, tags=False, meta=True))
    for at, view, _ in decorated:
        mask_values([view], view_values=view_values)
        refs = refs or has_reference(view)
        items[at] = shape(view)
    if options.expands and refs:
        return None
    return items
