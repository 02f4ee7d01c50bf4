"""Helpers for the CLI tests: run ``python -m infisical_kit`` as a subprocess, isolated."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from infisical_kit.testing import InfisicalProject

CLI = [sys.executable, "-m", "infisical_kit"]
RunCli = Callable[..., subprocess.CompletedProcess[str]]


def isolated_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment without any INFISICAL_* variable, with HOME/XDG in `home` and the
    session store forced to the file backend."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        INFISICAL_KIT_SESSION_BACKEND="file",
    )
    env.update(extra or {})
    return env


def project_env(project: InfisicalProject) -> dict[str, str]:
    """INFISICAL_* variables naming `project` and its admin identity (environment dev)."""
    return {
        "INFISICAL_DOMAIN": project.site_url,
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": project.client_id,
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": project.client_secret,
        "INFISICAL_PROJECT_ID": project.id,
        "INFISICAL_ENVIRONMENT": "dev",
    }


@pytest.fixture
def cli_home(tmp_path: Path) -> Path:
    """An empty HOME (and working directory) for the CLI."""
    home = tmp_path / "home"
    home.mkdir()
    return home


@pytest.fixture
def run_cli(cli_home: Path, infisical_project: InfisicalProject) -> RunCli:
    """Run the CLI against this test's fresh project: ``run_cli(*args, env={...}, input=...)``.
    ``env=`` adds to (or, with ``bare=True``, replaces) the project's variables; stdin is a
    pipe holding `input` (empty by default)."""

    def run(
        *args: str,
        env: Mapping[str, str] | None = None,
        bare: bool = False,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        variables = dict(env or {}) if bare else {**project_env(infisical_project), **(env or {})}
        raw = subprocess.run(
            [*CLI, *args],
            capture_output=True,
            timeout=120,
            check=False,
            cwd=cli_home,
            input=(input or "").encode(),  # never the terminal: stdin is a pipe
            env=isolated_env(cli_home, variables),
        )
        # Decoded by hand: text=True would translate "\r\n" in values to "\n".
        return subprocess.CompletedProcess(
            raw.args, raw.returncode, raw.stdout.decode(), raw.stderr.decode()
        )

    return run
