"""Render secrets for ``infisical-kit export`` (pure functions, no I/O).

* ``dotenv`` - ``KEY="value"`` with ``\\``, ``"``, newline, carriage return and tab escaped
  (python-dotenv and the Infisical CLI read these escapes back). Loaders that interpolate
  ``${VAR}`` inside double quotes (python-dotenv by default) need interpolation turned off to
  read a value containing ``${`` literally.
* ``shell`` - ``export KEY='value'``; a ``'`` becomes ``'\\''``; nothing else is special.
* ``json`` - one object ``{"KEY": "value", ...}``.
* ``yaml`` - ``"KEY": "value"`` lines with JSON-escaped double-quoted scalars (valid YAML).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

__all__ = ["FORMATS", "InvalidKeyError", "render"]

FORMATS = ("dotenv", "json", "yaml", "shell")

_SHELL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters JSON leaves raw but YAML does not allow unescaped (C1 controls, DEL, LS/PS, BOM).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
_DOTENV_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class InvalidKeyError(ValueError):
    """A secret key that the chosen format cannot name (e.g. ``A-B`` in shell)."""


def dotenv_quote(value: str) -> str:
    """`value` as a double-quoted dotenv value."""
    return '"' + "".join(_DOTENV_ESCAPES.get(ch, ch) for ch in value) + '"'


def shell_quote(value: str) -> str:
    """`value` as one single-quoted POSIX shell word."""
    return "'" + value.replace("'", "'\\''") + "'"


def yaml_quote(value: str) -> str:
    """`value` as a YAML double-quoted scalar (JSON string syntax, which YAML accepts)."""
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _check_keys(secrets: Mapping[str, str], fmt: str) -> None:
    bad = sorted(key for key in secrets if not _SHELL_NAME.match(key))
    if bad:
        raise InvalidKeyError(
            f"{fmt} cannot name these secret keys (not valid variable names): {', '.join(bad)}"
        )


def render(secrets: Mapping[str, str], fmt: str) -> str:
    """The text of `secrets` in format `fmt` (one of `FORMATS`), ending with a newline."""
    if fmt == "json":
        return json.dumps(dict(secrets), indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        if not secrets:
            return "{}\n"
        return "".join(
            f"{yaml_quote(key)}: {yaml_quote(value)}\n" for key, value in secrets.items()
        )
    if fmt == "dotenv":
        _check_keys(secrets, fmt)
        return "".join(f"{key}={dotenv_quote(value)}\n" for key, value in secrets.items())
    if fmt == "shell":
        _check_keys(secrets, fmt)
        return "".join(f"export {key}={shell_quote(value)}\n" for key, value in secrets.items())
    raise ValueError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
