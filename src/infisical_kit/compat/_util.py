"""Helpers shared by the compat adapters (no I/O)."""

from __future__ import annotations

from datetime import datetime, timezone

from infisical_kit.errors import NotSupportedError

__all__ = ["iso_timestamp", "not_supported"]


def iso_timestamp(when: datetime | None) -> str:
    """``2024-10-01T12:00:00.000Z`` (the server's own format), or ``""`` when unknown."""
    if when is None:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    text = when.astimezone(timezone.utc).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def not_supported(sdk: str, call: str, needs: str, why: str) -> NotSupportedError:
    """The error for `call` of `sdk`, which needs `needs`, which infisical-kit does not have
    (`why`: the reason)."""
    return NotSupportedError(
        f"{sdk}: {call} needs {needs}, which infisical-kit does not have: {why}"
    )
