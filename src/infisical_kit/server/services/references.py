"""Secret reference expansion: ``${KEY}``, ``${env.KEY}`` and ``${env.folder.sub.KEY}``.

References resolve within the same project only, recursively, as Infisical does: a
reference that cannot be resolved (missing, malformed, outside a service token's scopes,
or one that would close a cycle) stays as written, and references nested deeper than
:data:`MAX_DEPTH` stay as written. So one broken value never makes a whole list fail.

On top of that, the expansion of one secret has a budget (:data:`MAX_SUBSTITUTIONS`
references replaced, :data:`MAX_EXPANDED_CHARS` characters of output) and stops as soon as
it runs out: a value built to explode (a "reference bomb") read on its own is a 400 naming
the secret's key, never its value; in a list it stays as written, like any reference that
cannot be resolved, so one member's bomb never breaks ``list``, ``run`` or ``export`` for
everyone. A whole request's expansions share a larger budget
(:data:`MAX_REQUEST_EXPANDED_CHARS`): past it, the remaining values stay as written. The
per-secret budget matches the request body limit, so expansion never lets a member produce
more than they could have written directly.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..crypto import decrypt_text
from ..errors import ApiError, bad_request
from ..schema import Environment, Folder, Secret
from .scope import Scope

REFERENCE = re.compile(r"\$\{([^}]+)\}")

#: Levels below a secret whose values still get their references replaced (Infisical's
#: ``MAX_SECRET_REFERENCE_DEPTH``): a reference in a value deeper than that stays as written.
MAX_DEPTH = 10
#: References one secret's expansion may replace, all levels together.
MAX_SUBSTITUTIONS = 1000
#: Characters one secret's expanded value may reach (the default request body limit).
MAX_EXPANDED_CHARS = 1024 * 1024
#: Characters all the expanded values of one request may add up to (a list of many values).
MAX_REQUEST_EXPANDED_CHARS = 8 * MAX_EXPANDED_CHARS

_Target = tuple[str, str, str]


class _BudgetExceeded(Exception):
    """Raised inside one secret's expansion when its budget runs out."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def parse_reference(ref: str, env_slug: str, path: str) -> _Target | None:
    """The (environment, path, key) a reference's inner text names, seen from env/path;
    ``None`` when it is malformed (an empty part)."""
    parts = [p.strip() for p in ref.split(".")]
    if not all(parts):
        return None
    if len(parts) == 1:
        return (env_slug, path, parts[0])
    return (parts[0], "/" + "/".join(parts[1:-1]), parts[-1])


class ReferenceExpander:
    """Expands references for one request, caching every lookup."""

    def __init__(self, session: Session, scope: Scope) -> None:
        self._session = session
        self._scope = scope
        self._cache: dict[_Target, str | None] = {}
        self._substitutions = 0
        self._request_chars = 0

    def _lookup(self, env_slug: str, path: str, key: str) -> str | None:
        cache_key = (env_slug, path, key)
        if not self._scope.allows(env_slug, path):
            return None  # outside a service token's scopes: left as written, like a missing one
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

    def expand(self, value: str, env_slug: str, path: str, key: str, *, strict: bool = True) -> str:
        """The value of secret ``key`` (in env/path) with its references replaced.

        Unresolvable references stay as written. Exceeding the budget is a 400 that names
        ``key`` (never any part of a value) when `strict` (a single secret), else the value
        stays as written (a list); so does every value once the request's budget is spent.
        """
        if "${" not in value:
            return value
        self._substitutions = 0
        try:
            if self._request_chars > MAX_REQUEST_EXPANDED_CHARS:
                raise _BudgetExceeded(
                    f"would take this request past {MAX_REQUEST_EXPANDED_CHARS} expanded characters"
                )
            expanded = self._expand(value, env_slug, path, ((env_slug, path, key),))
        except _BudgetExceeded as exc:
            if strict:
                raise _budget_error(key, exc.what) from None
            return value
        self._request_chars += len(expanded)
        return expanded

    def _expand(self, value: str, env_slug: str, path: str, stack: tuple[_Target, ...]) -> str:
        if "${" not in value or len(stack) - 1 > MAX_DEPTH:
            return value  # stack[0] is the secret itself: a value at depth N has N + 1
        pieces: list[str] = []
        size = 0
        last = 0
        for match in REFERENCE.finditer(value):
            target = parse_reference(match.group(1), env_slug, path)
            found = None if target is None or target in stack else self._lookup(*target)
            if target is None or found is None:
                continue  # stays as written (copied with the text around it)
            self._substitutions += 1
            if self._substitutions > MAX_SUBSTITUTIONS:
                raise _BudgetExceeded(
                    f"needs more than {MAX_SUBSTITUTIONS} reference substitutions"
                )
            expanded = self._expand(found, target[0], target[1], (*stack, target))
            pieces += (value[last : match.start()], expanded)
            size += match.start() - last + len(expanded)
            last = match.end()
            if size > MAX_EXPANDED_CHARS:
                raise _BudgetExceeded(f"expands to more than {MAX_EXPANDED_CHARS} characters")
        if last == 0:
            return value  # nothing replaced: the stored value as it is, whatever its size
        pieces.append(value[last:])
        if size + len(value) - last > MAX_EXPANDED_CHARS:
            raise _BudgetExceeded(f"expands to more than {MAX_EXPANDED_CHARS} characters")
        return "".join(pieces)


def _budget_error(key: str, what: str) -> ApiError:
    return bad_request(
        f"Secret '{key}' cannot be expanded: it {what} (the reference expansion budget);"
        " read it without expandSecretReferences"
    )
