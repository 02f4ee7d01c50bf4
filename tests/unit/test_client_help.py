"""``help(Client)`` tells what a client offers: every namespace, and the real default
credential chain."""

from __future__ import annotations

import os
import pydoc
import re
from pathlib import Path

import pytest

from infisical_kit import AsyncClient, Client, Config, CredentialChain
from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._sync._namespace import Namespace


def _namespaces(client: object, base: type) -> list[str]:
    """Dotted names of the namespaces a client holds (``secrets``, ``projects.members`` ...)."""
    found: list[str] = []
    for name, value in vars(client).items():
        if isinstance(value, base) and not name.startswith("_"):
            found.append(name)
            found += [f"{name}.{sub}" for sub in _namespaces(value, base)]
    return found


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("INFISICAL"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(("cls", "base"), [(Client, Namespace), (AsyncClient, AsyncNamespace)])
def test_help_lists_every_namespace(cls: type, base: type) -> None:
    client = cls("http://127.0.0.1:9", token="t", project_id="p", environment="dev")
    namespaces = _namespaces(client, base)
    assert {"secrets", "kms", "auth", "projects.members", "dynamic_secrets.leases"} <= set(
        namespaces
    )
    text = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    for name in namespaces:
        sub = name.partition(".")[2]
        shown = f"`{name}`" if not sub else f"``{name}``"
        assert shown in text, f"help({cls.__name__}) does not list the namespace {name}"
    assert "http_client" in text


def _documented_chain(doc: str) -> list[str]:
    match = re.search(r"default chain: (.*?), less the", " ".join(doc.split()))
    assert match is not None, "the docstring no longer states the default chain"
    return match.group(1).split(", ")


@pytest.mark.usefixtures("clean_env")
@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_docstring_names_the_real_default_chain(cls: type) -> None:
    assert cls.__doc__ is not None
    assert _documented_chain(cls.__doc__) == CredentialChain.default(Config()).names


@pytest.mark.usefixtures("clean_env")
def test_docs_draw_the_real_default_chain() -> None:
    page = Path(__file__).resolve().parents[2] / "docs" / "authentication.md"
    text = page.read_text(encoding="utf-8")
    match = re.search(r"the first that yields wins:\n\n```\n(.*?)```", text, flags=re.S)
    assert match is not None, "docs/authentication.md no longer draws the chain"
    drawn = [name.strip() for name in match.group(1).split("->")]
    assert drawn == CredentialChain.default(Config()).names
