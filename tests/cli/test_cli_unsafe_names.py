"""Names and values the shell can't take don't crash `run` or `export` (issue 11, item 8).

The unusable secrets reach the CLI through a fault-injecting proxy (`_proxy.secrets_added`),
since our own server may refuse to store them; everything else is the real server.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest

from infisical_kit import Client
from infisical_kit.testing import InfisicalProject

from ._proxy import secrets_added
from .conftest import RunCli

UNUSABLE = {
    "A=B": "value-of-a-equals-b",
    "": "value-of-empty-name",
    "NUL\0KEY": "value-of-nul-key",
    "NUL_VALUE": "before\0after",
}
DUMP = "import json, os, sys; print(json.dumps({k: os.environ.get(k) for k in sys.argv[1:]}))"


@pytest.fixture
def proxy_url(infisical_project: InfisicalProject, infisical_client: Client) -> Iterator[str]:
    infisical_client.secrets.create("GOOD", "good-value")
    with secrets_added(infisical_project.site_url, UNUSABLE) as url:
        yield url


def _assert_one_warning_naming_every_key(stderr: str) -> None:
    warnings = [line for line in stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, stderr
    line = warnings[0]
    assert line.startswith("warning: skipped 4 secrets: ")
    for key in ("'A=B'", "''", "'NUL\\x00KEY'", "'NUL_VALUE'"):
        assert key in line
    for value in UNUSABLE.values():
        assert value.split("\0")[0] not in stderr  # never a value, not even its start
    assert "Traceback" not in stderr


def test_run_skips_them_with_one_warning_and_keeps_the_exit_status(
    run_cli: RunCli, proxy_url: str
) -> None:
    code = f"{DUMP}; raise SystemExit(5)"
    result = run_cli(
        "run", "--domain", proxy_url, "--", sys.executable, "-c", code, "GOOD", "NUL_VALUE"
    )
    assert result.returncode == 5, result.stderr
    assert json.loads(result.stdout) == {"GOOD": "good-value", "NUL_VALUE": None}
    _assert_one_warning_naming_every_key(result.stderr)
    assert "infisical-kit: injected 1 secret from project" in result.stderr


@pytest.mark.parametrize("fmt", ["dotenv", "shell", "json", "yaml"])
def test_export_skips_them_with_one_warning(run_cli: RunCli, proxy_url: str, fmt: str) -> None:
    result = run_cli("export", "--domain", proxy_url, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "GOOD" in result.stdout and "good-value" in result.stdout
    for value in UNUSABLE.values():
        assert value.split("\0")[0] not in result.stdout
    _assert_one_warning_naming_every_key(result.stderr)
