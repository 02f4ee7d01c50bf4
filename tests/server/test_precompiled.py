"""The hot read path's precompiled statements (``server/precompiled.py``) return what a
SQLAlchemy ``Connection`` returns for the same statement, on SQLite and on PostgreSQL, and
the fast path really answers (it does not silently fall back to the general path)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import jwt
import pytest
from sqlalchemy import create_engine

from infisical_kit.server.db import normalize_url, read_only
from infisical_kit.server.hot_reads import hot_reads_for
from infisical_kit.server.precompiled import Statement, reading
from infisical_kit.server.services import read_path
from infisical_kit.server.services.scope import ScopeRef
from infisical_kit.server.services.secret_views import ReadOptions, owner_key
from infisical_kit.server.settings import ServerSettings
from infisical_kit.testing import LocalServer

from ._auth_support import admin_token, client

V4 = "/api/v4/secrets"


def _settings(server: LocalServer, url: str | None) -> ServerSettings:
    return ServerSettings.from_env(data_dir=server.data_dir, database_url=url, dev=True)


def _compare(server: LocalServer, url: str) -> None:
    boot = server.bootstrap
    token = admin_token(server)
    scope = {"projectId": boot["project_id"], "environment": "dev", "secretPath": "/"}
    with client(server, token) as http:
        for i in range(3):
            made = http.post(f"{V4}/PRE_{i}", json={**scope, "secretValue": f"v{i}"})
            assert made.status_code == 200, made.text
        pid = boot["project_id"]
        tag = http.post(f"/api/v1/projects/{pid}/tags", json={"slug": "pre", "color": "#000"})
        assert tag.status_code == 200, tag.text
        body = {"tagIds": [tag.json()["tag"]["id"]], "secretMetadata": [{"key": "k", "value": "v"}]}
        made = http.post(f"{V4}/PRE_TAGGED", json={**scope, "secretValue": "t", **body})
        assert made.status_code == 200, made.text
    claims = jwt.decode(token, options={"verify_signature": False})
    params = {
        "tid": claims["identityAccessTokenId"],
        "project": boot["project_id"],
        "env": "dev",
        "path": "/",
    }
    engine = read_only(create_engine(normalize_url(url)))
    try:
        get_params = {**params, "key": "PRE_1", "type": "shared"}
        get_params["owner"] = owner_key("identity", claims["identityId"], "shared")
        with engine.connect() as conn, reading(engine) as db:
            for statement, values in (
                (read_path._GET[False], get_params),
                (read_path._LIST_SCOPE[False], params),
            ):
                expected = conn.execute(statement, values).first()
                got = db.first(statement, values)
                assert expected is not None and got is not None
                assert tuple(got) == tuple(expected)
                assert list(got._fields) == list(expected._mapping.keys())
            assert got is not None
            folder = {"folder": got.folder_id, "owner": get_params["owner"]}
            statement = read_path._FOLDER_SECRETS[True]
            expected_rows = conn.execute(statement, folder).all()
            prepared, raws = db.raw_all(statement, folder)
            got_rows = [prepared.row(raw) for raw in raws]
            assert len(got_rows) == len(expected_rows) >= 4
            assert [tuple(r) for r in got_rows] == [tuple(r) for r in expected_rows]
            decorations = read_path._FOLDER_DECORATIONS  # a UNION with literal columns
            expected_kinds = sorted(tuple(r) for r in conn.execute(decorations, folder))
            assert sorted(tuple(r) for r in db.raw_all(decorations, folder)[1]) == expected_kinds
            assert {kind for _, kind in expected_kinds} == {"tags", "meta"}
        ref = ScopeRef(
            project_id=boot["project_id"], project_slug=None, environment="dev", path="/"
        )
        options = ReadOptions(view_values=True, expand_references=False, include_imports=False)
        root_key = _settings(server, url).load_root_key()
        statements: list[tuple[Statement, dict[str, Any]]] = [
            (read_path._GET[False], get_params),
            (read_path._LIST_SCOPE[False], params),
            (read_path._FOLDER_SECRETS[True], folder),
            (read_path._FOLDER_DECORATIONS, folder),
        ]
        with engine.connect() as conn:
            expected_all = [sorted(map(tuple, conn.execute(st, v))) for st, v in statements]

        async def hot() -> tuple[list[Any], Any, Any]:
            reads = hot_reads_for(engine)  # inline on SQLite, asyncpg on PostgreSQL
            try:
                async with reads.reading() as db:
                    got_all = []
                    for st, v in statements:
                        prepared, raws = await db.raw_all(st, v)
                        got_all.append(sorted(tuple(prepared.row(r)) for r in raws))
                    first = await db.first(read_path._GET[False], get_params)
                    names = [c.key for c in read_path._GET[False].selected_columns]
                    assert first is not None and list(first._fields) == names
                plain, tagged = [
                    await read_path.fast_get(
                        reads, root_key, claims, ref, name=n, secret_type="shared", options=options
                    )
                    for n in ("PRE_1", "PRE_TAGGED")
                ]
                return got_all, plain, tagged
            finally:
                await reads.close()

        got_all, plain, tagged = asyncio.run(hot())
        assert got_all == expected_all
        assert plain is not None and plain.value == "v1"  # the fast path answered
        assert tagged is not None and [t["slug"] for t in tagged.tags] == ["pre"]
        assert tagged.secret_metadata == [{"key": "k", "value": "v", "isEncrypted": False}]
    finally:
        engine.dispose()


def test_precompiled_rows_equal_sqlalchemy_rows_on_sqlite(tmp_path: Path) -> None:
    with LocalServer(tmp_path / "lite") as server:
        _compare(server, _settings(server, None).resolved_database_url)


def test_precompiled_rows_equal_sqlalchemy_rows_on_postgres(
    tmp_path: Path, postgres_url: str
) -> None:
    with LocalServer(tmp_path / "pg", database_url=postgres_url) as server:
        _compare(server, postgres_url)


@pytest.mark.parametrize("path", [f"{V4}/PRE_GET", "/api/v3/secrets/raw/PRE_GET"])
def test_a_get_with_a_json_body_is_answered_by_the_route(
    infisical_server: LocalServer, path: str
) -> None:
    """The fast lane takes only body-less GETs; a GET whose scope is in a JSON body (some
    older clients send one) is answered by the route, the same way."""
    boot = infisical_server.bootstrap
    scope: dict[str, Any] = {"projectId": boot["project_id"], "environment": "dev"}
    with client(infisical_server, admin_token(infisical_server)) as http:
        made = http.post(f"{V4}/PRE_GET", json={**scope, "secretValue": "body-scope"})
        assert made.status_code in (200, 400), made.text
        by_query = http.get(path, params=scope)
        by_body = http.request("GET", path, json=scope)
    assert by_query.status_code == by_body.status_code == 200, (by_query.text, by_body.text)
    assert by_query.json() == by_body.json()
    assert by_body.json()["secret"]["secretValue"] == "body-scope"
