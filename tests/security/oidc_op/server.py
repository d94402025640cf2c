# SPDX-License-Identifier: MPL-2.0
"""Start the test OpenID provider: `python -m tests.security.oidc_op.server PORT REDIRECT_URI`.

Migrates its own SQLite database, creates its users (OP_USERS: JSON list of
[username, password, email, first, last]) and the Forebyg client (id and secret OP_CLIENT_ID,
OP_CLIENT_SECRET), prints READY and serves on 127.0.0.1:PORT until it is stopped."""

import json
import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def main() -> None:
    port, redirect_uri = int(sys.argv[1]), sys.argv[2]
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.security.oidc_op.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for username, password, email, first, last in json.loads(os.environ["OP_USERS"]):
        User.objects.create_user(username=username, password=password, email=email, first_name=first, last_name=last)
    Application.objects.create(
        name="Forebyg", client_id=os.environ["OP_CLIENT_ID"], client_secret=os.environ["OP_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri, algorithm=Application.RS256_ALGORITHM, skip_authorization=True)
    server = make_server("127.0.0.1", port, get_wsgi_application(), server_class=ThreadingServer,
                         handler_class=QuietHandler)
    print("READY", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
