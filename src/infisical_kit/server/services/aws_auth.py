"""AWS IAM auth: per-identity settings and the signed-``GetCallerIdentity`` login.

STS answers for the signer (`auth.aws_sts`); the login then applies ``allowedAccountIds``
and ``allowedPrincipalArns`` (comma-separated, ``*`` wildcards) as Infisical does.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..auth import aws_sts
from ..errors import unauthorized
from ..settings import LoginEndpoints
from . import login_checks as checks
from .access_tokens import IssuedToken
from .auth_methods import AWS_AUTH
from .login_methods import LoginMethodSpec, for_login, issue

DEFAULT_STS_ENDPOINT = "https://sts.amazonaws.com/"


def _check(config: dict[str, Any], _secrets: dict[str, str]) -> dict[str, Any]:
    config["type"] = "iam"
    config["stsEndpoint"] = checks.url(config, "stsEndpoint")
    checks.texts(config, "allowedPrincipalArns", "allowedAccountIds")
    return config


AWS = LoginMethodSpec(
    AWS_AUTH,
    {
        "type": "iam",
        "stsEndpoint": DEFAULT_STS_ENDPOINT,
        "allowedPrincipalArns": "",
        "allowedAccountIds": "",
    },
    _check,
)


def _csv(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def login(
    session: Session,
    root_key: bytes,
    jwt_secret: str,
    endpoints: LoginEndpoints,
    identity_id: str,
    request: dict[str, str],
) -> IssuedToken:
    """`request`: ``iamHttpRequestMethod``, ``iamRequestBody``, ``iamRequestHeaders``."""
    settings = for_login(session, root_key, AWS, identity_id)
    config = settings.config
    caller = aws_sts.get_caller_identity(
        request["iamHttpRequestMethod"],
        request["iamRequestBody"],
        request["iamRequestHeaders"],
        config["stsEndpoint"],
        endpoints.aws_sts,
    )
    accounts = _csv(config.get("allowedAccountIds", ""))
    if accounts and caller.account not in accounts:
        raise unauthorized("Access denied: AWS account ID not allowed.")
    principals = _csv(config.get("allowedPrincipalArns", ""))
    if principals and not aws_sts.arn_allowed(caller.arn, principals):
        principal = aws_sts.principal_arn(caller.arn)
        raise unauthorized(
            f"Access denied: AWS principal ARN not allowed. [principal-arn={principal}]"
        )
    return issue(session, jwt_secret, AWS, identity_id)
