"""Secrets (``/api/v4/secrets``): request builders, argument checks and response parsers.

Wire rules: every list flag is sent explicitly; the imports flag goes as both
``includeImports`` and ``include_imports``; DELETE carries the scope in a JSON body; secret
names are URL-quoted in the path. Batch calls live in `infisical_kit._core.secrets_batch`.

Older servers (``/api/v3/secrets/raw``, see `infisical_kit._core.routing`): `legacy_secret`
refuses what they would drop (metadata) and leaves the metadata filter to the client
(`apply_metadata_filter`); `mask_values` hides values a server returned although
``viewSecretValue=false`` asked it not to; `check_version` of the answer refuses a version other
than the one asked; `scoped_error` makes a 404 or "already exists" name the secret's scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

from infisical_kit._core.kinds import SECRET_TYPES
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse, error_from_response, parse_object
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._core.unsupported import refuse
from infisical_kit._core.validation import require
from infisical_kit._core.wire import flag, secret_scope, segment
from infisical_kit.errors import AlreadyExistsError, NotFoundError
from infisical_kit.models import Secret, SecretList

__all__ = [
    "HIDDEN_VALUE",
    "MAX_METADATA_FILTERS",
    "SECRETS_V4",
    "SECRET_TYPES",
    "apply_metadata_filter",
    "check_returned_version",
    "check_type",
    "check_version",
    "check_write",
    "complete_secret_list",
    "copy_secret_list",
    "create_secret",
    "delete_secret",
    "flatten_secret_list",
    "format_metadata_filter",
    "get_secret",
    "is_legacy",
    "legacy_secret",
    "list_secrets",
    "mask_values",
    "merge_personal",
    "parse_secret",
    "parse_secret_list",
    "scope_of",
    "scoped_error",
    "secret_fields",
    "update_secret",
    "with_value",
]

SECRETS_V4 = "/api/v4/secrets"
SECRETS_LEGACY = "/api/v3/secrets/"
MAX_METADATA_FILTERS = 10
#: the value Infisical puts in place of a hidden one (``viewSecretValue=false``)
HIDDEN_VALUE = "<hidden-by-infisical>"


# -- checks ---------------------------------------------------------------------------------


def check_type(type: str, problems: list[str]) -> None:
    """Append a problem unless `type` is ``shared`` or ``personal``."""
    if type not in SECRET_TYPES:
        problems.append(f"type must be 'shared' or 'personal', not {type!r}")


def check_version(version: object, problems: list[str]) -> None:
    """Append a problem unless `version` is ``None`` or a positive integer."""
    if version is None:
        return
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(f"version must be a positive integer, not {version!r}")


def format_metadata_filter(
    metadata_filter: Mapping[str, str] | Sequence[tuple[str, str]] | None, problems: list[str]
) -> str | None:
    """``{"team": "a"}`` -> ``"key=team,value=a"``; conditions are ANDed (at most 10)."""
    if not metadata_filter:
        return None
    pairs = list(
        metadata_filter.items() if isinstance(metadata_filter, Mapping) else metadata_filter
    )
    if len(pairs) > MAX_METADATA_FILTERS:
        problems.append(f"metadata_filter allows at most {MAX_METADATA_FILTERS} conditions")
    for pair in pairs:
        if len(pair) != 2 or not all(isinstance(p, str) and p for p in pair):
            problems.append("metadata_filter entries must be non-empty (key, value) strings")
            return None
        if any(c in p for p in pair for c in ",|="):
            problems.append("metadata_filter keys and values cannot contain ',', '|' or '='")
            return None
    return "|".join(f"key={k},value={v}" for k, v in pairs)


def secret_fields(
    *,
    tag_ids: Sequence[str] | None = None,
    metadata: Mapping[str, str] | None = None,
    skip_multiline_encoding: bool | None = None,
    reminder_note: str | None = None,
    reminder_repeat_days: int | None = None,
    problems: list[str],
    where: str = "",
) -> dict[str, Any]:
    """The optional body fields shared by create, update and batch items."""
    body: dict[str, Any] = {}
    if reminder_note is not None:
        if not isinstance(reminder_note, str):
            problems.append(f"{where}reminder_note must be a string")
        else:
            body["secretReminderNote"] = reminder_note
    if reminder_repeat_days is not None:
        days = reminder_repeat_days
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            problems.append(f"{where}reminder_repeat_days must be a positive integer")
        else:
            body["secretReminderRepeatDays"] = days
    if tag_ids is not None:
        if isinstance(tag_ids, str) or not all(isinstance(t, str) and t for t in tag_ids):
            problems.append(f"{where}tag_ids must be a list of tag ids")
        else:
            body["tagIds"] = list(tag_ids)
    if metadata is not None:
        if not isinstance(metadata, Mapping) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in metadata.items()
        ):
            problems.append(f"{where}metadata must map non-empty string keys to strings")
        else:
            body["secretMetadata"] = [{"key": k, "value": v} for k, v in metadata.items()]
    if skip_multiline_encoding is not None:
        body["skipMultilineEncoding"] = bool(skip_multiline_encoding)
    return body


def check_write(name: str, type: str, problems: list[str], *, new_name: str | None = None) -> None:
    """The checks every single-secret write makes: the name(s) and the type."""
    require(name, "name", problems)
    if new_name is not None:
        require(new_name, "new_name", problems)
    check_type(type, problems)


# -- builders -------------------------------------------------------------------------------


def _imports(value: bool) -> list[tuple[str, str]]:
    return [("includeImports", flag(value)), ("include_imports", flag(value))]


def _secret_path(name: str) -> str:
    return f"{SECRETS_V4}/{segment(name)}"


def list_secrets(
    scope: ResolvedScope,
    *,
    recursive: bool = False,
    include_imports: bool = False,
    expand_secret_references: bool = True,
    view_secret_value: bool = True,
    tag_slugs: Sequence[str] | None = None,
    metadata_filter: str | None = None,
    include_personal_overrides: bool = False,
) -> ApiRequest:
    """``GET /api/v4/secrets``: every flag is sent explicitly."""
    params = [
        *secret_scope(scope).items(),
        ("recursive", flag(recursive)),
        *_imports(include_imports),
        ("expandSecretReferences", flag(expand_secret_references)),
        ("viewSecretValue", flag(view_secret_value)),
        ("includePersonalOverrides", flag(include_personal_overrides)),
    ]
    if tag_slugs:
        params.append(("tagSlugs", ",".join(tag_slugs)))
    if metadata_filter:
        params.append(("metadataFilter", metadata_filter))
    return ApiRequest("GET", SECRETS_V4, tuple(params))


def get_secret(
    name: str,
    scope: ResolvedScope,
    *,
    version: int | None = None,
    type: str = "shared",
    expand_secret_references: bool = True,
    include_imports: bool = True,
    view_secret_value: bool = True,
) -> ApiRequest:
    """``GET /api/v4/secrets/{name}``."""
    params = [
        *secret_scope(scope).items(),
        ("type", type),
        ("expandSecretReferences", flag(expand_secret_references)),
        *_imports(include_imports),
        ("viewSecretValue", flag(view_secret_value)),
    ]
    if version is not None:
        params.append(("version", str(version)))
    return ApiRequest("GET", _secret_path(name), tuple(params))


def create_secret(
    name: str,
    value: str,
    scope: ResolvedScope,
    *,
    comment: str | None = None,
    type: str = "shared",
    extra: Mapping[str, Any] | None = None,
) -> ApiRequest:
    """``POST /api/v4/secrets/{name}`` (`extra`: more body fields, e.g. ``tagIds``)."""
    body = {**secret_scope(scope), "type": type, "secretValue": value, **(extra or {})}
    if comment is not None:
        body["secretComment"] = comment
    return ApiRequest("POST", _secret_path(name), json=body)


def update_secret(
    name: str,
    scope: ResolvedScope,
    *,
    value: str | None = None,
    new_name: str | None = None,
    comment: str | None = None,
    type: str = "shared",
    extra: Mapping[str, Any] | None = None,
) -> ApiRequest:
    """``PATCH /api/v4/secrets/{name}``: only the fields given (and `extra`) are sent."""
    body: dict[str, Any] = {**secret_scope(scope), "type": type, **(extra or {})}
    optional: Iterable[tuple[str, str | None]] = (
        ("secretValue", value),
        ("newSecretName", new_name),
        ("secretComment", comment),
    )
    body.update({key: val for key, val in optional if val is not None})
    return ApiRequest("PATCH", _secret_path(name), json=body)


def delete_secret(name: str, scope: ResolvedScope, *, type: str = "shared") -> ApiRequest:
    """``DELETE /api/v4/secrets/{name}`` with the scope in a JSON body."""
    return ApiRequest("DELETE", _secret_path(name), json={**secret_scope(scope), "type": type})


def with_value(request: ApiRequest, value: str) -> ApiRequest:
    """`request` (an update) with ``secretValue`` set to `value` (for servers that need it)."""
    return replace(request, json={**(request.json or {}), "secretValue": value})


# -- older servers --------------------------------------------------------------------------


def is_legacy(request: ApiRequest) -> bool:
    """True when `request` went to the older ``/api/v3/secrets`` routes."""
    return request.path.startswith(SECRETS_LEGACY)


def legacy_secret(request: ApiRequest) -> ApiRequest:
    """The ``/api/v3/secrets/raw`` form of a secrets request (its path already rewritten):
    metadata is refused (those routes do not store it; nothing is created without it); the
    metadata filter, which they ignore, is left out (the client applies it)."""
    body = request.json
    if body is not None and "secretMetadata" in body:
        raise refuse("metadata", request, "does not store secret metadata")
    if any(key == "metadataFilter" for key, _ in request.params):
        kept = tuple((key, value) for key, value in request.params if key != "metadataFilter")
        return replace(request, params=kept)
    return request


def apply_metadata_filter(
    secrets: list[Secret], metadata_filter: Mapping[str, str] | Sequence[tuple[str, str]]
) -> list[Secret]:
    """The secrets whose metadata holds every ``(key, value)`` of `metadata_filter` (what the
    server does on ``metadataFilter``, for a server that ignores it)."""
    pairs = set(
        metadata_filter.items() if isinstance(metadata_filter, Mapping) else metadata_filter
    )
    return [s for s in secrets if pairs <= {(m.key, m.value) for m in s.secret_metadata}]


def mask_values(secrets: list[Secret]) -> list[Secret]:
    """`secrets` with every value the server did not hide replaced by `HIDDEN_VALUE` (for
    ``view_secret_value=False`` against a server that ignores ``viewSecretValue``)."""
    return [
        s if s.value_hidden else s.model_copy(update={"value": HIDDEN_VALUE, "value_hidden": True})
        for s in secrets
    ]


def complete_secret_list(
    request: ApiRequest,
    result: SecretList,
    metadata_filter: Mapping[str, str] | Sequence[tuple[str, str]] | None,
    *,
    view_secret_value: bool,
) -> SecretList:
    """`result` with what the server should have done and an older one ignores: on the
    ``/api/v3`` routes the metadata filter applied; values masked for ``view_secret_value=False``
    (direct and imported secrets alike)."""
    filtering = bool(metadata_filter) and is_legacy(request)
    if not filtering and view_secret_value:
        return result

    def fix(secrets: list[Secret]) -> list[Secret]:
        if filtering and metadata_filter:
            secrets = apply_metadata_filter(secrets, metadata_filter)
        return secrets if view_secret_value else mask_values(secrets)

    imports = [block.model_copy(update={"secrets": fix(block.secrets)}) for block in result.imports]
    return result.model_copy(update={"secrets": fix(result.secrets), "imports": imports})


def copy_secret_list(result: SecretList) -> SecretList:
    """A copy of a cached `SecretList` whose lists the caller may change (the secrets
    themselves are frozen)."""
    imports = [
        block.model_copy(update={"secrets": list(block.secrets)}) for block in result.imports
    ]
    return result.model_copy(update={"secrets": list(result.secrets), "imports": imports})


def check_returned_version(request: ApiRequest, secret: Secret, version: int | None) -> Secret:
    """`secret` if it is the `version` asked for (or none was); else `UnsupportedByServerError`
    (an older server answers ``?version=N`` with another version)."""
    if version is None or secret.version == version:
        return secret
    raise refuse(
        "version",
        request,
        f"answered version {secret.version} when version {version} was asked "
        "(it cannot read a past version)",
    )


def scope_of(request: ApiRequest) -> tuple[str, str, str]:
    """``(project, environment, path)`` a secrets request names (in its query or body)."""
    fields: dict[str, Any] = {**dict(request.params), **(request.json or {})}
    project = fields.get("projectId") or fields.get("workspaceId") or "?"
    return str(project), str(fields.get("environment", "?")), str(fields.get("secretPath", "/"))


def scoped_error(request: ApiRequest, error: Exception) -> Exception:
    """A `NotFoundError` or `AlreadyExistsError` of a secrets call, re-made to name the
    secret (when the path names one), project, environment and path; other errors as they
    are."""
    if not isinstance(error, (NotFoundError, AlreadyExistsError)):
        return error
    project, environment, path = scope_of(request)
    tail = request.path.rsplit("/", 1)[-1] if request.path.count("/") > 3 else ""
    name = unquote(tail) if tail and tail not in ("raw", "secrets") else None
    what = f"secret {name!r}" if name else "secrets"
    where = f"{what} in project {project}, environment {environment!r}, path {path!r}"
    made = type(error)(
        error.status_code,
        f"{error.message} ({where})",
        error.error,
        error.request_id,
        method=error.method,
        path=error.path,
        issues=error.issues,
    )
    made.attempts = error.attempts
    return made


# -- parsers --------------------------------------------------------------------------------


def _raise_scoped(request: ApiRequest, response: HTTPResponse) -> None:
    if not response.is_success:
        error = error_from_response(request, response)
        raise scoped_error(request, error) from None


def parse_secret(request: ApiRequest, response: HTTPResponse) -> Secret:
    """Parse ``{secret}``; a ``{approval}`` body raises `ApprovalRequiredError`; a 404 or
    "already exists" names the secret's scope."""
    _raise_scoped(request, response)
    return parse_object(request, response, "secret", Secret, what="secret")


