"""Transport options: TLS verify/cert plumbing, legacy PEM variable, timeout object, proxy.

The ``*_on_the_wire`` tests send real requests over sockets (``tests/_wire.py``): through the
async client's default aiohttp transport here, through httpx's own in the generated sync twin.
"""

from __future__ import annotations

import datetime
import logging
import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from tests._wire import HANG, forward_proxy, make_tls_files, wire_server

from infisical_kit import AsyncClient, Config, ConfigurationError, TransportError
from infisical_kit._aiohttp_transport import AiohttpTransport

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
    transport = client._requester.driver.http._transport  # type: ignore[attr-defined]
    # unasync: remove-start
    assert isinstance(transport, AiohttpTransport)  # the async client's default
    context = transport.ssl_context
    # unasync: remove-end
    # unasync: sync-only-start
    # context = transport._pool._ssl_context
    # unasync: sync-only-end
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
async def test_timeout_object() -> None:
    timeout = httpx.Timeout(5.0, connect=1.5)
    async with AsyncClient("https://x.test", timeout=timeout, **SCOPE) as client:
        assert client._requester.driver.http.timeout == timeout
    async with AsyncClient("https://x.test", timeout=7, **SCOPE) as client:
        assert client._requester.driver.http.timeout == httpx.Timeout(7.0)


@pytest.mark.anyio
async def test_tls_verify_on_the_wire(tmp_path: Path) -> None:
    tls = make_tls_files(tmp_path)
    with wire_server(tls) as server:
        async with AsyncClient(server.url, verify=str(tls.ca), **SCOPE) as client:
            assert await client.secrets.list() == []
        async with AsyncClient(server.url, verify=False, **SCOPE) as client:
            assert await client.secrets.list() == []
        async with AsyncClient(server.url, retries=0, **SCOPE) as client:
            with pytest.raises(TransportError) as caught:
                await client.secrets.list()
            assert "TLS certificate verification failed" in str(caught.value)


@pytest.mark.anyio
async def test_client_certificate_on_the_wire(tmp_path: Path) -> None:
    tls = make_tls_files(tmp_path)
    with wire_server(tls, require_client_cert=True) as server:
        cert = (str(tls.client_cert), str(tls.client_key))
        async with AsyncClient(server.url, verify=str(tls.ca), cert=cert, **SCOPE) as client:
            assert await client.secrets.list() == []
        async with AsyncClient(server.url, verify=str(tls.ca), retries=0, **SCOPE) as client:
            with pytest.raises(TransportError) as caught:
                await client.secrets.list()
            assert caught.value.attempts == 1


@pytest.mark.anyio
async def test_proxy_on_the_wire() -> None:
    with wire_server() as server, forward_proxy() as proxy:
        async with AsyncClient(server.url, proxy=proxy.url, cache_ttl=0, **SCOPE) as client:
            assert await client.secrets.list() == []
            assert await client.secrets.list() == []
        assert len(proxy.relayed) == 2
        assert all(url.startswith(server.url + "/api/v4/secrets?") for url in proxy.relayed)
        assert server.hits["/api/v4/secrets"] == 2


@pytest.mark.anyio
async def test_proxy_from_the_environment_on_the_wire(monkeypatch: pytest.MonkeyPatch) -> None:
    with wire_server() as server, forward_proxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        async with AsyncClient(server.url, **SCOPE) as client:
            assert await client.secrets.list() == []
        assert len(proxy.relayed) == 1


@pytest.mark.anyio
async def test_read_timeout_on_the_wire() -> None:
    with wire_server() as server:
        server.fail_with = [HANG]
        async with AsyncClient(server.url, timeout=0.5, retries=0, **SCOPE) as client:
            with pytest.raises(TransportError) as caught:
                await client.secrets.list()
            assert "timed out waiting for the response" in str(caught.value)


@pytest.mark.anyio
async def test_retries_on_the_wire() -> None:
    with wire_server() as server:
        server.fail_with = [503, 502]
        async with AsyncClient(
            server.url, retries=2, retry_backoff_base=0.01, retry_backoff_cap=0.01, **SCOPE
        ) as client:
            assert await client.secrets.list() == []
        assert server.hits["/api/v4/secrets"] == 3
    async with AsyncClient(  # the server is gone: connection refused, retried, then raised
        server.url, retries=1, retry_backoff_base=0.01, retry_backoff_cap=0.01, **SCOPE
    ) as client:
        with pytest.raises(TransportError, match="connection refused") as caught:
            await client.secrets.list()
        assert caught.value.attempts == 2


@pytest.mark.anyio
async def test_echo_is_redacted_on_the_wire(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="infisical_kit.http")
    token = "wire-token-never-logged"
    with wire_server() as server:
        scope = {**SCOPE, "token": token}
        async with AsyncClient(server.url, echo=True, **scope) as client:
            assert await client.secrets.list() == []
    text = caplog.text
    assert "response GET /api/v4/secrets -> 200" in text and "[redacted]" in text
    assert token not in text


@pytest.mark.anyio
async def test_closed_client_sends_nothing_on_the_wire() -> None:
    with wire_server() as server:
        client = AsyncClient(server.url, cache_ttl=0, **SCOPE)
        assert await client.secrets.list() == []
        await client.aclose()
        with pytest.raises(ConfigurationError, match="closed"):
            await client.secrets.list()
        assert server.hits["/api/v4/secrets"] == 1


# unasync: remove-start


@pytest.mark.anyio
async def test_a_burst_reuses_its_connections_on_the_wire() -> None:
    import anyio

    with wire_server() as server:
        async with AsyncClient(server.url, cache_ttl=0, **SCOPE) as client:
            for _ in range(3):  # three bursts of 20 in flight: the pool keeps all 20 idle
                async with anyio.create_task_group() as group:
                    for _ in range(20):
                        group.start_soon(client.secrets.list)
        assert server.hits["/api/v4/secrets"] == 60
        assert server.connections <= 20


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["trio"])
async def test_under_trio_the_same_settings_reach_httpx_transport(
    anyio_backend: str, tmp_path: Path
) -> None:
    tls = make_tls_files(tmp_path)
    with wire_server(tls) as server:
        async with AsyncClient(server.url, verify=str(tls.ca), **SCOPE) as client:
            assert await client.secrets.list() == []
    with wire_server() as server, forward_proxy() as proxy:
        async with AsyncClient(server.url, proxy=proxy.url, cache_ttl=0, **SCOPE) as client:
            assert await client.secrets.list() == []
        assert len(proxy.relayed) == 1


# unasync: remove-end
