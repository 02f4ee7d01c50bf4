"""Handlebars-style ``{{name}}`` placeholders in statements and username templates.

Only plain variables are supported (``{{username}}``, ``{{{password}}}``, ``{{identity.name}}``);
a template naming anything else is rejected when it is saved, never rendered as empty text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_PLACEHOLDER = re.compile(r"\{\{\{?\s*([A-Za-z_][\w.]*)\s*\}?\}\}")

#: The variables a creation, renew or revocation statement may use.
STATEMENT_VARIABLES = frozenset({"username", "password", "expiration", "database"})
#: The variables of a username template (Infisical's).
USERNAME_VARIABLES = frozenset({"randomUsername", "unixTimestamp", "identity.name"})


def unknown_variables(template: str, allowed: Iterable[str]) -> list[str]:
    """The placeholders of ``template`` that are not in ``allowed`` (in order, once each)."""
    allowed = set(allowed)
    seen: list[str] = []
    for name in _PLACEHOLDER.findall(template):
        if name not in allowed and name not in seen:
            seen.append(name)
    return seen


def render(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each known placeholder replaced by its value (others left as is)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
