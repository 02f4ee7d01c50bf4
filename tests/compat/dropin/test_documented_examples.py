"""The documented examples of infisicalsdk, infisical-python and infisical-httpx-sdk, verbatim
but for their imports (tests/compat/dropin/examples/SOURCES.md), run on the drop-ins against
our server. The placeholders the docs leave are filled in here, at run time."""

from __future__ import annotations

import base64
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from infisical_kit import Client
from infisical_kit.compat import infisical_client as legacy
from infisical_kit.compat import infisicalsdk
from infisical_kit.testing.plugin import InfisicalProject

EXAMPLES = Path(__file__).parent / "examples"


def source(name: str, values: dict[str, str]) -> str:
    """The example's text with each placeholder replaced."""
    text = (EXAMPLES / name).read_text()
    for placeholder, value in values.items():
        assert placeholder in text, f"{placeholder!r} is not in {name}"
        text = text.replace(placeholder, value)
    return text


def run(name: str, values: dict[str, str], namespace: dict[str, Any]) -> dict[str, Any]:
    exec(compile(source(name, values), str(EXAMPLES / name), "exec"), namespace)
    return namespace


def sdk_values(project: InfisicalProject, *names: str) -> dict[str, str]:
    every = {
        '"https://app.infisical.com"': repr(project.site_url),
        "<machine-identity-client-id>": project.client_id,
        "<machine-identity-client-secret>": project.client_secret,
        "<project-id>": project.id,
    }
    return {k: v for k, v in every.items() if k in names}


def logged_in(project: InfisicalProject) -> Any:
    client = infisicalsdk.InfisicalSDKClient(host=project.site_url)
    client.auth.universal_auth.login(
        client_id=project.client_id, client_secret=project.client_secret
    )
    return client


def test_infisicalsdk_getting_started_and_parameters(infisical_project: InfisicalProject) -> None:
    p = infisical_project
    names = ('"https://app.infisical.com"', "<machine-identity-client-id>",
             "<machine-identity-client-secret>", "<project-id>")  # fmt: skip
    done = run("infisicalsdk_getting_started.py", sdk_values(p, *names), {})
    assert done["secrets"].secrets == []
    token = done["client"].get_token()
    values = {**sdk_values(p, '"https://app.infisical.com"'), "<optional-auth-token>": token}
    client = run("infisicalsdk_parameters.py", values, {})["client"]
    assert client.secrets.list_secrets("dev", "/", project_id=p.id).secrets == []


@pytest.mark.parametrize(
    ("example", "check"),
    [
        ("infisicalsdk_universal_auth.py", lambda ns: ns["response"].tokenType == "Bearer"),
        ("infisicalsdk_list_secrets.py", lambda ns: [s.secretKey for s in ns["secrets"].secrets]
         == ["EXISTING_SECRET"]),
        ("infisicalsdk_create_secret.py", lambda ns: ns["new_secret"].secretReminderRepeatDays
         == 30),
        ("infisicalsdk_update_secret.py", lambda ns: (ns["updated_secret"].secretKey,
         ns["updated_secret"].secretReminderNote) == ("NEW_NAME", "Updated reminder note")),
        ("infisicalsdk_get_secret.py", lambda ns: ns["secret"].secretValue == "existing"),
        ("infisicalsdk_delete_secret.py", lambda ns: ns["deleted_secret"].secretKey
         == "EXISTING_SECRET"),
    ],
)  # fmt: skip
def test_infisicalsdk_secrets(
    example: str, check: Any, infisical_project: InfisicalProject
) -> None:
    p = infisical_project
    with Client(**p.client_kwargs(), cache_ttl=0) as admin:
        admin.secrets.create("EXISTING_SECRET", "existing")
    names = ("<machine-identity-client-id>", "<machine-identity-client-secret>", "<project-id>")
    values = {
        k: v for k, v in sdk_values(p, *names).items() if k in (EXAMPLES / example).read_text()
    }
    with logged_in(p) as client:
        assert check(run(example, values, {"client": client}))


