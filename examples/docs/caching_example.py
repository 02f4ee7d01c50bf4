"""The read cache: hits, keys that include every flag, invalidation by writes, opting out.

Run by tests/docs/test_examples.py against a fresh project on the local server. A counting
transport shows which calls reached the server.
"""

import httpx

from infisical_kit import Client


class CountingTransport(httpx.HTTPTransport):
    """An ordinary transport that counts the secret reads it sends."""

    reads = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and "/secrets" in request.url.path:
            CountingTransport.reads += 1
        return super().handle_request(request)


with Client.from_env(cache_ttl=60, transport=CountingTransport()) as client:
    client.secrets.create("API_URL", "https://api.example.com")

    client.secrets.get("API_URL")  # a miss: one request
    client.secrets.get("API_URL")  # a hit: served from memory (fresh until 60 s after the fetch)
    assert CountingTransport.reads == 1

    # The key is the whole request: another flag, version or scope is another entry.
    client.secrets.get("API_URL", expand_secret_references=False)
    client.secrets.get("API_URL", version=1)
    assert CountingTransport.reads == 3

    # A write through this client invalidates what it may have changed.
    client.secrets.update("API_URL", "https://api2.example.com")
    assert client.secrets.get("API_URL").value == "https://api2.example.com"
    assert CountingTransport.reads == 4

# cache_ttl=0 turns the cache off: every call is a request.
CountingTransport.reads = 0
with Client.from_env(cache_ttl=0, transport=CountingTransport()) as client:
    client.secrets.get("API_URL")
    client.secrets.get("API_URL")
    assert CountingTransport.reads == 2

print("caching example: ok")
