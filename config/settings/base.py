# SPDX-License-Identifier: MPL-2.0
"""Settings shared by every environment. The database comes from DATABASE_URL."""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

# pysaml2 7.5 names a cipher mode cryptography has moved; it prints a warning on every command. The
# mode is not used by the OIOSAML profile (signatures only); the warning says nothing to an operator.
warnings.filterwarnings("ignore", message="CFB has been moved", module=r"saml2\.cryptography\.symmetric")

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("FOREBYG_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("FOREBYG_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = os.environ.get("FOREBYG_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "forebyg.core",
    "forebyg.accounts",
    "forebyg.audit",
    "forebyg.people",  # the CPR register behind one interface (issue #19)
    "forebyg.cases",
    "forebyg.deadlines",
    "forebyg.progression",
    "forebyg.review",
    "forebyg.network",
    "forebyg.keyfigures",
    "forebyg.security",
    "forebyg.letters",  # letters from templates, the outbox, Digital Post (issue #18)
    "forebyg.ops",  # scheduled jobs and their runs, the health check (issue #17)
    "forebyg.documents",  # documents of a child's case (issue #18)
    "forebyg.organisation",  # the organisation pages: teams, districts, institutions, offers
    "ninja",  # the API documentation page's static files (Swagger UI, served locally)
    "forebyg.api",
    "djangosaml2",  # SAML 2.0 service provider (templates and session only; forebyg.saml configures it)
    "forebyg.saml",  # login through Fælleskommunal Adgangsstyring (issue #19)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "forebyg.security.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "djangosaml2.middleware.SamlSessionMiddleware",  # the SAML login's own short-lived session (saml_session)
    "forebyg.accounts.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "forebyg.accounts.middleware.OTPMiddleware",  # django_otp's, the device read by its key (#20)
    "django.contrib.messages.middleware.MessageMiddleware",
    "forebyg.audit.context.RequestOriginMiddleware",
    "forebyg.accounts.middleware.SessionTimeoutMiddleware",
    "forebyg.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "forebyg.accounts.middleware.MunicipalityScopeMiddleware",
    "forebyg.security.middleware.BreakGlassMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "forebyg" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forebyg.accounts.context.navigation",
                "forebyg.accounts.context.permissions",  # `may`, the project's rules; not `perms` (#20)
            ],
        },
    },
]
WSGI_APPLICATION = "config.wsgi.application"

# PostgreSQL connections are kept for 60 s and reused by the next requests of the same worker; each
# request's first query checks a reused connection first, so a restarted database server costs no
# failed request (docs/operations.md, "Serving in production").
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'forebyg.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins before a password is checked
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "forebyg.accounts.oidc.MunicipalOIDCBackend",  # does nothing unless FOREBYG_OIDC_ENABLED
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "forebyg" / "locale"]
USE_I18N = True
# Numbers as a Danish reader writes them (issue #15): "28.819", "13.700 kr.", "53,7" (the active
# language's separators; English pages get "28,819"). Years and other codes are not quantities:
# templates print those with `|unlocalize`.
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "forebyg" / "static"]

# Django's database sessions, the row read by its key with the SQL compiled once (issue #20).
SESSION_ENGINE = "forebyg.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Security (issue #4; docs/security.md explains each choice) -------------------------------
CSRF_COOKIE_HTTPONLY = True  # no script reads the token: there is no script
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sessions end after FOREBYG_IDLE_MINUTES without a request, and at the latest FOREBYG_SESSION_MAX_HOURS
# after login (forebyg.accounts.middleware.SessionTimeoutMiddleware).
FOREBYG_IDLE_MINUTES = int(os.environ.get("FOREBYG_IDLE_MINUTES", "30"))
FOREBYG_SESSION_MAX_HOURS = int(os.environ.get("FOREBYG_SESSION_MAX_HOURS", "10"))
SESSION_COOKIE_AGE = FOREBYG_SESSION_MAX_HOURS * 3600
# Records per process the deadline pages reuse while a child is unchanged (forebyg.deadlines.records).
FOREBYG_DEADLINE_CACHE_RECORDS = int(os.environ.get("FOREBYG_DEADLINE_CACHE_RECORDS", "200000"))
# ... and share between the server's processes through the database (default: on for PostgreSQL).
FOREBYG_DEADLINE_CACHE_SHARED = {"1": True, "0": False}.get(os.environ.get("FOREBYG_DEADLINE_CACHE_SHARED", ""))
# Obligations per process the deadline pages reuse until some status can next change (forebyg.deadlines.reuse).
FOREBYG_DEADLINE_CACHE_OBLIGATIONS = int(os.environ.get("FOREBYG_DEADLINE_CACHE_OBLIGATIONS", "300000"))
# The server process's garbage collector (forebyg.core.runtime, applied by config/wsgi.py only): the
# young generation's threshold and the two older ones' (Python's default 700,10,10); empty: the default.
FOREBYG_GC_THRESHOLD = tuple(int(x) for x in os.environ.get("FOREBYG_GC_THRESHOLD", "50000,20,10").split(",")
                             if x.strip())
