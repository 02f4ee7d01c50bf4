"""Transport options: TLS verify/cert plumbing, legacy PEM variable, timeout object, proxy."""

from __future__ import annotations

import datetime
import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from infisical_kit import AsyncClient, Config, ConfigurationError

SCOPE: dict[str, Any] = {"token": "tok", "project_id": "p", "environment": "dev"}
CA_NAME = "infisical-kit test CA"


def make_ca(tmp_path: Path) -> tuple[Path, Path, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    cert_path, key_path = tmp_path / "ca.pem", tmp_path / "ca.key"
    cert_path.write_text(pem)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path, pem


def ssl_context(client: AsyncClient) -> ssl.SSLContext:
    context = client._requester.driver.http._transport._pool._ssl_context  # type: ignore[attr-defined]
    assert isinstance(context, ssl.SSLContext)
    return context


def trusts_test_ca(context: ssl.SSLContext) -> bool:
    return any(
        any(CA_NAME in str(value) for value in ca.get("subject", ()))
        for ca in context.get_ca_certs()
    )


@pytest.mark.anyio
async def test_verify_false_and_ca_bundle(tmp_path: Path) -> None:
    async with AsyncClient("https://x.test", verify=False, **SCOPE) as client:
        context = ssl_context(client)
        assert context.verify_mode == ssl.CERT_NONE and not context.check_hostname
    cert_path, _, _ = make_ca(tmp_path)
    async with AsyncClient("https://x.test", verify=str(cert_path), **SCOPE) as client:
        context = ssl_context(client)
        assert context.verify_mode == ssl.CERT_REQUIRED and trusts_test_ca(context)
    async with AsyncClient("https://x.test", **SCOPE) as client:
        assert not trusts_test_ca(ssl_context(client))


@pytest.mark.anyio
async def test_bad_tls_paths_are_clear_configuration_errors(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.pem")
    with pytest.raises(ConfigurationError, match=r"verify: CA bundle .*missing.pem.* not exist"):
        AsyncClient("https://x.test", verify=missing, **SCOPE)
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a certificate")
    with pytest.raises(ConfigurationError, match="not a usable CA bundle"):
        AsyncClient("https://x.test", verify=str(garbage), **SCOPE)
    with pytest.raises(ConfigurationError, match=r"client certificate .* does not exist"):
        AsyncClient("https://x.test", cert=missing, **SCOPE)
    with pytest.raises(ConfigurationError, match="cannot load the client certificate"):
        AsyncClient("https://x.test", cert=str(garbage), **SCOPE)


@pytest.mark.anyio
async def test_client_certificate_is_loaded(tmp_path: Path) -> None:
    cert_path, key_path, _ = make_ca(tmp_path)
    async with AsyncClient(
        "https://x.test", cert=(str(cert_path), str(key_path)), **SCOPE
    ) as client:
        assert ssl_context(client).verify_mode == ssl.CERT_REQUIRED


@pytest.mark.anyio
async def test_legacy_pem_variable_only_with_a_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, pem = make_ca(tmp_path)
    monkeypatch.setenv("INFISICAL_SSL_CERTIFICATE", pem)
    monkeypatch.setenv("INFISICAL_TOKEN", "tok")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    async with AsyncClient.from_env("https://x.test") as client:
        assert trusts_test_ca(ssl_context(client))
    async with AsyncClient("https://x.test", **SCOPE) as client:  # bare: reads the env too
        assert trusts_test_ca(ssl_context(client))
    config = Config.explicit(token="tok")  # a config that read no environment
    async with AsyncClient("https://x.test", config=config, **SCOPE) as client:
        assert not trusts_test_ca(ssl_context(client))
    monkeypatch.setenv("INFISICAL_SSL_CERTIFICATE", "-----BEGIN CERTIFICATE-----\nnope")
    with pytest.raises(ConfigurationError, match="INFISICAL_SSL_CERTIFICATE"):
        AsyncClient.from_env("https://x.test")


@pytest.mark.anyio
async def test_timeout_object_and_proxy() -> None:
    timeout = httpx.Timeout(5.0, connect=1.5)
    async with AsyncClient("https://x.test", timeout=timeout, **SCOPE) as client:
        assert client._requester.driver.http.timeout == timeout
    async with AsyncClient("https://x.test", timeout=7, **SCOPE) as client:
        assert client._requester.driver.http.timeout == httpx.Timeout(7.0)
    async with AsyncClient("https://x.test", proxy="http://127.0.0.1:3128", **SCOPE) as client:
        mounts = client._requester.driver.http._mounts  # type: ignore[attr-defined]
        assert any(transport is not None for transport in mounts.values())
