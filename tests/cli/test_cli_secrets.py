"""`infisical-kit secrets list|get|set|delete` and errors without tracebacks."""

from __future__ import annotations

import json

from infisical_kit import Client

from .conftest import RunCli


def test_set_creates_then_updates_and_get_list_delete(
    run_cli: RunCli, infisical_client: Client
) -> None:
    created = run_cli("secrets", "set", "API_KEY=first", "DB_URL=postgres://u:p@h/db")
    assert created.returncode == 0, created.stderr
    assert created.stdout.splitlines() == ["API_KEY: created", "DB_URL: created"]
    assert "first" not in created.stdout
    assert infisical_client.secrets.get("API_KEY").value == "first"

    updated = run_cli("secrets", "set", "API_KEY=second=with=equals")
    assert updated.stdout.splitlines() == ["API_KEY: updated"], updated.stderr
    assert infisical_client.secrets.get("API_KEY").value == "second=with=equals"

    plain = run_cli("secrets", "get", "API_KEY", "--plain")
    assert plain.returncode == 0 and plain.stdout == "second=with=equals"

    table = run_cli("secrets", "list")
    assert table.returncode == 0, table.stderr
    assert "API_KEY" in table.stdout and "DB_URL" in table.stdout
    assert "second=with=equals" not in table.stdout
    assert "postgres://" not in table.stdout
    revealed = run_cli("secrets", "list", "--reveal")
    assert "second=with=equals" in revealed.stdout

    as_json = json.loads(run_cli("secrets", "list", "--json", "--reveal").stdout)
    assert {row["key"]: row["value"] for row in as_json} == {
        "API_KEY": "second=with=equals",
        "DB_URL": "postgres://u:p@h/db",
    }
    hidden_json = json.loads(run_cli("secrets", "list", "--json").stdout)
    assert all(row["value"] is None for row in hidden_json)

    get_hidden = run_cli("secrets", "get", "DB_URL")
    assert "DB_URL" in get_hidden.stdout and "postgres://" not in get_hidden.stdout

    deleted = run_cli("secrets", "delete", "API_KEY")
    assert deleted.returncode == 0 and deleted.stdout.strip() == "API_KEY: deleted"
    assert [s.key for s in infisical_client.secrets.list()] == ["DB_URL"]

    gone = run_cli("secrets", "delete", "API_KEY")
    assert gone.returncode == 1
    assert gone.stderr.strip() == "error: secret 'API_KEY' not found"


def test_get_missing_secret_is_one_line_error(run_cli: RunCli) -> None:
    result = run_cli("secrets", "get", "NOPE")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr


def test_set_without_equals_is_a_usage_error_that_does_not_echo_values(run_cli: RunCli) -> None:
    result = run_cli("secrets", "set", "=hunter2")
    assert result.returncode == 2
    assert "hunter2" not in result.stderr
    assert run_cli("secrets", "set", "JUSTNAME").returncode == 2


def test_errors_are_one_line_without_traceback(run_cli: RunCli) -> None:
    no_credentials = run_cli("secrets", "list", bare=True, env={"INFISICAL_PROJECT_ID": "p"})
    assert no_credentials.returncode == 1
    assert no_credentials.stderr.count("\n") == 1
    assert no_credentials.stderr.startswith("error: no credentials found")
    assert "Traceback" not in no_credentials.stderr

    unreachable = run_cli("--domain", "http://127.0.0.1:9", "secrets", "list")
    assert unreachable.returncode == 1
    assert unreachable.stderr.startswith("error: ") and unreachable.stderr.count("\n") == 1
    assert "Traceback" not in unreachable.stderr

    no_scope = run_cli("secrets", "list", env={"INFISICAL_ENVIRONMENT": ""})
    assert no_scope.returncode == 1, no_scope.stderr
    assert "environment" in no_scope.stderr and "Traceback" not in no_scope.stderr

    bad_secret = run_cli("secrets", "list", env={"INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": "wrong"})
    assert bad_secret.returncode == 1
    assert "wrong" not in bad_secret.stderr and "Traceback" not in bad_secret.stderr


def test_every_command_has_help(run_cli: RunCli) -> None:
    for command in (
        [], ["run"], ["export"], ["secrets"], ["secrets", "list"], ["secrets", "get"],
        ["secrets", "set"], ["secrets", "delete"], ["login"], ["logout"], ["whoami"],
        ["server"], ["bootstrap"],
    ):  # fmt: skip
        result = run_cli(*command, "--help")
        assert result.returncode == 0, (command, result.stderr)
        assert "Usage: infisical-kit" in result.stdout
    assert "Exit codes" in run_cli("--help").stdout
