#!/usr/bin/env python
# SPDX-License-Identifier: MPL-2.0
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:  # a missing or wrong setting: say which, without a traceback
        sys.exit(f"Forebyg cannot start: {exc}")
