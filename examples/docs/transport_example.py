"""Transport options: timeouts, retries, TLS, proxy and the user agent.

Run by tests/docs/test_examples.py against the local server (plain HTTP on loopback).
"""

import httpx

from infisical_kit import Client

with Client.from_env(
    timeout=httpx.Timeout(10.0, connect=3.0),  # or a float: seconds for every phase
    retries=2,  # retries after the first attempt (0 disables)
    user_agent="billing-service/1.4",  # prepended to the SDK's own
    verify=True,  # or False (development only), or a CA bundle path
) as client:
    assert client.user_agent.startswith("billing-service/1.4 infisical-kit/")
    client.secrets.list()

print("transport example: ok")
