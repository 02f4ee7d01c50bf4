"""The official Node SDK (``@infisical/sdk``), installed with npm into a temporary directory
once per test session, and a runner for small scripts against it.

Where node or npm is missing the tests skip with one line naming them; under ``CI=true`` they
fail instead. Credentials reach the scripts through environment variables, never arguments.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

NODE_SDK = "@infisical/sdk@5.0.2"
INSTALL_TIMEOUT = 600
RUN_TIMEOUT = 120


def _missing(what: str) -> None:
    message = (
        f"{what} is not installed: the @infisical/sdk compatibility tests need Node.js and npm"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def install_node_sdk(directory: Path) -> Path:
    """``npm install`` the Node SDK into ``directory``; returns it."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            _missing(tool)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "package.json").write_text('{"name": "ik-compat", "private": true}\n')
    proc = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", NODE_SDK],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"npm install {NODE_SDK} failed:\n{proc.stderr[-2000:]}")
    return directory


def run_node(directory: Path, script: str, env: dict[str, str]) -> Any:
    """Run ``script`` (CommonJS) in ``directory`` with ``env`` added; returns the JSON it
    prints. A failing script fails the test with its stderr (which holds no secret: the
    scripts print only error messages)."""
    path = directory / f"script-{uuid.uuid4().hex[:8]}.cjs"
    path.write_text(script)
    proc = subprocess.run(
        ["node", str(path)],
        cwd=directory,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert proc.returncode == 0, f"node script failed: {proc.stderr[-2000:]}"
    return json.loads(proc.stdout)
