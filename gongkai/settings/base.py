"""Settings: everything comes from the environment; SQLite is the zero-set-up default."""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("GONGKAI_DEBUG", True)
_secret = os.environ.get("GONGKAI_SECRET_KEY")
if not _secret:
    if not DEBUG:
        raise RuntimeError("GONGKAI_SECRET_KEY must be set when GONGKAI_DEBUG is off")
    # Development only: a per-checkout key kept outside version control.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        key_file.write_text(get_random_secret_key())
    _secret = key_file.read_text().strip()
SECRET_KEY = _secret
ALLOWED_HOSTS = [h for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.core",
    "gongkai.ops",  # page-cache generation, scheduler, backup/restore
    "gongkai.notifications",  # e-mail/SMS outbox
    "gongkai.organisations",
    "gongkai.wording",  # wording check: outdated names, leaders, forbidden terms, typos, format (issue 23)
    "gongkai.workdays",
    "gongkai.proofing",  # wording findings of drafts in the workflow (issue 23 item 2)
    "gongkai.catalog",
    "gongkai.portal",
    "gongkai.api",
    # django-ninja's own static files: /api/docs loads swagger-ui from the app, not from a CDN.
    "ninja",
    "gongkai.foi",
    "gongkai.records",
    "gongkai.decisions",  # 双公示: licensing and penalty decisions published within 7 working days
    "gongkai.reports",
    "gongkai.engagement",
    "gongkai.links",  # links and attachments in published content (issue 23 item 3)
    "gongkai.outreach",  # press conferences, signed articles, open days (issue 24 item 9)
    "gongkai.newmedia",  # 政务新媒体 accounts: register, approval level by level, update monitoring (issue 24)
    "gongkai.oversight",
    "gongkai.siteimport",  # importing an existing site's published pages (issue 22)
    "gongkai.demo",  # manage.py load_demo: the whole demo, one place that may import every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.core.middleware.ChosenLanguageMiddleware",
    # Cached anonymous public pages are answered here, once the language is known and before the
    # per-request work below (CSRF, authentication, messages...) that such a page does not need; a
    # stored page keeps the headers the inner middleware gave it (gongkai.ops.cache).
    "gongkai.ops.cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Chinese error pages even with DEBUG on (gongkai.portal.middleware).
    "gongkai.portal.middleware.ErrorPagesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}",
        conn_max_age=int(os.environ.get("GONGKAI_DB_CONN_MAX_AGE", "0")),
        # A persistent connection is checked before its first use in each request: after a database
        # restart or failover the worker reconnects instead of answering 500 (docs/security.md).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL keeps readers and the single writer out of each other's way.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

AUTH_USER_MODEL = "organisations.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

SESSION_ENGINE = "gongkai.core.sessions"  # database sessions, saved in one statement (core/sessions.py)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# A form whose CSRF token expired gets a Chinese page in the site's layout, not Django's English one.
CSRF_FAILURE_VIEW = "gongkai.portal.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Development only: where the seed documents are, for tests and for regenerating the shipped
# catalog data (manage.py build_standard_catalog_data). Nothing reads it at run time.
SEEDS_DIR = Path(os.environ.get("GONGKAI_SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))
SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "应急管理政务公开平台")
# The footer's site identification (政府网站发展指引): each shown only when set for this deployment.
SITE_SPONSOR = os.environ.get("GONGKAI_SITE_SPONSOR", "")  # 主办单位
SITE_CODE = os.environ.get("GONGKAI_SITE_CODE", "")  # 网站标识码
SITE_ICP = os.environ.get("GONGKAI_SITE_ICP", "")  # ICP备案号
SITE_ERROR_REPORT_URL = os.environ.get("GONGKAI_SITE_ERROR_REPORT_URL", "")  # 政府网站找错 (national platform link)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING")},
}

# --- Production: caches, e-mail, SMS, storage, scheduler (docs/deployment.md) -------------------
# Public pages are cached whole for anonymous visitors (gongkai/ops/cache.py). The generation
# that invalidates them lives in the database, so each process may keep its own local cache
# (the embedded default) or all share Redis (GONGKAI_REDIS_URL, production with several servers).
_REDIS_URL = os.environ.get("GONGKAI_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL,
         "KEY_PREFIX": os.environ.get("GONGKAI_CACHE_PREFIX", "gongkai"),
         # A Redis that is down or unreachable must cost speed, not answers: give up quickly.
         "OPTIONS": {"socket_connect_timeout": float(os.environ.get("GONGKAI_REDIS_TIMEOUT", "0.5")),
                     "socket_timeout": float(os.environ.get("GONGKAI_REDIS_TIMEOUT", "0.5"))}}
        if _REDIS_URL else
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gongkai",
         "OPTIONS": {"MAX_ENTRIES": 500}}  # per worker; pages are 5–100 KB
    ),
}
GONGKAI_PAGE_CACHE = env_bool("GONGKAI_PAGE_CACHE", True)
GONGKAI_PAGE_CACHE_ALIAS = "default"
GONGKAI_PAGE_CACHE_SECONDS = int(os.environ.get("GONGKAI_PAGE_CACHE_SECONDS", "3600"))
# URL names of the anonymous public pages served from the cache.
GONGKAI_PAGE_CACHE_VIEWS = {
    "portal:home", "portal:organisation", "portal:catalog", "portal:catalog_item",
    "records:browse", "records:record", "records:search", "records:interpretation",
    "records:feed_rss", "records:feed_atom",
    "reports:list", "reports:report",
    # The 政府信息公开 column of each organisation (gongkai.portal.column)
    "portal:column_choose", "portal:column_guide", "portal:column_rules", "portal:column_statutory",
    "portal:column_reports", "portal:column_apply",
    # 办事一本通, compiled from the catalog, records and guide on each miss (gongkai.portal.servicebook)
    "portal:servicebook",
    # Public participation pages without a form (gongkai.engagement; forms are on their own pages)
    "engagement:home", "engagement:catalogs", "engagement:catalog", "engagement:messages", "engagement:message",
    "engagement:meeting",
    # 依申请公开: the landing page and the deadline calculator (the forms with tokens are on their own pages)
    "foi:home", "foi:deadline",
    # 双公示: published licensing and penalty decisions (gongkai.decisions)
    "decisions:list", "decisions:detail",
    # Press conferences and open days (gongkai.outreach; the sign-up form is on its own page)
    "outreach:home", "outreach:conference", "outreach:open_day",
    # An organisation's registered 政务新媒体 accounts (gongkai.newmedia)
    "newmedia:organisation",
}
# Cookies that change how a public page looks (besides the language, applied per request): the
# care (elder) mode "gk_care"; every other cookie named "gk_…" varies the page too.
GONGKAI_PAGE_CACHE_VARY_COOKIES = ["gk_care"]
# Any save or delete of these models gives public pages a new generation (in the same transaction).
GONGKAI_PAGE_CACHE_MODELS = [
    "organisations.Organisation",
    "catalog.Catalog", "catalog.CatalogVersion", "catalog.CatalogItem",
    "records.Record", "records.Attachment", "records.Interpretation",
    "reports.AnnualReport",
    "decisions.Decision",
    "portal.DisclosureGuide", "portal.DemoSite",
    # Not a model: touched by engagement's services when what its public pages show changes
    # (gongkai.engagement.services._common.PUBLIC_PAGES).
    "engagement.PublicPages",
    # What the outreach pages show (sign-ups are not listed: a sign-up changes no cached page).
    "outreach.PressConference", "outreach.SignedArticle", "outreach.OpenDay",
    "newmedia.Account",
]

