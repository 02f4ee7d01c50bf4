"""The official Node SDK (``@infisical/sdk`` 5.0.2) for the compat tests: installed with npm ONCE
per test session (the ``node_sdk`` fixture of tests/compat/conftest.py) and run with ``node``.

Where ``node`` or ``npm`` is missing the tests are skipped with one line naming them; under CI
(``CI=true``) they fail instead. Credentials reach the scripts through environment variables,
never arguments; the scripts print only results and error messages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

NODE_SDK = "@infisical/sdk@5.0.2"
#: Scripts kept as files (run with NODE_PATH pointing at the installed modules).
SCRIPTS = Path(__file__).resolve().parent / "node"
INSTALL_TIMEOUT = 600
RUN_TIMEOUT = 120


def _missing(what: str) -> None:
    message = f"{what} not found: install Node.js (the Debian packages nodejs and npm)"
    if os.environ.get("CI"):
        pytest.fail(message + " (the Node SDK tests must run in CI)")
    pytest.skip(message)


def install_node_sdk(directory: Path) -> Path:
    """``npm install`` the Node SDK into `directory` (a CommonJS package: ``.cjs``/``.js``
    scripts ``require`` it, ``.mjs`` ones ``import`` it); returns `directory`."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            _missing(tool)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "package.json").write_text('{"name": "ik-compat", "private": true}\n')
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", NODE_SDK],
        cwd=directory, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.fail(f"npm install {NODE_SDK} failed:\n{done.stderr[-2000:]}")
    return directory


def run_node(
    directory: Path,
    script: str | Path,
    env: dict[str, str],
    *args: str,
    suffix: str = ".cjs",
    inherit: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a script with the SDK installed in `directory`: `script` is a `Path` (a file of
    tests/compat/node, by name with ``SCRIPTS / name``) or the source text (written into
    `directory` with `suffix`). `env` is added to this process's environment (`inherit`) or
    is the whole environment."""
    if isinstance(script, str):
        path = directory / f"script-{uuid.uuid4().hex[:8]}{suffix}"
        path.write_text(script)
    else:
        path = script
    base = dict(os.environ) if inherit else {}
    return subprocess.run(
        ["node", str(path), *args], cwd=directory, capture_output=True, text=True,
        timeout=RUN_TIMEOUT, check=False,
        env={**base, **env, "NODE_PATH": str(directory / "node_modules")},
    )  # fmt: skip
