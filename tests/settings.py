"""Test settings: the embedded defaults, made fast. DATABASE_URL selects PostgreSQL."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)

from ips.settings import *  # noqa: F403
from ips.settings import BASE_DIR, DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file-based test database so --reuse-db keeps it between runs.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "test_ips")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = ""
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
USE_NOMINATIM = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
AXES_ENABLED = False  # the sign-in lockout tests turn it on themselves
# Each test process its own cache, whatever REDIS_URL says (tests/security/test_shared_cache.py
# checks the Redis one).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