def parse_secret_list(request: ApiRequest, response: HTTPResponse) -> SecretList:
    """Parse ``{secrets, imports?}`` (bytes validated in one step; errors diagnosed after)."""
    _raise_scoped(request, response)
    return parse_object(request, response, None, SecretList, what="secrets")


def flatten_secret_list(result: SecretList) -> list[Secret]:
    """Direct secrets first (they win), then imported ones not shadowed; a later import wins."""
    imported: dict[str, Secret] = {}
    for block in result.imports:
        for secret in block.secrets:
            if secret.secret_path is None:
                secret = secret.model_copy(update={"secret_path": block.secret_path})
            imported[secret.key] = secret
    direct_keys = {secret.key for secret in result.secrets}
    extra = [s for key, s in imported.items() if key not in direct_keys]
    return [*result.secrets, *extra]


def merge_personal(secrets: list[Secret], *, prefer_personal: bool) -> list[Secret]:
    """Merge shared and personal items of one list (a v3 list returns both).

    With `prefer_personal`, a personal secret replaces the shared one of the same key and
    folder; otherwise personal items are dropped. Order follows the first occurrence.
    """
    if not any(s.type == "personal" for s in secrets):
        return secrets
    if not prefer_personal:
        return [s for s in secrets if s.type != "personal"]
    personal = {(s.key, s.secret_path): s for s in secrets if s.type == "personal"}
    out: list[Secret] = []
    seen: set[tuple[str, str | None]] = set()
    for secret in secrets:
        slot = (secret.key, secret.secret_path)
        if slot in seen:
            continue
        seen.add(slot)
        out.append(personal.get(slot, secret))
    return out
