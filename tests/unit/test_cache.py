"""Cache policy (pure) and storage: keys, absolute/sliding TTL, LRU, stale-if-error, invalidation,
copies."""

from __future__ import annotations

import pytest

from infisical_kit._core import secrets as api
from infisical_kit._core.cache import (
    CachePolicy,
    entry_scope,
    identity_hash,
    invalidates,
    make_key,
    write_scope,
)
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.scope import ResolvedScope, Scope
from infisical_kit._options import ClientOptions
from infisical_kit._sync._cache import ReadCache
from infisical_kit.credentials import Credentials
from infisical_kit.errors import ConfigurationError, NotFoundError, ServerError, TransportError
from infisical_kit.models import Secret, Tag


def scope(path: str = "/", env: str = "dev", project: str = "p1") -> ResolvedScope:
    return ResolvedScope(project_id=project, environment=env, secret_path=path)


def get(name: str = "A", path: str = "/", **kw: object) -> ApiRequest:
    return api.get_secret(name, scope(path), **kw)  # type: ignore[arg-type]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_keys_cover_every_flag_and_identity() -> None:
    base = make_key("id1", get())
    assert make_key("id1", get()) == base
    variants = [
        make_key("id2", get()),
        make_key("id1", get(version=3)),
        make_key("id1", get(expand_secret_references=False)),
        make_key("id1", get(include_imports=False)),
        make_key("id1", get(view_secret_value=False)),
        make_key("id1", get(type="personal")),
        make_key("id1", get(path="/app")),
        make_key("id1", get("B")),
        make_key("id1", api.list_secrets(scope())),
        make_key("id1", api.list_secrets(scope(), recursive=True)),
    ]
    assert len({base, *variants}) == len(variants) + 1
    assert isinstance(base, tuple) and hash(base)


def test_identity_hash_never_contains_the_secret() -> None:
    token = "st.very-secret-token-value"
    h = identity_of(Credentials.from_token(token), "http://x")
    assert token not in h and len(h) == 24
    assert h != identity_of(Credentials.from_token(token + "2"), "http://x")
    assert h != identity_of(Credentials.from_token(token), "http://y")
    ua = identity_of(Credentials.universal_auth("cid", "csecret"), "http://x")
    assert ua != h and "csecret" not in ua
    assert identity_hash("http://x", "token", token) != identity_hash("http://x", "token")


def identity_of(credentials: Credentials, site_url: str) -> str:
    """The cache identity a client with `credentials` at `site_url` uses."""
    return ClientOptions(site_url, credentials, Scope(), 90.0, True, "ua").identity


def test_invalidation_targets() -> None:
    write = write_scope(api.create_secret("A", "v", scope("/app/db")))
    assert write.project_id == "p1" and write.secret_paths == ("/app/db",)

    def hit(read: ApiRequest) -> bool:
        return invalidates(write, entry_scope(read))

    plain = {"expand_secret_references": False, "include_imports": False}
    assert hit(get(path="/app/db", **plain))
    assert hit(api.list_secrets(scope("/app/db")))
    assert hit(api.list_secrets(scope("/app"), recursive=True, expand_secret_references=False))
    assert not hit(api.list_secrets(scope("/app"), expand_secret_references=False))
    assert not hit(get(path="/other", **plain))
    assert not hit(api.get_secret("A", scope("/app/db", env="prod"), **plain))  # type: ignore[arg-type]
    assert not hit(api.get_secret("A", scope("/app/db", project="p2")))
    # answers that can depend on other folders (imports, references) are dropped too
    assert hit(get(path="/other"))
    # a folder write at /app may remove the subtree below it
    folder = write_scope(
        ApiRequest(
            "DELETE",
            "/api/v2/folders/x",
            json={"projectId": "p1", "environment": "dev", "path": "/app"},
        )
    )
    assert invalidates(folder, entry_scope(get(path="/app/db", **plain)))
    # an unknown write body invalidates everything
    assert invalidates(write_scope(ApiRequest("POST", "/x", json={})), entry_scope(get()))


def test_policy_validation() -> None:
    assert not CachePolicy(ttl=0).enabled and CachePolicy().enabled
    with pytest.raises(ConfigurationError, match="cache_ttl"):
        CachePolicy(ttl=-1)
    with pytest.raises(ConfigurationError, match="cache_max_entries"):
        CachePolicy(max_entries=0)


