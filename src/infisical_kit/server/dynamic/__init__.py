"""Dynamic-secret providers: the external systems leases are minted in (PostgreSQL roles,
Redis ACL users, TOTP codes). Services call them outside any database transaction."""

from __future__ import annotations

from .base import Provider
from .redis import RedisProvider
from .sql import SqlDatabaseProvider
from .totp import TotpProvider

#: The providers this server runs, by Infisical's type name.
PROVIDERS: dict[str, Provider] = {
    p.type: p for p in (SqlDatabaseProvider(), RedisProvider(), TotpProvider())
}
#: Every provider type Infisical knows (the others are refused with a clear 400).
KNOWN_TYPES = frozenset(
    {
        *("sql-database", "clickhouse", "cassandra", "aws-iam", "redis", "aws-elasticache"),
        *("aws-memorydb", "mongo-db-atlas", "elastic-search", "mongo-db", "rabbit-mq"),
        *("azure-entra-id", "azure-sql-database", "ldap", "sap-hana", "snowflake", "totp"),
        *("sap-ase", "kubernetes", "vertica", "gcp-iam", "github", "couchbase", "milvus"),
        *("ssh", "ibm-api-connect", "tailscale"),
    }
)
