"""Secrets beyond single CRUD: batch builders, input normalization, filters, personal merging.

Batch items may be given as a mapping ``{name: value}`` or as a sequence of mappings with the
snake_case keys ``name`` (or ``key``), ``value``, ``comment``, ``new_name``, ``tag_ids``,
``metadata`` (a ``{key: value}`` mapping), ``skip_multiline_encoding`` and ``secret_path``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from infisical_kit._core.api import SECRETS_V4, ApiRequest, _scope_body
from infisical_kit._core.scope import ResolvedScope, normalize_secret_path
from infisical_kit.models import Secret

__all__ = [
    "BATCH_MODES",
    "BatchItems",
    "batch_create",
    "batch_delete",
    "batch_update",
    "format_metadata_filter",
    "merge_personal",
    "normalize_batch_items",
    "secret_fields",
]

SECRETS_BATCH = SECRETS_V4 + "/batch"
BATCH_MODES = ("failOnNotFound", "upsert", "ignore")
MAX_METADATA_FILTERS = 10

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
    problems: list[str],
    where: str = "",
) -> dict[str, Any]:
    """The optional body fields shared by create, update and batch items."""
    body: dict[str, Any] = {}
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
    body = {**_scope_body(scope), "secrets": items}
    return ApiRequest("POST", SECRETS_BATCH, json=body)


def batch_update(scope: ResolvedScope, items: list[dict[str, Any]], mode: str) -> ApiRequest:
    """``PATCH /api/v4/secrets/batch`` with ``mode`` failOnNotFound | upsert | ignore."""
    body = {**_scope_body(scope), "mode": mode, "secrets": items}
    return ApiRequest("PATCH", SECRETS_BATCH, json=body)


def batch_delete(scope: ResolvedScope, names: Sequence[str], type: str = "shared") -> ApiRequest:
    """``DELETE /api/v4/secrets/batch`` with the names in a JSON body."""
    items = [{"secretKey": name, "type": type} for name in names]
    return ApiRequest("DELETE", SECRETS_BATCH, json={**_scope_body(scope), "secrets": items})


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
