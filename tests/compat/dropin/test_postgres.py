"""The drop-ins on a PostgreSQL-backed server: every ``infisicalsdk`` scenario, and the legacy
client's round trip."""

from __future__ import annotations

import uuid

import pytest

from infisical_kit import Client
from infisical_kit.compat import infisical_client as legacy
from infisical_kit.compat import infisicalsdk as dropin
from infisical_kit.testing import LocalServer

from ._infisicalsdk_scenarios import SCENARIOS, Target


@pytest.mark.postgres
def test_dropins_on_postgres(postgres_url: str) -> None:
    with LocalServer(database_url=postgres_url) as server:
        boot = server.bootstrap
        with Client(
            server.url, client_id=boot["client_id"], client_secret=boot["client_secret"]
        ) as admin:
            for scenario in SCENARIOS:
                slug = f"pg-{uuid.uuid4().hex[:10]}"
                project = admin.projects.create(slug, slug=slug)
                target = Target(
                    server.url, boot["client_id"], boot["client_secret"], project.id, slug
                )
                scenario(dropin, target)
        settings = legacy.ClientSettings(
            site_url=server.url, client_id=boot["client_id"], client_secret=boot["client_secret"]
        )
        with legacy.InfisicalClient(settings) as client:
            scope = {"environment": "dev", "project_id": boot["project_id"]}
            client.createSecret(
                legacy.CreateSecretOptions(secret_name="PG", secret_value="v", **scope)
            )
            got = client.getSecret(legacy.GetSecretOptions(secret_name="PG", **scope))
            assert (got.secret_key, got.secret_value, got.is_fallback) == ("PG", "v", False)