def test_infisicalsdk_kms(infisical_project: InfisicalProject) -> None:
    """The README's ciphertext is from another server: ours is decrypted instead."""
    p = infisical_project
    with logged_in(p) as client:
        key = client.kms.create_key(
            name="other", project_id=p.id, encryption_algorithm="aes-256-gcm"
        )
        ours = client.kms.encrypt_data(key.id, base64.b64encode(b"My secret message").decode())
        values = {
            "<project-id>": p.id,
            "<key-id>": key.id,
            "Aq96Ry7sMH3k/ogaIB5MiSfH+LblQRBu69lcJe0GfIvI48ZvbWY+9JulyoQYdjAx": ours,
        }
        done = run("infisicalsdk_kms.py", values, {"client": client})
    assert done["kms_key"].name == "my-key"
    assert base64.b64decode(done["decrypted_data"]) == b"My secret message"
    assert done["encrypted_data"] != ours


def legacy_values(p: InfisicalProject) -> dict[str, str]:
    return {"PROJECT_ID": p.id}


def test_infisical_python_docs(
    infisical_project: InfisicalProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = infisical_project
    client = legacy.InfisicalClient(
        legacy.ClientSettings(
            site_url=p.site_url, client_id=p.client_id, client_secret=p.client_secret
        )
    )
    done = run("infisical_client_secrets.py", legacy_values(p), {"client": client})
    assert done["value"] == "Some API Key"
    assert client.listSecrets(legacy.ListSecretsOptions(environment="dev", project_id=p.id)) == []


def test_infisical_python_flask_example(infisical_project: InfisicalProject) -> None:
    p = infisical_project
    with Client(**p.client_kwargs(), cache_ttl=0) as admin:
        admin.secrets.create("NAME", "Infisical")
    values = {
        '"MACHINE_IDENTITY_CLIENT_ID",': f"{p.client_id!r}, site_url={p.site_url!r},",
        "MACHINE_IDENTITY_CLIENT_SECRET": p.client_secret,
        "PROJECT_ID": p.id,
    }
    app = run("infisical_client_flask.py", values, {"__name__": "flask_example"})["app"]
    response = app.test_client().get("/")
    assert response.get_data(as_text=True) == "Hello! My name is: Infisical"


def test_infisical_httpx_list_example(
    infisical_project: InfisicalProject, capsys: pytest.CaptureFixture[str]
) -> None:
    p = infisical_project
    with Client(**p.client_kwargs(), cache_ttl=0) as admin:
        admin.secrets.create("PRINTED", "v")
        token = admin.auth.authorize()
    values = {
        'token="token"': f"token={token!r}, endpoint={p.site_url!r}",
        '"uuid"': repr(p.id),
        '"env"': '"dev"',
    }
    run("infisical_httpx_list.py", values, {})
    assert capsys.readouterr().out == "PRINTED\n"


def test_infisical_httpx_custom_provider_example(
    infisical_project: InfisicalProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = infisical_project
    values = {
        "self.client_id = ...": f"self.client_id = {p.client_id!r}",
        "self.client_secret = ...": f"self.client_secret = {p.client_secret!r}",
        "self.token = ...": 'self.token = ""',
        "self.url = ...": f"self.url = {p.site_url!r}",
    }
    first, second = source("infisical_httpx_custom_provider.py", values).split(
        "# --- second block of the README section ---"
    )
    my_provider = types.ModuleType("my_provider")
    exec(compile(first, "my_provider.py", "exec"), my_provider.__dict__)
    monkeypatch.setitem(sys.modules, "my_provider", my_provider)
    done: dict[str, Any] = {}
    exec(compile(second, "custom_provider.py", "exec"), done)
    with done["client"] as client:
        assert client.url == p.site_url
        assert client.secrets.v3.list(workspaceId=p.id, environment="dev").secrets == []
