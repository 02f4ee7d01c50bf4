"""What every provider offers, and the errors it raises (messages never carry a secret)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

#: What stands in for a secret in a provider's error message.
REDACTED = "[REDACTED]"
#: Longest provider error message kept (Infisical keeps 255 characters).
MAX_MESSAGE = 255


class ProviderError(Exception):
    """The external system refused or could not be reached; the message is safe to show."""


class ProviderInputs(BaseModel):
    """Base of the provider input models: unknown fields are dropped, as Infisical's zod does."""

    model_config = ConfigDict(extra="ignore")


@dataclass(frozen=True)
class Minted:
    """The credentials a lease hands out (``data``: e.g. ``DB_USERNAME``/``DB_PASSWORD``)."""

    data: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class LeaseSpec:
    """What a provider needs to create a lease: the entity (user name) and its expiry."""

    entity_id: str
    expire_at: datetime


class Provider(Protocol):
    """One provider type: validate inputs, test them, create, renew and revoke credentials."""

    type: str
    #: Whether the provider creates a user (and so honours a username template).
    makes_users: bool

    def parse(self, inputs: Any) -> ProviderInputs:
        """The validated inputs (raises pydantic's ``ValidationError``)."""
        ...

    def check(self, inputs: ProviderInputs) -> None:
        """Raise `ProviderError` unless the inputs are usable (a test connection)."""
        ...

    def create(self, inputs: ProviderInputs, lease: LeaseSpec) -> Minted:
        """Create the credentials of a lease."""
        ...

    def renew(self, inputs: ProviderInputs, lease: LeaseSpec) -> None:
        """Extend the credentials to the lease's new expiry."""
        ...

    def revoke(self, inputs: ProviderInputs, entity_id: str) -> None:
        """Remove the credentials of a lease."""
        ...


def redact(message: str, secrets: Iterable[str | None]) -> str:
    """``message`` on one line, cut to 255 characters, with every secret replaced."""
    text = " ".join(str(message).split())
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text[:MAX_MESSAGE]


def statements(text: str) -> list[str]:
    """The statements of a ``;``-separated script (empty ones dropped), as Infisical splits."""
    return [part.strip() for part in text.split(";") if part.strip()]
