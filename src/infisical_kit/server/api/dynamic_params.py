"""Parameters of the ``/api/v1/dynamic-secrets`` routes (Infisical's names and rules).

The project is named by ``projectSlug`` (Infisical) or ``projectId``; the folder by
``environmentSlug`` and ``path``. TTLs are ``ms``-style strings from one minute to ten years;
``null`` for an optional one means "not given", as the official SDKs send it.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from ..dynamic.durations import ttl_problem
from ..params import Bool, Params, SecretPath
from ..services.scope import ScopeRef

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _ttl(value: str) -> str:
    problem = ttl_problem(value)
    if problem is not None:
        raise PydanticCustomError("custom", problem)
    return value.strip()


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _metadata(value: Any) -> Any:
    """``[{key, value}]`` as Infisical takes it, or ``{key: value}`` as the Node SDK types it."""
    if isinstance(value, dict):
        return [{"key": str(k), "value": "" if v is None else str(v)} for k, v in value.items()]
    return value


TTL = Annotated[str, Field(max_length=100), AfterValidator(_ttl)]
Name = Annotated[str, BeforeValidator(_lower), Field(min_length=1, max_length=64, pattern=SLUG)]


class MetadataItem(Params):
    """One ``{key, value}`` metadata entry."""

    key: str = Field(min_length=1, max_length=255)
    value: str = Field(default="", max_length=1020)


Metadata = Annotated[list[MetadataItem] | None, BeforeValidator(_metadata)]


class DynamicScope(Params):
    """Project (slug or id), environment slug and folder path of a dynamic-secret call."""

    projectSlug: str | None = None
    projectId: str | None = None
    environmentSlug: str = Field(min_length=1, max_length=64)
    path: SecretPath = "/"

    @property
    def ref(self) -> ScopeRef:
        """The folder this call names."""
        pid = self.projectId.strip() if self.projectId else None
        slug = self.projectSlug.strip() if self.projectSlug else None
        return ScopeRef(pid, slug, self.environmentSlug.strip(), self.path)


class ProviderParams(Params):
    """``{type, inputs}``: the provider type and its inputs (checked by the provider)."""

    type: str = Field(min_length=1, max_length=64)
    inputs: dict[str, Any]


class CreateDynamicSecret(DynamicScope):
    """Body of a dynamic-secret create."""

    name: Name
    provider: ProviderParams
    defaultTTL: TTL
    maxTTL: TTL | None = None
    metadata: Metadata = None
    usernameTemplate: str | None = Field(default=None, max_length=255)


class UpdateData(Params):
    """``data`` of an update; absent fields stay, ``maxTTL``/``usernameTemplate`` null clears."""

    inputs: dict[str, Any] | None = None
    defaultTTL: TTL | None = None
    maxTTL: TTL | None = None
    newName: Name | None = None
    metadata: Metadata = None
    usernameTemplate: str | None = Field(default=None, max_length=255)

    def cleared(self, field: str) -> bool:
        """Whether ``field`` was sent as null (clear it), not just left out."""
        return field in self.model_fields_set and getattr(self, field) is None


class UpdateDynamicSecret(DynamicScope):
    """Body of a dynamic-secret update."""

    data: UpdateData = Field(default_factory=UpdateData)


class DeleteParams(DynamicScope):
    """Body of a delete (dynamic secret or lease): ``isForced`` skips the provider."""

    isForced: Bool = False


class CreateLease(DynamicScope):
    """Body of a lease create."""

    dynamicSecretName: Name
    ttl: TTL | None = None
    config: dict[str, Any] | None = None


class RenewLease(DynamicScope):
    """Body of a lease renewal."""

    ttl: TTL | None = None
