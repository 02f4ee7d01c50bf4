"""Secret reference expansion: ``${KEY}``, ``${env.KEY}`` and ``${env.folder.sub.KEY}``.

References resolve within the same project only, recursively up to :data:`MAX_DEPTH`.
A reference that cannot be resolved (missing, or a cycle) is a 400 naming the reference.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..crypto import decrypt_text
from ..errors import bad_request
from ..schema import Environment, Folder, Secret
from .scope import Scope

REFERENCE = re.compile(r"\$\{([^}]+)\}")
MAX_DEPTH = 20


class ReferenceExpander:
    """Expands references for one request, caching every lookup."""

    def __init__(self, session: Session, scope: Scope) -> None:
        self._session = session
        self._scope = scope
        self._cache: dict[tuple[str, str, str], str | None] = {}

    def _lookup(self, env_slug: str, path: str, key: str) -> str | None:
        cache_key = (env_slug, path, key)
        if not self._scope.allows(env_slug, path):
            return None  # outside a service token's scopes: reported as not found
        if cache_key not in self._cache:
            row = self._session.execute(
                select(Secret.value_ciphertext)
                .join(Folder, Folder.id == Secret.folder_id)
                .join(Environment, Environment.id == Secret.env_id)
                .where(
                    Secret.project_id == self._scope.project.id,
                    Environment.slug == env_slug,
                    Folder.path == path,
                    Secret.key == key,
                    Secret.type == "shared",
                )
            ).first()
            self._cache[cache_key] = (
                None
                if row is None
                else decrypt_text(self._scope.data_key, self._scope.project.id, "value", row[0])
            )
        return self._cache[cache_key]

    def expand(
        self,
        value: str,
        env_slug: str,
        path: str,
        _stack: tuple[tuple[str, str, str], ...] = (),
    ) -> str:
        """Replace every reference in ``value`` (seen from env/path), recursively.

        A missing reference, a cycle or nesting deeper than :data:`MAX_DEPTH` is a 400 that
        names the reference (never its value).
        """
        if "${" not in value:
            return value
        if len(_stack) >= MAX_DEPTH:
            raise bad_request(f"Secret reference depth exceeds {MAX_DEPTH} levels")

        def replace(match: re.Match[str]) -> str:
            ref = match.group(1).strip()
            parts = [p.strip() for p in ref.split(".")]
            if len(parts) == 1:
                target = (env_slug, path, parts[0])
            else:
                target = (parts[0], "/" + "/".join(parts[1:-1]), parts[-1])
            if not all(parts):
                raise bad_request(f"Invalid secret reference '${{{ref}}}'")
            if target in _stack:
                raise bad_request(f"Cyclic secret reference detected at '${{{ref}}}'")
            found = self._lookup(*target)
            if found is None:
                raise bad_request(
                    f"Secret reference '${{{ref}}}' not found"
                    f" (environment '{target[0]}', path '{target[1]}')"
                )
            return self.expand(found, target[0], target[1], (*_stack, target))

        return REFERENCE.sub(replace, value)
