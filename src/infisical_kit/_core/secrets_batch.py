"""Batch secret calls (``/api/v4/secrets/batch``): item normalization, checks and builders.

Batch items may be given as a mapping ``{name: value}`` or as a sequence of mappings with the
snake_case keys ``name`` (or ``key``), ``value``, ``comment``, ``new_name``, ``tag_ids``,
``metadata`` (a ``{key: value}`` mapping), ``skip_multiline_encoding`` and ``secret_path``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.scope import ResolvedScope, normalize_secret_path
from infisical_kit._core.secrets import SECRETS_V4, secret_fields
from infisical_kit._core.validation import require
from infisical_kit._core.wire import secret_scope

__all__ = [
    "BATCH_MODES",
    "SECRETS_BATCH",
    "BatchItems",
    "batch_create",
    "batch_delete",
    "batch_update",
    "check_mode",
    "check_names",
    "normalize_batch_items",
]

SECRETS_BATCH = SECRETS_V4 + "/batch"
BATCH_MODES = ("failOnNotFound", "upsert", "ignore")

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
