"""Checks shared by the login-method settings (each a 400 that names the field)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from ..errors import bad_request

MAX_PUBLIC_KEYS = 20


def url(config: Mapping[str, Any], name: str, schemes: tuple[str, ...] = ("https", "http")) -> str:
    """The URL setting `name`, which must use one of `schemes` and name a host."""
    value = str(config.get(name) or "").strip()
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        raise bad_request(f"{name} must be a {' or '.join(schemes)} URL")
    return value


def required(config: Mapping[str, Any], name: str) -> str:
    """The non-empty text setting `name`."""
    value = str(config.get(name) or "").strip()
    if not value:
        raise bad_request(f"{name} is required")
    return value


def one_of(config: Mapping[str, Any], name: str, allowed: tuple[str, ...]) -> str:
    """The setting `name`, one of `allowed`."""
    value = str(config.get(name) or "")
    if value not in allowed:
        raise bad_request(f"{name} must be one of {', '.join(allowed)}")
    return value


def texts(config: dict[str, Any], *names: str) -> None:
    """Trim the text settings `names` (``None`` becomes ``""``)."""
    for name in names:
        config[name] = str(config.get(name) or "").strip()


def claims_map(config: dict[str, Any], name: str) -> None:
    """A ``{claim: "value, pattern"}`` setting: string keys and values only."""
    value = config.get(name) or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise bad_request(f"{name} must map claim names to strings")
    config[name] = dict(value)


def pems(keys: Any, name: str) -> list[str]:
    """PEM public keys or certificates (at most `MAX_PUBLIC_KEYS`)."""
    if not isinstance(keys, list) or len(keys) > MAX_PUBLIC_KEYS:
        raise bad_request(f"{name} must be a list of at most {MAX_PUBLIC_KEYS} PEM keys")
    cleaned = []
    for index, pem in enumerate(keys):
        text = str(pem).strip()
        try:
            if "CERTIFICATE" in text:
                x509.load_pem_x509_certificate(text.encode())
            else:
                load_pem_public_key(text.encode())
        except (ValueError, TypeError):
            raise bad_request(f"{name}[{index}] is not a PEM public key or certificate") from None
        cleaned.append(text)
    return cleaned
