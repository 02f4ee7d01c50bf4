"""Django: load secrets into settings.py at import time with the sync `Client`.

Copy the block below into your ``settings.py``. Configuration comes from the ``INFISICAL_*``
variables (or a profile: ``Client.from_config("prod")``). The secrets are read once, when
Django imports its settings; a missing secret stops start-up with a clear error.
"""

from __future__ import annotations

import os

from infisical_kit import Client

with Client.from_env() as _client:
    _secrets = {s.key: s.value for s in _client.secrets.list()}

SECRET_KEY = _secrets["DJANGO_SECRET_KEY"]
DEBUG = _secrets.get("DJANGO_DEBUG", "false").lower() == "true"
ALLOWED_HOSTS = [h for h in _secrets.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": _secrets.get("DJANGO_DB_NAME", os.path.join(os.getcwd(), "db.sqlite3")),
    }
}

INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
USE_TZ = True

del _secrets  # keep the rest of the values out of django.conf.settings
