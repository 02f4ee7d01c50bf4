"""The framework examples, run against the real local server (one fresh project per test)."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from infisical_kit import Client
from infisical_kit.testing import InfisicalProject

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load_example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def project_env(project: InfisicalProject) -> dict[str, str]:
    return {
        "INFISICAL_DOMAIN": project.site_url,
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": project.client_id,
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": project.client_secret,
        "INFISICAL_PROJECT_ID": project.id,
        "INFISICAL_ENVIRONMENT": "dev",
    }


@pytest.fixture
def project_environ(
    infisical_project: InfisicalProject, monkeypatch: pytest.MonkeyPatch
) -> InfisicalProject:
    for name in list(os.environ):
        if name.startswith("INFISICAL"):
            monkeypatch.delenv(name)
    for name, value in project_env(infisical_project).items():
        monkeypatch.setenv(name, value)
    return infisical_project


def test_flask_app_reads_secrets_at_start_up(
    project_environ: InfisicalProject, infisical_client: Client
) -> None:
    pytest.importorskip("flask")
    infisical_client.secrets.create("FLASK_SECRET_KEY", "s3cret-key")
    infisical_client.secrets.create("GREETING", "hello from infisical")
    app = load_example("flask_app").create_app()
    with app.test_client() as http:
        assert http.get("/").get_data(as_text=True) == "hello from infisical"
        health = http.get("/health").get_json()
    assert health["secret_key_sha256"] == hashlib.sha256(b"s3cret-key").hexdigest()[:12]
    assert "s3cret-key" not in str(health)


def test_flask_app_refuses_to_start_without_its_secret(
    project_environ: InfisicalProject,
) -> None:
    pytest.importorskip("flask")
    from infisical_kit import NotFoundError

    with pytest.raises(NotFoundError):
        load_example("flask_app").create_app()


def test_fastapi_app_uses_async_client_in_lifespan(
    project_environ: InfisicalProject, infisical_client: Client
) -> None:
    from fastapi.testclient import TestClient

    infisical_client.secrets.create("SERVICE_NAME", "billing")
    infisical_client.secrets.create("FEATURE_DARK_MODE", "on")
    infisical_client.secrets.create("FEATURE_BETA", "off")
    module = load_example("fastapi_app")
    with TestClient(module.app) as http:
        assert http.get("/").json() == {"service": "billing"}
        assert http.get("/features/dark_mode").json() == {"enabled": True}
        assert http.get("/features/beta").json() == {"enabled": False}
        assert http.get("/features/nope").status_code == 404
        client = module.app.state.infisical
    assert client._requester.closed  # the lifespan closed the client on shutdown


def test_django_settings_configure_django(
    infisical_project: InfisicalProject, infisical_client: Client, tmp_path: Path
) -> None:
    pytest.importorskip("django")
    infisical_client.secrets.create("DJANGO_SECRET_KEY", "django-insecure-from-infisical")
    infisical_client.secrets.create("DJANGO_ALLOWED_HOSTS", "a.example,b.example")
    infisical_client.secrets.create("DJANGO_DB_NAME", str(tmp_path / "app.sqlite3"))
    code = (
        "import hashlib, django; from django.conf import settings; django.setup(); "
        "from django.db import connection; connection.ensure_connection(); "
        "print(hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()); "
        "print(','.join(settings.ALLOWED_HOSTS)); print(settings.DEBUG); "
        "print(hasattr(settings, '_secrets'))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL")}
    env.update(project_env(infisical_project))
    env.update(DJANGO_SETTINGS_MODULE="django_settings", PYTHONPATH=str(EXAMPLES))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        hashlib.sha256(b"django-insecure-from-infisical").hexdigest(),
        "a.example,b.example",
        "False",
        "False",
    ]
    assert (tmp_path / "app.sqlite3").exists()


def test_worker_keeps_working_across_forced_re_logins(
    infisical_project: InfisicalProject, infisical_client: Client
) -> None:
    worker = load_example("worker")
    infisical_client.secrets.create("WORKER_API_KEY", "key-1")
    tokens: list[str] = []

    with Client(**infisical_project.client_kwargs(), cache_ttl=0) as client:

        def after(i: int) -> None:
            tokens.append(client.auth.authorize())
            client.auth.revoke()  # the next iteration must log in again by itself
            if i == 2:
                infisical_client.secrets.update("WORKER_API_KEY", "key-2")

        results = worker.run(client, iterations=6, interval=0, after_iteration=after)

    fingerprint = [worker.do_job("key-1")] * 3 + [worker.do_job("key-2")] * 3
    assert results == fingerprint
    assert len(set(tokens)) == 6  # a new access token after every revocation
