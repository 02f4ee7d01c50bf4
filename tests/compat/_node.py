"""The official Node SDK (``@infisical/sdk``) for the compat tests: installed with npm into a
directory of the test session, run with ``node``.

Where ``node`` or ``npm`` is missing the tests are skipped with one line naming them; under CI
(``CI=true``) they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

NODE_SDK = "@infisical/sdk@5.0.2"
SCRIPTS = Path(__file__).resolve().parent / "node"


def _missing(what: str) -> None:
    message = f"{what} not found: install Node.js (the Debian packages nodejs and npm)"
    if os.environ.get("CI"):
        pytest.fail(message + " (the Node SDK tests must run in CI)")
    pytest.skip(message)


def install_node_sdk(directory: Path) -> Path:
    """``npm install`` the Node SDK into ``directory``; returns its ``node_modules``."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            _missing(tool)
    modules = directory / "node_modules"
    if not (modules / "@infisical" / "sdk").exists():
        cmd = ["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(directory)]
        done = subprocess.run([*cmd, NODE_SDK], capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            pytest.fail(f"npm install {NODE_SDK} failed:\n{done.stderr[-2000:]}")
    return modules


def run_node(modules: Path, script: str, env: dict[str, str], *args: str) -> tuple[int, Any, str]:
    """Run ``node <script> args``; returns the exit code, the JSON it printed and stderr."""
    done = subprocess.run(
        ["node", str(SCRIPTS / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env, "NODE_PATH": str(modules)},
    )
    output = json.loads(done.stdout) if done.returncode == 0 and done.stdout else None
    return done.returncode, output, done.stderr
