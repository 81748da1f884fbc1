"""Settings for the IPS tracker.

One env-driven module. The defaults are the embedded mode (SQLite, eager celery,
console email, offline geocoding); production sets the variables in .env.example.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The embedded default key is only for a laptop; production must set its own.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="embedded-insecure-key-change-me-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "ips",
    "employers",
    "jobseekers",
    "jobseekers.matching",
    "jobseekers.privacy",
    "coaching",
    "ips.fidelity",
    "importer",
    "reports",
    "ips.find",
    "cms",
    "api",
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_celery_beat",
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.middleware.PublicLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ips.middleware.IdleTimeoutMiddleware",
    "ips.middleware.StaffTwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ips.middleware.SuperuserOnlySectionsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ips.middleware.WorkspaceContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into a clear page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ips.urls"
WSGI_APPLICATION = "ips.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
    {
        # Plain-text emails (ips.mail): no HTML escaping, so "O'Brien & Sons" reads as typed.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# A kept connection the server dropped (restart, failover) is replaced before the request
# uses it, instead of costing that request a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every web and worker process when REDIS_URL is set (import
# progress, the sign-in-link and password-reset limits); `make run` keeps a local one.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ips",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# "en", not "en-us": unprefixed public URLs are English, Spanish ones start /es/
# (i18n_patterns in ips/urls.py matches the default language by this exact code).
LANGUAGE_CODE = "en"
# The public site and the seeker portal speak English or Spanish (issue 20, item 5):
# cms.middleware.PublicLanguageMiddleware takes a page's language from its URL (/es/...)
# and the portal's from the language cookie; the staff workspace stays English. The pages
# use Wagtail's own localisation: a Spanish page tree beside the English one
# (cms.services.ensure_site fills it), its URLs under /es/.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Español")]
FORMAT_MODULE_PATH = ["cms.formats"]  # US Spanish writes $15.50, not $15,50
TIME_ZONE = env.str("TIME_ZONE", default="America/Detroit")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: refuses sign-in while an account is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "ips.auth.RoleBackend",
]
LOGIN_URL = "/admin/login/"

# --- Sign-in protection ------------------------------------------------------
# Wrong passwords pause signing in for AXES_COOLOFF_HOURS, counted three ways (ips.signin):
# - one account from one address: AXES_FAILURE_LIMIT (5), the person at the keyboard;
# - one account from any address: AXES_ACCOUNT_FAILURE_LIMIT (20), guessing spread over
#   many addresses;
# - one address at any account: AXES_ADDRESS_FAILURE_LIMIT (20), one caller trying many.
# So that nobody can lock a colleague out at will: tries made while paused are not
# counted, so one address adds at most 5 to an account and pausing an account takes 4
# addresses; a paused person still gets in by the emailed sign-in link (portal) or by
# resetting the password (workspace; a reset lifts the account's pause).
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_HANDLER = "ips.signin.TieredLockoutHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ACCOUNT_FAILURE_LIMIT = env.int("AXES_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# The portal signs in by email: keep it out of the tries' logged form data, as the username.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "email"]
AXES_LOCKOUT_TEMPLATE = "ips/locked_out.html"
# The one definition of the caller's address (audit trail and lockout alike).
AXES_CLIENT_IP_CALLABLE = "ips.audit.client_ip"
# Workspace password resets: the same page either way, a limited number of emails.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "ips.signin.ThrottledPasswordResetForm"
# Signed out after this many idle minutes (shared office computers, library computers);
# background requests (Wagtail's editing-session ping, progress polling) do not count.
STAFF_IDLE_TIMEOUT_MINUTES = env.int("STAFF_IDLE_TIMEOUT_MINUTES", default=30)
PORTAL_IDLE_TIMEOUT_MINUTES = env.int("PORTAL_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="IPS Job Development")

# Content security policy for the public site and portal (django-csp); the workspace
# gets its own in ips.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="IPS Job Development")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No external avatars (the workspace CSP blocks gravatar.com; people's emails stay here)
# and no Wagtail release notes for staff (issue 17).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# The account page's time-zone choices: the zones US and UK programs work in (Wagtail
# otherwise lists every IANA name, some of which the browser rejects with a console error).
WAGTAIL_USER_TIME_ZONES = sorted(
    {
        TIME_ZONE,
        "America/New_York",
        "America/Detroit",
        "America/Chicago",
        "America/Denver",
        "America/Phoenix",
        "America/Los_Angeles",
        "America/Anchorage",
        "Pacific/Honolulu",
        "America/Puerto_Rico",
        "Europe/London",
    }
)
WAGTAILADMIN_COMMENTS_ENABLED = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Celery ----------------------------------------------------------------
# No broker configured = embedded mode: tasks run eagerly in the caller's process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Imported by a worker when it starts, never by web processes: the recommender's libraries.
CELERY_IMPORTS = ["jobseekers.matching.preload"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Every periodic job, declared once (times in TIME_ZONE). Beat's database scheduler writes
# these rows into django-celery-beat's tables when it starts; `manage.py setup_schedules`
# (run by `make beat`) writes them the same way beforehand. Keys are the rows' names.
CELERY_BEAT_SCHEDULE = {
    "Morning digest of what is due": {  # emails each opted-in staff member what is due
        "task": "coaching.send_morning_digests",
        "schedule": crontab(minute="30", hour="6"),
    },
    "locate_unlocated_seekers_task": {  # seekers given a ZIP since: located before the refresh
        "task": "jobseekers.matching.tasks.locate_unlocated_seekers_task",
        "schedule": crontab(minute="45", hour="1"),
    },
    "retrain_match_model_task": {  # learned weights, used only when they beat the defaults
        "task": "jobseekers.matching.tasks.retrain_match_model_task",
        "schedule": crontab(minute="0", hour="2"),
    },
    "refresh_all_matches_task": {  # every seeker's matches, whatever changed during the day
        "task": "jobseekers.matching.tasks.refresh_all_matches_task",
        "schedule": crontab(minute="30", hour="2"),
    },
    "Weekly email of new matches to job seekers": {  # Mondays 09:00
        "task": "cms.tasks.send_weekly_matches_task",
        "schedule": crontab(minute="0", hour="9", day_of_week="1"),
    },
}

# --- Email -----------------------------------------------------------------
# Any anymail provider: EMAIL_BACKEND=anymail.backends.<esp>.EmailBackend and
# ANYMAIL_* variables (see .env.example). Default: print to the console.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="IPS Job Development <noreply@localhost>"
)
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in env.ENVIRON.items()
    if key.startswith("ANYMAIL_")
}

# --- Geocoding -------------------------------------------------------------
# Off by default: offline ZIP centroids only. USE_NOMINATIM=true turns on geopy's
# Nominatim (rate-limited to one request a second by its usage policy).
USE_NOMINATIM = env.bool("USE_NOMINATIM", default=False)
NOMINATIM_USER_AGENT = env.str("NOMINATIM_USER_AGENT", default="ips-tracker")
NOMINATIM_DOMAIN = env.str("NOMINATIM_DOMAIN", default="nominatim.openstreetmap.org")

# --- Program defaults ----------------------------------------------------------
# US federal minimum wage; a program may set its own (a state's) on the Program row.
DEFAULT_MINIMUM_WAGE = env.str("DEFAULT_MINIMUM_WAGE", default="7.25")

# --- Production hardening ----------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Only behind your own proxy, which appends the caller's address to X-Forwarded-For: the
# audit trail and the sign-in lockout then use the last entry (the one the proxy wrote).
TRUST_X_FORWARDED_FOR = env.bool("TRUST_X_FORWARDED_FOR", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview shows pages in a same-origin iframe, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
