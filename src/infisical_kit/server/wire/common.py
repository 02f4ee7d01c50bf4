"""Shapes shared by several resources: timestamps, masked values, trusted-IP lists."""

from __future__ import annotations

from datetime import datetime

HIDDEN_VALUE = "<hidden-by-infisical>"
ALL_IPS = [{"ipAddress": "0.0.0.0", "prefix": 0}, {"ipAddress": "::", "prefix": 0}]


def iso(dt: datetime) -> str:
    """``2023-11-07T05:31:56.000Z`` (naive datetimes are UTC)."""
    if dt.tzinfo is None:  # the stored case; isoformat is twice as fast as the f-string
        return dt.isoformat(timespec="milliseconds") + "Z"
    return f"{dt:%Y-%m-%dT%H:%M:%S}.{dt.microsecond // 1000:03d}Z"


def iso_or_none(dt: datetime | None) -> str | None:
    """:func:`iso`, or ``None`` for a missing timestamp."""
    return None if dt is None else iso(dt)
