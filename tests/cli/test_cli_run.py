"""`infisical-kit run`: env injection, precedence, --override, exit codes, signal forwarding."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from infisical_kit import Client
from infisical_kit.testing import InfisicalProject

from .conftest import CLI, RunCli, isolated_env, project_env

DUMP = "import json, os, sys; print(json.dumps({k: os.environ.get(k) for k in sys.argv[1:]}))"


def test_run_injects_secrets_and_existing_variables_win(
    run_cli: RunCli, infisical_client: Client
) -> None:
    infisical_client.secrets.create("RUN_ONLY", "from-infisical")
    infisical_client.secrets.create("RUN_SHARED", "from-infisical-too")
    infisical_client.secrets.create("RUN_MULTI", "a\nb 'c' \"d\" $e")

    result = run_cli(
        "run", "--", sys.executable, "-c", DUMP, "RUN_ONLY", "RUN_SHARED", "RUN_MULTI",
        env={"RUN_SHARED": "from-shell"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen == {
        "RUN_ONLY": "from-infisical",
        "RUN_SHARED": "from-shell",
        "RUN_MULTI": "a\nb 'c' \"d\" $e",
    }

    overridden = run_cli(
        "run", "--override", "--", sys.executable, "-c", DUMP, "RUN_SHARED",
        env={"RUN_SHARED": "from-shell"},
    )  # fmt: skip
    assert overridden.returncode == 0, overridden.stderr
    assert json.loads(overridden.stdout) == {"RUN_SHARED": "from-infisical-too"}


def test_run_scope_options_pick_environment_and_path(
    run_cli: RunCli, infisical_client: Client
) -> None:
    infisical_client.folders.create("svc", environment="staging")
    infisical_client.secrets.create("WHERE", "staging-svc", environment="staging",
                                    secret_path="/svc")  # fmt: skip
    infisical_client.secrets.create("WHERE", "dev-root")

    root = run_cli("run", "--", sys.executable, "-c", DUMP, "WHERE")
    assert json.loads(root.stdout) == {"WHERE": "dev-root"}, root.stderr
    scoped = run_cli("run", "--env", "staging", "--path", "/svc", "--",
                     sys.executable, "-c", DUMP, "WHERE")  # fmt: skip
    assert json.loads(scoped.stdout) == {"WHERE": "staging-svc"}, scoped.stderr
    via_group = run_cli("--env", "staging", "--path", "/svc", "run", "--",
                        sys.executable, "-c", DUMP, "WHERE")  # fmt: skip
    assert json.loads(via_group.stdout) == {"WHERE": "staging-svc"}, via_group.stderr


def test_run_exit_codes(run_cli: RunCli) -> None:
    assert run_cli("run", "--", sys.executable, "-c", "raise SystemExit(7)").returncode == 7
    assert run_cli("run", "--", "true").returncode == 0
    killed = run_cli("run", "--", "bash", "-c", "kill -TERM $$")
    assert killed.returncode == 128 + signal.SIGTERM
    missing = run_cli("run", "--", "definitely-not-a-command-xyz")
    assert missing.returncode == 127
    assert missing.stderr.strip() == "error: command not found: definitely-not-a-command-xyz"
    usage = run_cli("run")
    assert usage.returncode == 2


CHILD = """
import os, signal, sys, time
out = sys.argv[1]
def on_term(signum, frame):
    with open(out, "a") as f:
        f.write("TERM " + os.environ.get("SIG_SECRET", "?") + "\\n")
    sys.exit(42)
signal.signal(signal.SIGTERM, on_term)
with open(out, "w") as f:
    f.write("ready\\n")
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    time.sleep(0.05)
sys.exit(3)
"""


def _wait_for(path: Path, text: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text():
            return
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared in {path}")


def test_run_forwards_sigterm_to_a_child_that_traps_it(
    tmp_path: Path, infisical_project: InfisicalProject, infisical_client: Client
) -> None:
    infisical_client.secrets.create("SIG_SECRET", "injected")
    out = tmp_path / "child.out"
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    proc = subprocess.Popen(
        [*CLI, "run", "--", sys.executable, str(script), str(out)],
        env=isolated_env(tmp_path, project_env(infisical_project)),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(out, "ready", time.monotonic() + 60)
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 42, proc.stderr.read() if proc.stderr else ""
    assert out.read_text().splitlines() == ["ready", "TERM injected"]


def test_run_forwards_sighup_and_reports_the_signal(
    tmp_path: Path, infisical_project: InfisicalProject
) -> None:
    proc = subprocess.Popen(
        [*CLI, "run", "--", "bash", "-c", f"echo ready > {tmp_path}/r; exec sleep 60"],
        env=isolated_env(tmp_path, project_env(infisical_project)),
        stdin=subprocess.DEVNULL,
    )
    try:
        _wait_for(tmp_path / "r", "ready", time.monotonic() + 60)
        proc.send_signal(signal.SIGHUP)
        assert proc.wait(timeout=30) == 128 + signal.SIGHUP
    finally:
        if proc.poll() is None:
            proc.kill()
