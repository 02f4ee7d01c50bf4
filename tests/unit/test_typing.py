"""What a user's type checker sees: ``mypy --strict`` on small programs using the SDK.

Fixed sets of values are `Literal` types, so a typo (``type="shard"``) is a type error; the
documented pydantic-settings examples (docs/integrations.md) pass as written. mypy runs once
for every program below, with a user's configuration (strict, pydantic's plugin), not this
repository's.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"

pytest.importorskip("mypy")

#: Each line ending in ``# E`` must be reported, and no other line.
TYPOS = """
from infisical_kit import AsyncClient, Client


def sync_calls(client: Client) -> None:
    client.secrets.get("A", type="shard")  # E
    client.secrets.find("A", type="Personal")  # E
    client.secrets.create("A", "v", type="shard")  # E
    client.secrets.update("A", "v", type="shard")  # E
    client.secrets.delete("A", type="shard")  # E
    client.secrets.batch_delete(["A"], type="shard")  # E
    client.secrets.batch_update({"A": "v"}, mode="fail")  # E
    client.kms.create("k", key_usage="encrypt")  # E
    client.kms.create("k", encryption_algorithm="aes-512-gcm")  # E
    client.kms.sign("id", b"data", algorithm="SHA256")  # E
    client.kms.verify("id", b"data", "sig", algorithm="RSA_4096")  # E


async def async_calls(client: AsyncClient) -> None:
    await client.secrets.get("A", type="shard")  # E
    await client.kms.sign("id", b"data", algorithm="ECDSA_SHA_1")  # E
"""

CORRECT = """
from infisical_kit import (
    BatchMode,
    Client,
    KmsEncryptionAlgorithm,
    KmsKeyUsage,
    KmsSigningAlgorithm,
    SecretType,
)


def calls(client: Client, kind: SecretType, mode: BatchMode) -> str:
    client.secrets.create("A", "v", type="personal")
    client.secrets.batch_update({"A": "v"}, mode=mode)
    client.secrets.batch_update({"A": "v"}, mode="upsert")
    usage: KmsKeyUsage = "sign-verify"
    algorithm: KmsEncryptionAlgorithm = "ECC_NIST_P256"
    key = client.kms.create("k", key_usage=usage, encryption_algorithm=algorithm)
    signing: KmsSigningAlgorithm = "ECDSA_SHA_256"
    client.kms.sign(key.id, b"data", algorithm=signing)
    return client.secrets.get("A", type=kind).value
"""


def _pydantic_settings_blocks() -> list[str]:
    """The python blocks of the pydantic-settings section of docs/integrations.md."""
    text = (DOCS / "integrations.md").read_text(encoding="utf-8")
    start = text.index("## pydantic-settings")
    section = text[start : text.index("\n## ", start)]
    found = re.findall(r"^```python\n(.*?)^```$", section, flags=re.M | re.S)
    assert len(found) >= 2, "the pydantic-settings examples moved"
    return found


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[int]]:
    """File name -> the lines mypy reported an error on, for every program above (mypy's
    output is printed, so a failing test shows it)."""
    root = tmp_path_factory.mktemp("typing")
    programs = {"typos.py": TYPOS, "correct.py": CORRECT}
    for index, code in enumerate(_pydantic_settings_blocks()):
        programs[f"docs_pydantic_settings_{index}.py"] = code
    for name, code in programs.items():
        (root / name).write_text(textwrap.dedent(code).lstrip())
    # pydantic's plugin, as pydantic-settings asks of mypy users (it makes every field of a
    # BaseSettings optional in __init__, since the sources fill them)
    (root / "mypy.ini").write_text("[mypy]\nstrict = True\nplugins = pydantic.mypy\n")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--cache-dir",
         str(root / ".cache"), "--no-error-summary", "--show-error-codes", *programs],
        cwd=root, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    print(done.stdout)
    found: dict[str, list[int]] = {name: [] for name in programs}
    for line in done.stdout.splitlines():
        match = re.match(r"^([\w.]+):(\d+): error: (.*)$", line)
        if match is not None:
            found[match.group(1)].append(int(match.group(2)))
        else:
            assert ": note:" in line, line
    return found


def test_a_value_outside_a_literal_type_is_a_type_error(reported: dict[str, list[int]]) -> None:
    lines = textwrap.dedent(TYPOS).lstrip().splitlines()
    expected = [number for number, line in enumerate(lines, 1) if line.endswith("# E")]
    assert len(expected) == 13
    assert sorted(set(reported["typos.py"])) == expected


def test_the_values_of_the_literal_types_type_check(reported: dict[str, list[int]]) -> None:
    assert reported["correct.py"] == []


def test_the_documented_pydantic_settings_examples_pass_mypy_strict(
    reported: dict[str, list[int]],
) -> None:
    documented = {name: lines for name, lines in reported.items() if name.startswith("docs_")}
    assert len(documented) >= 2
    assert documented == {name: [] for name in documented}
