"""The console in a real browser (headless Chromium): log in, navigate, change secrets and
see the API agree, reveal, filter, XSS payloads as text, a viewer without edit controls,
a client secret shown once, log out. Screenshots for docs/console.md come from here."""

from __future__ import annotations

from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from infisical_kit.testing import LocalServer

from ._browser import screenshot
from ._http import Api, add_user

# Secret names cannot hold spaces (Infisical's schema); tabs separate the attributes instead,
# which an HTML parser would honour just the same. Rendered as text, a tab shows as a space.
XSS_NAME = '<img\tsrc=x\tonerror="window.pwned=1">'
XSS_NAME_SHOWN = XSS_NAME.replace("\t", " ")
XSS_COMMENT = "<script>window.pwned=2</script>"
XSS_VALUE = "<img src=x onerror=window.pwned=3>"
XSS_ENV = "<b onmouseover=window.pwned=4>Env</b>"


def wait(driver: Any, seconds: float = 10) -> WebDriverWait[Any]:
    return WebDriverWait(driver, seconds)


def login(driver: Any, server: LocalServer, email: str, password: str, *, shot: str = "") -> None:
    driver.get(server.url + "/login")
    driver.delete_all_cookies()
    driver.get(server.url + "/login")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    if shot:
        screenshot(driver, shot)
    driver.find_element(By.ID, "login").click()
    wait(driver).until(ec.presence_of_element_located((By.ID, "logout")))


def login_admin(driver: Any, server: LocalServer, *, shot: str = "") -> None:
    boot = server.bootstrap
    login(driver, server, boot["admin_email"], boot["admin_password"], shot=shot)


def folder_url(server: LocalServer, env: str = "dev", path: str = "/") -> str:
    url = f"{server.url}/projects/{server.bootstrap['project_id']}/env/{env}"
    return url + (f"?path={path}" if path != "/" else "")


def accept_confirm(driver: Any) -> None:
    wait(driver, 5).until(ec.alert_is_present())
    driver.switch_to.alert.accept()


def secret_row(driver: Any, name: str) -> Any:
    for row in driver.find_elements(By.CSS_SELECTOR, "#secrets tbody tr"):
        if row.find_element(By.CSS_SELECTOR, "td.name").text == name:
            return row
    raise AssertionError(f"no row for {name!r}")


def test_log_in_and_navigate_to_a_folder(browser: Any, server: LocalServer, api: Api) -> None:
    api.set("DATABASE_URL", "postgres://app@db/app", comment="primary database")
    api.set("REDIS_URL", "redis://cache:6379/0")
    api.set("STRIPE_KEY", "sk_test_123", comment="test mode key")
    api.set("SENTRY_DSN", "https://key@sentry.example/1")
    for name in ("api", "worker"):
        folder = {"projectId": api.project_id, "environment": "dev", "name": name, "path": "/"}
        api.http.post("/api/v2/folders", json=folder).raise_for_status()
    driver = browser
    driver.get(server.url + "/")
    assert "/login" in driver.current_url  # no session: the login form
    login_admin(driver, server, shot="login")
    screenshot(driver, "projects")
    driver.find_element(By.LINK_TEXT, "Local Project").click()
    wait(driver).until(ec.presence_of_element_located((By.LINK_TEXT, "Development")))
    driver.find_element(By.LINK_TEXT, "Development").click()
    wait(driver).until(ec.presence_of_element_located((By.ID, "secrets")))
    names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#secrets td.name")]
    assert names == sorted(names) and {"DATABASE_URL", "REDIS_URL"} <= set(names)
    assert "postgres://app@db/app" not in driver.page_source  # masked until revealed
    screenshot(driver, "folder")


