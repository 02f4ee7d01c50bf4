"""Redaction for logs: mask credentials and secret values in headers, query strings and JSON bodies.

Keys are matched case-insensitively with ``-`` and ``_`` ignored, at any depth (so the
``secretValue`` of every secret inside a list response is masked too). ``plaintext`` and
``ciphertext`` (KMS) are masked: a ciphertext plus a leaked token decrypts the secret. Generic
``value`` keys (secret metadata, dynamic-secret inputs) are masked too; secret *names*
(``secretKey``) are not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote_plus

__all__ = [
    "MASK",
    "SENSITIVE_KEYS",
    "is_sensitive",
    "redact_body",
    "redact_headers",
    "redact_json",
    "redact_url",
]

MASK = "[redacted]"

#: keys compared case-insensitively with ``-`` and ``_`` removed
SENSITIVE_KEYS = frozenset(
    {
        "authorization",
        "proxyauthorization",
        "cookie",
        "setcookie",
        "xapikey",
        "accesstoken",
        "refreshtoken",
        "token",
        "jwt",
        "clientsecret",
        "secretvalue",
        "password",
        "newpassword",
        "plaintext",
        "ciphertext",
        "value",
        "secret",
        "privatekey",
        "apikey",
        "servicetoken",
        "identitytoken",
        "idtoken",
        "code",
        "backupcodes",
        "iamrequestheaders",
        "iamrequestbody",
        "signature",
        "encryptedkey",
        "protectedkey",
        "symmetrickey",
        "secretvalues",
    }
)


def _norm(key: str) -> str:
    return key.lower().replace("-", "").replace("_", "")


def is_sensitive(key: str) -> bool:
    """True if a header or JSON key names something that must not be logged."""
    return _norm(key) in SENSITIVE_KEYS


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """Copy `headers` with sensitive values masked (``Authorization: Bearer [redacted]``)."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    out: dict[str, str] = {}
    for key, value in items:
        if is_sensitive(key):
            scheme = value.split(" ", 1)[0] if " " in value else ""
            out[key] = f"{scheme} {MASK}" if scheme else MASK
        else:
            out[key] = value
    return out


def redact_json(data: Any) -> Any:
    """Copy a JSON value with the values of sensitive keys masked, at any depth."""
    if isinstance(data, Mapping):
        return {
            k: (MASK if isinstance(k, str) and is_sensitive(k) else redact_json(v))
            for k, v in data.items()
        }
    if isinstance(data, list | tuple):
        return [redact_json(v) for v in data]
    return data


def redact_url(raw: str) -> str:
    """A path with query string, with the values of sensitive query parameters masked."""
    path, sep, query = raw.partition("?")
    if not sep:
        return raw
    parts = []
    for part in query.split("&"):
        name, eq, _ = part.partition("=")
        parts.append(f"{name}={MASK}" if eq and is_sensitive(unquote_plus(name)) else part)
    return path + "?" + "&".join(parts)


def redact_body(content: bytes, content_type: str | None = None) -> str:
    """A loggable rendering of a body: redacted JSON, or just its size when not JSON."""
    if not content:
        return ""
    if content_type is None or "json" in content_type.lower():
        try:
            return json.dumps(redact_json(json.loads(content)), separators=(",", ":"))
        except (ValueError, UnicodeDecodeError):
            pass
    return f"<{len(content)} bytes>"
