"""Settings for the medication tracker, read from the environment (see README)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)
# The development key is only usable with DEBUG on; production must set SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "huey.contrib.djhuey",
    "drugs",
    "tracker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files carry the header too.
    "tracker.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tracker.middleware.SessionLimitsMiddleware",
    "tracker.middleware.LoginThrottleMiddleware",
    # Every view is private unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "tracker.middleware.NoStoreMiddleware",
    "tracker.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After OTPMiddleware: a session with two-factor on passes the code step before any page.
    "tracker.two_factor_middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.context_processors.urgent_help",
            ],
            # After Django's own, so `date` is config/template_dates.py's: parsed once a format.
            "builtins": ["config.template_dates"],
        },
    },
]

# SQLite by default, in the project folder. WAL lets readers run beside a writer, the busy
# timeout and IMMEDIATE transactions make concurrent writers wait instead of failing.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too: the in-memory database cannot show how concurrent writers behave.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}

# Entries are keyed by versions kept in the database (the user's data, the reference data), so
# none goes stale, whatever the number of workers or servers. Embedded default: a per-process
# memory cache (a cached dashboard is about 15 kB: 2,000 entries stay under about 30 MB a worker).
# With REDIS_URL (several app servers), one shared Redis: the cached pages are shared, and the
# rate-limit counts (tracker/throttle.py) are exact across workers and servers.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "tracker"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# The dashboard keeps its built data and its rendered page in the cache
# (tracker/pages/dashboard_kept.py, tracker/views/kept_page.py). Off, every load builds and renders
# it, as the first load after each change does: the benchmark measures that page this way.
DASHBOARD_CACHE = env_bool("DASHBOARD_CACHE", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2 first: older hashes are upgraded to it at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# The client's address, for lockouts, rate limits and the security log (tracker/security_log.py).
# Behind reverse proxies, set how many there are: the address the outermost of them saw is then
# read from X-Forwarded-For. With 0, that header is ignored, since any client can write it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Login lockout: failures counted per username and IP together, then a cool-off.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "tracker.two_factor_session.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "tracker.security_log.axes_username"
AXES_CLIENT_IP_CALLABLE = "tracker.security_log.client_ip"

# One address trying many usernames (password spraying): axes has a single failure limit for
# every lockout parameter, so the address is counted apart (tracker/throttle.py), with a higher
# limit, as many people may share one address. After a few failures it must wait between tries;
# at the limit it is blocked for the cool-off.
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
LOGIN_ADDRESS_SLOW_AFTER = 10
LOGIN_ADDRESS_SLOW_SECONDS = 30
# Requests an hour, (per address, per e-mail address), for pages that create accounts or send mail.
RATE_LIMITS = {
    "signup": (
        env_int("SIGNUP_LIMIT_PER_ADDRESS", 10),
        env_int("SIGNUP_LIMIT_PER_EMAIL", 3),
    ),
    "password_reset": (
        env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 10),
        env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3),
    ),
}
RATE_LIMIT_WINDOW = 3600

# Two-factor sign-in (tracker/two_factor_session.py): optional for patients, required for staff
# before the admin when serving for real. Wrong codes count towards the lockout above.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", not DEBUG)
OTP_TOTP_ISSUER = "Course tracker"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions end after an idle time and after an absolute maximum. Activity renews the idle time,
# writing the session at most once a minute (SessionLimitsMiddleware), not on every request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_ABSOLUTE_MAX_AGE = env_int("SESSION_MAX_HOURS", 12) * 3600
# "Keep me signed in on this device" at log-in: that session has no idle timeout and no
# absolute maximum, and ends this many days after log-in (tracker/device_sessions.py).
TRUSTED_DEVICE_DAYS = env_int("TRUSTED_DEVICE_DAYS", 30)
# Sensitive actions (export, import, password and e-mail changes, deleting the account) ask for
# the password again when it was not entered in this many minutes (tracker/reauth.py).
REAUTH_MINUTES = env_int("REAUTH_MINUTES", 10)

# Their help texts list the rules under every new-password field, before anything is typed.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tracker.password_validation.BreachedPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: the console in development, SMTP from the environment otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tracker@localhost")
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: one file per connection.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))

# The task queue that sends reminders (tracker/tasks.py), run by `manage.py run_huey`. Embedded
# SQLite in a file beside the database by default; Redis when REDIS_URL is set. Immediate mode
# runs tasks in the calling process with no queue: the default under pytest (which sets
# PYTEST_VERSION), so tests need no consumer; the consumer tests turn it off in their processes.
HUEY = {
    "name": env_str("HUEY_NAME", "tracker"),
    "results": False,  # nothing reads task results; don't let them pile up in the store
    "immediate": env_bool("HUEY_IMMEDIATE", "PYTEST_VERSION" in os.environ),
    "consumer": {
        "workers": env_int("HUEY_WORKERS", 2),
        "worker_type": "thread",
        # systemd and supervisor stop services with SIGTERM: let a send in progress finish.
        "graceful_signal": "TERM",
        "shutdown_timeout": 20,
    },
}
if REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
else:
    HUEY |= {
        "huey_class": "huey.SqliteHuey",
        "filename": env_str("HUEY_SQLITE_FILE", str(BASE_DIR / "huey.sqlite3")),
    }
# E-mail reminders go out from this hour, in each user's own time zone (not at midnight).
REMINDER_HOUR = env_int("REMINDER_HOUR", 7)

# Security headers; the secure-transport ones only when serving for real. No inline scripts or
# styles anywhere, so the policy allows only this origin (data: for Bootstrap's SVG icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Browser features no page uses, turned off for every page (tracker.middleware).
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Served over HTTPS, as production is: redirect to it, HSTS, cookies sent only over it. `make run`
# serves plain HTTP on this machine with DEBUG off, so it sets HTTPS=0.
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Share-link and calendar-feed tokens are in their paths, which Django logs: hidden
    # (tracker/log_redaction.py).
    "filters": {"hide_tokens": {"()": "tracker.log_redaction.HideTokens"}},
    "formatters": {  # Django's own for the development server's request lines
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "server": {"class": "logging.StreamHandler", "formatter": "server"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Security events: one JSON object a line (tracker/security_log.py).
        "security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # The queue consumer says what it runs; once (not again through the root logger).
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"filters": ["hide_tokens"]},
        "django.server": {
            "handlers": ["server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["hide_tokens"],
        },
    },
}
DEFAULT_COURSE_DRUG = env_str("DEFAULT_COURSE_DRUG", "carisoprodol")

# Uploads from outside: a patient's own export (JSON) and a reference editor's CSV in the admin.
# Both are checked against these before anything is parsed.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
REFERENCE_IMPORT_MAX_BYTES = env_int("REFERENCE_IMPORT_MAX_BYTES", 10 * 1024 * 1024)

# Numbers the urgent banner offers as tap-to-call links (defaults: the United States), and the
# ISO 3166 code of the country they ring in: a patient whose time zone lies in another country
# is told to call their local emergency number instead (tracker/rules/emergency.py).
EMERGENCY_NUMBER = env_str("EMERGENCY_NUMBER", "911")
POISON_HELP_NUMBER = env_str("POISON_HELP_NUMBER", "1-800-222-1222")
EMERGENCY_COUNTRY = env_str("EMERGENCY_COUNTRY", "United States")
EMERGENCY_COUNTRY_CODE = env_str("EMERGENCY_COUNTRY_CODE", "US")

# Web Push (#19): the VAPID key pair signing each push. Supply both keys (the private one as PEM
# or base64url), or the private key is created on first use in this file, owner-only.
VAPID_PRIVATE_KEY = env_str("VAPID_PRIVATE_KEY", "")
VAPID_PUBLIC_KEY = env_str("VAPID_PUBLIC_KEY", "")
VAPID_PRIVATE_KEY_FILE = Path(
    env_str("VAPID_PRIVATE_KEY_FILE", str(BASE_DIR / ".vapid-private.pem"))
)
VAPID_SUBJECT = env_str("VAPID_SUBJECT", f"mailto:{DEFAULT_FROM_EMAIL}")
# Push service addresses must be public https URLs; tests point them at a local receiver.
PUSH_ALLOW_LOCAL_ENDPOINTS = env_bool("PUSH_ALLOW_LOCAL_ENDPOINTS", False)
