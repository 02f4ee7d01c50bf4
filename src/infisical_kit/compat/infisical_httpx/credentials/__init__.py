"""Credentials and providers of ``infisical-httpx-sdk`` (``infisical.credentials``)."""
