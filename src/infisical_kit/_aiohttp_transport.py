"""`AiohttpTransport`: the async client's default transport, httpx requests sent by aiohttp.

`httpx.AsyncClient` keeps its API (timeouts, headers, the `httpx.Response` the SDK parses), but
its default transport (httpcore on anyio) costs 2-7x more CPU per request than aiohttp's
connection pool, whose HTTP parser is compiled (`make bench`, row 2). This transport reads the
whole body (the SDK never streams) and hands httpx a finished response.

Options kept: the per-request httpx timeout (connect, read, pool), TLS (the `ssl.SSLContext`
from `infisical_kit._tls`), an explicit proxy (``http://``; ``https://`` targets go through it
with CONNECT) or, without one, the ``HTTP(S)_PROXY`` / ``NO_PROXY`` environment as httpx reads
it (once per server). The pool keeps up to `limit` connections open, idle or busy, so as many
requests as may be in flight find an idle connection the next time. aiohttp's errors become
httpx's exception classes, split as httpx splits them: ``ConnectError``/``ConnectTimeout``
(the request was not sent) against read errors and ``RemoteProtocolError`` (it may have been),
so the driver's retry rules and `infisical_kit._failures` work unchanged. aiohttp needs
asyncio: under another event loop (trio, which anyio also runs) the same settings go to
httpx's own transport.

The driver imports this module (and so aiohttp) when it builds a client, not when the SDK is
imported.
"""

from __future__ import annotations

import asyncio
import ssl
import urllib.request

import aiohttp
import httpx

__all__ = ["AiohttpTransport"]


def _timeout(extension: dict[str, float | None]) -> aiohttp.ClientTimeout:
    connect, pool = extension.get("connect"), extension.get("pool")
    return aiohttp.ClientTimeout(
        total=None,
        # aiohttp's `connect` covers waiting for a pooled connection and opening a new one
        connect=None if pool is None or connect is None else pool + connect,
        sock_connect=connect,
        sock_read=extension.get("read"),
    )


def _mapped(exc: BaseException) -> type[httpx.TransportError]:
    """The httpx exception class for aiohttp's (or asyncio's) `exc`."""
    if isinstance(exc, (aiohttp.ClientProxyConnectionError, aiohttp.ClientHttpProxyError)):
        return httpx.ProxyError
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout
    if isinstance(exc, (aiohttp.ServerTimeoutError, asyncio.TimeoutError)):
        return httpx.ReadTimeout
    if isinstance(exc, (aiohttp.ServerDisconnectedError, aiohttp.ClientResponseError)):
        return httpx.RemoteProtocolError
    if isinstance(exc, aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol
    return httpx.ReadError


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An `httpx.AsyncBaseTransport` over one `aiohttp.ClientSession` (opened on first use).

    **Parameters:** `ssl_context` (TLS settings; ``None``: httpx's defaults, certifi roots and
    ``SSL_CERT_FILE``/``SSL_CERT_DIR``), `proxy` (``None``: the proxy environment variables),
    `limit` (connections open at once, kept idle between requests), `keepalive` (seconds an
    idle connection is kept).
    """

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        proxy: httpx.Proxy | None = None,
        limit: int = 100,
        keepalive: float = 15.0,
    ) -> None:
        self._ssl = ssl_context if ssl_context is not None else httpx.create_ssl_context()
        self._proxy = proxy
        self._limit = limit
        self._keepalive = keepalive
        self._session: aiohttp.ClientSession | None = None
        #: (scheme, host:port) -> the environment's proxy for it (read once per server)
        self._env_proxies: dict[tuple[str, str], str | None] = {}
        self._fallback: httpx.AsyncHTTPTransport | None = None

    @property
    def ssl_context(self) -> ssl.SSLContext:
        """The TLS settings every connection uses."""
        return self._ssl

    @property
    def proxy(self) -> httpx.Proxy | None:
        """The explicit proxy, if any (else the environment's)."""
        return self._proxy

    @property
    def limit(self) -> int:
        """How many connections may be open (and kept idle) at once."""
        return self._limit

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=self._limit,
            limit_per_host=0,
            ssl=self._ssl,
            keepalive_timeout=self._keepalive,
        )
        return aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),  # httpx handles cookies
            trust_env=False,  # the environment's proxies: `_proxy_for`, once per server
            auto_decompress=False,  # httpx decodes by Content-Encoding
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),
            timeout=aiohttp.ClientTimeout(total=None),
        )

    def _proxy_for(self, url: httpx.URL) -> str | None:
        """The ``HTTP(S)_PROXY``/``ALL_PROXY`` proxy for `url` unless ``NO_PROXY`` covers it.

        aiohttp's own ``trust_env`` looks this up in a thread on every request; the SDK talks
        to one server, so it is read once per scheme and host.
        """
        netloc = f"{url.host}:{url.port}" if url.port else url.host
        key = (url.scheme, netloc)
        if key not in self._env_proxies:
            proxies = urllib.request.getproxies_environment()
            found = proxies.get(url.scheme) or proxies.get("all")
            bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]
            if found and bypass(netloc, proxies):
                found = None
            self._env_proxies[key] = found or None
        return self._env_proxies[key]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` and return the response with its body read."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # not asyncio (trio, through anyio): httpx's own transport
            return await self._not_asyncio(request)
        session = self._session
        if session is None:
            session = self._session = self._open()
        proxy = self._proxy
        proxy_args: dict[str, object] = {}
        if proxy is not None:
            proxy_args = {
                "proxy": str(proxy.url),
                "proxy_headers": dict(proxy.headers) or None,
                "proxy_auth": aiohttp.BasicAuth(*proxy.auth) if proxy.auth else None,
            }
        else:
            env_proxy = self._proxy_for(request.url)
            if env_proxy is not None:
                proxy_args = {"proxy": env_proxy}
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]
        try:
            async with session.request(
                request.method,
                str(request.url),
                headers=headers,
                data=request.content or None,
                allow_redirects=False,
                timeout=_timeout(request.extensions.get("timeout", {})),
                **proxy_args,
            ) as response:
                body = await response.read()
                status, raw_headers, reason = response.status, response.raw_headers, response.reason
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            # the OS or TLS error underneath first, as httpcore chains it (`_failures` reads it)
            cause = getattr(exc, "certificate_error", None) or getattr(exc, "os_error", None)
            raise _mapped(exc)(str(exc) or type(exc).__name__, request=request) from (cause or exc)
        extensions: dict[str, object] = {"http_version": b"HTTP/1.1"}
        if reason:
            extensions["reason_phrase"] = reason.encode("latin-1", "replace")
        return httpx.Response(
            status,
            headers=list(raw_headers),
            stream=httpx.ByteStream(body),
            request=request,
            extensions=extensions,
        )

    async def _not_asyncio(self, request: httpx.Request) -> httpx.Response:
        """`request` through httpx's transport (httpcore on anyio) with the same settings."""
        if self._fallback is None:
            proxy = self._proxy
            if proxy is None and (env_proxy := self._proxy_for(request.url)) is not None:
                proxy = httpx.Proxy(env_proxy)
            limits = httpx.Limits(
                max_connections=self._limit, max_keepalive_connections=self._limit
            )
            self._fallback = httpx.AsyncHTTPTransport(verify=self._ssl, proxy=proxy, limits=limits)
        response = await self._fallback.handle_async_request(request)
        await response.aread()
        return response

    async def aclose(self) -> None:
        """Close the pool's connections."""
        if self._fallback is not None:
            await self._fallback.aclose()
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()
