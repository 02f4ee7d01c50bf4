"""docs/troubleshooting.md (and other pages' ``<!-- output: ID -->`` blocks) show real output.

Each scenario makes the mistake for real (against the local server, a closed port, a web
server that is not Infisical ...) and returns what the user sees, with the parts that change
from run to run (ports, request ids, paths) replaced by the page's placeholders.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from infisical_kit import Client
from infisical_kit.config import Config
from infisical_kit.testing import InfisicalProject, LocalServer

from ._blocks import all_blocks

Scenario = Callable[[InfisicalProject, Path], str]


def _cli(project: InfisicalProject, home: Path, *args: str, **env: str) -> str:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL_")}
    variables.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    variables.update({k: v for k, v in project.environ().items() if k != "INFISICAL_SECRET_PATH"})
    variables.update(env)
    for name in [k for k, v in variables.items() if v == ""]:
        del variables[name]
    result = subprocess.run(
        [sys.executable, "-m", "infisical_kit", *args], capture_output=True, text=True,
        env=variables, cwd=home, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    return result.stderr


def _sdk(project: InfisicalProject, **overrides: object) -> str:
    values: dict[str, object] = {**project.client_kwargs(), **overrides}
    values = {k: v for k, v in values.items() if v is not None}
    try:
        with Client(config=Config.explicit(**values)) as client:
            client.secrets.list()
    except Exception as exc:
        return f"{type(exc).__module__.split('.')[0]}.{type(exc).__name__}: {exc}\n"
    raise AssertionError("no error")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _not_infisical() -> Iterator[str]:
    """A web server that is not Infisical (Python's http.server: 501 with an HTML page)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _expired_token() -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims = {"authTokenType": "identityAccessToken", "exp": 1700000000}
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


def _placeholders(text: str, url: str = "", shown_as: str = "") -> str:
    """`url` (a port that changes) as `shown_as`, request ids as ``req-…``."""
    if url:
        text = text.replace(url, shown_as)
    return re.sub(r"req-[0-9a-zA-Z]+", "req-…", text)


def connection_refused(project: InfisicalProject, home: Path) -> str:
    url = f"http://127.0.0.1:{_closed_port()}"
    text = _cli(project, home, "secrets", "list", "--domain", url)
    return _placeholders(text, url, "http://127.0.0.1:8080")


def connection_refused_sdk(project: InfisicalProject, home: Path) -> str:
    url = f"http://127.0.0.1:{_closed_port()}"
    return _placeholders(_sdk(project, site_url=url), url, "http://127.0.0.1:8080")


def wrong_site(project: InfisicalProject, home: Path) -> str:
    with _not_infisical() as url:
        text = _cli(project, home, "secrets", "list", "--domain", url)
    return _placeholders(text, url, "http://127.0.0.1:3000")


def wrong_secret(project: InfisicalProject, home: Path) -> str:
    text = _cli(project, home, "secrets", "list",
                INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET="not-the-secret")  # fmt: skip
    return _placeholders(text)


def wrong_secret_sdk(project: InfisicalProject, home: Path) -> str:
    return _placeholders(_sdk(project, client_secret="not-the-secret"))


def missing_scope(project: InfisicalProject, home: Path) -> str:
    return _cli(project, home, "secrets", "list", INFISICAL_PROJECT_ID="", INFISICAL_ENVIRONMENT="")


def missing_scope_sdk(project: InfisicalProject, home: Path) -> str:
    return _sdk(project, environment=None)


def no_credentials(project: InfisicalProject, home: Path) -> str:
    return _cli(project, home, "secrets", "list", INFISICAL_UNIVERSAL_AUTH_CLIENT_ID="",
                INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET="")  # fmt: skip


def expired_token(project: InfisicalProject, home: Path) -> str:
    return _cli(project, home, "secrets", "list", INFISICAL_TOKEN=_expired_token())


def port_in_use(project: InfisicalProject, home: Path) -> str:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 8080 if _free(8080) else 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "infisical_kit", "server", "--dev", "--data-dir",
             str(home / "data"), "--port", str(port)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 3
    return result.stderr.replace(f":{port} ", ":8080 ")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def server_ready(project: InfisicalProject, home: Path) -> str:
    data = home / "data"
    with LocalServer(data) as server:
        pass
    lines = (data / "server.log").read_text().splitlines()
    text = "\n".join(lines[: lines.index("Stop it with Ctrl+C.") + 1]) + "\n"
    return text.replace(server.url, "http://127.0.0.1:8080").replace(str(data.resolve()), "./data")


SCENARIOS: dict[str, Scenario] = {
    "connection-refused": connection_refused,
    "connection-refused-sdk": connection_refused_sdk,
    "wrong-site": wrong_site,
    "wrong-secret": wrong_secret,
    "wrong-secret-sdk": wrong_secret_sdk,
    "missing-scope": missing_scope,
    "missing-scope-sdk": missing_scope_sdk,
    "no-credentials": no_credentials,
    "expired-token": expired_token,
    "port-in-use": port_in_use,
    "server-ready": server_ready,
}
OUTPUTS = [block for block in all_blocks() if block.kind == "output"]


def test_every_scenario_is_shown_on_a_page() -> None:
    assert sorted({block.argument for block in OUTPUTS}) == sorted(SCENARIOS)


@pytest.mark.parametrize("block", OUTPUTS, ids=[b.argument for b in OUTPUTS])
def test_the_page_shows_the_real_output(
    block: object, infisical_project: InfisicalProject, tmp_path: Path
) -> None:
    scenario = SCENARIOS[block.argument]  # type: ignore[attr-defined]
    assert scenario(infisical_project, tmp_path) == block.code  # type: ignore[attr-defined]
