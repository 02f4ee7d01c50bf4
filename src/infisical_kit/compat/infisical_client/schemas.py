"""The option, settings and result classes of the legacy ``infisical-python`` 2.3.5
(``infisical_client.schemas``): the same dataclasses, fields, defaults and ``from_dict`` /
``to_dict`` (camelCase keys). Secrets, tokens and keys are left out of ``repr``."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = [
    "AWSIamAuthMethod",
    "AuthenticationOptions",
    "AzureAuthMethod",
    "ClientSettings",
    "CreateSecretOptions",
    "DecryptSymmetricOptions",
    "DecryptSymmetricResponse",
    "DeleteSecretOptions",
    "EncryptSymmetricOptions",
    "EncryptSymmetricResponse",
    "GCPIDTokenAuthMethod",
    "GCPIamAuthMethod",
    "GetSecretOptions",
    "KubernetesAuthMethod",
    "ListSecretsOptions",
    "SecretElement",
    "UniversalAuthMethod",
    "UpdateSecretOptions",
]

S = TypeVar("S", bound="_Schema")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class _Schema:
    """``from_dict`` / ``to_dict`` with the camelCase keys the Rust core speaks."""

    @classmethod
    def from_dict(cls: type[S], obj: Any) -> S:
        """Build from a camelCase dict (nested settings included)."""
        if not isinstance(obj, dict):
            raise TypeError(f"{cls.__name__}.from_dict needs a dict")
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            value = obj.get(_camel(f.name))
            nested = next((h for h in typing.get_args(hints[f.name]) if isinstance(h, type)), None)
            if isinstance(value, dict) and nested is not None and issubclass(nested, _Schema):
                value = nested.from_dict(value)
            if value is not None or f.default is dataclasses.MISSING:
                values[f.name] = value
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The fields that are set, camelCase, nested settings as dicts."""
        result: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is not None:
                result[_camel(f.name)] = value.to_dict() if isinstance(value, _Schema) else value
        return result


@dataclass
class AWSIamAuthMethod(_Schema):
    """AWS IAM auth of a machine identity."""

    identity_id: str


@dataclass
class AzureAuthMethod(_Schema):
    """Azure managed-identity auth of a machine identity."""

    identity_id: str


@dataclass
class GCPIamAuthMethod(_Schema):
    """GCP IAM auth: a service-account key file (JSON)."""

    identity_id: str
    service_account_key_file_path: str


@dataclass
class GCPIDTokenAuthMethod(_Schema):
    """GCP ID-token auth (the metadata server of the VM)."""

    identity_id: str


@dataclass
class KubernetesAuthMethod(_Schema):
    """Kubernetes auth: the pod's service-account token (default path when None)."""

    identity_id: str
    service_account_token_path: str | None = None


@dataclass
class UniversalAuthMethod(_Schema):
    """Universal auth: a machine identity's client id and secret."""

    client_id: str
    client_secret: str = field(repr=False)


@dataclass
class AuthenticationOptions(_Schema):
    """The login method: set one."""

    access_token: str | None = field(default=None, repr=False)
    aws_iam: AWSIamAuthMethod | None = None
    azure: AzureAuthMethod | None = None
    gcp_iam: GCPIamAuthMethod | None = None
    gcp_id_token: GCPIDTokenAuthMethod | None = None
    kubernetes: KubernetesAuthMethod | None = None
    universal_auth: UniversalAuthMethod | None = None


@dataclass
class ClientSettings(_Schema):
    """Client settings (`client_id`, `client_secret`, `access_token`: deprecated, use `auth`)."""

    access_token: str | None = field(default=None, repr=False)
    auth: AuthenticationOptions | None = None
    cache_ttl: int | None = None
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    site_url: str | None = None
    ssl_certificate_path: str | None = None
    user_agent: str | None = None


@dataclass
class CreateSecretOptions(_Schema):
    """What `InfisicalClient.createSecret` creates."""

    environment: str
    project_id: str
    secret_name: str
    secret_value: str = field(repr=False)
    path: str | None = None
    secret_comment: str | None = None
    skip_multiline_encoding: bool | None = None
    type: str | None = None


@dataclass
class DecryptSymmetricOptions(_Schema):
    """Base64 ciphertext, IV, key and tag to decrypt."""

    ciphertext: str = field(repr=False)
    iv: str
    key: str = field(repr=False)
    tag: str


@dataclass
class DeleteSecretOptions(_Schema):
    """What `InfisicalClient.deleteSecret` deletes."""

    environment: str
    project_id: str
    secret_name: str
    path: str | None = None
    type: str | None = None


@dataclass
class EncryptSymmetricOptions(_Schema):
    """A base64 key and the text to encrypt."""

    key: str = field(repr=False)
    plaintext: str = field(repr=False)


@dataclass
class GetSecretOptions(_Schema):
    """What `InfisicalClient.getSecret` reads."""

    environment: str
    project_id: str
    secret_name: str
    expand_secret_references: bool | None = None
    include_imports: bool | None = None
    path: str | None = None
    type: str | None = None


@dataclass
class ListSecretsOptions(_Schema):
    """What `InfisicalClient.listSecrets` lists."""

    environment: str
    project_id: str
    attach_to_process_env: bool | None = None
    expand_secret_references: bool | None = None
    include_imports: bool | None = None
    path: str | None = None
    recursive: bool | None = None


@dataclass
class UpdateSecretOptions(_Schema):
    """What `InfisicalClient.updateSecret` changes."""

    environment: str
    project_id: str
    secret_name: str
    secret_value: str = field(repr=False)
    path: str | None = None
    skip_multiline_encoding: bool | None = None
    type: str | None = None


@dataclass
class SecretElement(_Schema):
    """A secret (`is_fallback`: the value came from the environment variable of its name)."""

    environment: str
    secret_comment: str
    secret_key: str
    secret_value: str = field(repr=False)
    type: str
    version: int
    workspace: str
    is_fallback: bool | None = None
    secret_path: str | None = None


@dataclass
class EncryptSymmetricResponse(_Schema):
    """Base64 ciphertext, IV and tag."""

    ciphertext: str = field(repr=False)
    iv: str
    tag: str


@dataclass
class DecryptSymmetricResponse(_Schema):
    """The decrypted text."""

    decrypted: str = field(repr=False)
