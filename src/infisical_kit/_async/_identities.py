"""`client.identities`: the machine identities of an organization, and (``.universal_auth``)
their client id and client secrets, so a program can provision the identity another program
logs in with."""

from __future__ import annotations

import builtins

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._async._requester import AsyncRequester
from infisical_kit._core import auth
from infisical_kit._core import identities as rq
from infisical_kit._core.response import parse_list, parse_object
from infisical_kit._core.scope import Scope
from infisical_kit._core.validation import raise_problems, require
from infisical_kit.errors import ValidationError
from infisical_kit.models import ClientSecret, Identity, NewClientSecret, UniversalAuthSettings

__all__ = ["AsyncIdentities", "AsyncUniversalAuth"]


class AsyncUniversalAuth(AsyncNamespace):
    """Universal auth of an identity: attach it (a client id), manage its client secrets.

    TTLs are in seconds; 0 means the server's default (TTL) or no limit (uses, period).
    """

    async def attach(
        self,
        identity_id: str,
        *,
        access_token_ttl: int | None = None,
        access_token_max_ttl: int | None = None,
        access_token_num_uses_limit: int | None = None,
        access_token_period: int | None = None,
    ) -> UniversalAuthSettings:
        """Attach universal auth to an identity; the answer carries its `client_id`."""
        fields = self._settings(
            identity_id,
            access_token_ttl,
            access_token_max_ttl,
            access_token_num_uses_limit,
            access_token_period,
        )
        request = rq.attach_universal_auth(identity_id, fields)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "identityUniversalAuth", UniversalAuthSettings)

    async def get(self, identity_id: str) -> UniversalAuthSettings:
        """The identity's universal-auth settings; raises `NotFoundError` if not attached."""
        self._identity(identity_id)
        request, response = await self._requester.send(rq.get_universal_auth(identity_id))
        return parse_object(request, response, "identityUniversalAuth", UniversalAuthSettings)

    async def update(
        self,
        identity_id: str,
        *,
        access_token_ttl: int | None = None,
        access_token_max_ttl: int | None = None,
        access_token_num_uses_limit: int | None = None,
        access_token_period: int | None = None,
    ) -> UniversalAuthSettings:
        """Change the settings given (the others keep their values)."""
        fields = self._settings(
            identity_id,
            access_token_ttl,
            access_token_max_ttl,
            access_token_num_uses_limit,
            access_token_period,
        )
        request = rq.update_universal_auth(identity_id, fields)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "identityUniversalAuth", UniversalAuthSettings)

    async def detach(self, identity_id: str) -> UniversalAuthSettings:
        """Remove universal auth: its client secrets and the tokens they gave stop working."""
        self._identity(identity_id)
        request, response = await self._requester.send(rq.detach_universal_auth(identity_id))
        return parse_object(request, response, "identityUniversalAuth", UniversalAuthSettings)

    async def create_client_secret(
        self,
        identity_id: str,
        *,
        description: str | None = None,
        ttl: int | None = None,
        num_uses_limit: int | None = None,
    ) -> NewClientSecret:
        """Create a client secret (`ttl` seconds, 0: never expires; `num_uses_limit`, 0: no
        limit). The returned `client_secret` is shown only this once."""
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        rq.check_settings({"ttl": ttl, "num_uses_limit": num_uses_limit}, problems)
        raise_problems(problems)
        fields = {"description": description, "ttl": ttl, "numUsesLimit": num_uses_limit}
        request = rq.create_client_secret(identity_id, fields)
        request, response = await self._requester.send(request)
        return parse_object(request, response, None, NewClientSecret, what="a new client secret")

    async def list_client_secrets(self, identity_id: str) -> builtins.list[ClientSecret]:
        """The identity's client secrets that are not revoked (never the secrets themselves)."""
        self._identity(identity_id)
        request, response = await self._requester.send(rq.list_client_secrets(identity_id))
        return parse_list(request, response, "clientSecretData", ClientSecret)

    async def get_client_secret(self, identity_id: str, secret_id: str) -> ClientSecret:
        """One client secret's data; raises `NotFoundError`."""
        self._identity(identity_id, secret_id)
        request = rq.get_client_secret(identity_id, secret_id)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "clientSecretData", ClientSecret)

    async def revoke_client_secret(self, identity_id: str, secret_id: str) -> ClientSecret:
        """Revoke a client secret: logins with it fail from now on."""
        self._identity(identity_id, secret_id)
        request = rq.revoke_client_secret(identity_id, secret_id)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "clientSecretData", ClientSecret)

    def _identity(self, identity_id: str, secret_id: str | None = None) -> None:
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        if secret_id is not None:
            require(secret_id, "secret_id", problems)
        raise_problems(problems)

    def _settings(
        self,
        identity_id: str,
        ttl: int | None,
        max_ttl: int | None,
        num_uses_limit: int | None,
        period: int | None,
    ) -> dict[str, int | None]:
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        values = {
            "access_token_ttl": ttl,
            "access_token_max_ttl": max_ttl,
            "access_token_num_uses_limit": num_uses_limit,
            "access_token_period": period,
        }
        rq.check_settings(values, problems)
        raise_problems(problems)
        return {
            "accessTokenTTL": ttl,
            "accessTokenMaxTTL": max_ttl,
            "accessTokenNumUsesLimit": num_uses_limit,
            "accessTokenPeriod": period,
        }