def test_absolute_ttl_by_default() -> None:
    """A value served from the cache is never older than the TTL, however often it is read."""
    clock = Clock()
    assert CachePolicy().sliding is False
    cache = ReadCache(CachePolicy(ttl=10), "me", clock=clock)
    calls: list[int] = []

    def fetch() -> Secret:
        calls.append(1)
        return Secret(secretKey="A", secretValue=f"v{len(calls)}")

    alias = ("A",)
    plain = get(include_imports=False, expand_secret_references=False)
    assert cache.get_or_fetch(plain, fetch).value == "v1"  # fetched at 1000
    cache.remember(alias, cache.key(plain))
    for _ in range(3):  # read every 3 s: more often than the TTL
        clock.now += 3
        assert cache.get_or_fetch(plain, fetch).value == "v1"
        assert cache.hit(alias) is not None
    clock.now += 1  # 1010: ten seconds after the fetch, the entry has expired
    assert cache.hit(alias) is None
    assert cache.lookup(cache.key(plain)) is None
    assert cache.get_or_fetch(plain, fetch).value == "v2" and len(calls) == 2


def test_sliding_ttl_and_expiry() -> None:
    clock = Clock()
    cache = ReadCache(CachePolicy(ttl=10, sliding=True), "me", clock=clock)
    calls: list[int] = []

    def fetch() -> Secret:
        calls.append(1)
        return Secret(secretKey="A", secretValue=f"v{len(calls)}")

    assert cache.get_or_fetch(get(), fetch).value == "v1"
    clock.now += 8
    assert cache.get_or_fetch(get(), fetch).value == "v1"  # hit, slides to now + 10
    clock.now += 8
    assert cache.get_or_fetch(get(), fetch).value == "v1"  # still fresh thanks to the slide
    clock.now += 10.5
    assert cache.get_or_fetch(get(), fetch).value == "v2" and len(calls) == 2


def test_lru_bound() -> None:
    cache = ReadCache(CachePolicy(max_entries=3), "me", clock=Clock())
    for name in "ABCD":
        cache.get_or_fetch(get(name), lambda name=name: Secret(secretKey=name))
        if name == "B":
            assert cache.lookup(cache.key(get("A"))) is not None  # A becomes most recent
    assert len(cache) == 3
    assert cache.lookup(cache.key(get("B"))) is None  # least recently used, evicted
    assert cache.lookup(cache.key(get("A"))) is not None


def test_stale_if_error_window() -> None:
    clock = Clock()
    cache = ReadCache(CachePolicy(ttl=10, stale_if_error=100), "me", clock=clock)
    cache.get_or_fetch(get(), lambda: Secret(secretKey="A", secretValue="old"))

    def down() -> Secret:
        raise TransportError("refused", method="GET", path="/x", attempts=4)

    def broken() -> Secret:
        raise ServerError(500, "boom", method="GET", path="/x")

    def missing() -> Secret:
        raise NotFoundError(404, "gone", method="GET", path="/x")

    clock.now += 50
    assert cache.get_or_fetch(get(), down).value == "old"
    assert cache.get_or_fetch(get(), broken).value == "old"
    with pytest.raises(NotFoundError):
        cache.get_or_fetch(get(), missing)  # an answer, not an outage: no stale value
    clock.now += 100
    with pytest.raises(TransportError):
        cache.get_or_fetch(get(), down)
    no_stale = ReadCache(CachePolicy(ttl=10, stale_if_error=0), "me", clock=clock)
    no_stale.get_or_fetch(get(), lambda: Secret(secretKey="A"))
    clock.now += 11
    with pytest.raises(TransportError):
        no_stale.get_or_fetch(get(), down)


def test_stale_if_error_age_counts_from_the_fetch_even_when_sliding() -> None:
    """`stale_if_error` bounds the age of a stale answer since it was fetched, not since expiry
    (so sliding hits cannot stretch it)."""
    clock = Clock()
    cache = ReadCache(CachePolicy(ttl=10, stale_if_error=30, sliding=True), "me", clock=clock)
    cache.get_or_fetch(get(), lambda: Secret(secretKey="A", secretValue="old"))  # at 1000

    def down() -> Secret:
        raise TransportError("refused", method="GET", path="/x", attempts=1)

    for _ in range(3):
        clock.now += 9  # hits slide the expiry to 1037
        assert cache.get_or_fetch(get(), down).value == "old"
    clock.now += 2  # 1029: expired? no, slid; still a hit
    assert cache.get_or_fetch(get(), down).value == "old"
    clock.now += 15  # 1044: expired (slid to 1039) and fetched 44 s ago > 30
    with pytest.raises(TransportError):
        cache.get_or_fetch(get(), down)
    absolute = ReadCache(CachePolicy(ttl=10, stale_if_error=30), "me", clock=clock)
    absolute.get_or_fetch(get(), lambda: Secret(secretKey="A", secretValue="old"))
    clock.now += 29  # expired 19 s ago, fetched 29 s ago: still within the bound
    assert absolute.get_or_fetch(get(), down).value == "old"
    clock.now += 2  # fetched 31 s ago (expired only 21 s ago): beyond the bound
    with pytest.raises(TransportError):
        absolute.get_or_fetch(get(), down)


