"""No secret reaches logs, reprs or errors: every operation with ``echo=True`` at DEBUG."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from infisical_kit import AsyncClient, InfisicalError
from infisical_kit.testing.server import free_port


class Recording(httpx.AsyncBaseTransport):
    """Forwards to the real server and remembers every bearer token and issued access token."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.tokens: set[str] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        auth = request.headers.get("authorization", "")
        if auth.startswith("Bearer "):
            self.tokens.add(auth.removeprefix("Bearer "))
        response = await self.inner.handle_async_request(request)
        await response.aread()
        if "json" in response.headers.get("content-type", ""):
            body = response.json()
            if isinstance(body, dict) and isinstance(body.get("accessToken"), str):
                self.tokens.add(body["accessToken"])
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.mark.anyio
async def test_nothing_secret_leaks(
    infisical_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="infisical_kit")
    boot = infisical_server.bootstrap
    tag = uuid.uuid4().hex[:8].upper()
    name, other = f"LEAK_{tag}", f"LEAK2_{tag}"
    values = [f"value-one-{tag}", f"value-two-{tag}", f"value-three-{tag}", f"batch-{tag}"]
    kms_plain = f"kms-plaintext-{tag}"
    shown: list[str] = []  # every repr/str we could hand to a user
    errors: list[BaseException] = []
    transport = Recording()

    async def attempt(call: Callable[[], Any]) -> Any:
        try:
            result = await call()
        except InfisicalError as exc:
            errors.append(exc)
            return None
        shown.extend([repr(result), str(result)])
        return result

    async with AsyncClient(
        infisical_server.url,
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
        project_id=boot["project_id"],
        environment=boot["environments"][0],
        transport=transport,
        echo=True,
    ) as client:
        shown.extend([repr(client), str(client)])
        await attempt(lambda: client.auth.login())
        await attempt(lambda: client.secrets.create(name, values[0], comment="c"))
        await attempt(lambda: client.secrets.get(name))
        await attempt(lambda: client.secrets.list())
        await attempt(lambda: client.secrets.list(recursive=True, include_imports=True))
        await attempt(lambda: client.secrets.update(name, values[1]))
        await attempt(lambda: client.secrets.get(name, version=1))
        await attempt(lambda: client.secrets.batch_create({other: values[3]}))
        await attempt(lambda: client.secrets.update(name, values[2], new_name=name + "_R"))
        await attempt(lambda: client.secrets.get(f"MISSING_{tag}"))  # 404
        await attempt(lambda: client.folders.create(f"leak{tag.lower()}"))
        await attempt(lambda: client.folders.list())
        key = await attempt(lambda: client.kms.create(f"leak-{tag.lower()}"))
        if key is not None:
            cipher = await attempt(lambda: client.kms.encrypt(key.id, kms_plain))
            if cipher is not None:  # the decrypted bytes are the caller's own data: not shown
                assert await client.kms.decrypt(key.id, cipher) == kms_plain.encode()
        await attempt(lambda: client.secrets.delete(name + "_R"))
        await attempt(lambda: client.secrets.delete(other))
        await attempt(lambda: client.auth.renew())
        await attempt(lambda: client.auth.revoke())

    bad = AsyncClient(
        infisical_server.url,
        client_id=boot["client_id"],
        client_secret="wrong-" + boot["client_secret"],
        project_id=boot["project_id"],
        environment="dev",
        echo=True,
    )
    async with bad:
        shown.append(repr(bad))
        await attempt(lambda: bad.secrets.get(name))  # bad credentials
    static = "static-token-" + tag
    async with AsyncClient(
        f"http://127.0.0.1:{free_port()}",
        token=static,
        project_id="p",
        environment="dev",
        echo=True,
        retries=1,
    ) as down:
        shown.append(repr(down))
        await attempt(lambda: down.secrets.list())  # transport error
        await attempt(lambda: down.secrets.create("X", values[0]))
    async with AsyncClient(
        infisical_server.url,
        token=static,
        echo=True,
        **{"project_id": boot["project_id"], "environment": "dev"},
    ) as rejected:
        await attempt(lambda: rejected.secrets.list())  # 401/403 with a token we chose

    assert len(errors) >= 4, errors
    assert len(transport.tokens) >= 1
    text = "\n".join([caplog.text, *shown, *(f"{e!s}\n{e!r}\n{e.args!r}" for e in errors)])
    forbidden = [
        *values,
        kms_plain,
        boot["client_secret"],
        boot["admin_password"],
        static,
        *transport.tokens,
    ]
    for secret in forbidden:
        assert secret not in text, "a secret leaked"
    # the echo is real: methods, paths and redaction markers are there
    assert f"POST /api/v4/secrets/{name}" in caplog.text
    assert f"GET /api/v4/secrets/{name}" in caplog.text
    assert "/api/v1/auth/universal-auth/login" in caplog.text
    assert "Bearer [redacted]" in caplog.text and '"secretValue":"[redacted]"' in caplog.text
