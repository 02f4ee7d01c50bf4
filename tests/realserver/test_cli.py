"""The `infisical-kit` command against each site: ``secrets``, ``run`` and ``export`` as a
subprocess, in this test's fresh folder (issue 10 items 1 and 5 for the CLI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ._sites import Site
from .conftest import Area

CLI = [sys.executable, "-m", "infisical_kit"]


def run_cli(
    home: Path, env: dict[str, str], *args: str, verbose: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run the CLI with only `env` as ``INFISICAL_*`` settings and `home` as HOME."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL")}
    clean.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), **env)
    clean["INFISICAL_KIT_SESSION_BACKEND"] = "file"
    argv = [*CLI, *(["-vv"] if verbose else []), *args]
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=120, check=False, cwd=home, env=clean
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty HOME (and working directory) for the CLI."""
    path = tmp_path / "home"
    path.mkdir()
    return path


def test_secrets_set_get_list_delete(site: Site, area: Area, home: Path) -> None:
    env = site.cli_env(INFISICAL_SECRET_PATH=area.path)
    made = run_cli(home, env, "secrets", "set", "CLI_ONE=first", "CLI_TWO=second")
    assert made.returncode == 0, made.stderr
    assert "CLI_ONE: created" in made.stdout and "first" not in made.stdout
    again = run_cli(home, env, "secrets", "set", "CLI_ONE=changed")
    assert again.returncode == 0 and "CLI_ONE: updated" in again.stdout, again.stderr
    got = run_cli(home, env, "secrets", "get", "CLI_ONE", "--plain")
    assert got.returncode == 0 and got.stdout == "changed", got.stderr
    listed = run_cli(home, env, "secrets", "list", "--reveal", "--json")
    assert listed.returncode == 0, listed.stderr
    assert {item["key"]: item["value"] for item in json.loads(listed.stdout)} == {
        "CLI_ONE": "changed",
        "CLI_TWO": "second",
    }
    gone = run_cli(home, env, "secrets", "delete", "CLI_TWO")
    assert gone.returncode == 0, gone.stderr
    missing = run_cli(home, env, "secrets", "get", "CLI_TWO", "--plain")
    assert missing.returncode == 1 and missing.stdout == ""
    assert len(missing.stderr.strip().splitlines()) == 1 and "CLI_TWO" in missing.stderr


def test_run_and_export(site: Site, area: Area, home: Path) -> None:
    area.raw.create_secret("dev", area.path, "RUN_HOST", "db.internal")
    area.raw.create_secret("dev", area.path, "RUN_URL", "postgres://${RUN_HOST}/app")
    env = site.cli_env()
    code = "import os; print(os.environ['RUN_URL'])"
    ran = run_cli(home, env, "run", "--path", area.path, "--", sys.executable, "-c", code)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "postgres://db.internal/app"
    exported = run_cli(home, env, "export", "--path", area.path, "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == {
        "RUN_HOST": "db.internal",
        "RUN_URL": "postgres://db.internal/app",
    }
    raw = run_cli(home, env, "export", "--path", area.path, "--format", "json", "--no-expand")
    assert json.loads(raw.stdout)["RUN_URL"] == "postgres://${RUN_HOST}/app", raw.stderr


def test_a_second_invocation_does_not_probe_the_routes_again(
    site: Site, area: Area, home: Path
) -> None:
    """Item 1: the routes a site offers are remembered per site (bounded in time), so a second
    CLI run against a known site sends no request that gets "route not found"."""
    env = site.cli_env(INFISICAL_SECRET_PATH=area.path)
    first = run_cli(home, env, "export", "--format", "json", verbose=True)
    assert first.returncode == 0, first.stderr
    second = run_cli(home, env, "export", "--format", "json", verbose=True)
    assert second.returncode == 0, second.stderr
    probes = [line for line in second.stderr.splitlines() if "-> 404" in line]
    assert probes == []


def test_an_unreachable_site_is_one_line_naming_the_url(refused_url: str, home: Path) -> None:
    env = {"INFISICAL_DOMAIN": refused_url, "INFISICAL_TOKEN": "t.t.t", "INFISICAL_RETRIES": "0"}
    result = run_cli(home, env, "export", "--project", "p", "--env", "dev")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert refused_url in lines[0] and "connection refused" in lines[0].lower()


def test_a_site_that_is_not_infisical_is_one_line(not_infisical_url: str, home: Path) -> None:
    env = {"INFISICAL_DOMAIN": not_infisical_url, "INFISICAL_TOKEN": "t.t.t"}
    result = run_cli(home, env, "secrets", "get", "ANY", "--project", "p", "--env", "dev")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    hint = ("site_url", "INFISICAL_DOMAIN", "--domain")
    assert not_infisical_url in lines[0] and any(word in lines[0] for word in hint)
