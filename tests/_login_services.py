"""The real services the machine-identity logins are tested against, started and cleaned up by
the suite on free loopback ports:

* `slapd_directory` - OpenLDAP's ``slapd`` (Debian ``slapd``) with a throwaway directory,
  seeded with a user; where it is missing the test is skipped with one line naming the
  package, and under ``CI=true`` it fails.
* `moto_sts` - ``moto`` in server mode (``python -m moto.server``) as AWS STS, with IAM
  authentication enforced, so a request signed with a wrong key is refused; an IAM user
  with an access key is made first.
* `KeyServer` - a loopback HTTP server answering fixed routes: the OIDC discovery document
  and JWKS of a provider whose keys the test holds, Google's certificates, a tenant's Azure
  keys, the GCE metadata server and Azure IMDS (their paths and headers as the clouds have
  them).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

SLAPD = "/usr/sbin/slapd"
LDAP_SUFFIX = "dc=example,dc=org"
STARTUP_DEADLINE = 30.0


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def missing(what: str, install: str) -> None:
    """Skip (one line naming what to install), or fail under CI."""
    message = f"{what} is not installed: {install}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (it must run in CI)")
    pytest.skip(message)


def _wait(check: Callable[[], bool], what: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_DEADLINE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start in {STARTUP_DEADLINE:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- LDAP ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LdapDirectory:
    """A running slapd: its URL, the service account, and the seeded user."""

    url: str
    bind_dn: str
    bind_pass: str = field(repr=False)
    search_base: str
    username: str
    password: str = field(repr=False)


SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
pidfile {dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "cn=admin,{suffix}"
rootpw {rootpw}
directory {dir}/db
"""


def _ldap_up(url: str) -> bool:
    import ldap3

    try:
        with ldap3.Connection(ldap3.Server(url, connect_timeout=1), auto_bind=True):
            return True
    except Exception:
        return False


