"""Authentication, errors and rate limits against each site (issue 10 items 2, 3 and 5)."""

from __future__ import annotations

import pytest

from infisical_kit import (
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    InfisicalError,
    NotFoundError,
    RateLimitError,
    TransportError,
    UnexpectedResponseError,
    UnsupportedByServerError,
)

from .._sites import Site
from ..conftest import Area
from ._wire import Wire
from .conftest import MakeClient


@pytest.mark.anyio
async def test_login_renew_and_use(make_client: MakeClient) -> None:
    wire = Wire()
    client = make_client(transport=wire)
    await client.auth.login()
    token = await client.auth.authorize()
    assert token
    await client.auth.renew()
    assert await client.auth.authorize()  # the 2024-10 server renews the same token string
    assert isinstance(await client.secrets.list(), list)
    logins = [e for e in wire.exchanges if e.path.endswith("/universal-auth/login")]
    renewals = [e for e in wire.exchanges if e.path.endswith("/auth/token/renew")]
    # renew() renews, or logs in again when the identity's token cannot be renewed (max TTL)
    assert len(logins) == 1 + (1 - len(renewals)) and len(renewals) <= 1
    assert all(e.status == 200 for e in logins + renewals)


@pytest.mark.anyio
async def test_wrong_client_secret_is_an_authentication_error(make_client: MakeClient) -> None:
    client = make_client(client_secret="0" * 64)
    with pytest.raises(AuthenticationError) as caught:
        await client.secrets.list()
    assert "0" * 64 not in str(caught.value)


@pytest.mark.anyio
async def test_user_login_works_or_names_the_alternative(site: Site, area: Area) -> None:
    """Item 2: email/password login against a server without ``/api/v3/auth/login`` fails with
    an error that names the alternative (a machine identity), not a bare 404."""
    if not (site.username and site.password):
        pytest.skip("the site has no user credentials configured")
    kwargs = site.client_kwargs(secret_path=area.path)
    del kwargs["client_id"], kwargs["client_secret"]
    async with AsyncClient(**kwargs, username=site.username, password=site.password) as client:
        try:
            await client.auth.login()
        except UnsupportedByServerError as exc:
            assert "machine identit" in str(exc).lower()
            assert site.password not in str(exc)
            return
        assert isinstance(await client.secrets.list(), list)


@pytest.mark.anyio
async def test_a_rejected_request_body_is_a_bad_request(make_client: MakeClient) -> None:
    """A server-side validation failure (the 2024-10 server answers it with HTTP 401
    ``ValidationFailure``) is a `BadRequestError`, not an authentication failure, and does not
    make the client log in again."""
    wire = Wire()
    client = make_client(transport=wire)
    with pytest.raises(BadRequestError) as caught:
        await client.kms.create("Not A Valid Key Name!")
    assert not isinstance(caught.value, AuthenticationError)
    assert len([e for e in wire.exchanges if e.path.endswith("/universal-auth/login")]) == 1


@pytest.mark.anyio
async def test_rate_limit_is_recognised_by_its_headers(rate_limited_site: Site) -> None:
    """Item 3: a rate-limit hit is a `RateLimitError` with `retry_after`, whatever its status
    (the 2024-10 server answers HTTP 500 with ``retry-after`` and ``x-ratelimit-*``)."""
    kwargs = rate_limited_site.client_kwargs(retries=0)
    async with AsyncClient(**kwargs) as client:
        error: InfisicalError | None = None
        for _ in range(150):
            try:
                await client.secrets.list()
            except InfisicalError as exc:
                error = exc
                break
        assert error is not None, "the site never rate-limited 150 reads"
        assert isinstance(error, RateLimitError), repr(error)
        assert error.retry_after is not None and error.retry_after > 0


@pytest.mark.anyio
async def test_transport_failure_names_the_url_and_the_cause(refused_url: str) -> None:
    client = AsyncClient(refused_url, token="t.t.t", project_id="p", environment="dev")
    try:
        with pytest.raises(TransportError) as caught:
            await client.secrets.list()
    finally:
        await client.aclose()
    error = caught.value
    assert refused_url + "/api/" in str(error) and "connection refused" in str(error).lower()
    assert error.url is not None and error.url.startswith(refused_url + "/api/")
    assert error.attempts >= 1 and str(error.attempts) in str(error)


@pytest.mark.anyio
async def test_a_server_that_is_not_infisical_is_named_as_such(not_infisical_url: str) -> None:
    kwargs = {"token": "t.t.t", "project_id": "p", "environment": "dev", "retries": 0}
    async with AsyncClient(not_infisical_url, **kwargs) as client:
        with pytest.raises(UnexpectedResponseError) as caught:
            await client.secrets.get("ANY")
        message = str(caught.value)
        assert not isinstance(caught.value, NotFoundError)
        assert not_infisical_url in message and "text/html" in message
        assert "404" in message and "site_url" in message
        with pytest.raises(UnexpectedResponseError):
            await client.secrets.find("ANY")  # never None for a server that is not Infisical
