"""``client.auth`` of ``infisicalsdk``: one object per login method, each with ``login``."""

from __future__ import annotations

import os
from collections.abc import Callable

from infisical_kit.compat._util import not_supported
from infisical_kit.compat.infisicalsdk._session import Session
from infisical_kit.compat.infisicalsdk.api_types import MachineIdentityLoginResponse
from infisical_kit.credentials import Credentials
from infisical_kit.models import LoginResponse

__all__ = ["AWSAuth", "Auth", "LdapAuth", "OidcAuth", "TokenAuth", "UniversalAuth"]

_SDK = "infisicalsdk"


def _login_response(login: LoginResponse) -> MachineIdentityLoginResponse:
    return MachineIdentityLoginResponse(
        accessToken=login.access_token,
        expiresIn=login.expires_in,
        accessTokenMaxTTL=login.access_token_max_ttl,
        tokenType=login.token_type,
    )


class _Method:
    """`set_token` switches the client to a static token; `remember` only records the token
    a login returned (the client keeps the login's credential to renew or log in again)."""

    def __init__(
        self,
        session: Session,
        set_token: Callable[[str], None],
        remember: Callable[[str], None],
    ) -> None:
        self._session = session
        self._set_token = set_token
        self._remember = remember


class UniversalAuth(_Method):
    """Universal auth (client id and secret); the client renews and logs in again itself."""

    def login(self, client_id: str, client_secret: str) -> MachineIdentityLoginResponse:
        """Log in with a machine identity's client id and secret."""
        login = self._session.login(Credentials.universal_auth(client_id, client_secret))
        self._remember(login.access_token)
        return _login_response(login)


class TokenAuth(_Method):
    """An access token you already have (machine identity token auth, or a user JWT)."""

    def login(self, token: str) -> str:
        """Use `token` for every request; returns it."""
        self._set_token(token)
        return token


class AWSAuth(_Method):
    """AWS IAM auth (``/api/v1/auth/aws-auth/login``)."""

    def login(self, identity_id: str) -> MachineIdentityLoginResponse:
        """Log in with the AWS credentials of this machine (not supported yet)."""
        raise not_supported(_SDK, "auth.aws_auth.login", "AWS IAM login")

    @staticmethod
    def get_aws_region() -> str:
        """The AWS region from ``AWS_REGION`` (the EC2 metadata lookup is not supported)."""
        region = os.environ.get("AWS_REGION")
        if region:
            return region
        raise not_supported(_SDK, "AWSAuth.get_aws_region", "the EC2 instance metadata lookup")


class OidcAuth(_Method):
    """OIDC auth (``/api/v1/auth/oidc-auth/login``)."""

    def login(self, identity_id: str, jwt: str) -> MachineIdentityLoginResponse:
        """Log in with an OIDC JWT (not supported yet)."""
        raise not_supported(_SDK, "auth.oidc_auth.login", "OIDC login")


class LdapAuth(_Method):
    """LDAP auth (``/api/v1/auth/ldap-auth/login``)."""

    def login(self, identity_id: str, username: str, password: str) -> MachineIdentityLoginResponse:
        """Log in with an LDAP username and password (not supported yet)."""
        raise not_supported(_SDK, "auth.ldap_auth.login", "LDAP login")


class Auth:
    """The login methods of ``infisicalsdk`` 1.0.18."""

    def __init__(
        self,
        session: Session,
        set_token: Callable[[str], None],
        remember: Callable[[str], None],
    ) -> None:
        methods = (session, set_token, remember)
        self.aws_auth = AWSAuth(*methods)
        self.universal_auth = UniversalAuth(*methods)
        self.oidc_auth = OidcAuth(*methods)
        self.token_auth = TokenAuth(*methods)
        self.ldap_auth = LdapAuth(*methods)

    def __repr__(self) -> str:
        return "Auth()"
