# SPDX-License-Identifier: MPL-2.0
"""A local stand-in for SF1520 (PersonBaseDataExtended 5) for the tests: a stdlib HTTP server that
checks the request the way Serviceplatformen does (a SOAP envelope with an InvocationContext of four
UUIDs and a 10-digit PNR, POSTed as text/xml) and answers in the response shape forebyg.people.sf1520
reads — or with a SOAP fault, or not in time.

    server = Sf1520Double(persons={"0101151234": {...}}).start()   # server.url
    ...
    server.stop()

A person is a dict: name parts (fornavn, efternavn), foedselsdato, optional address (vejnavn, husnummer,
postnummer, postdistrikt, kommunekode), beskyttelse (True: 0001), status/statusdato, udrejsedato,
and relations mor/far/foraeldremyndighed/barn as lists of CPR numbers.
"""

from __future__ import annotations

import re
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
INVOCATION = "http://serviceplatformen.dk/xml/schemas/InvocationContext/1/"
PNR_NS = "http://serviceplatformen.dk/xml/schemas/cpr/PNR/1/"
WSDL = "http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/5/"


def fault(code: str, text: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="{SOAP}"><soap:Body><soap:Fault>
<faultcode>soap:{code}</faultcode><faultstring>{escape(text)}</faultstring>
<detail><ns2:ServiceplatformFault xmlns:ns2="http://serviceplatformen.dk/xml/schemas/ServiceplatformFault/1/">
<ns2:ErrorList><ns2:Error><ns2:ErrorCode>{code}</ns2:ErrorCode><ns2:ErrorText>{escape(text)}</ns2:ErrorText>
</ns2:Error></ns2:ErrorList></ns2:ServiceplatformFault></detail></soap:Fault></soap:Body></soap:Envelope>""".encode()


def _el(name: str, value) -> str:
    return f"<ns:{name}>{escape(str(value))}</ns:{name}>" if value not in (None, "") else ""


def answer(cpr: str, p: dict | None) -> bytes:
    """The PersonLookupResponse for a person (None: a response without persondata)."""
    if p is None:
        body = f'<ns:PersonLookupResponse xmlns:ns="{WSDL}"/>'
    else:
        address = ""
        if p.get("postnummer"):
            address = ("<ns:aktuelAdresse>" + "".join(_el(k, p.get(k)) for k in (
                "conavn", "vejnavn", "husnummer", "etage", "sidedoer", "postnummer", "postdistrikt", "kommunekode",
                "tilflytningsdato")) + "</ns:aktuelAdresse>")
        if p.get("udrejsedato"):
            address += f"<ns:udrejseoplysninger>{_el('udrejsedato', p['udrejsedato'])}</ns:udrejseoplysninger>"
        relations = "".join(f"<ns:{kind}>{_el('personnummer', n)}</ns:{kind}>"
                            for kind in ("mor", "far", "foraeldremyndighed", "barn") for n in p.get(kind, []))
        protection = "<ns:beskyttelse><ns:beskyttelsestype>0001</ns:beskyttelsestype></ns:beskyttelse>" \
            if p.get("beskyttelse") else ""
        status = f"<ns:status>{_el('status', p.get('status', '01'))}{_el('statusdato', p.get('statusdato'))}</ns:status>"
        body = (f'<ns:PersonLookupResponse xmlns:ns="{WSDL}"><ns:PNR>{cpr}</ns:PNR><ns:persondata>'
                f"<ns:navn>{_el('fornavn', p['fornavn'])}{_el('mellemnavn', p.get('mellemnavn'))}"
                f"{_el('efternavn', p['efternavn'])}</ns:navn>{_el('koen', p.get('koen', 'K'))}"
                f"{_el('foedselsdato', p['foedselsdato'])}{protection}{status}</ns:persondata>"
                f"<ns:adresse>{address}</ns:adresse><ns:relationer>{relations}</ns:relationer>"
                "</ns:PersonLookupResponse>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="{SOAP}"><soap:Header/>'
            f"<soap:Body>{body}</soap:Body></soap:Envelope>").encode()


def check_request(raw: bytes, content_type: str) -> tuple[str | None, str]:
    """(the PNR, "") for a well-formed request; (None, what is wrong) otherwise."""
    if not content_type.startswith("text/xml"):
        return None, f"Content-Type {content_type!r} is not text/xml"
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        return None, f"not XML: {exc}"
    request = root.find(f"{{{SOAP}}}Body/{{{WSDL}}}PersonLookupRequest")
    if root.tag != f"{{{SOAP}}}Envelope" or request is None:
        return None, "no soapenv:Envelope/Body/PersonLookupRequest"
    context = request.find(f"{{{INVOCATION}}}InvocationContext")
    if context is None:
        return None, "no InvocationContext"
    for name in ("ServiceAgreementUUID", "UserSystemUUID", "UserUUID", "ServiceUUID"):
        value = (context.findtext(f"{{{INVOCATION}}}{name}") or "").strip()
        if not UUID.match(value):
            return None, f"{name} is not a UUID"
    pnr = (request.findtext(f"{{{PNR_NS}}}PNR") or "").strip()
    if not re.fullmatch(r"\d{10}", pnr):
        return None, "PNR is not 10 digits"
    return pnr, ""


class Sf1520Double:
    def __init__(self, persons: dict[str, dict] | None = None, *, fault_for: set[str] | None = None,
                 delay: float = 0.0) -> None:
        self.persons = persons or {}
        self.fault_for = fault_for or set()
        self.delay = delay
        self.requests: list[str] = []  # the PNRs asked for, in order
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet in tests
                pass

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                pnr, problem = check_request(raw, self.headers.get("Content-Type", ""))
                if double.delay:
                    time.sleep(double.delay)
                if pnr is None:
                    return self._send(500, fault("Client", f"Invalid request: {problem}"))
                double.requests.append(pnr)
                if pnr in double.fault_for:
                    return self._send(500, fault("Server", "Opslag fejlede: ukendt fejl i CPR-replika"))
                return self._send(200, answer(pnr, double.persons.get(pnr)))

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/xml; charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/service/CPR/PersonBaseDataExtended/5"

    def start(self) -> Sf1520Double:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
