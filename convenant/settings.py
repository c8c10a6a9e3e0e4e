"""Settings for the Veiligheid op scholen application, read from the environment.

Safe by default: DEBUG is off unless asked for, and production refuses to start without a
SECRET_KEY. Without DATABASE_URL the application uses a SQLite file so that `make run` needs no
server; without CELERY_BROKER_URL/REDIS_URL tasks run in-process.
"""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from convenant.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# pytest (8.2+) sets PYTEST_VERSION for the whole session; the tests need a key but no secrets.
TESTING = "PYTEST_VERSION" in os.environ
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt: zet SECRET_KEY in de omgeving (of DEBUG=1 voor ontwikkeling)."
        )
    SECRET_KEY = "alleen-voor-ontwikkeling-niet-in-productie-gebruiken"
elif len(SECRET_KEY) < 50 and not (DEBUG or TESTING):
    # Sessions, password reset links and calendar feeds rest on it (Django's deploy check
    # asks for 50 characters too); the value itself is never repeated in the message.
    raise ImproperlyConfigured(
        f"SECRET_KEY is te kort ({len(SECRET_KEY)} tekens, minimaal 50): maak er een met "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG or TESTING:
    ALLOWED_HOSTS += ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "convenant.apps.BeheerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "django_filters",
    "crispy_bootstrap5",
    "simple_history",
    "convenant.apps.InlogbeveiligingConfig",  # django-axes, named in Dutch
    "csp",
    # Two-factor login (BIO): authenticator apps (TOTP) and backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "partijen",
    "convenant",
    "overleggen",
    "meldingen",
    "evaluatie",
    "berichten",
    # The shell: navigation, home page, demo, loading every app's data (convenant/site/).
    "convenant.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "convenant.middleware.TaalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pages for a logged-in person carry Cache-Control: no-store (personal data).
    "convenant.middleware.GeenKopieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # No page but the login steps until the session passed the code step (convenant/tweefactor.py).
    "convenant.tweefactor.TweefactorMiddleware",
    # After the term ended without an extension, the covenant's records are read-only.
    "convenant.site.alleen_lezen.AlleenLezenMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # An unreachable database gives a Dutch 503 page instead of a bare 500.
    "convenant.middleware.DatabaseStoringMiddleware",
    # Axes must come last: it answers a locked-out login before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "convenant.urls"
WSGI_APPLICATION = "convenant.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "convenant.site.alleen_lezen.context",
                "convenant.site.navigation.navigation",
                "berichten.context.bel",
            ],
        },
    },
]

# Database: SQLite by default so a fresh checkout runs without a server.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's planner assumes a random read costs four sequential ones (spinning disks);
    # on the SSDs and in the memory a database of this size lives in it is about one, as its
    # documentation advises for SSDs. With 4, a police contact's list joined every police
    # report of the city (a hash join over a full scan) instead of reading its own through
    # the index (issue 15: 165 ms at scale 10, growing with the city).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={env_str('PG_RANDOM_PAGE_COST', '1.1')}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partijen.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Real hashing costs ~0.3 s per user; the suite creates hundreds of them.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (BIO): five failures lock that username from that address for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True

# Two-factor login: the name authenticator apps show; a reset link in an e-mail works one hour.
OTP_TOTP_ISSUER = "Veiligheid op scholen Almere"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60)

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Uploaded attachments hold personal data: they live outside the static files and no URL
# serves this folder; only views that apply the visibility rules hand files out.
MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "prive-bestanden")))
BIJLAGE_MAX_BYTES = env_int("BIJLAGE_MAX_MB", 5) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

STATIC_URL = "static/"
# collectstatic writes here (the Dockerfile at build time); a test collects into a folder of its own.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development and tests whitenoise serves straight from the app and project static folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Redis, when configured, backs the cache and Celery; without it everything stays in-process.
# While Redis is down the cache answers as empty (convenant/cache.py): every page keeps working.
# Sessions and login throttling live in the database, so logging in never needs Redis.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "convenant.cache.VeerkrachtigeRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs costs a request at most a second, then a pause (see cache.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
# No broker: run tasks eagerly so `make run` works with no other service.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# The hourly scan is handed to the workers in parts of this many users (berichten.tasks.scan).
BERICHTEN_SCAN_PER_TAAK = env_int("BERICHTEN_SCAN_PER_TAAK", 200)
CELERY_TASK_EAGER_PROPAGATES = True
# Without a broker no beat scans either: a user's messages are then written when they open the
# home page or the notification centre (berichten), so `make run` shows them with SQLite alone.
# The tests turn it on where they test it.
BERICHTEN_SCAN_BIJ_OPENEN = env_bool(
    "BERICHTEN_SCAN_BIJ_OPENEN", CELERY_TASK_ALWAYS_EAGER and not TESTING
)
# A task is acknowledged after it ran, so a worker that dies mid-task does not lose it; tasks
# are therefore written to be idempotent.
CELERY_TASK_ACKS_LATE = True
# Nothing reads a task's result: without this, handing a task over subscribes to the result in
# Redis, which while Redis is down retries for some 20 seconds and holds the page (issue 15,
# make loadtest). The tests that wait for a result ask for it (apply_async(ignore_result=False)).
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# The tests' tasks go to a queue of their own per test process: a worker started by one test
# process must never take a task meant for another process's database.
if TESTING:
    CELERY_TASK_DEFAULT_QUEUE = (
        f"tests-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"
    )
