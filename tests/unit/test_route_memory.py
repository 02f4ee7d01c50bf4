"""`ROUTES`: what a site lacks is remembered per site, bounded in time, in the process and (for
the CLI) in a file written atomically and ignored when unreadable."""

from __future__ import annotations

import json
import os
from pathlib import Path

from infisical_kit._route_memory import FILE_MAX_AGE, RouteMemory, default_route_file

SITE = "https://infisical.example.com"


class Clock:
    """Wall-clock seconds moved by hand."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_learned_per_site_and_forgotten_after_the_maximum_age() -> None:
    clock = Clock()
    memory = RouteMemory(max_age=60, clock=clock)
    memory.learn(SITE, "secrets", lacking=True)
    memory.learn(SITE, "folders", lacking=True)
    assert memory.lacking(SITE) == {"secrets", "folders"}
    assert memory.lacking("https://other.example.com") == set()
    memory.learn(SITE, "folders", lacking=False)  # e.g. the server was upgraded
    assert memory.lacking(SITE) == {"secrets"}
    clock.now += 61
    assert memory.lacking(SITE) == set()


def test_the_file_carries_it_to_a_new_process(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "cache" / "infisical-kit" / "routes.json"
    first = RouteMemory(clock=clock)
    first.use_file(path)
    first.learn(SITE, "secrets", lacking=True)
    second = RouteMemory(clock=clock)  # another process: nothing in memory
    assert second.lacking(SITE) == set()
    second.use_file(path)
    clock.now += 2 * 3600  # older than the in-process bound, within the file's
    assert second.lacking(SITE) == {"secrets"}
    clock.now += FILE_MAX_AGE
    assert RouteMemory(clock=clock).lacking(SITE) == set()
    third = RouteMemory(clock=clock)
    third.use_file(path)
    assert third.lacking(SITE) == set()
    assert [p.name for p in path.parent.iterdir()] == ["routes.json"]  # no temporary left


def test_an_unreadable_or_malformed_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "routes.json"
    memory = RouteMemory()
    memory.use_file(path)
    for content in ("not json", "[]", '{"format": 99, "sites": {}}', '{"sites": {"x": 1}}'):
        path.write_text(content)
        assert memory.lacking(SITE) == set()
    path.write_text(json.dumps({"format": 1, "sites": {SITE: {"secrets": "yesterday"}}}))
    assert memory.lacking(SITE) == set()
    memory.learn(SITE, "secrets", lacking=True)  # rewrites a valid file over the bad one
    assert json.loads(path.read_text())["sites"][SITE]["secrets"] > 0


def test_a_file_that_cannot_be_written_does_not_fail_the_call(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the directory should be")
    memory = RouteMemory()
    memory.use_file(blocked / "routes.json")
    memory.learn(SITE, "secrets", lacking=True)
    assert memory.lacking(SITE) == {"secrets"}  # still remembered in the process


def test_a_deprecation_warning_once_per_key() -> None:
    memory = RouteMemory()
    assert memory.first_warning("/api/v3/secrets/")
    assert not memory.first_warning("/api/v3/secrets/")
    assert memory.first_warning("/api/v1/folders")
    memory.forget()
    assert memory.first_warning("/api/v3/secrets/")


def test_the_default_file_is_in_the_user_cache_directory() -> None:
    cache = os.environ["XDG_CACHE_HOME"]  # set per test by tests/conftest.py
    assert default_route_file() == Path(cache) / "infisical-kit" / "routes.json"
