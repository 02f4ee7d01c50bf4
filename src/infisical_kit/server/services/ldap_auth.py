"""LDAP auth: per-identity directory settings and the username/password login.

The login binds against the configured LDAP server (`auth.ldap_directory`) and checks the
user's ``allowedFields`` (each ``{key, value}``: the attribute must have one of the
comma-separated values), as Infisical does. The bind password is sealed and never returned.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..auth.ldap_directory import authenticate
from ..errors import bad_request, unauthorized
from . import login_checks as checks
from .access_tokens import IssuedToken
from .auth_methods import LDAP_AUTH
from .login_methods import LoginMethodSpec, for_login, issue

MAX_ALLOWED_FIELDS = 50


def _check(config: dict[str, Any], secrets: dict[str, str]) -> dict[str, Any]:
    config["url"] = checks.url(config, "url", ("ldap", "ldaps"))
    checks.texts(config, "bindDN", "searchBase", "searchFilter", "ldapCaCertificate")
    checks.required(config, "bindDN")
    checks.required(config, "searchBase")
    search = checks.required(config, "searchFilter")
    if "{{username}}" not in search or not (search.startswith("(") and search.endswith(")")):
        raise bad_request("searchFilter must be an LDAP filter with {{username}}")
    if not secrets.get("bindPass"):
        raise bad_request("bindPass is required")
    fields = config.get("allowedFields") or []
    if not isinstance(fields, list) or len(fields) > MAX_ALLOWED_FIELDS:
        raise bad_request(f"allowedFields must be a list of at most {MAX_ALLOWED_FIELDS}")
    cleaned = []
    for item in fields:
        if (
            not isinstance(item, dict)
            or not item.get("key")
            or not isinstance(item.get("value"), str)
        ):
            raise bad_request("allowedFields items are {key, value}")
        cleaned.append({"key": str(item["key"]).strip(), "value": item["value"]})
    config["allowedFields"] = cleaned
    return config


LDAP = LoginMethodSpec(
    LDAP_AUTH,
    {
        "url": "",
        "bindDN": "",
        "searchBase": "",
        "searchFilter": "(uid={{username}})",
        "allowedFields": [],
        "ldapCaCertificate": "",
        "templateId": None,
    },
    _check,
    secrets=("bindPass",),
)


def login(
    session: Session,
    root_key: bytes,
    jwt_secret: str,
    identity_id: str,
    username: str,
    password: str,
) -> IssuedToken:
    """Bind as the user; check ``allowedFields``; issue a token."""
    settings = for_login(session, root_key, LDAP, identity_id)
    config = settings.config
    attributes = authenticate(
        url=config["url"],
        bind_dn=config["bindDN"],
        bind_pass=settings.secrets.get("bindPass", ""),
        search_base=config["searchBase"],
        search_filter=config["searchFilter"],
        username=username,
        password=password,
        ca_cert=config.get("ldapCaCertificate", ""),
    )
    lowered = {name.lower(): values for name, values in attributes.items()}
    for field in config.get("allowedFields") or []:
        values = lowered.get(field["key"].lower())
        if not values:
            raise unauthorized(f"Invalid request. Missing field {field['key']} on user.")
        allowed = [v.strip() for v in field["value"].split(",")]
        if not any(value in allowed for value in values):
            raise unauthorized(
                f"Invalid request. User field '{field['key']}' does not match required fields."
            )
    return issue(session, jwt_secret, LDAP, identity_id)
