"""`infisical-kit export` in every format, with values that break naive quoting."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from infisical_kit import Client

from .conftest import RunCli

TRICKY = {
    "DQUOTE": 'say "hi"',
    "SQUOTE": "it's 'quoted'",
    "DOLLAR": "$HOME and ${HOME} and $(echo no)",
    "BACKSLASH": "C:\\path\\n\\\\end\\",
    "NEWLINES": "line1\nline2\r\nline3\n",
    "TAB_UNICODE": "tab\there é ✓\u2028end\x85x",
    "BACKTICK": "`uname` ; rm -rf / #",
    "EMPTY": "",
}


@pytest.fixture
def tricky(infisical_client: Client) -> dict[str, str]:
    for key, value in TRICKY.items():
        infisical_client.secrets.create(key, value)
    return TRICKY


def test_export_json(run_cli: RunCli, tricky: dict[str, str]) -> None:
    result = run_cli("export", "--no-expand", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == tricky


def test_export_yaml_parses_back(run_cli: RunCli, tricky: dict[str, str]) -> None:
    yaml = pytest.importorskip("yaml")
    result = run_cli("export", "--no-expand", "--format", "yaml")
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout) == tricky


def test_export_dotenv_round_trips_through_python_dotenv(
    run_cli: RunCli, tricky: dict[str, str]
) -> None:
    dotenv = pytest.importorskip("dotenv")
    result = run_cli("export", "--no-expand")  # dotenv is the default
    assert result.returncode == 0, result.stderr
    parsed = dotenv.dotenv_values(stream=io.StringIO(result.stdout), interpolate=False)
    assert parsed == tricky


def test_export_shell_round_trips_through_bash(
    run_cli: RunCli, tricky: dict[str, str], tmp_path: Path
) -> None:
    result = run_cli("export", "--no-expand", "--format", "shell")
    assert result.returncode == 0, result.stderr
    script = tmp_path / "secrets.sh"
    script.write_text(result.stdout)
    for key, value in tricky.items():
        out = subprocess.run(
            ["bash", "-c", f'source "$1"; printf %s "${key}"', "bash", str(script)],
            capture_output=True,
            check=True,
        )
        assert out.stdout.decode() == value, key


def test_export_expands_references_by_default(run_cli: RunCli, infisical_client: Client) -> None:
    infisical_client.secrets.create("HOST", "db.internal")
    infisical_client.secrets.create("URL", "postgres://${HOST}/app")
    expanded = run_cli("export", "--format", "json")
    assert json.loads(expanded.stdout)["URL"] == "postgres://db.internal/app", expanded.stderr
    raw = run_cli("export", "--format", "json", "--no-expand")
    assert json.loads(raw.stdout)["URL"] == "postgres://${HOST}/app", raw.stderr


def test_export_shell_rejects_keys_that_are_not_variable_names(
    run_cli: RunCli, infisical_client: Client
) -> None:
    infisical_client.secrets.create("has-dash", "v")
    result = run_cli("export", "--format", "shell")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: ")
    assert "has-dash" in result.stderr
    assert run_cli("export", "--format", "json").returncode == 0


def test_export_unknown_format_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("export", "--format", "toml")
    assert result.returncode == 2
    assert "toml" in result.stderr
