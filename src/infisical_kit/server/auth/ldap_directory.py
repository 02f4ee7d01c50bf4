"""LDAP auth's directory check: bind as the configured service account, find the user with
the search filter, bind as the user with their password, return the user's attributes.

This is what Infisical's ``passport-ldapauth`` does. ``ldap3`` (pure Python, extra
``[server]``) speaks LDAP; each login opens and closes its own connections, with timeouts.
A wrong password, an unknown user and an ambiguous search are the same 401.
"""

from __future__ import annotations

import ssl
from typing import Any

from ..errors import unauthorized

TIMEOUT = 10
FAILED = "LDAP authentication failed"


def authenticate(
    *,
    url: str,
    bind_dn: str,
    bind_pass: str,
    search_base: str,
    search_filter: str,
    username: str,
    password: str,
    ca_cert: str = "",
) -> dict[str, list[str]]:
    """The attributes of the user `username` once `password` binds as them; 401 otherwise."""
    import ldap3
    from ldap3.core.exceptions import LDAPException
    from ldap3.utils.conv import escape_filter_chars

    if not password:
        raise unauthorized(FAILED)  # an empty password is an anonymous bind: never accept it
    tls = None
    if ca_cert.strip():
        tls = ldap3.Tls(ca_certs_data=ca_cert.strip(), validate=ssl.CERT_REQUIRED)
    try:
        server = ldap3.Server(url, connect_timeout=TIMEOUT, tls=tls, get_info=ldap3.NONE)
        with ldap3.Connection(
            server, bind_dn, bind_pass, receive_timeout=TIMEOUT, read_only=True
        ) as service:
            if not service.bound:
                raise unauthorized(f"{FAILED}: the configured bindDN could not bind")
            query = search_filter.replace("{{username}}", escape_filter_chars(username))
            service.search(search_base, query, attributes=[ldap3.ALL_ATTRIBUTES])
            entries = list(service.entries)
        if len(entries) != 1:
            raise unauthorized(FAILED)
        user_dn = entries[0].entry_dn
        attributes: dict[str, Any] = entries[0].entry_attributes_as_dict
        user = ldap3.Connection(server, user_dn, password, receive_timeout=TIMEOUT)
        try:
            if not user.bind():
                raise unauthorized(FAILED)
        finally:
            user.unbind()
    except LDAPException as exc:
        raise unauthorized(f"{FAILED}: {type(exc).__name__}") from None
    return {name: [str(v) for v in values] for name, values in attributes.items()}