def test_write_invalidates_and_overlapping_fetch_is_not_stored() -> None:
    cache = ReadCache(CachePolicy(), "me", clock=Clock())
    cache.get_or_fetch(get(), lambda: Secret(secretKey="A", secretValue="1"))
    assert cache.invalidate(api.update_secret("A", scope(), value="2")) == 1
    assert cache.lookup(cache.key(get())) is None

    def racing() -> Secret:
        cache.invalidate(api.update_secret("A", scope(), value="3"))  # a write lands meanwhile
        return Secret(secretKey="A", secretValue="2")

    assert cache.get_or_fetch(get(), racing).value == "2"
    assert cache.lookup(cache.key(get())) is None  # possibly stale, so not kept


def test_callers_cannot_corrupt_the_cache() -> None:
    cache = ReadCache(CachePolicy(), "me", clock=Clock())
    tagged = Secret(secretKey="T", tags=[Tag(slug="a")])
    listing = cache.get_or_fetch(api.list_secrets(scope()), lambda: [tagged, Secret(secretKey="U")])
    listing.clear()
    again = cache.get_or_fetch(api.list_secrets(scope()), list)
    assert [s.key for s in again] == ["T", "U"]
    with pytest.raises(AttributeError):
        again[0].tags.append(Tag(slug="b"))
    assert again[0] is tagged  # shared, not copied: immutable all the way down
    assert [t.slug for t in cache.get_or_fetch(api.list_secrets(scope()), list)[0].tags] == ["a"]
    with pytest.raises(Exception, match="frozen"):
        again[1].value = "changed"  # type: ignore[misc]


def test_fifty_threads_missing_together_fetch_once() -> None:
    import threading

    cache = ReadCache(CachePolicy(), "me")
    release, entered = threading.Event(), []
    fetches: list[int] = []
    results: list[str] = []

    def fetch() -> Secret:
        fetches.append(1)
        assert release.wait(10)
        return Secret(secretKey="A", secretValue="one")

    def reader() -> None:
        entered.append(1)
        results.append(cache.get_or_fetch(get(), fetch).value)

    threads = [threading.Thread(target=reader) for _ in range(50)]
    for thread in threads:
        thread.start()
    deadline = threading.Event()
    while len(entered) < 50 and not deadline.wait(0.001):
        pass
    release.set()
    for thread in threads:
        thread.join(10)
    assert results == ["one"] * 50 and fetches == [1]


def test_alias_hits_slide_and_every_write_drops_the_aliases() -> None:
    clock = Clock()
    cache = ReadCache(CachePolicy(ttl=10, sliding=True), "me", clock=clock)
    alias = ("A", None, None, None)
    plain = get(include_imports=False, expand_secret_references=False)  # one folder only
    assert cache.hit(alias) is None
    value = cache.get_or_fetch(plain, lambda: Secret(secretKey="A", secretValue="1"))
    cache.remember(alias, cache.key(plain))
    assert cache.hit(alias) is value  # the cached object itself: no copy
    clock.now += 9
    assert cache.hit(alias) is value  # slides
    clock.now += 9
    assert cache.lookup(cache.key(plain)) is value  # the slide is the entry's own
    cache.invalidate(api.update_secret("B", scope("/elsewhere"), value="x"))
    assert cache.hit(alias) is None  # any write drops every alias (under the lock)
    assert cache.lookup(cache.key(plain)) is value  # ...but not unrelated entries
    cache.remember(alias, cache.key(plain))
    clock.now += 11
    assert cache.hit(alias) is None  # expired: the slow path decides (stale-if-error etc.)
    cache.remember(("missing",), cache.key(get("Z")))
    assert cache.hit(("missing",)) is None  # nothing cached under that key: no alias
    listing = cache.get_or_fetch(api.list_secrets(scope()), lambda: [value])
    cache.remember(("list",), cache.key(api.list_secrets(scope())))
    assert listing == [value] and cache.hit(("list",)) is None  # lists are never aliased
