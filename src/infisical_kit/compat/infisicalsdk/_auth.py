"""``client.auth`` of ``infisicalsdk``: one object per login method, each with ``login``."""

from __future__ import annotations

import os
from collections.abc import Callable

from infisical_kit import _platform_identity as platform
from infisical_kit.compat.infisicalsdk._session import Session
from infisical_kit.compat.infisicalsdk.api_types import MachineIdentityLoginResponse
from infisical_kit.credentials import Credentials
from infisical_kit.errors import ConfigurationError
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


class _AwsKeys:
    """A credential provider: this machine's AWS keys (botocore's chain, extra ``[aws]``)
    for `identity_id`, read again at every login (keys rotate), signed for `AWSAuth`'s
    region."""

    name = "infisicalsdk-aws-auth"

    def __init__(self, identity_id: str) -> None:
        self._identity_id = identity_id

    def load(self) -> Credentials:
        """The current keys."""
        keys = platform.aws_keys()
        return Credentials.aws_iam(
            self._identity_id, keys.access_key_id, keys.secret_access_key, keys.session_token,
            region=AWSAuth.get_aws_region(), source=self.name,
        )  # fmt: skip

    async def aload(self) -> Credentials:
        """The current keys (the drop-in's client is synchronous)."""
        return self.load()

    def __repr__(self) -> str:
        return "_AwsKeys()"


class AWSAuth(_Method):
    """AWS IAM auth (``/api/v1/auth/aws-auth/login``): a SigV4-signed ``sts:GetCallerIdentity``
    with this machine's AWS keys; the client logs in again with fresh keys when due."""

    def login(self, identity_id: str) -> MachineIdentityLoginResponse:
        """Log in with the AWS credentials of this machine (`identity_id`, else
        ``INFISICAL_AWS_IAM_AUTH_IDENTITY_ID``)."""
        identity_id = identity_id or os.environ.get("INFISICAL_AWS_IAM_AUTH_IDENTITY_ID", "")
        if not identity_id:
            raise ConfigurationError(
                "Identity ID must be provided or set in the environment variable "
                "INFISICAL_AWS_IAM_AUTH_IDENTITY_ID."
            )
        login = self._session.login(_AwsKeys(identity_id))
        self._remember(login.access_token)
        return _login_response(login)

    @staticmethod
    def get_aws_region() -> str:
        """``AWS_REGION``, else the region of this EC2 instance (its identity document)."""
        region = os.environ.get("AWS_REGION")
        if region:
            return region
        return platform.aws_ec2_region()


class OidcAuth(_Method):
    """OIDC auth (``/api/v1/auth/oidc-auth/login``)."""

    def login(self, identity_id: str, jwt: str) -> MachineIdentityLoginResponse:
        """Log in with a JWT from an OIDC provider (used again for each new login)."""
        credentials = Credentials.identity_jwt("oidc_auth", identity_id, jwt, source=_SDK)
        login = self._session.login(credentials)
        self._remember(login.access_token)
        return _login_response(login)


class LdapAuth(_Method):
    """LDAP auth (``/api/v1/auth/ldap-auth/login``)."""

    def login(self, identity_id: str, username: str, password: str) -> MachineIdentityLoginResponse:
        """Log in with an LDAP username and password."""
        login = self._session.login(Credentials.ldap(identity_id, username, password, source=_SDK))
        self._remember(login.access_token)
        return _login_response(login)


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
