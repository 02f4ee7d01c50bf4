"""Scope resolution: which project, environment and folder a call targets.

A call's own arguments win over the client's default `Scope`; every required parameter that is
still missing is reported in one `ValidationError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from infisical_kit.errors import ValidationError

__all__ = [
    "ResolvedScope",
    "Scope",
    "normalize_secret_path",
    "resolve_project_id",
    "resolve_scope",
]


@dataclass(frozen=True)
class Scope:
    """Where secrets live: project, environment slug and folder path (``None``: not set)."""

    project_id: str | None = None
    environment: str | None = None
    secret_path: str | None = "/"

    def override(
        self,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Scope:
        """Return a scope where every argument that is not ``None`` replaces the stored value."""
        return Scope(
            project_id=project_id if project_id is not None else self.project_id,
            environment=environment if environment is not None else self.environment,
            secret_path=secret_path if secret_path is not None else self.secret_path,
        )


@dataclass(frozen=True)
class ResolvedScope:
    """A complete scope, ready to put on the wire."""

    project_id: str
    environment: str
    secret_path: str


def normalize_secret_path(path: str) -> str:
    """Trim, add a leading ``/`` and drop trailing ones: ``"app/"`` -> ``"/app"``."""
    path = path.strip()
    return "/" + path.strip("/") if path.strip("/") else "/"


def resolve_scope(
    default: Scope,
    *,
    project_id: str | None = None,
    environment: str | None = None,
    secret_path: str | None = None,
    problems: list[str] | None = None,
) -> ResolvedScope:
    """Merge call arguments over `default` and validate.

    Problems already found by the caller (`problems`) are reported together with any missing
    scope parameter in a single `ValidationError`.
    """
    scope = default.override(
        project_id=project_id, environment=environment, secret_path=secret_path
    )
    found = list(problems or [])
    missing = [
        name
        for name, value in (("project_id", scope.project_id), ("environment", scope.environment))
        if value is None or not str(value).strip()
    ]
    if missing:
        found.append(
            "missing required parameter(s): "
            + ", ".join(missing)
            + " (pass them to the call or set a default on the client)"
        )
    if found:
        raise ValidationError(found)
    assert scope.project_id is not None and scope.environment is not None
    return ResolvedScope(
        project_id=scope.project_id.strip(),
        environment=scope.environment.strip(),
        secret_path=normalize_secret_path(scope.secret_path or "/"),
    )


def resolve_project_id(
    default: str | None, project_id: str | None, problems: list[str] | None = None
) -> str:
    """The call's `project_id` or the client default; one `ValidationError` for all problems."""
    found = list(problems or [])
    chosen = project_id if project_id is not None else default
    if chosen is None or not str(chosen).strip():
        found.append(
            "missing required parameter(s): project_id "
            "(pass it to the call or set a default on the client)"
        )
    if found:
        raise ValidationError(found)
    assert chosen is not None
    return chosen.strip()
