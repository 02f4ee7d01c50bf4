"""Who is calling: the authenticated :class:`Actor` every service receives.

Its own module, below ``api/``, ``services/`` and ``auth/``: the services depend on the value,
not on the FastAPI dependency (``auth/deps.py``) that produces it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """Who is calling: an identity (machine) or a user, and the organization it acts in."""

    kind: str
    id: str
    token_id: str | None = None
    org_id: str | None = None
