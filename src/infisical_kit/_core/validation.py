"""Argument checks shared by every resource: each appends to `problems`, so one call reports
every problem in one `ValidationError` (`raise_problems`), before anything is sent."""

from __future__ import annotations

from infisical_kit.errors import ValidationError

__all__ = ["check_position", "raise_problems", "require"]


def require(value: object, field: str, problems: list[str]) -> None:
    """Append a problem if `value` is not a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{field} must be a non-empty string")


def check_position(position: int | None, problems: list[str]) -> None:
    """Append a problem unless `position` is ``None`` or an integer >= 1."""
    if position is not None and (isinstance(position, bool) or position < 1):
        problems.append("position must be an integer >= 1")


def raise_problems(problems: list[str]) -> None:
    """Raise one `ValidationError` listing `problems`, if there are any."""
    if problems:
        raise ValidationError(problems)
