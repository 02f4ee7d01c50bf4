"""The console over raw HTTP: what a browser test cannot show directly. CSRF-less and
cross-site posts are refused, a viewer's edit is refused by the server, the security
headers and cookie attributes, no secret value in a page before reveal, the login shares
the API login's rate limit."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._http import Api, ConsoleHttp, add_user, admin


@pytest.fixture
def console(server: LocalServer) -> Iterator[ConsoleHttp]:
    session = admin(server)
    yield session
    session.close()


def _folder(server: LocalServer) -> str:
    return f"/projects/{server.bootstrap['project_id']}/env/dev"


def test_pages_carry_the_security_headers(console: ConsoleHttp, server: LocalServer) -> None:
    for path in ("/", "/login", _folder(server), "/identities", "/assets/console.js"):
        resp = console.http.get(path, follow_redirects=False)
        assert resp.status_code in (200, 303), path
        csp = resp.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp, path
        assert resp.headers["x-frame-options"] == "DENY", path
        assert resp.headers["x-content-type-options"] == "nosniff", path
    page = console.http.get(_folder(server)).text
    assert "<script>" not in page and " style=" not in page  # nothing inline


def test_the_session_cookie_is_httponly_samesite_and_expires(server: LocalServer) -> None:
    console = ConsoleHttp(server)
    try:
        resp = console.login(server.bootstrap["admin_email"], server.bootstrap["admin_password"])
        cookie = resp.headers["set-cookie"]
        assert cookie.startswith("infisical_kit_console=")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert "Max-Age=86400" in cookie
    finally:
        console.close()


def test_posts_without_the_csrf_token_are_refused(
    console: ConsoleHttp, server: LocalServer, api: Api
) -> None:
    api.set("CSRF_TARGET", "unchanged")
    form = {"path": "/", "name": "CSRF_TARGET", "value": "changed", "value_set": "1"}
    url = _folder(server) + "/secret/update"
    missing = console.http.post(url, data=form)
    wrong = console.http.post(url, data={**form, "csrf": "0" * 64})
    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert "security token" in missing.text
    created = console.http.post(
        _folder(server) + "/secrets", data={"path": "/", "name": "NEW_ONE", "value": "x"}
    )
    assert created.status_code == 403
    reveal = console.http.post(_folder(server) + "/reveal", data={"path": "/", "name": "X"})
    assert reveal.status_code == 403
    logout = console.http.post("/logout")
    assert logout.status_code == 403
    secret = api.get("CSRF_TARGET")
    assert secret is not None and secret["secretValue"] == "unchanged"
    assert api.get("NEW_ONE") is None
    # with the token it works: the refusals above were the token's doing
    ok = console.post(url, form)
    assert ok.status_code == 303
    secret = api.get("CSRF_TARGET")
    assert secret is not None and secret["secretValue"] == "changed"


def test_posts_from_another_site_are_refused(
    console: ConsoleHttp, server: LocalServer, api: Api
) -> None:
    api.set("ORIGIN_TARGET", "unchanged")
    form = {"path": "/", "name": "ORIGIN_TARGET"}
    url = _folder(server) + "/secret/delete"
    for headers in (
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Referer": "http://evil.example/page"},
    ):
        resp = console.post(url, form, headers=headers)
        assert resp.status_code == 403, headers
        assert "another site" in resp.text
        assert '<a href="/" data-back>' in resp.text  # "Go back" never leads to another site
    assert api.get("ORIGIN_TARGET") is not None
    login_form = console.http.get("/login")
    assert login_form.status_code == 303  # already logged in
    anonymous = httpx.post(
        server.url + "/login",
        data={"email": "a@b.c", "password": "x"},
        headers={"Origin": "http://evil.example"},
    )
    assert anonymous.status_code == 403


def test_a_viewers_edit_is_refused_by_the_server(server: LocalServer, api: Api) -> None:
    api.set("VIEWER_TARGET", "unchanged")
    password = add_user(server, "viewer-http@example.com", "viewer")
    viewer = ConsoleHttp(server)
    try:
        assert viewer.login("viewer-http@example.com", password).status_code == 303
        base = _folder(server)
        update = viewer.post(
            base + "/secret/update",
            {"path": "/", "name": "VIEWER_TARGET", "value": "changed", "value_set": "1"},
        )
        delete = viewer.post(base + "/secret/delete", {"path": "/", "name": "VIEWER_TARGET"})
        create = viewer.post(base + "/secrets", {"path": "/", "name": "BY_VIEWER", "value": "x"})
        folder = viewer.post(base + "/folders", {"path": "/", "name": "by-viewer"})
        assert [r.status_code for r in (update, delete, create, folder)] == [403] * 4
        assert "not allowed" in update.text
        reveal = viewer.post(base + "/reveal", {"path": "/", "name": "VIEWER_TARGET"})
        assert reveal.status_code == 200 and reveal.json() == {"value": "unchanged"}
    finally:
        viewer.close()
    secret = api.get("VIEWER_TARGET")
    assert secret is not None and secret["secretValue"] == "unchanged"
    assert api.get("BY_VIEWER") is None


def test_no_secret_value_in_a_page_or_a_url(
    console: ConsoleHttp, server: LocalServer, api: Api
) -> None:
    api.set("HIDDEN_VALUE", "s3cr3t-value-never-in-html", comment="c")
    folder = console.http.get(_folder(server))
    page = console.http.get(_folder(server) + "/secret", params={"name": "HIDDEN_VALUE"})
    assert folder.status_code == page.status_code == 200
    for text in (folder.text, page.text):
        assert "HIDDEN_VALUE" in text
        assert "s3cr3t-value-never-in-html" not in text
    reveal = console.post(_folder(server) + "/reveal", {"path": "/", "name": "HIDDEN_VALUE"})
    assert reveal.json() == {"value": "s3cr3t-value-never-in-html"}
    assert reveal.headers["cache-control"] == "no-store"
    assert "s3cr3t-value-never-in-html" not in server.log_tail(2000)


def test_unknown_or_foreign_things_are_404_pages(console: ConsoleHttp, server: LocalServer) -> None:
    resp = console.http.get("/projects/not-a-project")
    assert resp.status_code == 404 and "Not found" in resp.text
    resp = console.http.get(_folder(server), params={"path": "/nope"})
    assert resp.status_code == 404
    assert "text/html" in resp.headers["content-type"]


def test_a_page_without_a_session_goes_to_the_login_form(server: LocalServer) -> None:
    resp = httpx.get(server.url + _folder(server) + "?path=/", follow_redirects=False)
    assert resp.status_code == 303
    assert resp.headers["location"].startswith("/login?next=")
    assert httpx.get(server.url + "/api/status").status_code == 200  # the API is where it was


def test_the_login_shares_the_api_logins_rate_limit() -> None:
    with LocalServer(extra_args=["--rate-limit-write", "3"]) as limited:
        boot = limited.bootstrap
        with httpx.Client(base_url=limited.url) as http:
            form = http.get("/login")  # a GET: not counted in the write bucket
            token = form.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
            for _ in range(3):  # the API's login spends the budget ...
                http.post("/api/v3/auth/login", json={"email": "x@y.z", "password": "nope"})
            resp = http.post(
                "/login",
                data={
                    "csrf": token,
                    "email": boot["admin_email"],
                    "password": boot["admin_password"],
                },
            )
        assert resp.status_code == 429  # ... so the console's login is refused too
        assert "Too many login attempts" in resp.text
        assert "infisical_kit_console=" not in resp.headers.get("set-cookie", "")
