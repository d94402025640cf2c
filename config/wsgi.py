# SPDX-License-Identifier: MPL-2.0
import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
try:
    application = get_wsgi_application()
except ImproperlyConfigured as exc:
    # A missing or wrong setting: one line instead of a traceback, and exit code 4, on which gunicorn
    # stops ("App failed to load") instead of starting the worker again and again.
    print(f"Forebyg cannot start: {exc}", file=sys.stderr, flush=True)
    sys.exit(4)

from forebyg.core.runtime import tune_garbage_collector  # noqa: E402 - after Django is set up

tune_garbage_collector()