class AsyncIdentities(AsyncNamespace):
    """Machine identities of an organization (organization admins manage them).

    `organization_id` defaults to the caller's organization when it has exactly one.
    """

    def __init__(self, requester: AsyncRequester, default_scope: Scope) -> None:
        super().__init__(requester, default_scope)
        #: Universal auth of an identity: its client id and client secrets.
        self.universal_auth = AsyncUniversalAuth(requester, default_scope)

    async def create(
        self, name: str, *, role: str | None = None, organization_id: str | None = None
    ) -> Identity:
        """Create an identity with an organization `role` (server default when omitted)."""
        problems: builtins.list[str] = []
        require(name, "name", problems)
        raise_problems(problems)
        org = await self._organization(organization_id)
        fields = {"name": name, "organizationId": org, "role": role}
        request, response = await self._requester.send(rq.create_identity(fields))
        return parse_object(request, response, "identity", Identity)

    async def get(self, identity_id: str) -> Identity:
        """One identity, with the login methods attached to it."""
        self._require_id(identity_id)
        request, response = await self._requester.send(rq.get_identity(identity_id))
        return parse_object(request, response, "identity", Identity)

    async def list(self, *, organization_id: str | None = None) -> builtins.list[Identity]:
        """The identities of the organization."""
        org = await self._organization(organization_id)
        request, response = await self._requester.send(rq.list_identities(org))
        return rq.parse_identity_list(request, response)

    async def update(
        self, identity_id: str, *, name: str | None = None, role: str | None = None
    ) -> Identity:
        """Rename an identity or change its organization role (only what is given)."""
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        if name is None and role is None:
            problems.append("nothing to update: pass name or role")
        raise_problems(problems)
        request = rq.update_identity(identity_id, {"name": name, "role": role})
        request, response = await self._requester.send(request)
        return parse_object(request, response, "identity", Identity)

    async def delete(self, identity_id: str) -> Identity:
        """Delete an identity: its tokens, client secrets and memberships go with it."""
        self._require_id(identity_id)
        request, response = await self._requester.send(rq.delete_identity(identity_id))
        return parse_object(request, response, "identity", Identity)

    def _require_id(self, identity_id: str) -> None:
        problems: builtins.list[str] = []
        require(identity_id, "identity_id", problems)
        raise_problems(problems)

    async def _organization(self, organization_id: str | None) -> str:
        """The given organization, else the caller's only one (one request)."""
        if organization_id is not None:
            problems: builtins.list[str] = []
            require(organization_id, "organization_id", problems)
            raise_problems(problems)
            return organization_id
        request, response = await self._requester.send(auth.list_organizations())
        orgs = auth.parse_organization_ids(request, response)
        if len(orgs) != 1:
            raise ValidationError(
                [f"organization_id is required: the caller belongs to {len(orgs)} organizations"]
            )
        return orgs[0]
