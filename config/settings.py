"""Settings for the 放心消费示范单位 certification system.

Everything that differs between a laptop and production comes from the environment; with no
environment at all the site runs in debug mode on a SQLite file in the project folder.

    DEBUG              "1" for development (default), "0" in production
    SECRET_KEY         required when DEBUG is off
    DATABASE_URL       e.g. postgres://user@127.0.0.1:5432/fangxin (default: sqlite file db.sqlite3)
    ALLOWED_HOSTS      comma-separated host names
    SITE_URL           absolute base URL used in e-mails and certificate QR codes
    REDIS_URL          cache (and rate-limit counters) in production, e.g. redis://127.0.0.1:6379/1
    CACHE_KEY_PREFIX   prefix of every cache key (sites sharing one Redis database; default none)
    STATIC_ROOT        where collectstatic writes (default staticfiles/ in the project folder)
    TRUSTED_PROXY_COUNT  reverse proxies in front of the site (nginx alone: 1; default 0)
    EMAIL_BACKEND      how the outbox worker delivers: console (default without EMAIL_HOST), smtp (default
                       with it), locmem, dummy, or a dotted path
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL,
    EMAIL_TIMEOUT, DEFAULT_FROM_EMAIL
                       SMTP
    EMAIL_MAX_RETRIES, EMAIL_RETRY_SECONDS, EMAIL_RETRY_MAX_SECONDS
                       how often and how far apart the worker retries a message that failed
    SITE_OFFICE_NAME, SITE_OFFICE_ADDRESS, SITE_OFFICE_PHONE
                       the organising bureau shown in every page's footer (address and phone hidden when empty)
    SITE_CODE, SITE_ICP, SITE_POLICE_RECORD
                       网站标识码, ICP 备案号 and 公安备案号 for the footer (each hidden when empty, as in the demo)
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-4f1c9a7e2b"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "certification.views.errors.csrf_failure"  # a Chinese page, not Django's English one
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "certification",
    "cms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",  # the programme's settings (certification.models.programme), city bureau only
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
    "django_fsm",
    "allauth",
    "allauth.account",
    "axes",
    "django_filters",
    "post_office",
    "csp",
    "ninja",  # the verification API (/api/v1/): its Swagger UI files are served from our static files
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "config.middleware.HealthCheckMiddleware",  # /healthz: before host checks and the HTTPS redirect
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    # anonymous visitors with no session get the cached public pages here (certification/public_cache.py)
    "certification.public_cache.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ContentLanguageMiddleware",  # zh-hans for everyone, in place of LocaleMiddleware
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "certification.accounts.AdminGateMiddleware",  # /admin/ only for those with access; others go home
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    # turns django-ratelimit's Ratelimited (block=True) into RATELIMIT_VIEW's Chinese 429 page
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "certification.context_processors.roles",
                "certification.context_processors.site_office",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection is checked before each request uses it: after the database restarts, the
        # next request reconnects instead of failing (no gunicorn restart).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # While the database is unreachable, requests answer 503 quickly instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several people (and the test threads) write at once; wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("TEST", {})
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"]["NAME"] = os.environ["TEST_DATABASE_NAME"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Every page is Chinese whatever the browser asks for (no LocaleMiddleware: Accept-Language is ignored),
# the Wagtail admin included (its profile offers no other language).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]  # one choice: the profile asks nothing in English
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Applicants' evidence and generated certificates: never under MEDIA_ROOT, only served by views
# that check who is asking.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
UPLOAD_MAX_BYTES = 10 * 1024 * 1024

# Complaints (投诉) about named units: deadlines in working days (weekends skipped) from the day received,
# and how many substantiated complaints within twelve months a unit may have before a review opens.
# Only the starting values of a fresh database: the city bureau edits them in the Wagtail admin
# (设置 › 创建工作设置, certification.models.programme.ProgrammeSettings), and the stored values decide.
COMPLAINT_CONTACT_WORKING_DAYS = int(os.environ.get("COMPLAINT_CONTACT_WORKING_DAYS", "1"))
COMPLAINT_CLOSE_WORKING_DAYS = int(os.environ.get("COMPLAINT_CLOSE_WORKING_DAYS", "10"))
COMPLAINT_REVIEW_THRESHOLD = int(os.environ.get("COMPLAINT_REVIEW_THRESHOLD", "3"))
COMPLAINT_RATELIMIT = "5/h"  # complaints sent from one address
COMPLAINT_TRACK_RATELIMIT = "30/h"  # tracking look-ups from one address (the secret is short)
# look-ups of one tracking number from all addresses together: the query code has 8^6 values, so guessing
# it from many addresses stops here while its owner, who knows it, needs one or two tries
COMPLAINT_TRACK_NUMBER_RATELIMIT = "10/h"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Django's Redis backend, keeping its client objects (config/cache.py says why)
    CACHES = {"default": {"BACKEND": "config.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fangxin"}}
# Several sites (or a benchmark beside the site) sharing one Redis database keep apart by a prefix.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "")
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))

# E-mail goes through an outbox (django-post-office): sending a message writes a row in the same
# transaction as the change that caused it, and `manage.py mail_worker` delivers the rows with the
# backend named by EMAIL_BACKEND, retrying failures with a doubling delay. No request waits on the mail
# server, and a message is never lost while the server is down.
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
EMAIL_DELIVERY = os.environ.get("EMAIL_BACKEND") or ("smtp" if os.environ.get("EMAIL_HOST") else "console")
EMAIL_BACKEND = "post_office.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_BACKENDS.get(EMAIL_DELIVERY, EMAIL_DELIVERY)},
    "DEFAULT_PRIORITY": "medium",  # queued, never sent inside the request
    # Retried after 1, 2, 4 … minutes, at most EMAIL_RETRY_MAX_SECONDS apart: 12 tries span about 7 hours.
    "MAX_RETRIES": int(os.environ.get("EMAIL_MAX_RETRIES", "12")),
    "RETRY_INTERVAL": datetime.timedelta(seconds=int(os.environ.get("EMAIL_RETRY_SECONDS", "60"))),
    "MESSAGE_ID_ENABLED": True,
    "LOG_LEVEL": 1,  # keep a log row for each failure
}
EMAIL_RETRY_MAX = datetime.timedelta(seconds=int(os.environ.get("EMAIL_RETRY_MAX_SECONDS", "3600")))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "商洛市放心消费创建 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts (django-allauth): e-mail is the identity, and it must be confirmed.
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "【商洛放心消费】"
ACCOUNT_FORMS = {"login": "certification.forms_accounts.LoginForm"}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"

# Failed logins are throttled per user name and address (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "certification.auth.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"

RATELIMIT_VIEW = "certification.views.errors.ratelimited"

# The verification API (/api/v1/): use without a key (single lookups and the list) per client address;
# a key's own rate is set when the city bureau issues it.
API_ANON_RATELIMIT = os.environ.get("API_ANON_RATELIMIT", "20/m")
# Its status-change notices (webhooks, `manage.py webhook_worker`): retried 1, 2, 4 … minutes apart, at
# most an hour apart, for a day; each try times out after WEBHOOK_TIMEOUT seconds. Private, loopback and
# link-local receivers are refused unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES (tests with a local receiver).
WEBHOOK_RETRY_INTERVAL = datetime.timedelta(seconds=int(os.environ.get("WEBHOOK_RETRY_SECONDS", "60")))
WEBHOOK_RETRY_MAX = datetime.timedelta(seconds=int(os.environ.get("WEBHOOK_RETRY_MAX_SECONDS", "3600")))
WEBHOOK_RETRY_FOR = datetime.timedelta(hours=int(os.environ.get("WEBHOOK_RETRY_HOURS", "24")))
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "10"))
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)

# The client's address behind reverse proxies: how many proxies stand in front of the site, each adding
# the address it received the request from to X-Forwarded-For (nginx alone: 1). 0 reads REMOTE_ADDR only.
# Rate limits, login lockouts and allauth's limits all key on certification.http.client_ip.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
except ValueError:
    TRUSTED_PROXY_COUNT = -1
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be a whole number of proxies (0, 1, 2 …)")
if os.environ.get("RATELIMIT_IP_META_KEY"):
    raise ImproperlyConfigured("RATELIMIT_IP_META_KEY is replaced by TRUSTED_PROXY_COUNT (see the README)")
RATELIMIT_IP_META_KEY = "certification.http.client_ip"
AXES_CLIENT_IP_CALLABLE = "certification.http.client_ip"
ACCOUNT_ADAPTER = "certification.accounts.AccountAdapter"  # client address; each role lands home

WAGTAIL_SITE_NAME = "商洛市放心消费示范单位"

# The footer of every page (government-site basics): who runs the site and how to reach them.
SITE_OFFICE = {
    "name": os.environ.get("SITE_OFFICE_NAME", "商洛市市场监督管理局"),
    "address": os.environ.get("SITE_OFFICE_ADDRESS", ""),
    "phone": os.environ.get("SITE_OFFICE_PHONE", ""),
    "site_code": os.environ.get("SITE_CODE", ""),
    "icp": os.environ.get("SITE_ICP", ""),
    "police_record": os.environ.get("SITE_POLICE_RECORD", ""),
}
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_I18N_ENABLED = False

# Content-Security-Policy (django-csp): every page loads scripts, styles, images and fonts from this site
# only, with no inline script or style (templates use static/js/confirm.js, select-all.js and CSS classes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],  # Wagtail's preview frames our own pages
    }
}
# The Wagtail admin writes inline <script> for its date/time widgets and inline panels, and inline styles,
# none of which can carry a nonce; it still loads nothing from another host.
ADMIN_CSP_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    }
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from gravatar.com: outside requests, blocked in China

SESSION_COOKIE_HTTPONLY = True
# Wagtail's page preview shows the page in an iframe of the admin, so frames of our own origin are
# allowed (SAMEORIGIN); every other origin is refused. Django's deploy check would ask for DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # django-post-office would otherwise add its own handler and print every round at INFO, twice.
    "loggers": {"post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}