def test_create_edit_rename_delete_a_secret_and_the_api_agrees(
    browser: Any, server: LocalServer, api: Api
) -> None:
    driver = browser
    login_admin(driver, server)
    driver.get(folder_url(server))
    driver.find_element(By.CSS_SELECTOR, "#add-secret summary").click()
    form = driver.find_element(By.CSS_SELECTOR, "#add-secret form")
    form.find_element(By.NAME, "name").send_keys("CONSOLE_KEY")
    form.find_element(By.NAME, "value").send_keys("made-in-the-browser")
    form.find_element(By.NAME, "comment").send_keys("from the console")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".flash"), "created"))
    created = api.get("CONSOLE_KEY")
    assert created is not None
    assert (created["secretValue"], created["secretComment"]) == (
        "made-in-the-browser",
        "from the console",
    )

    # edit: value (loaded, then changed), comment and a tag
    api.http.post(
        f"/api/v1/projects/{api.project_id}/tags", json={"slug": "backend", "color": "#2557d6"}
    ).raise_for_status()
    secret_row(driver, "CONSOLE_KEY").find_element(By.CSS_SELECTOR, "td.name a").click()
    wait(driver).until(ec.presence_of_element_located((By.ID, "edit-secret")))
    form = driver.find_element(By.ID, "edit-secret")
    form.find_element(By.CSS_SELECTOR, "button.load-value").click()
    box = form.find_element(By.NAME, "value")
    wait(driver).until(lambda d: box.get_property("value") == "made-in-the-browser")
    box.clear()
    box.send_keys("edited-in-the-browser")
    comment = form.find_element(By.NAME, "comment")
    comment.clear()
    comment.send_keys("edited comment")
    form.find_element(By.CSS_SELECTOR, "input[name=tag]").click()
    screenshot(driver, "secret")
    form.find_element(By.ID, "save-secret").click()
    wait(driver).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".flash"), "saved"))
    edited = api.get("CONSOLE_KEY")
    assert edited is not None
    assert edited["secretValue"] == "edited-in-the-browser"
    assert edited["secretComment"] == "edited comment"
    assert [t["slug"] for t in edited["tags"]] == ["backend"]
    assert edited["version"] == 2

    # the history lists both versions; the first one's value is revealed on request
    rows = driver.find_elements(By.CSS_SELECTOR, "#history tbody tr")
    assert [r.find_element(By.CSS_SELECTOR, "td").text for r in rows] == ["2", "1"]
    rows[1].find_element(By.CSS_SELECTOR, "button.reveal").click()
    first = rows[1].find_element(By.CSS_SELECTOR, ".masked")
    wait(driver).until(lambda d: first.text == "made-in-the-browser")

    # rename
    form = driver.find_element(By.ID, "edit-secret")
    name = form.find_element(By.NAME, "new_name")
    name.clear()
    name.send_keys("CONSOLE_KEY_RENAMED")
    form.find_element(By.ID, "save-secret").click()
    wait(driver).until(ec.text_to_be_present_in_element((By.ID, "secret-name"), "RENAMED"))
    assert api.get("CONSOLE_KEY") is None
    renamed = api.get("CONSOLE_KEY_RENAMED")
    assert renamed is not None and renamed["secretValue"] == "edited-in-the-browser"

    # delete (after the confirmation)
    driver.find_element(By.CSS_SELECTOR, "form[data-confirm] button.danger").click()
    accept_confirm(driver)
    wait(driver).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".flash"), "deleted"))
    assert api.get("CONSOLE_KEY_RENAMED") is None
    assert "edited-in-the-browser" not in server.log_tail(2000)


def test_reveal_copy_and_filter(browser: Any, server: LocalServer, api: Api) -> None:
    api.batch([{"secretKey": f"FILTER_{i:02d}", "secretValue": f"value-{i}"} for i in range(12)])
    driver = browser
    login_admin(driver, server)
    driver.get(folder_url(server))
    assert "value-7" not in driver.page_source
    row = secret_row(driver, "FILTER_07")
    row.find_element(By.CSS_SELECTOR, "button.reveal").click()
    masked = row.find_element(By.CSS_SELECTOR, ".masked")
    wait(driver).until(lambda d: masked.text == "value-7")
    row.find_element(By.CSS_SELECTOR, "button.reveal").click()  # hide again
    assert masked.text == "••••••••"
    row.find_element(By.CSS_SELECTOR, "button.copy").click()
    copy = row.find_element(By.CSS_SELECTOR, "button.copy")
    wait(driver).until(lambda d: copy.text in ("Copied", "Copy failed"))

    driver.find_element(By.ID, "filter").send_keys("filter_0")
    visible = [
        r.find_element(By.CSS_SELECTOR, "td.name").text
        for r in driver.find_elements(By.CSS_SELECTOR, "#secrets tbody tr")
        if r.is_displayed()
    ]
    assert visible == [f"FILTER_{i:02d}" for i in range(10)]
    assert driver.find_element(By.ID, "secret-count").text.startswith("10 of ")