@contextmanager
def slapd_directory() -> Iterator[LdapDirectory]:
    """slapd on a free loopback port, run as the current user from a temporary directory."""
    if not Path(SLAPD).exists():
        missing("slapd", "apt-get install slapd ldap-utils")
    import ldap3

    workdir = Path(tempfile.mkdtemp(prefix="ik-slapd-"))
    (workdir / "db").mkdir()
    rootpw = os.urandom(12).hex()
    conf = workdir / "slapd.conf"
    conf.write_text(SLAPD_CONF.format(dir=workdir, suffix=LDAP_SUFFIX, rootpw=rootpw))
    url = f"ldap://127.0.0.1:{free_port()}"
    log = (workdir / "slapd.log").open("wb")
    process = subprocess.Popen(
        [SLAPD, "-f", str(conf), "-h", f"{url}/", "-d", "0"], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        _wait(lambda: _ldap_up(url), "slapd", process)
        admin = f"cn=admin,{LDAP_SUFFIX}"
        password = "ldap-" + os.urandom(8).hex()
        with ldap3.Connection(url, admin, rootpw, auto_bind=True) as conn:
            conn.add(LDAP_SUFFIX, ["dcObject", "organization"], {"o": "Example", "dc": "example"})
            conn.add(f"ou=people,{LDAP_SUFFIX}", ["organizationalUnit"], {"ou": "people"})
            for uid, dept in (("builder", "ci"), ("intern", "sales")):
                conn.add(
                    f"uid={uid},ou=people,{LDAP_SUFFIX}",
                    ["inetOrgPerson"],
                    {
                        "cn": uid,
                        "sn": uid,
                        "departmentNumber": dept,
                        "userPassword": password,
                    },
                )
                assert conn.result["result"] == 0, conn.result
        yield LdapDirectory(url, admin, rootpw, f"ou=people,{LDAP_SUFFIX}", "builder", password)
    finally:
        _stop(process)
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


# -- AWS STS (moto) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MotoSts:
    """A moto server standing in for STS, and an IAM user's access key there."""

    url: str
    access_key_id: str
    secret_access_key: str = field(repr=False)
    arn: str
    account: str


@contextmanager
def moto_sts() -> Iterator[MotoSts]:
    """``python -m moto.server`` on a free port; IAM authentication is enforced after the
    three set-up calls (CreateUser, PutUserPolicy, CreateAccessKey)."""
    boto3 = pytest.importorskip("boto3")
    pytest.importorskip("moto.server", reason="moto[server] is not installed (the dev extra)")
    port = free_port()
    env = {**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": "3", "AWS_DEFAULT_REGION": "us-east-1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return httpx.get(f"{url}/moto-api/", timeout=1).status_code < 500
        except httpx.HTTPError:
            return False

    try:
        _wait(up, "moto", process)
        iam = boto3.client(
            "iam", endpoint_url=url, region_name="us-east-1",
            aws_access_key_id="setup", aws_secret_access_key="setup",
        )  # fmt: skip
        user = iam.create_user(UserName="builder")["User"]
        policy = {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
        }
        iam.put_user_policy(UserName="builder", PolicyName="all", PolicyDocument=json.dumps(policy))
        key = iam.create_access_key(UserName="builder")["AccessKey"]
        account = user["Arn"].split(":")[4]
        yield MotoSts(url, key["AccessKeyId"], key["SecretAccessKey"], user["Arn"], account)
    finally:
        _stop(process)


# -- a loopback server for keys and metadata ---------------------------------------------------

#: A route's answer: (status, JSON-able body or text).
Answer = tuple[int, Any]
Handler = Callable[[dict[str, list[str]], dict[str, str]], Answer]


class KeyServer:
    """``routes[path](query, headers) -> (status, body)`` served on a free loopback port (GET,
    and PUT for AWS IMDSv2's token); `requests` records the paths asked for."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[str] = []
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                server.requests.append(parts.path)
                route = server.routes.get(parts.path)
                status, body = (
                    (404, {"error": "no route"})
                    if route is None
                    else route(
                        parse_qs(parts.query), {k.lower(): v for k, v in self.headers.items()}
                    )
                )
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                kind = "text/plain" if isinstance(body, str) else "application/json"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            # the AWS instance metadata service hands out its session token on PUT
            do_PUT = do_GET

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.port: int = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> KeyServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def json(self, path: str, body: Any) -> None:
        """Answer ``GET path`` with ``body``."""
        self.routes[path] = lambda _q, _h: (200, body)


class SigningKey:
    """An RSA key with a ``kid``: signs JWTs; its public half as a JWK or a certificate."""

    def __init__(self, kid: str) -> None:
        self.kid = kid
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    @property
    def jwk(self) -> dict[str, Any]:
        """The public key as a JWK."""
        data: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {**data, "kid": self.kid, "use": "sig", "alg": "RS256"}

    def sign(self, claims: dict[str, Any], lifetime: int = 600) -> str:
        """A JWT of `claims` (``iat``/``exp`` added), RS256 with this key's ``kid``."""
        now = int(time.time())
        body = {"iat": now, "exp": now + lifetime, **claims}
        return jwt.encode(body, self.key, algorithm="RS256", headers={"kid": self.kid})

    def certificate_pem(self, subject: str = "test") -> str:
        """A self-signed X.509 certificate of the public key (PEM)."""
        import datetime

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.x509.oid import NameOID

        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .sign(self.key, hashes.SHA256())
        )
        return cert.public_bytes(serialization.Encoding.PEM).decode()

    def service_account_key(self, email: str) -> dict[str, Any]:
        """A GCP service-account key file's content for this key."""
        from cryptography.hazmat.primitives import serialization

        pem = self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        return {
            "type": "service_account",
            "project_id": "test-project",
            "private_key_id": self.kid,
            "private_key": pem,
            "client_email": email,
            "client_id": "1234567890",
            "token_uri": "https://oauth2.googleapis.com/token",
        }


# -- identities on a running server -------------------------------------------------------------


class Admin:
    """The bootstrap identity of a server (org and project admin), over real HTTP."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.boot: dict[str, Any] = server.bootstrap
        self.http = httpx.Client(base_url=server.url, timeout=30.0)
        resp = self.http.post(
            "/api/v1/auth/universal-auth/login",
            json={"clientId": self.boot["client_id"], "clientSecret": self.boot["client_secret"]},
        )
        assert resp.status_code == 200, resp.text
        self.http.headers["Authorization"] = f"Bearer {resp.json()['accessToken']}"

    def call(self, method: str, path: str, **kw: Any) -> dict[str, Any]:
        """A request that must succeed; its JSON body."""
        resp = self.http.request(method, path, **kw)
        assert resp.status_code == 200, f"{method} {path}: {resp.status_code} {resp.text}"
        body: dict[str, Any] = resp.json()
        return body

    def identity(self, method: str | None = None, settings: dict[str, Any] | None = None) -> str:
        """A new identity, viewer of the bootstrap project, with `method` attached."""
        made = self.call(
            "POST",
            "/api/v1/identities",
            json={
                "name": f"login-{os.urandom(4).hex()}",
                "organizationId": self.boot["organization_id"],
            },
        )
        identity_id: str = made["identity"]["id"]
        self.call(
            "POST",
            f"/api/v2/workspace/{self.boot['project_id']}/identity-memberships/{identity_id}",
            json={"role": "viewer"},
        )
        if method is not None:
            self.call(
                "POST", f"/api/v1/auth/{method}/identities/{identity_id}", json=settings or {}
            )
        return identity_id

    def secret(self, value: str) -> str:
        """A new secret in dev of the bootstrap project; its key."""
        key = f"LOGIN_{os.urandom(4).hex().upper()}"
        body = {"projectId": self.boot["project_id"], "environment": "dev", "secretValue": value}
        self.call("POST", f"/api/v4/secrets/{key}", json=body)
        return key

    def reads(self, token: str) -> int:
        """The status of listing dev's secrets with `token`."""
        params = {"projectId": self.boot["project_id"], "environment": "dev"}
        resp = httpx.get(
            f"{self.server.url}/api/v4/secrets",
            params=params,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30.0,
        )
        return resp.status_code

    def close(self) -> None:
        """Close the HTTP client."""
        self.http.close()
