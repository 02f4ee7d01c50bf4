"""Scope resolution: call arguments over client defaults; every problem in one error."""

from __future__ import annotations

import pytest

from infisical_kit import Scope, ValidationError
from infisical_kit._core.scope import normalize_secret_path, resolve_scope
from infisical_kit._core.validation import require


def test_call_arguments_override_defaults() -> None:
    default = Scope(project_id="p1", environment="dev", secret_path="/a")
    resolved = resolve_scope(default, environment="prod")
    assert (resolved.project_id, resolved.environment, resolved.secret_path) == (
        "p1",
        "prod",
        "/a",
    )
    resolved = resolve_scope(default, project_id="p2", secret_path="b/c/")
    assert (resolved.project_id, resolved.environment, resolved.secret_path) == (
        "p2",
        "dev",
        "/b/c",
    )


def test_every_missing_parameter_is_named_in_one_error() -> None:
    problems: list[str] = []
    require("", "name", problems)
    with pytest.raises(ValidationError) as info:
        resolve_scope(Scope(), problems=problems)
    message = str(info.value)
    assert "project_id" in message and "environment" in message and "name" in message
    assert len(info.value.problems) == 2  # the name, then the missing scope parameters


def test_blank_values_count_as_missing() -> None:
    with pytest.raises(ValidationError, match="environment"):
        resolve_scope(Scope(project_id="p", environment="  "))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("/", "/"), ("", "/"), ("app", "/app"), ("/app/", "/app"), (" /a/b// ", "/a/b")],
)
def test_secret_path_normalization(raw: str, expected: str) -> None:
    assert normalize_secret_path(raw) == expected


def test_scope_override_keeps_unset_fields() -> None:
    scope = Scope(project_id="p", environment="dev").override(secret_path="/x")
    assert scope == Scope(project_id="p", environment="dev", secret_path="/x")
