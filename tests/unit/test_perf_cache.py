"""The cached-get fast path (raw-argument aliases) keeps the cache's semantics (real server).

Behavioural only: which calls reach the server, what they return, which are refused.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from infisical_kit import Client, ValidationError


class Counting(httpx.BaseTransport):
    """Forwards to a real HTTP transport and records the query of every GET of a secret."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.gets: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.startswith("/api/v4/secrets/"):
            self.gets.append(request.url.query.decode())
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def make(server: Any, transport: Counting, **kw: Any) -> Client:
    boot = server.bootstrap
    return Client(
        server.url,
        client_id=boot["client_id"],
        client_secret=boot["client_secret"],
        project_id=boot["project_id"],
        environment=boot["environments"][0],
        transport=transport,
        **kw,
    )


def unique() -> str:
    return f"PERF_{uuid.uuid4().hex[:10].upper()}"


@pytest.mark.parametrize("bad", [True, 1.0, "1", 0, -2])
def test_version_of_the_wrong_type_never_hits_the_entry_of_version_1(
    infisical_server: Any, bad: object
) -> None:
    counting = Counting()
    name = unique()
    with make(infisical_server, counting) as client:
        client.secrets.create(name, "v1")
        client.secrets.update(name, "v2")
        assert client.secrets.get(name, version=1).value == "v1"
        assert client.secrets.get(name, version=1).value == "v1"  # the alias hit
        sent = len(counting.gets)
        with pytest.raises(ValidationError, match="version must be a positive integer"):
            client.secrets.get(name, version=bad)  # type: ignore[arg-type]
        assert len(counting.gets) == sent  # refused before anything was sent
        assert client.secrets.get(name).value == "v2"


def test_alias_hit_returns_the_cached_object_and_writes_drop_it(infisical_server: Any) -> None:
    counting = Counting()
    name = unique()
    with make(infisical_server, counting) as client:
        client.secrets.create(name, "one")
        first = client.secrets.get(name)
        assert client.secrets.get(name) is first
        assert client.secrets.get(name, version=None) is first
        assert len(counting.gets) == 1
        client.secrets.update(name, "two")
        assert client.secrets.get(name).value == "two"
        assert len(counting.gets) == 2


def test_alias_variants_do_not_collide(infisical_server: Any) -> None:
    counting = Counting()
    name = unique()
    with make(infisical_server, counting) as client:
        client.secrets.create(name, "base")
        client.secrets.get(name)
        client.secrets.get(name, expand_secret_references=False)
        client.secrets.get(name, include_imports=False)
        client.secrets.get(name, view_secret_value=False)
        assert len(counting.gets) == 4
        hidden = client.secrets.get(name, view_secret_value=False)
        assert hidden.value != "base"
        assert client.secrets.get(name).value == "base"
        assert len(counting.gets) == 4


def test_bound_holds_with_aliases(infisical_server: Any) -> None:
    counting = Counting()
    names = [unique() for _ in range(3)]  # few enough that every alias is still kept
    with make(infisical_server, counting, cache_max_entries=2) as client:
        for name in names:
            client.secrets.create(name, name.lower())
        for name in names:
            assert client.secrets.get(name).value == name.lower()
        assert len(client._requester.cache) <= 2
        sent = len(counting.gets)
        assert len(client._requester.cache._aliases) == 3
        # the most recent two are still served from the cache; the evicted one is fetched
        # again although its alias is still there
        assert client.secrets.get(names[-1]).value == names[-1].lower()
        assert len(counting.gets) == sent
        assert client.secrets.get(names[0]).value == names[0].lower()
        assert len(counting.gets) == sent + 1
        assert len(client._requester.cache) <= 2
