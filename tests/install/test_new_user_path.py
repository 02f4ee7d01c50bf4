"""The new user's path, end to end, in a fresh venv (issue 14 item 7).

Installed from the checkout (``pip install '.[server]'``, as the README says), then in a shell:
start the server, ``eval "$(infisical-kit bootstrap --format env)"``, store a secret with
``secrets set`` from stdin, read it through ``infisical-kit run -- python -c ...``, and run a
tiny app's tests with the pytest plugin. What the user sees on the terminal holds no
traceback, no warning and never the secret's value.
"""

from __future__ import annotations

import hashlib
import select
import subprocess
from pathlib import Path

from .conftest import clean_env

SECRET = "postgres://app:S3cr3t-V4lue@db.internal/app"

APP = '''
from infisical_kit import Client


def database_url() -> str:
    """What the application does at start-up: a bare Client() and one secret."""
    with Client() as client:
        return client.secrets.get("DATABASE_URL").value
'''

APP_TESTS = """
from app import database_url


def test_reads_its_secret(infisical_seed, infisical_environ):
    infisical_seed({"DATABASE_URL": "sqlite:///test.db"})
    assert database_url() == "sqlite:///test.db"


def test_the_client_fixture(infisical_client):
    infisical_client.secrets.create("FLAG", "on")
    assert infisical_client.secrets.get("FLAG").value == "on"
"""

SESSION = """
set -euo pipefail
eval "$(infisical-kit bootstrap --data-dir ./data --format env)"
printf '%s' "$VALUE_FROM_A_PASSWORD_MANAGER" | infisical-kit secrets set DATABASE_URL
infisical-kit run -- python -c \\
    'import hashlib, os; print(hashlib.sha256(os.environ["DATABASE_URL"].encode()).hexdigest())'
cd tinyapp && python -m pytest -q
"""


def _noise(text: str) -> list[str]:
    return [
        line
        for line in text.splitlines()
        if "Traceback" in line or "warning" in line.lower() or SECRET in line
    ]


def test_new_user_path(server_venv: Path, tmp_path: Path) -> None:
    (tmp_path / "tinyapp").mkdir()
    (tmp_path / "tinyapp" / "app.py").write_text(APP)
    (tmp_path / "tinyapp" / "test_app.py").write_text(APP_TESTS)
    env = clean_env(
        PATH=f"{server_venv}:/usr/bin:/bin",
        HOME=str(tmp_path),
        VALUE_FROM_A_PASSWORD_MANAGER=SECRET,
        INFISICAL_KIT_SESSION_BACKEND="file",
    )
    server = subprocess.Popen(
        ["infisical-kit", "server", "--dev", "--data-dir", "./data", "--port", "0"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], 120)
        assert ready, "the server said nothing in 120 s"
        console = [server.stdout.readline()]
        assert console[0].startswith("infisical-kit server ready at http://127.0.0.1:"), console
        session = subprocess.run(
            ["bash", "-c", SESSION], cwd=tmp_path, env=env, capture_output=True, text=True,
            timeout=600,
        )  # fmt: skip
    finally:
        server.terminate()
        rest, _ = server.communicate(timeout=60)
    terminal = session.stdout + session.stderr
    assert session.returncode == 0, terminal
    lines = session.stdout.splitlines()
    assert lines[0] == "DATABASE_URL: created"
    assert lines[1] == hashlib.sha256(SECRET.encode()).hexdigest()  # run injected the value
    assert lines[-1].startswith("2 passed in "), terminal
    assert session.stderr.startswith("infisical-kit: injected 1 secret from project ")
    assert _noise(terminal) == []
    assert _noise("".join(console) + rest) == []