# E-mail: SMTP when GONGKAI_EMAIL_HOST is set, else one file per message in var/mail/.
if os.environ.get("GONGKAI_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["GONGKAI_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_TLS", False)
    EMAIL_USE_SSL = env_bool("GONGKAI_EMAIL_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "noreply@localhost")
# SMS: a dotted path to a gongkai.notifications.sms.BaseSmsBackend subclass; off by default.
GONGKAI_SMS_BACKEND = os.environ.get("GONGKAI_SMS_BACKEND", "gongkai.notifications.sms.NullBackend")
# The public address of the site, for links in e-mails (e.g. https://gk.example.gov.cn).
GONGKAI_SITE_URL = os.environ.get("GONGKAI_SITE_URL", "")

# Uploaded files: local disk by default; any Django storage backend by dotted path, e.g.
# GONGKAI_MEDIA_STORAGE=storages.backends.s3.S3Storage with the GONGKAI_S3_* variables.
if os.environ.get("GONGKAI_MEDIA_STORAGE"):
    STORAGES["default"] = {"BACKEND": os.environ["GONGKAI_MEDIA_STORAGE"], "OPTIONS": {
        k: v for k, v in {
            "bucket_name": os.environ.get("GONGKAI_S3_BUCKET"),
            "endpoint_url": os.environ.get("GONGKAI_S3_ENDPOINT_URL"),
            "access_key": os.environ.get("GONGKAI_S3_ACCESS_KEY"),
            "secret_key": os.environ.get("GONGKAI_S3_SECRET_KEY"),
            "region_name": os.environ.get("GONGKAI_S3_REGION"),
        }.items() if v
    }}

# Scheduled management commands besides the built-in jobs: name → "HH:MM" (daily) or "every N"
# (minutes); from the environment as e.g. GONGKAI_SCHEDULED_COMMANDS="backup=02:30,my_sweep=every 15".
GONGKAI_SCHEDULED_COMMANDS: dict[str, str] = {
    "escalate_opinions": "every 5",  # engagement: opinion events past their hour deadline go up a level
    **dict(item.split("=", 1) for item in os.environ.get("GONGKAI_SCHEDULED_COMMANDS", "").split(",") if "=" in item),
}
# Oversight figures and scores (gongkai/oversight/evaluation.py): organisations changed by a workflow
# transition every 5 minutes; every organisation once a night (deadlines passing, imports).
GONGKAI_SCHEDULED_COMMANDS.update({"oversight_refresh_changed": "every 5 minutes", "oversight_refresh": "01:30"})
# Links in published content (gongkai/links): rescan pages and check due external links every hour;
# the site inspection (gongkai/oversight/inspection) of every organisation once a night.
GONGKAI_SCHEDULED_COMMANDS.update({"check_links": "every 60 minutes", "site_inspection": "02:30"})
# 双公示 decisions whose publicity period (公示截止日期) has passed leave the site each night (gongkai/decisions).
GONGKAI_SCHEDULED_COMMANDS.update({"decisions_expire": "00:20"})

# --- Link checking (gongkai/links/fetch.py) ---------------------------------------------------
# External links are fetched only when GONGKAI_LINKS_EXTERNAL=1: intranet deployments have no route out.
# Private, loopback and link-local addresses are never fetched unless GONGKAI_LINKS_ALLOW names the
# host or network (an intranet portal); GONGKAI_LINKS_DENY hosts/networks are never fetched.
GONGKAI_LINKS_EXTERNAL = os.environ.get("GONGKAI_LINKS_EXTERNAL", "0") == "1"
GONGKAI_LINKS_ALLOW = [h for h in os.environ.get("GONGKAI_LINKS_ALLOW", "").split(",") if h.strip()]
GONGKAI_LINKS_DENY = [h for h in os.environ.get("GONGKAI_LINKS_DENY", "").split(",") if h.strip()]
GONGKAI_LINKS_SITE_HOSTS = [h for h in os.environ.get("GONGKAI_LINKS_SITE_HOSTS", "").split(",") if h.strip()]
GONGKAI_LINKS_TIMEOUT = float(os.environ.get("GONGKAI_LINKS_TIMEOUT", "10"))
GONGKAI_LINKS_PER_RUN = int(os.environ.get("GONGKAI_LINKS_PER_RUN", "200"))  # distinct addresses per run
GONGKAI_LINKS_HOST_INTERVAL = float(os.environ.get("GONGKAI_LINKS_HOST_INTERVAL", "2"))  # seconds, same host
GONGKAI_LINKS_MIN_INTERVAL = float(os.environ.get("GONGKAI_LINKS_MIN_INTERVAL", "0.2"))  # seconds, any two
GONGKAI_LINKS_RECHECK_HOURS = float(os.environ.get("GONGKAI_LINKS_RECHECK_HOURS", "24"))
# 政务新媒体 feeds (gongkai.newmedia.feeds): read hourly, only from hosts the administrator lists (none by
# default: no outbound request at all). GONGKAI_NEWMEDIA_FEED_ALLOW_PRIVATE=true for an intranet mirror.
GONGKAI_SCHEDULED_COMMANDS.setdefault("newmedia_read_feeds", "every 60 minutes")
GONGKAI_NEWMEDIA_FEED_HOSTS = os.environ.get("GONGKAI_NEWMEDIA_FEED_HOSTS", "")
GONGKAI_NEWMEDIA_FEED_ALLOW_PRIVATE = env_bool("GONGKAI_NEWMEDIA_FEED_ALLOW_PRIVATE", False)
# Days without an update after which an account is stale (国办秘函〔2019〕19号: 2周), and the warning before it.
GONGKAI_NEWMEDIA_STALE_DAYS = int(os.environ.get("GONGKAI_NEWMEDIA_STALE_DAYS", "14"))
GONGKAI_NEWMEDIA_WARN_DAYS = int(os.environ.get("GONGKAI_NEWMEDIA_WARN_DAYS", "10"))

# --- Security (docs/security.md): client address, limits, login throttling, HTTPS, CSP ----------
# Reverse proxies in front of the application (gongkai.core.clients). X-Forwarded-For is read only
# on requests whose socket address is one of GONGKAI_TRUSTED_PROXY_IPS (addresses or CIDR networks,
# comma-separated); everything else is identified by its socket address. GONGKAI_TRUSTED_PROXIES
# above 0 without addresses trusts only a proxy on this machine (loopback). Rate limits and login
# throttling key on the address this gives.
GONGKAI_TRUSTED_PROXIES = int(os.environ.get("GONGKAI_TRUSTED_PROXIES", "0") or 0)
GONGKAI_TRUSTED_PROXY_IPS = os.environ.get("GONGKAI_TRUSTED_PROXY_IPS", "")
GONGKAI_CLIENT_IP_HEADER = os.environ.get("GONGKAI_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
if GONGKAI_TRUSTED_PROXIES or GONGKAI_TRUSTED_PROXY_IPS:
    # The proxy terminates TLS and says so; without this an HTTPS redirect would loop.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # ...but only when one of those proxies sent it (gongkai.core.clients).
    MIDDLEWARE.insert(0, "gongkai.core.clients.UntrustedForwardingMiddleware")
# Rate-limit counters shared by every worker, in a database table (no Redis needed); created by
# `migrate` (core migration 0004) and by `manage.py createcachetable`.
CACHES = {**globals().get("CACHES", {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}),
          "ratelimit": {"BACKEND": "gongkai.core.cache.AtomicDatabaseCache", "LOCATION": "gongkai_ratelimit"},
          # The blank public forms' fields, rendered once per process and language ({% cache … using="fragments" %}
          # in foi/new.html and engagement/message_new.html): they are the same for every visitor, and
          # rendering their widgets was 40 % of a submission's CPU (issue 25, bench_write_path.py). Per
          # process, so a deployment (a restart) never serves the previous release's fields.
          "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gongkai-fragments"}}
RATELIMIT_USE_CACHE = "ratelimit"
# Request bodies: enforced while the body is read, answered 413/400 in Chinese (core.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields and JSON bodies, without files: 2.5 MB
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file while streaming
GONGKAI_MAX_UPLOAD_BYTES = int(os.environ.get("GONGKAI_MAX_UPLOAD_BYTES", str(25 * 1024 * 1024)))  # whole upload
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_HANDLERS = [
    "gongkai.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Login throttling (docs/security.md, "Failed logins"; gongkai.core.lockout). django-axes: 5 failures
# lock the pair (account, client address) and, separately, an address failing on many accounts, for
# 30 minutes, the site's login and /admin/ alike — never the account alone, so the owner elsewhere
# still gets in. `manage.py axes_reset_username <login>`, `axes_reset_ip <address>`, `axes_reset`
# or the admin's "访问尝试" list unlock early. Beside it, a growing per-account delay (at most
# GONGKAI_LOGIN_DELAY_MAX seconds) slows a guess spread over many addresses, and the organisation's
# administrators get one e-mail per window when an account sees GONGKAI_LOGIN_ALERT_FAILURES failures.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "gongkai.core.lockout.DelayedModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("GONGKAI_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "gongkai.core.clients.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "gongkai.core.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "gongkai.core.lockout.axes_username"
GONGKAI_LOGIN_WINDOW_SECONDS = int(os.environ.get("GONGKAI_LOGIN_WINDOW_SECONDS", "900"))
GONGKAI_LOGIN_DELAY_FREE = int(os.environ.get("GONGKAI_LOGIN_DELAY_FREE", "3"))  # failures before any delay
GONGKAI_LOGIN_DELAY_BASE = float(os.environ.get("GONGKAI_LOGIN_DELAY_BASE", "0.25"))  # seconds, doubling
GONGKAI_LOGIN_DELAY_MAX = float(os.environ.get("GONGKAI_LOGIN_DELAY_MAX", "3"))  # never longer
GONGKAI_LOGIN_ALERT_FAILURES = int(os.environ.get("GONGKAI_LOGIN_ALERT_FAILURES", "10"))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Content-Security-Policy (django-csp): scripts only from the site's own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # style="…" attributes; no script can run from them
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
# One validation layer before sessions, CSRF and views read the request (gongkai.core.middleware).
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"),
                  "gongkai.core.middleware.RequestSanityMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
                  "gongkai.core.idempotency.IdempotencyMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("gongkai.core.middleware.RequestSanityMiddleware"),
                  "gongkai.core.middleware.PrivatePagesMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires
INSTALLED_APPS += ["csp"]
# HTTPS (GONGKAI_HTTPS=true in production, set by gongkai.settings.production): secure cookies,
# redirect to HTTPS, HSTS.
GONGKAI_HTTPS = env_bool("GONGKAI_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = GONGKAI_HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", "31536000")) if GONGKAI_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GONGKAI_HTTPS
# Preloading into browsers cannot be undone quickly: only on request (GONGKAI_HSTS_PRELOAD=true).
SECURE_HSTS_PRELOAD = GONGKAI_HTTPS and env_bool("GONGKAI_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
