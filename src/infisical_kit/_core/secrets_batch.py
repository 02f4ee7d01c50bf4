"""Batch secret calls (``/api/v4/secrets/batch``): item normalization, checks and builders.

Batch items may be given as a mapping ``{name: value}`` or as a sequence of mappings with the
snake_case keys ``name`` (or ``key``), ``value``, ``comment``, ``new_name``, ``tag_ids``,
``metadata`` (a ``{key: value}`` mapping), ``skip_multiline_encoding`` and ``secret_path``.

Older servers (``/api/v3/secrets/batch/raw``): `legacy_batch` refuses what they cannot do (a
batch update ``mode`` other than failOnNotFound, metadata, a per-item path); `missing_keys`
names the keys a failed batch update lacked (their 404 message names the wrong ones).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

from infisical_kit._core.kinds import BATCH_MODES
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.scope import ResolvedScope, normalize_secret_path
from infisical_kit._core.secrets import SECRETS_V4, scope_of, secret_fields
from infisical_kit._core.unsupported import refuse
from infisical_kit._core.validation import require
from infisical_kit._core.wire import secret_scope
from infisical_kit.errors import NotFoundError

__all__ = [
    "BATCH_MODES",
    "SECRETS_BATCH",
    "BatchItems",
    "batch_create",
    "batch_delete",
    "batch_update",
    "check_mode",
    "check_names",
    "item_keys",
    "legacy_batch",
    "missing_keys",
    "normalize_batch_items",
    "valueless_keys",
    "with_values",
]

SECRETS_BATCH = SECRETS_V4 + "/batch"

#: ``{name: value}`` or a sequence of item mappings (see the module docstring).
BatchItems = Mapping[str, str] | Sequence[Mapping[str, Any]]

_ITEM_KEYS = {
    "name",
    "key",
    "value",
    "comment",
    "new_name",
    "tag_ids",
    "metadata",
    "skip_multiline_encoding",
    "secret_path",
}


def check_mode(mode: str, problems: list[str]) -> None:
    """Append a problem unless `mode` is one of `BATCH_MODES`."""
    if mode not in BATCH_MODES:
        problems.append(f"mode must be one of {', '.join(BATCH_MODES)}, not {mode!r}")


def check_names(names: Sequence[str], problems: list[str]) -> None:
    """Append a problem unless `names` is a non-empty list of non-empty names."""
    if isinstance(names, str) or not names:
        problems.append("names must be a non-empty list of secret names")
        return
    for index, name in enumerate(names):
        require(name, f"names[{index}]", problems)


def _item(
    raw: Mapping[str, Any], index: int, require_value: bool, problems: list[str]
) -> dict[str, Any]:
    where = f"secrets[{index}]."
    unknown = sorted(set(raw) - _ITEM_KEYS)
    if unknown:
        problems.append(f"{where} unknown field(s): {', '.join(unknown)}")
    name = raw.get("name", raw.get("key"))
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}name must be a non-empty string")
    value = raw.get("value")
    if value is None and require_value:
        problems.append(f"{where}value is required")
    elif value is not None and not isinstance(value, str):
        problems.append(f"{where}value must be a string")
    item: dict[str, Any] = {"secretKey": name}
    if value is not None:
        item["secretValue"] = value
    if raw.get("comment") is not None:
        item["secretComment"] = raw["comment"]
    if raw.get("new_name") is not None:
        item["newSecretName"] = raw["new_name"]
    if raw.get("secret_path") is not None:
        item["secretPath"] = normalize_secret_path(str(raw["secret_path"]))
    item.update(
        secret_fields(
            tag_ids=raw.get("tag_ids"),
            metadata=raw.get("metadata"),
            skip_multiline_encoding=raw.get("skip_multiline_encoding"),
            problems=problems,
            where=where,
        )
    )
    return item


def normalize_batch_items(
    items: BatchItems, *, require_value: bool, problems: list[str]
) -> list[dict[str, Any]]:
    """Wire items (``secretKey``, ``secretValue`` …) from `items`; problems go to `problems`."""
    if isinstance(items, Mapping):
        raw_items: list[Mapping[str, Any]] = [{"name": k, "value": v} for k, v in items.items()]
    elif isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        problems.append("secrets must be a {name: value} mapping or a list of item mappings")
        return []
    else:
        raw_items = list(items)
    if not raw_items:
        problems.append("secrets must contain at least one item")
    out = []
    for index, raw in enumerate(raw_items):
        if not isinstance(raw, Mapping):
            problems.append(f"secrets[{index}] must be a mapping")
            continue
        out.append(_item(raw, index, require_value, problems))
    return out


def batch_create(scope: ResolvedScope, items: list[dict[str, Any]]) -> ApiRequest:
    """``POST /api/v4/secrets/batch`` (always shared secrets)."""
    body = {**secret_scope(scope), "secrets": items}
    return ApiRequest("POST", SECRETS_BATCH, json=body)


def batch_update(scope: ResolvedScope, items: list[dict[str, Any]], mode: str) -> ApiRequest:
    """``PATCH /api/v4/secrets/batch`` with ``mode`` failOnNotFound | upsert | ignore."""
    body = {**secret_scope(scope), "mode": mode, "secrets": items}
    return ApiRequest("PATCH", SECRETS_BATCH, json=body)


def batch_delete(scope: ResolvedScope, names: Sequence[str], type: str = "shared") -> ApiRequest:
    """``DELETE /api/v4/secrets/batch`` with the names in a JSON body."""
    items = [{"secretKey": name, "type": type} for name in names]
    return ApiRequest("DELETE", SECRETS_BATCH, json={**secret_scope(scope), "secrets": items})


# -- older servers --------------------------------------------------------------------------


def legacy_batch(request: ApiRequest) -> ApiRequest:
    """The ``/api/v3/secrets/batch/raw`` form of a batch request (its path already rewritten):
    refuses a ``mode`` other than failOnNotFound (that route has none), metadata and a
    per-item ``secret_path`` (it stores neither); the ``mode`` field is left out."""
    body = dict(request.json or {})
    mode = body.pop("mode", None)
    if mode not in (None, "failOnNotFound"):
        raise refuse(
            f"mode={mode!r}",
            request,
            "has no mode: it fails when a secret is missing, so it can neither create nor "
            "skip one (use secrets.upsert() for each secret, or batch_create the missing ones)",
        )
    for item in body.get("secrets") or []:
        if "secretMetadata" in item:
            raise refuse("metadata", request, "does not store secret metadata")
        if item.get("secretPath", body.get("secretPath")) != body.get("secretPath"):
            raise refuse(
                "secret_path", request, "has no per-secret path (every item uses the call's)"
            )
    return replace(request, json=body)


def item_keys(request: ApiRequest) -> list[str]:
    """The ``secretKey`` of every item of a batch request, in order."""
    return [str(item.get("secretKey")) for item in (request.json or {}).get("secrets") or []]


def valueless_keys(request: ApiRequest) -> list[str]:
    """The keys of the items of a batch update that carry no ``secretValue``."""
    items = (request.json or {}).get("secrets") or []
    return [str(item.get("secretKey")) for item in items if "secretValue" not in item]


def with_values(request: ApiRequest, values: Mapping[str, str]) -> ApiRequest:
    """`request` (a batch update) with ``secretValue`` filled in from `values` for the items
    that have none (servers whose batch update requires a value)."""
    body = dict(request.json or {})
    body["secrets"] = [
        {"secretValue": values[item["secretKey"]], **item}
        if "secretValue" not in item and item.get("secretKey") in values
        else item
        for item in body.get("secrets") or []
    ]
    return replace(request, json=body)


def missing_keys(request: ApiRequest, error: NotFoundError, existing: Collection[str]) -> Exception:
    """The `NotFoundError` of a failed batch update, naming the keys of `request` that are not
    in `existing` (the folder's keys) and the scope; `error` itself if none is missing, or if
    an item names a folder of its own (`existing` does not cover it)."""
    body = request.json or {}
    if any("secretPath" in item for item in body.get("secrets") or []):
        return error
    missing = [key for key in item_keys(request) if key not in existing]
    if not missing:
        return error
    project, environment, path = scope_of(request)
    message = (
        f"secret(s) not found: {', '.join(missing)} (in project {project}, environment "
        f"{environment!r}, path {path!r}); nothing was updated"
    )
    made = NotFoundError(
        error.status_code,
        message,
        error.error,
        error.request_id,
        method=error.method,
        path=error.path,
    )
    made.attempts = error.attempts
    return made
