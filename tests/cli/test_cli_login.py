"""`infisical-kit login`, `whoami`, `logout` with the 0600 file session store."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

from infisical_kit import Client
from infisical_kit.testing import InfisicalProject

from .conftest import RunCli


def test_login_whoami_run_logout_with_the_file_store(
    run_cli: RunCli,
    cli_home: Path,
    infisical_project: InfisicalProject,
    infisical_client: Client,
) -> None:
    infisical_client.secrets.create("FROM_SESSION", "yes")
    scope = {"INFISICAL_PROJECT_ID": infisical_project.id, "INFISICAL_ENVIRONMENT": "dev"}

    assert run_cli("whoami", bare=True).returncode == 1

    login = run_cli(
        "--domain", infisical_project.site_url, "login", "--method", "universal-auth",
        "--client-id", infisical_project.client_id,
        bare=True,
        env={"INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": infisical_project.client_secret},
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert infisical_project.client_secret not in login.stdout + login.stderr
    session_file = cli_home / "config" / "infisical-kit" / "session.json"
    assert session_file.is_file()
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o600
    assert json.loads(session_file.read_text())["site_url"] == infisical_project.site_url

    whoami = run_cli("whoami", bare=True)
    assert whoami.returncode == 0, whoami.stderr
    assert infisical_project.site_url in whoami.stdout
    assert infisical_project.client_id in whoami.stdout
    assert "identity" in whoami.stdout and "unknown" not in whoami.stdout
    assert infisical_project.client_secret not in whoami.stdout

    # Only the session supplies the domain and the credentials here.
    dump = "import os; print(os.environ['FROM_SESSION'])"
    ran = run_cli("run", "--", sys.executable, "-c", dump, bare=True, env=scope)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "yes"

    logout = run_cli("logout", bare=True)
    assert logout.returncode == 0 and "logged out" in logout.stdout, logout.stderr
    assert not session_file.exists()
    after = run_cli("whoami", bare=True)
    assert after.returncode == 1
    # Behaviour change (issue 14): the no-credentials error ends with the next step.
    assert after.stderr.strip() == (
        "error: no credentials found; run 'infisical-kit login', or set INFISICAL_TOKEN, or "
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"
    )
    assert run_cli("run", "--", "true", bare=True, env=scope).returncode == 1


def test_login_prompts_for_the_missing_secret(
    run_cli: RunCli, cli_home: Path, infisical_project: InfisicalProject
) -> None:
    login = run_cli(
        "--domain", infisical_project.site_url, "login",
        "--client-id", infisical_project.client_id,
        bare=True,
        input=infisical_project.client_secret + "\n",
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert infisical_project.client_secret not in login.stdout + login.stderr
    assert "Warning" not in login.stderr  # read from the pipe, not through getpass
    assert (cli_home / "config" / "infisical-kit" / "session.json").is_file()


def test_user_login_and_whoami(run_cli: RunCli, infisical_server: object) -> None:
    boot = infisical_server.bootstrap  # type: ignore[attr-defined]
    url = infisical_server.url  # type: ignore[attr-defined]
    login = run_cli(
        "--domain", url, "login", "--email", boot["admin_email"], bare=True,
        env={"INFISICAL_PASSWORD": boot["admin_password"],
             "INFISICAL_ORGANIZATION_ID": boot["organization_id"]},
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    whoami = run_cli("whoami", bare=True)
    assert whoami.returncode == 0, whoami.stderr
    assert boot["admin_email"] in whoami.stdout
    assert boot["admin_password"] not in whoami.stdout
    assert boot["organization_id"] in whoami.stdout


def test_wrong_secret_is_one_line_error_and_stores_nothing(
    run_cli: RunCli, cli_home: Path, infisical_project: InfisicalProject
) -> None:
    login = run_cli(
        "--domain", infisical_project.site_url, "login",
        "--client-id", infisical_project.client_id, "--client-secret", "not-the-secret",
        bare=True,
    )  # fmt: skip
    assert login.returncode == 1
    assert login.stderr.startswith("error: ") and login.stderr.count("\n") == 1
    assert "not-the-secret" not in login.stderr
    assert not (cli_home / "config" / "infisical-kit" / "session.json").exists()


def test_whoami_reports_the_identity_from_the_environment(
    run_cli: RunCli, infisical_project: InfisicalProject, infisical_server: object
) -> None:
    whoami = run_cli("whoami")  # credentials from the INFISICAL_* variables, no session
    assert whoami.returncode == 0, whoami.stderr
    lines = {line[:13].strip(): line[14:] for line in whoami.stdout.splitlines()}
    boot = infisical_server.bootstrap  # type: ignore[attr-defined]
    assert lines["site"] == infisical_project.site_url
    assert lines["source"] == "environment"
    assert lines["method"] == "universal-auth"
    assert lines["identity"] == boot["identity_id"]
    assert lines["client id"] == infisical_project.client_id
    assert lines["token expires"].startswith("20")
    assert infisical_project.client_secret not in whoami.stdout + whoami.stderr

    token_login = run_cli("whoami", "--token", "not-a-valid-token", bare=True,
                          env={"INFISICAL_DOMAIN": infisical_project.site_url})  # fmt: skip
    assert token_login.returncode == 1
    assert token_login.stderr.startswith(f"error: {infisical_project.site_url} rejected ")
    assert "not-a-valid-token" not in token_login.stderr


def test_login_reads_the_secret_from_a_pipe_after_the_subcommand_options(
    run_cli: RunCli, cli_home: Path, infisical_project: InfisicalProject
) -> None:
    login = run_cli(
        "login", "--domain", infisical_project.site_url,
        "--client-id", infisical_project.client_id,
        bare=True, input=infisical_project.client_secret + "\n",
    )  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert login.stderr == ""  # no prompt text, no GetPassWarning
    assert login.stdout.startswith(f"logged in to {infisical_project.site_url} as ")

    empty = run_cli("login", "--domain", infisical_project.site_url,
                    "--client-id", infisical_project.client_id, bare=True)  # fmt: skip
    assert empty.returncode == 2
    assert "client secret missing: nothing on stdin" in empty.stderr
