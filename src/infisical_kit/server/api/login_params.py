"""Parameter models of the OIDC, JWT, LDAP, AWS, GCP and Azure auth routes, and the login
body reader (JSON, or form-encoded as the legacy Rust-based SDK sends it)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import Depends, Request
from pydantic import Field

from ..errors import bad_request
from ..input_guard import check_texts
from ..params import MAX_INT, Params, request_params

MAX_FORM = 256 * 1024
Text = Annotated[str | None, Field(default=None, max_length=4096)]
Pem = Annotated[str | None, Field(default=None, max_length=65536)]
Url = Annotated[str | None, Field(default=None, max_length=2048)]
Claims = dict[Annotated[str, Field(max_length=256)], Annotated[str, Field(max_length=4096)]]


async def form_or_json(request: Request) -> dict[str, Any]:
    """The body as JSON (merged with the query), or form-encoded (legacy SDK)."""
    if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raw = await request.body()
        if len(raw) > MAX_FORM:
            raise bad_request("Request body is too large")
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            raise bad_request("Request body is not valid form data") from None
        check_texts((t for pair in pairs for t in pair), "The form")
        return dict(pairs)
    return await request_params(request)


#: A login's parameters: `form_or_json` as a dependency.
LoginBody = Annotated[dict[str, Any], Depends(form_or_json)]


class _TokenSettings(Params):
    accessTokenTTL: int | None = Field(default=None, ge=0, le=MAX_INT)
    accessTokenMaxTTL: int | None = Field(default=None, ge=0, le=MAX_INT)
    accessTokenNumUsesLimit: int | None = Field(default=None, ge=0, le=MAX_INT)


class _Bound(_TokenSettings):
    boundIssuer: Text
    boundAudiences: Text
    boundClaims: Claims | None = None
    boundSubject: Text
    claimMetadataMapping: Claims | None = None


class OidcAuthParams(_Bound):
    """OIDC-auth settings (omitted fields keep their value)."""

    oidcDiscoveryUrl: Url
    caCert: Pem


class JwtAuthParams(_Bound):
    """JWT-auth settings: ``configurationType`` ``jwks`` (``jwksUrl``) or ``static``
    (``publicKeys``)."""

    configurationType: Text
    jwksUrl: Url
    jwksCaCert: Pem
    publicKeys: list[Annotated[str, Field(max_length=16384)]] | None = None


class AllowedField(Params):
    """An LDAP attribute and its allowed values (comma-separated)."""

    key: str = Field(min_length=1, max_length=256)
    value: str = Field(max_length=4096)


class LdapAuthParams(_TokenSettings):
    """LDAP-auth settings (``bindPass`` is write-only)."""

    url: Url
    bindDN: Text
    bindPass: Text
    searchBase: Text
    searchFilter: Text
    allowedFields: list[AllowedField] | None = None
    ldapCaCertificate: Pem


class AwsAuthParams(_TokenSettings):
    """AWS-auth settings."""

    stsEndpoint: Url
    allowedPrincipalArns: Text
    allowedAccountIds: Text


class GcpAuthParams(_TokenSettings):
    """GCP-auth settings: ``type`` ``gce`` (ID tokens) or ``iam`` (service-account JWTs)."""

    type: Text
    allowedServiceAccounts: Text
    allowedProjects: Text
    allowedZones: Text


class AzureAuthParams(_TokenSettings):
    """Azure-auth settings."""

    tenantId: Text
    resource: Url
    allowedServicePrincipalIds: Text


class JwtLoginParams(Params):
    """Login with a JWT (OIDC, JWT, GCP, Azure auth)."""

    identityId: str = Field(min_length=1, max_length=64)
    jwt: str = Field(min_length=1, max_length=65536)
    organizationSlug: str | None = None


class LdapLoginParams(Params):
    """LDAP-auth login."""

    identityId: str = Field(min_length=1, max_length=64)
    username: str = Field(min_length=1, max_length=1024)
    password: str = Field(min_length=1, max_length=4096)
    organizationSlug: str | None = None


class AwsLoginParams(Params):
    """AWS-auth login: a signed ``sts:GetCallerIdentity``, base64-encoded."""

    identityId: str = Field(min_length=1, max_length=64)
    iamHttpRequestMethod: str = Field(default="POST", max_length=8)
    iamRequestBody: str = Field(min_length=1, max_length=8192)
    iamRequestHeaders: str = Field(min_length=1, max_length=16384)
    iamRequestUrl: str | None = Field(default=None, max_length=4096)
    organizationSlug: str | None = None
