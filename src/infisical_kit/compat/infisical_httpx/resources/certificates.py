"""``client.certificates`` of ``infisical-httpx-sdk``: infisical-kit has no PKI, so every call
raises `NotSupportedError` (the names are here so code that only touches secrets and folders
imports and runs unchanged)."""

from __future__ import annotations

from typing import Any

from infisical_kit.compat._util import not_supported
from infisical_kit.compat.infisical_httpx.resources.base import Scoped
from infisical_kit.errors import NotSupportedError

__all__ = [
    "AsyncCertificatesV1",
    "AsyncCertificatesV2",
    "Certificates",
    "CertificatesV1",
    "CertificatesV2",
]


def _missing(call: str) -> NotSupportedError:
    return not_supported(
        "infisical-httpx-sdk", f"certificates.{call}", "certificates (PKI)",
        "the local server has no certificate authority and the SDK no PKI API",
    )  # fmt: skip


class CertificatesV1(Scoped):
    """Certificates v1 (not supported)."""

    def delete(self, *, serial_number: str) -> Any:
        """Delete a certificate."""
        raise _missing("v1.delete")

    def get_certificate_body_chain(self, *, serial_number: str) -> Any:
        """A certificate's body and chain."""
        raise _missing("v1.get_certificate_body_chain")

    def get_certificate_bundle(self, *, serial_number: str) -> Any:
        """A certificate's bundle."""
        raise _missing("v1.get_certificate_bundle")

    def get_certificate_private_key(self, *, serial_number: str) -> Any:
        """A certificate's private key."""
        raise _missing("v1.get_certificate_private_key")

    def issue_certificate(self, request: Any) -> Any:
        """Issue a certificate."""
        raise _missing("v1.issue_certificate")

    def revoke(self, *, serial_number: str, reason: Any) -> Any:
        """Revoke a certificate."""
        raise _missing("v1.revoke")

    def sign_certificate(self, csr: Any) -> Any:
        """Sign a CSR."""
        raise _missing("v1.sign_certificate")


class AsyncCertificatesV1(CertificatesV1):
    """Certificates v1 of the async client (not supported; raises before any ``await``)."""


class CertificatesV2(Scoped):
    """Certificates v2 (not supported)."""

    def list(self, *, slug: str, **params: Any) -> Any:
        """The certificates of a project."""
        raise _missing("v2.list")


class AsyncCertificatesV2(CertificatesV2):
    """Certificates v2 of the async client (not supported; raises before any ``await``)."""


class Certificates:
    """``client.certificates``: ``.v1`` and ``.v2``."""

    def __init__(self, v1: CertificatesV1, v2: CertificatesV2) -> None:
        self.v1 = v1
        self.v2 = v2

    def __repr__(self) -> str:
        return "Certificates()"
