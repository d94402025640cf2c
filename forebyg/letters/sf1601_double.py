# SPDX-License-Identifier: MPL-2.0
"""A local SF1601 double for the demo and the tests: a small HTTP server on 127.0.0.1 that answers the
three calls python-serviceplatformen makes (PostForespoerg_1 for `is_registered`, KombiPostAfsend_1/memos
for Digital Post, KombiPostAfsend_1/kombi for physical mail). The real client's own code serialises and
posts the message; the double reads it back strictly (forebyg.letters.sf1601.read_kombi_request, the
library's model; xsdata's parser for physical mail) and answers 400 to a malformed one, as SF1601 does.

What it accepts it keeps as files in a directory (one per MessageUUID), so another process (the pages,
`forebyg outbox list`) can see it. Like SF1601 it deduplicates on the MessageUUID: a message sent again
with the same UUID is acknowledged and not kept twice; `duplicates.log` counts such resends."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .sf1601 import MalformedMessage, read_kombi_request


class DoubleStore:
    def __init__(self, directory: Path, unregistered: frozenset[str] = frozenset()):
        self.directory = Path(directory)
        self.unregistered = unregistered
        self._lock = threading.Lock()

    def keep(self, kind: str, key: str, body: bytes) -> bool:
        """Keep a message; False when one with that key was already kept (a duplicate)."""
        folder = self.directory / kind
        folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            path = folder / f"{key}.xml"
            if path.exists():
                with open(self.directory / "duplicates.log", "a", encoding="utf-8") as log:
                    log.write(f"{kind} {key}\n")
                return False
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(body)
            tmp.replace(path)
            return True

    def received(self, kind: str = "memo") -> dict[str, bytes]:
        folder = self.directory / kind
        if not folder.exists():
            return {}
        return {p.stem: p.read_bytes() for p in sorted(folder.glob("*.xml"))}

    def has(self, key: str) -> bool:
        return any((self.directory / kind / f"{key}.xml").exists() for kind in ("memo", "fjernprint"))

    def duplicates(self) -> int:
        log = self.directory / "duplicates.log"
        return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


def _handler(store: DoubleStore):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - quiet
            pass

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            if not self.headers.get("authorization") or not self.headers.get("X-TransaktionsId"):
                self._answer(401, {"error": "missing authorization or X-TransaktionsId"})
                return False
            return True

        def do_GET(self):  # noqa: N802
            url = urllib.parse.urlparse(self.path)
            if not url.path.startswith("/service/PostForespoerg_1/"):
                return self._answer(404, {"error": "unknown service"})
            if not self._authorised():
                return None
            query = urllib.parse.parse_qs(url.query)
            ident = (query.get("cprNumber") or query.get("cvrNumber") or [""])[0]
            if not ident.isdigit() or len(ident) not in (8, 10):
                return self._answer(400, {"error": "cprNumber or cvrNumber required"})
            return self._answer(200, {"result": ident not in store.unregistered})

        def do_POST(self):  # noqa: N802
            path = urllib.parse.urlparse(self.path).path
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if path not in ("/service/KombiPostAfsend_1/memos", "/service/KombiPostAfsend_1/kombi"):
                return self._answer(404, {"error": "unknown service"})
            if not self._authorised():
                return None
            try:
                if path.endswith("/memos"):
                    message = read_kombi_request(body)
                    kind, key = "memo", message.messageHeader.messageUUID
                else:
                    kind, key = "fjernprint", _read_physical(body)
            except MalformedMessage as exc:
                return self._answer(400, {"error": f"malformed message: {exc}"})
            new = store.keep(kind, key, body)
            return self._answer(200, {"transaktionsId": self.headers["X-TransaktionsId"], "duplicate": not new})

    return Handler


def _read_physical(body: bytes) -> str:
    from python_serviceplatformen.models.physical_mail import KombiRequest
    from xsdata.formats.dataclass.parsers import XmlParser
    from xsdata.formats.dataclass.parsers.config import ParserConfig

    try:
        request = XmlParser(config=ParserConfig(fail_on_unknown_properties=True,
                                                fail_on_unknown_attributes=True)).from_bytes(body, KombiRequest)
    except Exception as exc:  # xsdata raises several kinds of parser errors
        raise MalformedMessage(f"not a valid kombi_request: {exc}") from exc
    if request.kombi_valg_kode != "Fysisk Post":
        raise MalformedMessage("KombiValgKode must be 'Fysisk Post'")
    forsendelse = request.forsendelse_i_samling.forsendelse_i
    if not forsendelse.meddelelse_indhold_data or not forsendelse.afsendelse_identifikator:
        raise MalformedMessage("ForsendelseI needs AfsendelseIdentifikator and MeddelelseIndholdData")
    return str(forsendelse.afsendelse_identifikator.value)


class DoubleServer:
    """The double, serving in a daemon thread of this process."""

    def __init__(self, store: DoubleStore):
        self.store = store
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(store))
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="sf1601-double", daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


_SERVERS: dict[Path, DoubleServer] = {}
_SERVERS_LOCK = threading.Lock()


def double_server(directory: Path, unregistered: frozenset[str] = frozenset()) -> DoubleServer:
    directory = Path(directory)
    with _SERVERS_LOCK:
        server = _SERVERS.get(directory)
        if server is None:
            server = _SERVERS[directory] = DoubleServer(DoubleStore(directory, unregistered))
        server.store.unregistered = unregistered
        return server


class DoubleAccess:
    """Stands in for python_serviceplatformen's KombitAccess against the double: the same attributes the
    library's calls use (environment, cert_path, get_access_token); no certificate, a fixed token."""

    def __init__(self, environment: str):
        self.environment = environment
        self.cert_path = None
        self.cvr = "00000000"

    def get_access_token(self, entity_id: str) -> str:
        return f"Holder-of-key double-token for {entity_id}"
