"""TLS settings: what to pass as httpx's `verify` (the same for the sync and async clients).

`verify` is ``True`` (system/certifi roots), ``False`` (no verification: development only), or
the path of a CA bundle file or directory. The legacy ``INFISICAL_SSL_CERTIFICATE`` holds PEM
text (not a path); it adds trusted roots when `verify` is left at ``True``. `cert` is a client
certificate: one PEM path (certificate + key) or a ``(cert, key)`` pair. Every problem is a
`ConfigurationError` naming the option and the path, never file contents.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping

import certifi

from infisical_kit.errors import ConfigurationError

__all__ = ["SSL_CERTIFICATE_ENV", "CertTypes", "build_ssl", "pem_from_environment"]

SSL_CERTIFICATE_ENV = "INFISICAL_SSL_CERTIFICATE"

CertTypes = str | os.PathLike[str] | tuple[str | os.PathLike[str], str | os.PathLike[str]]


def _verify_context(verify: bool | str | os.PathLike[str], pem: str | None) -> ssl.SSLContext:
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    if verify is True:
        context = ssl.create_default_context(cafile=certifi.where())
        if pem:
            try:
                context.load_verify_locations(cadata=pem)
            except (ssl.SSLError, ValueError) as exc:
                raise ConfigurationError(
                    f"{SSL_CERTIFICATE_ENV} does not hold valid PEM certificates "
                    f"({type(exc).__name__})"
                ) from None
        return context
    path = os.fspath(verify)
    if not os.path.exists(path):
        raise ConfigurationError(f"verify: CA bundle {path!r} does not exist")
    try:
        if os.path.isdir(path):
            return ssl.create_default_context(capath=path)
        return ssl.create_default_context(cafile=path)
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise ConfigurationError(
            f"verify: {path!r} is not a usable CA bundle ({type(exc).__name__})"
        ) from None


def build_ssl(
    verify: bool | str | os.PathLike[str] = True,
    cert: CertTypes | None = None,
    *,
    pem: str | None = None,
) -> bool | ssl.SSLContext:
    """What to pass as httpx's `verify`: ``True`` (httpx defaults) or a configured SSL context."""
    if isinstance(verify, str) and not verify.strip():
        raise ConfigurationError("verify: the CA bundle path is empty")
    if verify is True and cert is None and not pem:
        return True
    context = _verify_context(verify, pem)
    if cert is not None:
        if isinstance(cert, tuple):
            if len(cert) != 2:
                raise ConfigurationError("cert must be a path or a (certificate, key) pair")
            certfile, keyfile = os.fspath(cert[0]), os.fspath(cert[1])
        else:
            certfile, keyfile = os.fspath(cert), None
        for label, file in (("certificate", certfile), ("key", keyfile)):
            if file is not None and not os.path.isfile(file):
                raise ConfigurationError(f"cert: client {label} {file!r} does not exist")
        try:
            context.load_cert_chain(certfile, keyfile)
        except (ssl.SSLError, OSError, ValueError) as exc:
            raise ConfigurationError(
                f"cert: cannot load the client certificate {certfile!r} ({type(exc).__name__})"
            ) from None
    return context


def pem_from_environment(environ: Mapping[str, str] | None) -> str | None:
    """The legacy ``INFISICAL_SSL_CERTIFICATE`` PEM text from `environ`, if set."""
    if environ is None:
        return None
    value = environ.get(SSL_CERTIFICATE_ENV, "").strip()
    return value or None
