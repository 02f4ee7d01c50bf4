"""Drop-in replacements for the Python clients Infisical users already have.

Change one import and keep your code; the calls then run on infisical-kit's `Client` (token
renewal and re-login, a read cache keyed on the whole request, retries with backoff):

* `infisical_kit.compat.infisicalsdk` - the official SDK ``infisicalsdk`` 1.0.x
  (``from infisical_sdk import InfisicalSDKClient``).
* `infisical_kit.compat.infisical_client` - the legacy ``infisical-python`` 2.x
  (``from infisical_client import InfisicalClient, ClientSettings, ...``).
* `infisical_kit.compat.infisical_httpx` - ``infisical-httpx-sdk`` 1.1
  (``from infisical import InfisicalClient, InfisicalAsyncClient``).

Each is a thin adapter over the public API of `infisical_kit.Client` / `AsyncClient`; see
docs/drop-in.md for what differs and why.
"""
