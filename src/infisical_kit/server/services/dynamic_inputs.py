"""A dynamic secret's provider and inputs: validated, tested, sealed at rest, opened again.

The inputs (connection configuration and root credentials) are JSON sealed with AES-256-GCM
under the project's data key, bound to the dynamic secret's id, like secret values.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from ..crypto import seal, unseal
from ..dynamic import KNOWN_TYPES, PROVIDERS
from ..dynamic.base import Provider, ProviderError, ProviderInputs
from ..dynamic.templates import STATEMENT_VARIABLES, USERNAME_VARIABLES, unknown_variables
from ..errors import ApiError, bad_request, validation_issues

_STATEMENTS = ("creationStatement", "revocationStatement", "renewStatement")


def _aad(project_id: str, dynamic_secret_id: str) -> bytes:
    return f"infisical-kit:dynamic-secret-inputs:{project_id}:{dynamic_secret_id}".encode()


def provider_for(provider_type: str) -> Provider:
    """The provider of ``provider_type``; 400 for one this server does not run."""
    provider = PROVIDERS.get(provider_type)
    if provider is None:
        supported = ", ".join(sorted(PROVIDERS))
        what = "is not supported by this server" if provider_type in KNOWN_TYPES else "is unknown"
        raise bad_request(f"Provider type '{provider_type}' {what} (supported: {supported})")
    return provider


def parse_inputs(provider: Provider, raw: Any) -> ProviderInputs:
    """Validate ``raw`` inputs: 422 with issues under ``provider.inputs`` when they are bad."""
    try:
        inputs = provider.parse(raw)
    except ValidationError as exc:
        errors = exc.errors()
        issues = validation_issues(errors)
        for issue, error in zip(issues, errors, strict=True):
            tag = str((error.get("ctx") or {}).get("discriminator", "")).strip("'")
            issue["path"] = ["provider", "inputs", *issue["path"], *([tag] if tag else [])]
        raise ApiError(422, issues, "ValidationFailure") from None
    for field in _STATEMENTS:
        template = getattr(inputs, field, None)
        unknown = unknown_variables(template, STATEMENT_VARIABLES) if template else []
        if unknown:
            names = ", ".join("{{" + name + "}}" for name in unknown)
            allowed = ", ".join("{{" + name + "}}" for name in sorted(STATEMENT_VARIABLES))
            raise bad_request(f"{field} uses unknown variables {names} (allowed: {allowed})")
    return inputs


def check_username_template(template: str | None) -> None:
    """400 when a username template names a variable Infisical does not offer."""
    unknown = unknown_variables(template, USERNAME_VARIABLES) if template else []
    if unknown:
        names = ", ".join("{{" + name + "}}" for name in unknown)
        raise bad_request(f"usernameTemplate uses unknown variables {names}")


def try_connection(provider: Provider, inputs: ProviderInputs) -> None:
    """400 "Provider connection failed: ..." unless the provider accepts the inputs."""
    try:
        provider.check(inputs)
    except ProviderError as exc:
        raise bad_request(f"Provider connection failed: {exc}") from None


#: Input fields that hold a secret (never shown in an error message or a log line).
SECRET_FIELDS = ("password", "secret", "url", "ca", "bindpass", "clientSecret", "apiKey")


def secret_inputs(stored: Any) -> list[str]:
    """The secret values among stored inputs (what an error message must not show)."""
    if not isinstance(stored, dict):
        return []
    return [str(stored[k]) for k in SECRET_FIELDS if isinstance(stored.get(k), str) and stored[k]]


def dump(inputs: ProviderInputs) -> dict[str, Any]:
    """The inputs as stored and shown (unset optional fields left out)."""
    return inputs.model_dump(mode="json", exclude_none=True)


def seal_inputs(data_key: bytes, project_id: str, dynamic_secret_id: str, inputs: Any) -> bytes:
    """The inputs sealed for one dynamic secret."""
    plain = json.dumps(inputs, separators=(",", ":")).encode()
    return seal(data_key, plain, _aad(project_id, dynamic_secret_id))


def open_inputs(data_key: bytes, project_id: str, dynamic_secret_id: str, blob: bytes) -> Any:
    """The stored inputs of a dynamic secret (as `dump` made them)."""
    return json.loads(unseal(data_key, blob, _aad(project_id, dynamic_secret_id)))
