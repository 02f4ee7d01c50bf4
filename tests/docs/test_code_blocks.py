"""Every code block in docs/ is run by the suite or says why it is not (see `_blocks`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from infisical_kit import Client
from infisical_kit.testing import InfisicalProject

from ._blocks import Block, all_blocks
from .test_troubleshooting import SCENARIOS

BLOCKS = all_blocks()
PYTHON = [b for b in BLOCKS if b.kind == "run" and b.argument.split()[0] == "python"]
PYTEST: dict[str, list[Block]] = defaultdict(list)
for _block in BLOCKS:
    if _block.kind == "run" and _block.argument.split()[0] == "pytest":
        PYTEST[_block.page].append(_block)


def test_every_block_is_run_or_says_why_not() -> None:
    problems = []
    for block in BLOCKS:
        if block.includes_example or (block.lang in ("", "text") and block.kind is None):
            continue
        if block.kind is None:
            problems.append(f"{block.where}: no <!-- run: ... --> or <!-- not-run: why -->")
        elif block.kind == "not-run" and len(block.argument) < 10:
            problems.append(f"{block.where}: not-run needs a reason")
        elif block.kind == "run" and block.argument.split()[0] not in ("python", "pytest"):
            problems.append(f"{block.where}: unknown runner {block.argument!r}")
        elif block.kind == "output" and block.argument not in SCENARIOS:
            problems.append(f"{block.where}: no scenario produces output {block.argument!r}")
    assert problems == []
    assert PYTHON and PYTEST  # the walk found the runnable blocks


def _login(project: InfisicalProject, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "infisical_kit", "login", "--domain", project.site_url,
         "--client-id", project.client_id],
        input=project.client_secret + "\n", env=env, text=True, capture_output=True, check=True,
    )  # fmt: skip


@pytest.mark.parametrize("block", PYTHON, ids=[b.where for b in PYTHON])
def test_python_block_runs(
    block: Block, infisical_project: InfisicalProject, infisical_client: Client, tmp_path: Path
) -> None:
    words = block.argument.split()[1:]
    session = "session" in words
    for key in (word for word in words if word != "session"):
        infisical_client.secrets.create(key, f"value-of-{key.lower()}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL_")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / ".config"))
    env["INFISICAL_KIT_SESSION_BACKEND"] = "file"
    if session:
        _login(infisical_project, env)
        env.update(INFISICAL_PROJECT_ID=infisical_project.id, INFISICAL_ENVIRONMENT="dev")
    else:
        env.update(infisical_project.environ())
    script = tmp_path / "block.py"
    script.write_text(block.code)
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{block.where}:\n{output}"
    assert "Traceback" not in output
    assert infisical_project.client_secret not in output


@pytest.mark.parametrize("page", sorted(PYTEST))
def test_pytest_blocks_pass_as_a_users_project(pytester: pytest.Pytester, page: str) -> None:
    files = {block.argument.split()[1]: block.code for block in PYTEST[page]}
    for name, code in files.items():
        (pytester.path / name).write_text(code)
    tests = sum(
        len(re.findall(r"^(?:async )?def test_", code, re.MULTILINE))
        for name, code in files.items()
        if name.startswith("test_")
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=tests)
