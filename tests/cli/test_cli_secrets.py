"""`infisical-kit secrets list|get|set|delete` and errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from infisical_kit import Client
from infisical_kit.testing import InfisicalProject

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


def test_every_command_has_help_with_an_example(run_cli: RunCli) -> None:
    for command in (
        [], ["run"], ["export"], ["init"], ["secrets"], ["secrets", "list"], ["secrets", "get"],
        ["secrets", "set"], ["secrets", "delete"], ["login"], ["logout"], ["whoami"],
        ["server"], ["bootstrap"],
    ):  # fmt: skip
        result = run_cli(*command, "--help")
        assert result.returncode == 0, (command, result.stderr)
        assert "Usage: infisical-kit" in result.stdout
        lines = result.stdout.splitlines()
        assert "  Examples:" in lines, command
        example = lines[lines.index("  Examples:") + 1].strip()
        assert example.startswith(("infisical-kit ", "eval ", "printf ")), (command, example)
        assert " ".join(["infisical-kit", *command]) in result.stdout, command
    assert "Exit codes" in run_cli("--help").stdout


def test_set_reads_the_value_from_stdin_or_a_file(
    run_cli: RunCli, infisical_client: Client, tmp_path: Path
) -> None:
    piped = run_cli("secrets", "set", "FROM_STDIN", input="piped value\n")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == "FROM_STDIN: created\n" and "piped value" not in piped.stderr
    assert infisical_client.secrets.get("FROM_STDIN").value == "piped value"  # one \n removed

    pem = "-----BEGIN X-----\nline\n-----END X-----\n"
    (tmp_path / "cert.pem").write_text(pem)
    from_file = run_cli("secrets", "set", "CERT", "--from-file", str(tmp_path / "cert.pem"))
    assert from_file.returncode == 0, from_file.stderr
    assert infisical_client.secrets.get("CERT").value == pem  # as is

    both = run_cli("secrets", "set", "PLAIN=1", "SECRET", input="s\n")
    assert both.stdout.splitlines() == ["PLAIN: created", "SECRET: created"], both.stderr
    assert infisical_client.secrets.get("SECRET").value == "s"

    two_bare = run_cli("secrets", "set", "X", "Y", input="v")
    assert two_bare.returncode == 2 and "only one NAME" in two_bare.stderr


def test_set_help_warns_that_argv_values_show_in_ps(run_cli: RunCli) -> None:
    text = " ".join(run_cli("secrets", "set", "--help").stdout.split())
    assert "visible to other users of this machine in `ps`" in text


def test_global_options_work_after_the_subcommand(
    run_cli: RunCli, infisical_client: Client, infisical_project: InfisicalProject
) -> None:
    infisical_client.secrets.create("WHERE", "here")
    bare = {"INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": infisical_project.client_id,
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": infisical_project.client_secret}  # fmt: skip
    scope = ["--project", infisical_project.id, "--env", "dev"]
    after = run_cli("secrets", "list", "--domain", infisical_project.site_url, *scope,
                    bare=True, env=bare)  # fmt: skip
    assert after.returncode == 0, after.stderr
    assert "WHERE" in after.stdout
    before = run_cli("--domain", infisical_project.site_url, *scope, "secrets", "list",
                     bare=True, env=bare)  # fmt: skip
    assert before.stdout == after.stdout
    # Given after the command name, an option wins over the same option before it.
    wins = run_cli("--domain", "http://127.0.0.1:9", "secrets", "list",
                   "--domain", infisical_project.site_url, *scope, bare=True, env=bare)  # fmt: skip
    assert wins.returncode == 0, wins.stderr
    verbose = run_cli("secrets", "list", "-v")
    assert "INFO infisical_kit.auth: logged in" in verbose.stderr


def test_missing_scope_names_the_cli_ways_to_give_it(run_cli: RunCli) -> None:
    no_project = run_cli("secrets", "list", env={"INFISICAL_PROJECT_ID": ""})
    assert no_project.returncode == 1
    assert no_project.stderr == (
        "error: no project given; pass --project ID, set INFISICAL_PROJECT_ID, or run "
        "'infisical-kit init' to write .infisical.json here\n"
    )
    for command in (["run", "--", "true"], ["export"], ["secrets", "get", "X"]):
        result = run_cli(*command, env={"INFISICAL_ENVIRONMENT": ""})
        assert result.returncode == 1, command
        assert result.stderr.startswith("error: no environment given; pass --env SLUG")
        assert "INFISICAL_ENVIRONMENT" in result.stderr and ".infisical.json" in result.stderr


def test_no_credentials_error_is_short_and_ends_with_the_next_step(run_cli: RunCli) -> None:
    result = run_cli("run", "--", "true", bare=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 200
    assert result.stderr.rstrip().endswith(
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"
    )
    assert "run 'infisical-kit login'" in result.stderr
    verbose = run_cli("run", "-v", "--", "true", bare=True)
    assert "credential source environment: none of INFISICAL_TOKEN" in verbose.stderr
