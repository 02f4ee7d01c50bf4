"""Every `client.secrets` method, against the server named by the INFISICAL_* environment.

Run by tests/docs/test_examples.py against a fresh project on the local server.
"""

import os

from infisical_kit import Client, NotFoundError

with Client.from_env() as client:  # INFISICAL_DOMAIN, credentials, project and environment
    # create / get / find
    created = client.secrets.create("DB_URL", "postgres://db/app", comment="primary database")
    assert created.key == "DB_URL" and created.version == 1
    secret = client.secrets.get("DB_URL")
    assert secret.value == "postgres://db/app" and secret.comment == "primary database"
    assert client.secrets.find("NOT_THERE") is None  # `get` would raise NotFoundError

    # update: a new value, then a new name; versions count every write
    client.secrets.update("DB_URL", "postgres://db/app2")
    client.secrets.update("DB_URL", new_name="DATABASE_URL")
    assert client.secrets.get("DATABASE_URL").value == "postgres://db/app2"
    assert client.secrets.get("DATABASE_URL", version=1).value == "postgres://db/app"

    # upsert (create or update) and get_or_create (never overwrites)
    client.secrets.upsert("LOG_LEVEL", "info")
    client.secrets.upsert("LOG_LEVEL", "debug")
    assert client.secrets.get_or_create("LOG_LEVEL", "warning").value == "debug"

    # references are expanded on read (pass expand_secret_references=False for the raw text)
    client.secrets.create("DSN", "${DATABASE_URL}?sslmode=require")
    assert client.secrets.get("DSN").value == "postgres://db/app2?sslmode=require"

    # batches: a {name: value} mapping, or a list of item mappings with more fields
    client.secrets.batch_create({"A": "1", "B": "2"})
    client.secrets.batch_update([{"name": "A", "value": "10"}, {"name": "B", "value": "20"}])
    names = sorted(s.key for s in client.secrets.list())
    assert names == ["A", "B", "DATABASE_URL", "DSN", "LOG_LEVEL"]
    client.secrets.batch_delete(["A", "B"])

    # per-call scope: any call can name another environment, path or project
    client.secrets.create("FEATURE_FLAG", "on", environment="staging")
    assert [s.key for s in client.secrets.list(environment="staging")] == ["FEATURE_FLAG"]

    # load the folder into os.environ (existing variables are kept unless overwrite=True)
    loaded = client.secrets.load_into_environ()
    assert os.environ["LOG_LEVEL"] == "debug" and "DATABASE_URL" in loaded

    # delete returns the secret as it was; a second delete is a NotFoundError
    client.secrets.delete("DSN")
    try:
        client.secrets.delete("DSN")
    except NotFoundError as exc:
        print("already gone:", exc.status_code)

print("secrets example: ok")