def test_html_and_script_payloads_stay_text(browser: Any, server: LocalServer, api: Api) -> None:
    api.set(XSS_NAME, XSS_VALUE, comment=XSS_COMMENT)
    driver = browser
    login_admin(driver, server)
    # an environment name with markup, made through the console's own form
    driver.get(f"{server.url}/projects/{api.project_id}/environments")
    form = driver.find_element(By.CSS_SELECTOR, "main > form.row")
    form.find_element(By.NAME, "name").send_keys(XSS_ENV)
    form.find_element(By.NAME, "slug").send_keys("xss-env")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".flash")))

    driver.get(folder_url(server))
    assert XSS_ENV in [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".envs-nav a")]
    row = secret_row(driver, XSS_NAME_SHOWN)
    assert row.find_element(By.CSS_SELECTOR, "td.comment").text == XSS_COMMENT
    row.find_element(By.CSS_SELECTOR, "button.reveal").click()
    masked = row.find_element(By.CSS_SELECTOR, ".masked")
    wait(driver).until(lambda d: masked.text == XSS_VALUE)
    row.find_element(By.CSS_SELECTOR, "td.name a").click()
    wait(driver).until(ec.text_to_be_present_in_element((By.ID, "secret-name"), "onerror"))
    assert driver.find_element(By.ID, "secret-name").text == XSS_NAME_SHOWN
    assert driver.find_element(By.ID, "secret-comment").text == XSS_COMMENT
    assert driver.execute_script("return window.pwned === undefined") is True
    assert not driver.find_elements(By.CSS_SELECTOR, "main img, main script, main b")


def test_a_viewer_sees_no_edit_controls(browser: Any, server: LocalServer, api: Api) -> None:
    api.set("VIEWER_SEES", "read-only")
    password = add_user(server, "viewer@example.com", "viewer")
    driver = browser
    login(driver, server, "viewer@example.com", password)
    driver.get(folder_url(server))
    row = secret_row(driver, "VIEWER_SEES")
    assert driver.find_elements(By.ID, "add-secret") == []
    assert driver.find_elements(By.CSS_SELECTOR, "form[data-confirm]") == []
    assert driver.find_elements(By.NAME, "name") == []  # no folder or import form either
    row.find_element(By.CSS_SELECTOR, "button.reveal").click()  # reading is allowed
    masked = row.find_element(By.CSS_SELECTOR, ".masked")
    wait(driver).until(lambda d: masked.text == "read-only")
    row.find_element(By.CSS_SELECTOR, "td.name a").click()
    wait(driver).until(ec.presence_of_element_located((By.ID, "history")))
    assert driver.find_elements(By.ID, "edit-secret") == []
    for tab in ("environments", "tags", "members"):
        driver.get(f"{server.url}/projects/{api.project_id}/{tab}")
        assert driver.find_elements(By.CSS_SELECTOR, "main form") == [], tab


def test_members_and_a_client_secret_shown_once(
    browser: Any, server: LocalServer, api: Api
) -> None:
    driver = browser
    login_admin(driver, server)
    driver.get(f"{server.url}/projects/{api.project_id}/members")
    members = [
        e.text for e in driver.find_elements(By.CSS_SELECTOR, "main tbody tr td:first-child")
    ]
    assert server.bootstrap["admin_email"] in members and "infisical-kit-admin" in members
    screenshot(driver, "members")

    driver.get(f"{server.url}/identities")
    driver.find_element(By.NAME, "name").send_keys("ci-runner")
    driver.find_element(By.CSS_SELECTOR, "form.row button[type=submit]").click()
    wait(driver).until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "ci-runner"))
    driver.find_element(By.XPATH, "//button[text()='Attach universal auth']").click()
    wait(driver).until(ec.presence_of_element_located((By.ID, "client-id")))
    client_id = driver.find_element(By.ID, "client-id").text
    driver.find_element(By.NAME, "description").send_keys("ci")
    driver.find_element(By.ID, "create-client-secret").click()
    wait(driver).until(ec.presence_of_element_located((By.ID, "new-secret-value")))
    plain = driver.find_element(By.ID, "new-secret-value").text
    resp = api.http.post(
        "/api/v1/auth/universal-auth/login", json={"clientId": client_id, "clientSecret": plain}
    )
    assert resp.status_code == 200, resp.text
    driver.get(driver.current_url)  # the identity page again: the secret is not shown again
    assert driver.find_elements(By.ID, "new-secret-value") == []
    assert plain not in driver.page_source
    assert plain[:4] + "…" in driver.page_source  # listed by its first characters
    screenshot(driver, "identity")


def test_logout_ends_the_session(browser: Any, server: LocalServer) -> None:
    driver = browser
    login_admin(driver, server)
    cookie = driver.get_cookie("infisical_kit_console")
    assert cookie is not None and cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    driver.find_element(By.ID, "logout").click()
    wait(driver).until(ec.url_contains("/login"))
    assert driver.get_cookie("infisical_kit_console") is None
    driver.get(server.url + "/")
    assert "/login" in driver.current_url
    # the old cookie no longer works either: its session row is revoked
    driver.add_cookie({"name": "infisical_kit_console", "value": cookie["value"], "path": "/"})
    driver.get(server.url + "/")
    assert "/login" in driver.current_url


@pytest.fixture(autouse=True)
def _fresh_cookies(browser: Any, server: LocalServer) -> None:
    browser.get(server.url + "/assets/console.css")
    browser.delete_all_cookies()
