"""What secrets look like outside Infisical: environment variables and export formats.

Pure functions, no I/O.

Environment variables: a name can never be a variable when it is empty or contains ``=`` or a
NUL byte, and a value cannot hold a NUL byte (`environ_problem`). ``run`` and ``export`` skip
such secrets and say so in one warning line that names the keys, never the values
(`skipped_warning`).

Export formats (`render`):

* ``dotenv`` - ``KEY='value'``: read back the same by ``bash`` (``set -a; source .env``:
  nothing is executed or expanded) and by python-dotenv. A value holding ``'`` (or ``\\\\``, or
  ending with ``\\``) is written ``KEY="value"`` with ``\\`` and ``"`` escaped, which both
  read the same as long as the value has no ``$`` or backtick. A value with both kinds has no
  spelling that both read the same: it is skipped with a warning (use ``shell`` or ``json``).
  python-dotenv expands ``${VAR}`` in every value unless ``interpolate=False``.
* ``shell`` - ``export KEY='value'``; a ``'`` becomes ``'\\''``; nothing else is special.
* ``json`` - one object ``{"KEY": "value", ...}``.
* ``yaml`` - ``"KEY": "value"`` lines with JSON-escaped double-quoted scalars (valid YAML).

``dotenv`` and ``shell`` name variables, so they also skip keys that are not shell variable
names (``my-key``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from infisical_kit._core.kinds import EXPORT_FORMATS, ExportFormat

__all__ = [
    "FORMATS",
    "Skipped",
    "dotenv_quote",
    "environ_problem",
    "render",
    "shell_quote",
    "skipped_warning",
    "usable_as_environ",
]

FORMATS = EXPORT_FORMATS

#: ``(key, why)`` for each secret left out.
Skipped = list[tuple[str, str]]

_SHELL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters JSON leaves raw but YAML does not allow unescaped (C1 controls, DEL, LS/PS, BOM).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
_NO_DOTENV_SPELLING = (
    "no dotenv quoting of its value reads the same in bash and python-dotenv; "
    "--format shell or json can hold it"
)
_NOT_A_SHELL_NAME = "not a shell variable name; --format json can hold it"


def environ_problem(key: str, value: str) -> str | None:
    """Why `key`=`value` can never be an environment variable, or None if it can."""
    if not key:
        return "empty name"
    if "=" in key:
        return "'=' in the name"
    if "\0" in key:
        return "NUL byte in the name"
    if "\0" in value:
        return "NUL byte in the value"
    return None


def usable_as_environ(secrets: Mapping[str, str]) -> tuple[dict[str, str], Skipped]:
    """The secrets that can be environment variables, and the others with the reason."""
    usable: dict[str, str] = {}
    skipped: Skipped = []
    for key, value in secrets.items():
        problem = environ_problem(key, value)
        if problem is None:
            usable[key] = value
        else:
            skipped.append((key, problem))
    return usable, skipped


def skipped_warning(skipped: Skipped) -> str:
    """One line naming every skipped key (escaped, never the value) and why."""
    parts = ", ".join(f"{_printable(key)} ({why})" for key, why in skipped)
    noun = "secret" if len(skipped) == 1 else "secrets"
    return f"warning: skipped {len(skipped)} {noun}: {parts}"


def _printable(key: str) -> str:
    # repr escapes NUL, newlines and other control characters, so the line stays one line.
    return repr(key)


def dotenv_quote(value: str) -> str | None:
    """`value` as a dotenv value that bash and python-dotenv read the same, or None."""
    if "'" not in value and "\\\\" not in value and not value.endswith("\\"):
        return f"'{value}'"  # bash: literal; python-dotenv: only \\ and \' are escapes
    if "$" not in value and "`" not in value:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return None


def shell_quote(value: str) -> str:
    """`value` as one single-quoted POSIX shell word."""
    return "'" + value.replace("'", "'\\''") + "'"


def yaml_quote(value: str) -> str:
    """`value` as a YAML double-quoted scalar (JSON string syntax, which YAML accepts)."""
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(secrets: Mapping[str, str], fmt: ExportFormat) -> tuple[str, Skipped]:
    """The text of `secrets` in format `fmt` (one of `FORMATS`), ending with a newline, and
    the secrets left out (see the module docstring)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    usable, skipped = usable_as_environ(secrets)
    if fmt == "json":
        return json.dumps(usable, indent=2, ensure_ascii=False) + "\n", skipped
    if fmt == "yaml":
        lines = [f"{yaml_quote(key)}: {yaml_quote(value)}\n" for key, value in usable.items()]
        return "".join(lines) or "{}\n", skipped
    lines = []
    for key, value in usable.items():
        if not _SHELL_NAME.match(key):
            skipped.append((key, _NOT_A_SHELL_NAME))
        elif fmt == "shell":
            lines.append(f"export {key}={shell_quote(value)}\n")
        elif (quoted := dotenv_quote(value)) is None:
            skipped.append((key, _NO_DOTENV_SPELLING))
        else:
            lines.append(f"{key}={quoted}\n")
    return "".join(lines), skipped
