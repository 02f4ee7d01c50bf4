"""`infisical-kit init` writes .infisical.json; run/export/secrets then need no scope options."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from infisical_kit import Client
from infisical_kit.testing import InfisicalProject

from .conftest import CLI, RunCli, isolated_env, project_env

DUMP = "import os; print(os.environ['WHERE'])"


def test_init_with_options_then_run_uses_the_file(
    run_cli: RunCli, cli_home: Path, infisical_project: InfisicalProject, infisical_client: Client
) -> None:
    infisical_client.secrets.create("WHERE", "dev-root")
    no_scope = {"INFISICAL_PROJECT_ID": "", "INFISICAL_ENVIRONMENT": ""}

    several = run_cli("init", env=no_scope)  # the bootstrap identity sees several projects
    assert several.returncode == 1
    assert several.stderr.startswith("error: ") and "pass --project ID" in several.stderr
    assert infisical_project.id in several.stderr

    written = run_cli("init", "--project", infisical_project.id, env=no_scope)
    assert written.returncode == 0, written.stderr
    document = json.loads((cli_home / ".infisical.json").read_text())
    assert document["workspaceId"] == infisical_project.id
    assert document["defaultEnvironment"] == "dev"  # preferred when none is given
    assert "environment dev" in written.stdout

    ran = run_cli("run", "--quiet", "--", sys.executable, "-c", DUMP, env=no_scope)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "dev-root" and ran.stderr == ""

    again = run_cli("init", "--project", infisical_project.id, env=no_scope)
    assert again.returncode == 1 and "already exists; pass --force" in again.stderr
    forced = run_cli("init", "--project", infisical_project.id, "--env", "prod", "--force")
    assert forced.returncode == 0, forced.stderr
    assert json.loads((cli_home / ".infisical.json").read_text())["defaultEnvironment"] == "prod"


def _read_until(fd: int, text: str, deadline: float) -> str:
    seen = b""
    while text.encode() not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared in {seen!r}")
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
    return seen.decode(errors="replace")


def test_init_on_a_terminal_picks_the_project_from_a_list(
    tmp_path: Path, infisical_project: InfisicalProject
) -> None:
    env = isolated_env(tmp_path, project_env(infisical_project))
    env.update(INFISICAL_PROJECT_ID="", INFISICAL_ENVIRONMENT="")
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [*CLI, "init"], stdin=terminal, stdout=terminal, stderr=terminal, cwd=tmp_path, env=env
    )
    os.close(terminal)
    try:
        deadline = time.monotonic() + 60
        listing = _read_until(controller, "Project number:", deadline)
        line = next(row for row in listing.splitlines() if infisical_project.id in row)
        os.write(controller, line.split(")")[0].strip().encode() + b"\n")
        _read_until(controller, "Default environment", deadline)
        os.write(controller, b"staging\n")
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(controller)
    document = json.loads((tmp_path / ".infisical.json").read_text())
    assert document == {
        "workspaceId": infisical_project.id,
        "defaultEnvironment": "staging",
        "gitBranchToEnvironmentMapping": None,
    }
