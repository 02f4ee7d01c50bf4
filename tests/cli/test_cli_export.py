"""`infisical-kit export` in every format, with values that break naive quoting."""

from __future__ import annotations

import io
import json
import os
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


def _bash_environment(script: Path) -> dict[str, str]:
    """The variables `set -a; source script` gives bash (read back NUL-separated)."""
    out = subprocess.run(
        ["bash", "-c", 'set -a; source "$1"; env -0', "bash", str(script)],
        capture_output=True,
        check=True,
        env={"PATH": os.environ["PATH"]},
    ).stdout.decode()
    return dict(item.split("=", 1) for item in out.split("\0") if item)


def test_export_dotenv_is_safe_to_source_in_bash_and_python_dotenv_reads_the_same(
    run_cli: RunCli, infisical_client: Client, tricky: dict[str, str], tmp_path: Path
) -> None:
    dotenv = pytest.importorskip("dotenv")
    hostile = {
        "SUBST": f"$(touch {tmp_path}/pwned-subst)",
        "BACKTICKS": f"`touch {tmp_path}/pwned-backticks`",
        "EXPANDS": "$PATH ${PATH} $$ $0",
        "QUOTE_INJECT": f"x'; touch {tmp_path}/pwned-quote; '",
        "QUOTE_AND_DOLLAR": f"it's $HOME'; touch {tmp_path}/pwned-both; '",
    }
    for key, value in hostile.items():
        infisical_client.secrets.create(key, value)
    result = run_cli("export", "--no-expand")
    assert result.returncode == 0, result.stderr
    env_file = tmp_path / "exported.env"
    env_file.write_bytes(result.stdout.encode())

    # QUOTE_AND_DOLLAR holds both ' and $: no dotenv spelling reads the same in both, so it is
    # left out with one warning (never written in a form either reader gets wrong).
    assert result.stderr.count("\n") == 1, result.stderr
    assert "'QUOTE_AND_DOLLAR' (no dotenv quoting" in result.stderr
    expected = {**tricky, **hostile}
    del expected["QUOTE_AND_DOLLAR"]

    seen = _bash_environment(env_file)
    assert {key: seen.get(key) for key in expected} == expected
    assert not list(tmp_path.glob("pwned-*")), "sourcing the export executed a command"

    # python-dotenv reading the file: the same values (a file read as text turns CR into LF).
    by_dotenv = dotenv.dotenv_values(env_file, interpolate=False)
    assert by_dotenv == {k: v.replace("\r\n", "\n") for k, v in expected.items()}
    # With its default interpolation, only values holding ${...} differ.
    interpolated = dotenv.dotenv_values(env_file)
    assert {k for k in expected if interpolated[k] != by_dotenv[k]} == {"DOLLAR", "EXPANDS"}


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


def test_export_skips_keys_that_are_not_variable_names_with_one_warning(
    run_cli: RunCli, infisical_client: Client
) -> None:
    """Behaviour change (issue 14): one warning and exit 0 instead of failing entirely."""
    infisical_client.secrets.create("has-dash", "dash-value")
    infisical_client.secrets.create("GOOD", "good-value")
    for fmt in ("shell", "dotenv"):
        result = run_cli("export", "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("warning: skipped 1 ")
        assert "'has-dash' (not a shell variable name" in result.stderr
        assert "dash-value" not in result.stdout + result.stderr
        assert "GOOD=" in result.stdout
    as_json = run_cli("export", "--format", "json")
    assert json.loads(as_json.stdout) == {"GOOD": "good-value", "has-dash": "dash-value"}
    assert as_json.stderr == ""


def test_export_unknown_format_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("export", "--format", "toml")
    assert result.returncode == 2
    assert "toml" in result.stderr