# A broker that cannot be reached is given up on quickly: the rows wait in PostgreSQL for the
# next scan (berichten.wachtrij), a page never waits on Redis.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULE = {
    # Issue 14: every hour what has become due is written as messages and what goes out at once
    # is sent; the digests every morning at 07:00 and on Monday at 07:00.
    "berichten-scan": {
        "task": "berichten.tasks.scan",
        "schedule": crontab(minute=5),
    },
    # What waits to go out at once is handed on every 5 minutes: after a broker outage (or a
    # worker that died) an urgent message waits minutes, not until the next hourly scan.
    "berichten-wachtend": {
        "task": "berichten.tasks.wachtend",
        "schedule": crontab(minute="*/5"),
    },
    "berichten-dagelijks": {
        "task": "berichten.tasks.verstuur_overzichten",
        "schedule": crontab(hour=7, minute=0),
        "args": ("dagelijks",),
    },
    "berichten-wekelijks": {
        "task": "berichten.tasks.verstuur_overzichten",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
        "args": ("wekelijks",),
    },
    # AVG: personal data of people involved is anonymised after the retention period.
    "anonimiseer-verlopen-meldingen": {
        "task": "meldingen.tasks.anonimiseer_verlopen",
        "schedule": crontab(hour=3, minute=15),
    },
    # Art. 11.1: the yearly evaluation round opens on its day (a missed day is caught up); who
    # has not answered hears of it through the messages (berichten, evaluatie.te_doen).
    "open-jaarronde-evaluatie": {
        "task": "evaluatie.tasks.open_jaarronde",
        "schedule": crontab(hour=6, minute=30),
    },
    # BIO 5.18: accounts unused for ONGEBRUIKT_DEACTIVEREN_DAGEN are deactivated nightly.
    "deactiveer-ongebruikte-accounts": {
        "task": "partijen.tasks.deactiveer_ongebruikt",
        "schedule": crontab(hour=3, minute=45),
    },
}
ONGEBRUIKT_DEACTIVEREN_DAGEN = env_int("ONGEBRUIKT_DEACTIVEREN_DAGEN", 180)
# Art. 7.2, 11.1: the yearly evaluation round (of the year before) opens on this day of the year
# (month, day); the partners have EVALUATIE_ANTWOORDTERMIJN_DAGEN to answer.
EVALUATIE_JAARRONDE_OPENT = (
    env_int("EVALUATIE_JAARRONDE_MAAND", 1),
    env_int("EVALUATIE_JAARRONDE_DAG", 15),
)
EVALUATIE_ANTWOORDTERMIJN_DAGEN = env_int("EVALUATIE_ANTWOORDTERMIJN_DAGEN", 42)
# Issue 14, art. 3.2: a report to the police still without an intervention this many working
# days after its final day is escalated to the police's operational expert (meldingen.te_doen).
POLITIE_ESCALATIE_WERKDAGEN = env_int("POLITIE_ESCALATIE_WERKDAGEN", 5)
# Issue 14, art. 5-7: this many weeks before a calendar year ends, a kind of meeting without
# enough meetings held or planned in it is due for its organiser (overleggen.te_doen).
OVERLEG_SIGNAAL_WEKEN = env_int("OVERLEG_SIGNAAL_WEKEN", 6)

# E-mail: printed to the console in development, SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "veiligheidopscholen@almere.nl")
# The address of this application, for links in e-mails sent by background tasks.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Error reports: every error is written to the log (stdout, `docker compose logs web`) and,
# with DEBUG off, mailed to ADMINS ("Naam <adres>, adres", comma separated). The deploy check
# (convenant/checks.py) warns when nobody would receive them.
ADMINS = [(naam, adres) for naam, adres in getaddresses([env_str("ADMINS")]) if adres]

# Security headers. Cookies are Secure in production; SECURE_COOKIES=0 only for a trial on http.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# HTTPS only in production (BIO): http is redirected and browsers remember it for a year.
# Off only by an explicit SECURE_SSL_REDIRECT=0 / SECURE_HSTS_SECONDS=0; DEBUG keeps them off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG or TESTING else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a promise to browser makers that is hard to take back: the operator opts in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # Bootstrap draws its form and navbar icons as data: SVGs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Art. 8: counts below this threshold are shown as "<5" in the municipality's figures.
CIJFERS_DREMPEL = env_int("CIJFERS_DREMPEL", 5)
# AVG: personal data of people involved is anonymised this many days after an incident closed.
BEWAARTERMIJN_DAGEN = env_int("BEWAARTERMIJN_DAGEN", 2 * 365)
# Art. 10.1: the function that reads the day the covenant first took effect from its signatures.
# partijen.tijdvenster.eerste_jaar asks it by this name, as partijen imports no other app.
INWERKINGTREDING = "convenant.regels.eerste_ondertekening"

# Demo accounts are a development convenience; production never creates them.
DEMO_ACCOUNTS_ALLOWED = DEBUG or TESTING
DEMO_PASSWORD = "veilig-op-school-demo"

# Everything goes to stdout (`docker compose logs web`), the log the operator reads; errors are
# also mailed to ADMINS (Django's own mail_admins handler). The calendar feed's secret token is
# masked in every line (convenant/logboek.py): on the loggers that write request paths, so that
# every handler gets the masked record, and on the console as a catch-all.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"verberg_geheimen": {"()": "convenant.logboek.VerbergGeheimen"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["verberg_geheimen"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["verberg_geheimen"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["verberg_geheimen"]},
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["verberg_geheimen"],
            "level": "INFO",
            "propagate": False,
        },
        "django.db.backends": {"level": "WARNING"},
        # Axes announces itself at every start; only its warnings (lockouts) matter.
        "axes": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
