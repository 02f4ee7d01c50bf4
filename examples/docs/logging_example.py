"""Logging: ``echo=True`` logs headers and bodies at DEBUG with secrets redacted.

Run by tests/docs/test_examples.py against a fresh project on the local server.
"""

import io
import logging
import os

from infisical_kit import Client

log = io.StringIO()
handler = logging.StreamHandler(log)
logging.getLogger("infisical_kit").addHandler(handler)
logging.getLogger("infisical_kit").setLevel(logging.DEBUG)

with Client.from_env(echo=True) as client:
    client.secrets.create("SMTP_PASSWORD", "hunter2-but-longer")
    client.secrets.get("SMTP_PASSWORD")

text = log.getvalue()
assert "SMTP_PASSWORD" in text  # names are logged
assert "hunter2-but-longer" not in text  # values are not
assert os.environ["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] not in text  # nor credentials
assert "[redacted]" in text
print(f"logging example: ok ({len(text.splitlines())} log lines)")
