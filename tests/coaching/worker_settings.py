"""Settings of the real celery worker started by test_digest_redis.py: the test
settings, pointed at the test database, a Redis broker and a mail folder."""

import os

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES

DATABASES["default"]["NAME"] = os.environ["IPS_WORKER_DB_NAME"]
CELERY_BROKER_URL = os.environ["IPS_WORKER_BROKER_URL"]
CELERY_RESULT_BACKEND = os.environ["IPS_WORKER_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["IPS_WORKER_MAIL_DIR"]