# --- Operations (issue #17; docs/operations.md, docs/settings.md) -----------------------------
# The address people reach Forebyg at: absolute links in e-mails and in `forebyg user` output.
FOREBYG_SITE_URL = os.environ.get("FOREBYG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where the `backup` job writes its files (forebyg.ops.jobs).
FOREBYG_BACKUP_DIR = Path(os.environ.get("FOREBYG_BACKUP_DIR", VAR_DIR / "backups"))
# Uploaded files (network materials and hand-ins): backed up and restored with the database.
MEDIA_ROOT = VAR_DIR / "media"
# Documents of the children's cases (forebyg.documents): stored by SHA-256 here, backed up and restored
# with the database; one file may be at most FOREBYG_DOCUMENT_MAX_MB megabytes.
FOREBYG_DOCUMENTS_DIR = Path(os.environ.get("FOREBYG_DOCUMENTS_DIR", VAR_DIR / "documents"))
FOREBYG_DOCUMENT_MAX_MB = int(os.environ.get("FOREBYG_DOCUMENT_MAX_MB", "25"))
# A one-time link to choose a password works this long (and only until it is used).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("FOREBYG_PASSWORD_LINK_HOURS", "72")) * 3600
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# E-mail (SMTP) from the environment; the demo writes e-mails to files instead (local.py).
EMAIL_HOST = os.environ.get("FOREBYG_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("FOREBYG_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("FOREBYG_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FOREBYG_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("FOREBYG_EMAIL_STARTTLS", "0") == "1"  # STARTTLS, usually port 587
EMAIL_USE_SSL = os.environ.get("FOREBYG_EMAIL_SSL", "0") == "1"  # TLS from the start, usually port 465
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("FOREBYG_EMAIL_FROM", "forebyg@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# --- Letters and Digital Post (issue #18; docs/letters.md, docs/settings.md) --------------------
# "double": the local SF1601 double (demo, tests); "kombit": KOMBIT's SF1601 with the certificate below.
FOREBYG_DIGITAL_POST = os.environ.get("FOREBYG_DIGITAL_POST", "double")
FOREBYG_SF1601_CVR = os.environ.get("FOREBYG_SF1601_CVR", "")  # the municipality's CVR (service agreement)
FOREBYG_SF1601_CERT_PATH = os.environ.get("FOREBYG_SF1601_CERT_PATH", "")  # FOCES/OCES certificate + key, PEM
FOREBYG_SF1601_TEST = os.environ.get("FOREBYG_SF1601_TEST", "0") == "1"  # KOMBIT's exttest environment
# Fjernprint's ForsendelseTypeIdentifikator (from the print provider); empty: no physical mail.
FOREBYG_SF1601_FJERNPRINT_TYPE = int(os.environ["FOREBYG_SF1601_FJERNPRINT_TYPE"]) if os.environ.get(
    "FOREBYG_SF1601_FJERNPRINT_TYPE") else None
FOREBYG_SF1601_DOUBLE_DIR = os.environ.get("FOREBYG_SF1601_DOUBLE_DIR", "")  # default: VAR_DIR/sf1601-double
# Attempts before a letter that cannot be sent becomes a task for its caseworker.
FOREBYG_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("FOREBYG_OUTBOX_MAX_ATTEMPTS", "5"))
# Number of trusted reverse proxies in front of Forebyg (the client IP comes from X-Forwarded-For then).
FOREBYG_PROXY_COUNT = int(os.environ.get("FOREBYG_PROXY_COUNT", "0"))

# Content security policy (django-csp): no inline script or style anywhere, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
FOREBYG_PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                              "microphone=(), payment=(), usb=(), interest-cohort=()")

# Two-factor authentication (django-otp, TOTP) for every user. FOREBYG_DEMO_SKIP_2FA is honoured
# only by the local demo settings; production.py forces it off and a system check refuses it there.
FOREBYG_DEMO_SKIP_2FA = False
OTP_TOTP_ISSUER = "Forebyg"
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next try

# Login throttling and lockout (django-axes): 5 failed logins for a username lock it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("FOREBYG_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("FOREBYG_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_CLIENT_IP_CALLABLE = "forebyg.audit.context.client_ip"
AXES_VERBOSE = False
# Locking by IP address as well would lock a whole town hall (one outgoing address) after a few typos;
# password spraying across user names is met by the mandatory second factor instead (docs/security.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# CPR numbers at rest (forebyg.security.crypto): Fernet key(s) and a separate HMAC key for search.
FOREBYG_CPR_KEY = os.environ.get("FOREBYG_CPR_KEY", "")
FOREBYG_CPR_HASH_KEY = os.environ.get("FOREBYG_CPR_HASH_KEY", "")

# The database refuses an audit-log row whose time is further than this many seconds from its own
# clock (no backdated rows; forebyg/audit/db.py). Re-applied at the next migrate when changed.
# None switches the check off (the test settings, whose clock moves).
FOREBYG_AUDIT_CLOCK_TOLERANCE: int | None = int(os.environ.get("FOREBYG_AUDIT_CLOCK_TOLERANCE", "300"))
# Approving a retention list with more items than this needs the number of items typed in.
FOREBYG_RETENTION_CONFIRM_ABOVE = int(os.environ.get("FOREBYG_RETENTION_CONFIRM_ABOVE", "100"))

# Municipal single sign-on through OpenID Connect (mozilla-django-oidc; forebyg.accounts.oidc).
FOREBYG_OIDC_ENABLED = bool(os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT"))
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
FOREBYG_OIDC_ISSUER = os.environ.get("FOREBYG_OIDC_ISSUER", "")  # checked against the ID token's `iss` when set
OIDC_CREATE_USER = False  # users are matched or provisioned by forebyg.accounts.oidc, not by the library
LOGIN_REDIRECT_URL_FAILURE = "/login/"  # a path: mozilla-django-oidc does not resolve URL names
FOREBYG_OIDC_CLAIM_MUNICIPALITY = os.environ.get("FOREBYG_OIDC_CLAIM_MUNICIPALITY", "forebyg_municipality")
FOREBYG_OIDC_CLAIM_ROLE = os.environ.get("FOREBYG_OIDC_CLAIM_ROLE", "forebyg_role")
FOREBYG_OIDC_CREATE_USERS = os.environ.get("FOREBYG_OIDC_CREATE_USERS", "0") == "1"
FOREBYG_OIDC_MUNICIPALITIES = [int(x) for x in os.environ.get("FOREBYG_OIDC_MUNICIPALITIES", "").split(",") if x.strip()]
# The identity provider's assertion of multi-factor login that replaces Forebyg's own second factor:
# an `amr` claim containing "mfa" (RFC 8176), or one of these `acr` values (NSIS assurance levels).
FOREBYG_OIDC_MFA_ACR = [x for x in os.environ.get(
    "FOREBYG_OIDC_MFA_ACR",
    "https://data.gov.dk/concept/core/nsis/loa/Substantial,https://data.gov.dk/concept/core/nsis/loa/High",
).split(",") if x]

# --- The people register (issue #19; docs/people.md) ----------------------------------------------------
# Which CPR register registration looks people up in: "sf1520" (Serviceplatformen), "synthetic" (the demo's
# generated register), or empty (no register: the details are entered by hand).
FOREBYG_PEOPLE_REGISTER = os.environ.get("FOREBYG_PEOPLE_REGISTER", "")
FOREBYG_PEOPLE_SYNTHETIC_FILE = Path(os.environ.get("FOREBYG_PEOPLE_SYNTHETIC_FILE", VAR_DIR / "people-register.json"))
FOREBYG_SF1520_URL = os.environ.get("FOREBYG_SF1520_URL",
                                    "https://prod.serviceplatformen.dk/service/CPR/PersonBaseDataExtended/5")
FOREBYG_SF1520_TIMEOUT = float(os.environ.get("FOREBYG_SF1520_TIMEOUT", "10"))
FOREBYG_SF1520_CERT = os.environ.get("FOREBYG_SF1520_CERT", "")
FOREBYG_SF1520_KEY = os.environ.get("FOREBYG_SF1520_KEY", "")
FOREBYG_SF1520_CA = os.environ.get("FOREBYG_SF1520_CA", "")
FOREBYG_SF1520_SERVICE_AGREEMENT = os.environ.get("FOREBYG_SF1520_SERVICE_AGREEMENT", "")
FOREBYG_SF1520_USER_SYSTEM = os.environ.get("FOREBYG_SF1520_USER_SYSTEM", "")
FOREBYG_SF1520_USER = os.environ.get("FOREBYG_SF1520_USER", "")
FOREBYG_SF1520_SERVICE = os.environ.get("FOREBYG_SF1520_SERVICE", "")
FOREBYG_SF1520_MUNICIPALITY = int(os.environ.get("FOREBYG_SF1520_MUNICIPALITY", "0") or 0) or None
# Login through KOMBIT's Fælleskommunal Adgangsstyring: SAML 2.0, OIOSAML profile (forebyg.saml,
# docs/identity.md). Off unless the identity provider's metadata is configured (or the test IdP is on).
FOREBYG_SAML_IDP_METADATA = os.environ.get("FOREBYG_SAML_IDP_METADATA", "")  # a file path or an https:// URL
FOREBYG_SAML_IDP_METADATA_CERT = os.environ.get("FOREBYG_SAML_IDP_METADATA_CERT", "")  # checks remote metadata
FOREBYG_SAML_BASE_URL = os.environ.get("FOREBYG_SAML_BASE_URL", "")  # e.g. https://forebyg.herning.dk
FOREBYG_SAML_ENTITY_ID = os.environ.get("FOREBYG_SAML_ENTITY_ID", "")  # default: <base>/saml2/metadata/
FOREBYG_SAML_KEY_FILE = os.environ.get("FOREBYG_SAML_KEY_FILE", "")  # the municipality's FOCES/OCES key (PEM)
FOREBYG_SAML_CERT_FILE = os.environ.get("FOREBYG_SAML_CERT_FILE", "")
FOREBYG_SAML_CONTACT_EMAIL = os.environ.get("FOREBYG_SAML_CONTACT_EMAIL", "")
FOREBYG_SAML_XMLSEC = os.environ.get("FOREBYG_SAML_XMLSEC", "/usr/bin/xmlsec1")
FOREBYG_SAML_CLOCK_SKEW = int(os.environ.get("FOREBYG_SAML_CLOCK_SKEW", "60"))  # seconds (accepted_time_diff)
FOREBYG_SAML_CREATE_USERS = os.environ.get("FOREBYG_SAML_CREATE_USERS", "1") == "1"
# The municipalities this installation serves: CVR number -> municipality code ("29189854:657,...").
FOREBYG_SAML_MUNICIPALITIES = {
    cvr.strip(): int(code) for cvr, _sep, code in (
        pair.partition(":") for pair in os.environ.get("FOREBYG_SAML_MUNICIPALITIES", "").split(",") if pair.strip())}
FOREBYG_SAML_TEST_IDP = False  # the local test identity provider: demo and tests only, never production
FOREBYG_SAML_TEST_FOREIGN_CVR = "11111111"  # the test IdP's "municipality this installation does not serve"
SAML_CONFIG_LOADER = "forebyg.saml.config.sp_config"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_NAME = "saml_session"
# The IdP posts the response from its own site: production sets the SAML session cookie SameSite=None
# (browsers accept that only with Secure, i.e. over HTTPS). The demo's test IdP is on the same site.
SAML_SESSION_COOKIE_SAMESITE = "Lax"
SAML_CREATE_UNKNOWN_USER = False  # users are matched or provisioned by forebyg.accounts.identity
