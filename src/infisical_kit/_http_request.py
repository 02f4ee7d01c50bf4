"""`to_httpx`: bind an `ApiRequest` to a server and headers as an `httpx.Request`.

The same for the sync and async drivers, so it lives beside ``_async/`` and ``_sync/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import httpx

from infisical_kit._core.request import ApiRequest, Params

__all__ = ["to_httpx"]

#: parsed URLs of recent requests: httpx validates every character of a URL it parses, which
#: costs more than the rest of building a request; immutable, so shared freely across threads
_URLS: dict[tuple[str, str, Params], httpx.URL] = {}
_MAX_URLS = 256


def to_httpx(
    request: ApiRequest, base_url: str, headers: Mapping[str, str] | None = None
) -> httpx.Request:
    """The `httpx.Request` for `request` at `base_url` (no trailing slash) with `headers`.

    The query string is encoded here (as httpx would: ``urlencode``), so httpx parses the URL
    once instead of parsing it, merging the params and parsing it again; the parsed URL is
    remembered (a bounded memo), so repeating a read does not parse it at all. The request's
    cookies go in a ``Cookie`` header.
    """
    memo = (base_url, request.path, request.params)
    url = _URLS.get(memo)
    if url is None:
        text = base_url + request.path
        if request.params:
            text += "?" + urlencode(request.params)
        url = httpx.URL(text)
        if len(_URLS) >= _MAX_URLS:
            _URLS.clear()  # bounded; a read loop refills it with what it uses
        _URLS[memo] = url
    if request.cookies:
        cookie = "; ".join(f"{name}={value}" for name, value in request.cookies)
        headers = {**(headers or {}), "Cookie": cookie}
    return httpx.Request(request.method, url, json=request.json, headers=headers)
