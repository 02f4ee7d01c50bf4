"""Dynamic secrets and leases: credentials made on demand and revoked when the lease ends.

Run by tests/docs/test_examples.py against a fresh project of the local server. The ``totp``
part needs nothing else; the ``sql-database`` part runs when a PostgreSQL that trusts local
logins (as the test machines have) answers on 127.0.0.1:5432, and says so when it does not.
"""

import base64
import secrets
from datetime import timedelta

import psycopg

from infisical_kit import Client

# --8<-- [start:totp]
with Client.from_env() as client:  # project, environment and credentials from INFISICAL_*
    otp = client.dynamic_secrets.create(
        "ci-otp",
        provider="totp",
        inputs={
            "configType": "manual",
            "secret": base64.b32encode(secrets.token_bytes(20)).decode(),
        },
        default_ttl="1h",
        max_ttl="4h",
    )
    creds = client.dynamic_secrets.leases.create("ci-otp")  # ttl defaults to default_ttl
    print("one-time code has", len(creds.data["TOTP"]), "digits")
    lease = client.dynamic_secrets.leases.renew(creds.lease.id, ttl=timedelta(minutes=30))
    print("lease expires at", lease.expire_at)
    client.dynamic_secrets.leases.revoke(lease.id)
    client.dynamic_secrets.delete("ci-otp")
# --8<-- [end:totp]


def postgres_reachable() -> bool:
    """Whether the example's PostgreSQL answers (the docs part below needs it)."""
    try:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


if postgres_reachable():
    # --8<-- [start:postgres]
    with Client.from_env() as client:
        client.dynamic_secrets.create(
            "app-db",
            provider="sql-database",
            inputs={
                "client": "postgres",
                "host": "127.0.0.1",
                "port": 5432,
                "database": "postgres",
                "username": "postgres",
                "password": "",
                "creationStatement": (
                    "CREATE ROLE \"{{username}}\" WITH LOGIN PASSWORD '{{password}}' "
                    "VALID UNTIL '{{expiration}}';"
                ),
                "revocationStatement": 'DROP ROLE IF EXISTS "{{username}}";',
                "renewStatement": "ALTER ROLE \"{{username}}\" VALID UNTIL '{{expiration}}';",
            },
            default_ttl="15m",
            max_ttl="1h",
        )
        creds = client.dynamic_secrets.leases.create("app-db")
        user, password = creds.data["DB_USERNAME"], creds.data["DB_PASSWORD"]
        dsn = f"postgresql://{user}:{password}@127.0.0.1:5432/postgres"
        with psycopg.connect(dsn) as conn:  # a real role, valid until the lease ends
            print(
                "connected as a leased role:",
                conn.execute("SELECT current_user").fetchone()[0] == user,
            )
        client.dynamic_secrets.leases.revoke(creds.lease.id)  # DROP ROLE now, not at expiry
        client.dynamic_secrets.delete("app-db")
    # --8<-- [end:postgres]
else:
    print("PostgreSQL is not reachable on 127.0.0.1:5432: the sql-database part is skipped")

print("dynamic_secrets example: ok")
