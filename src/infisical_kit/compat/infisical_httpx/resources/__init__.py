"""The resources of ``infisical-httpx-sdk`` (``infisical.resources``)."""
