# SPDX-License-Identifier: MPL-2.0
"""SF1520 — Serviceplatformen's CPR replica, PersonBaseDataExtended (version 5), over SOAP.

The request envelope and the response elements read here follow the MPL-2.0 package
`service-person-stamdata-udvidet` 1.0.3 (Magenta ApS): an `InvocationContext` with the municipality's
service agreement, user system, user and service UUIDs, and `PNR`; the answer's
`persondata/navn`, `adresse/aktuelAdresse`, `adresse/udrejseoplysninger` and
`relationer/mor|far|barn/personnummer`. Further elements (protection, status and death, custody
holders) are read as described in docs/people.md, where what must be checked against the XSD before
production is marked. The call goes out with the municipality's certificate (mutual TLS); the
standard library only (urllib, ssl, ElementTree), so no HTTP library is pinned by this client.

A lookup of a child also looks up the custody holders and the parents (names, addresses,
protection); siblings come from the parents' `barn` relations, by CPR number only.
"""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from forebyg.audit.services import scrub
from forebyg.domain.people import Address, MoveOut, Person, Relative

from .registry import RegistryError

WSDL_NS = "http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/5/"
ENVELOPE = """<?xml version="1.0" encoding="ISO-8859-1"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
xmlns:ns="http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/5/" \
xmlns:ns3="http://serviceplatformen.dk/xml/schemas/InvocationContext/1/" \
xmlns:ns4="http://serviceplatformen.dk/xml/schemas/cpr/PNR/1/">
   <soapenv:Header/>
   <soapenv:Body>
      <ns:PersonLookupRequest>
         <ns3:InvocationContext>
            <ns3:ServiceAgreementUUID>{service_agreement}</ns3:ServiceAgreementUUID>
            <ns3:UserSystemUUID>{user_system}</ns3:UserSystemUUID>
            <ns3:UserUUID>{user}</ns3:UserUUID>
            <ns3:ServiceUUID>{service}</ns3:ServiceUUID>
         </ns3:InvocationContext>
         <ns4:PNR>{cpr}</ns4:PNR>
      </ns:PersonLookupRequest>
   </soapenv:Body>
</soapenv:Envelope>
"""

# CPR's protection types (beskyttelsestype): 0001 is navne- og adressebeskyttelse.
NAME_AND_ADDRESS_PROTECTION = "0001"
# CPR's person status codes: 80 moved abroad (udrejst), 90 dead.
STATUS_ABROAD, STATUS_DEAD = "80", "90"

TIMEOUT = _("The CPR register did not answer in time. Nothing was filled in; try again, or enter the details by hand.")
UNREACHABLE = _("The CPR register cannot be reached. Nothing was filled in; try again later, or enter the details by hand.")
FAULT = _("The CPR register answered with an error: %(fault)s. Nothing was filled in.")
UNREADABLE = _("The CPR register's answer could not be read. Nothing was filled in; enter the details by hand.")


@dataclass(frozen=True)
class Agreement:
    """The municipality's service agreement on Serviceplatformen (four UUIDs) and its certificate."""

    service_agreement: str
    user_system: str
    user: str
    service: str
    cert_file: str | None = None  # PEM: the certificate (and key, unless key_file is given)
    key_file: str | None = None
    ca_file: str | None = None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(node, *path: str):
    """The first descendant along `path` by local names (namespaces vary between versions)."""
    for name in path:
        if node is None:
            return None
        node = next((c for c in node if _local(c.tag) == name), None)
    return node


def _all(node, name: str) -> list:
    return [] if node is None else [c for c in node if _local(c.tag) == name]


def _text(node, *path: str) -> str:
    found = _find(node, *path) if path else node
    return (found.text or "").strip() if found is not None and found.text else ""


def _date(text: str) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def parse_response(body: bytes, *, own_municipality: int | None = None) -> tuple[Person | None, dict[str, list[str]]]:
    """The person in a PersonLookupResponse, and the related persons' CPR numbers by relation
    (mor, far, barn, foraeldremyndighed). Raises RegistryError for a SOAP fault or an unreadable answer."""
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:  # no DTDs: nothing an answer needs, and a way to attack a parser
        raise RegistryError(UNREADABLE, detail="answer with a DTD")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise RegistryError(UNREADABLE, detail=f"not XML: {exc}") from exc
    soap_body = _find(root, "Body")
    if _local(root.tag) != "Envelope" or soap_body is None:
        raise RegistryError(UNREADABLE, detail="not a SOAP envelope")
    fault = _find(soap_body, "Fault")
    if fault is not None:
        raise fault_error(fault)
    answer = _find(soap_body, "PersonLookupResponse")
    if answer is None:
        raise RegistryError(UNREADABLE, detail="no PersonLookupResponse")
    data = _find(answer, "persondata")
    if data is None:
        return None, {}
    try:
        person = _person(answer, data, own_municipality)
    except (ValueError, TypeError) as exc:
        raise RegistryError(UNREADABLE, detail=f"unexpected value: {scrub(str(exc))}") from exc
    rel = _find(answer, "relationer")
    related = {kind: [_text(r, "personnummer") for r in _all(rel, kind) if _text(r, "personnummer")]
               for kind in ("mor", "far", "barn", "foraeldremyndighed")}
    return person, related


def _person(answer, data, own_municipality: int | None) -> Person:
    name = _find(data, "navn")
    full = _text(name, "adresseringsnavn") or " ".join(
        x for x in (_text(name, "fornavn"), _text(name, "mellemnavn"), _text(name, "efternavn")) if x)
    cpr = _text(answer, "PNR") or _text(data, "personnummer")
    protected = any(_text(b, "beskyttelsestype") == NAME_AND_ADDRESS_PROTECTION for b in _all(data, "beskyttelse"))
    status = _find(data, "status")
    died = _date(_text(status, "statusdato")) if _text(status, "status") == STATUS_DEAD else None
    current = _find(answer, "adresse", "aktuelAdresse")
    address = None
    if current is not None and _text(current, "postnummer"):
        street = _text(current, "standardadresse") or " ".join(
            x for x in (_text(current, "vejnavn"), _text(current, "husnummer")) if x)
        floor = ", ".join(x for x in (_text(current, "etage"), _text(current, "sidedoer")) if x)
        code = _text(current, "kommunekode")
        address = Address(street=f"{street}, {floor}" if floor and not _text(current, "standardadresse") else street,
                          postcode=_text(current, "postnummer"), city=_text(current, "postdistrikt"),
                          municipality_code=int(code) if code else None, co_name=_text(current, "conavn") or None)
    moved = None
    abroad = _find(answer, "adresse", "udrejseoplysninger")
    if abroad is not None or _text(status, "status") == STATUS_ABROAD:
        moved = MoveOut(moved_on=_date(_text(abroad, "udrejsedato")) or _date(_text(status, "statusdato")),
                        abroad=True)
    elif own_municipality and address and address.municipality_code and address.municipality_code != own_municipality:
        moved = MoveOut(moved_on=_date(_text(current, "tilflytningsdato")), municipality_code=address.municipality_code)
    born = _date(_text(data, "foedselsdato"))
    if born is None:
        raise ValueError("no foedselsdato")
    return Person(cpr=cpr, name=full, birth_date=born, address=address, protected=protected, died_on=died,
                  moved_out=moved)


def fault_error(fault) -> RegistryError:
    """A SOAP fault as a RegistryError: faultstring and Serviceplatformen's error list, CPR numbers removed."""
    parts = [_text(fault, "faultstring")]
    for err in fault.iter():
        if _local(err.tag) == "ErrorText" and err.text:
            parts.append(err.text.strip())
    text = scrub("; ".join(dict.fromkeys(p for p in parts if p)))[:200] or "SOAP fault"
    return RegistryError(_lazy_format(FAULT, fault=text), detail=f"SOAP fault {_text(fault, 'faultcode')}: {text}")


class _lazy_format:  # noqa: N801 - formats a lazy message when shown, in the language of that moment
    def __init__(self, message, **kw) -> None:
        self.message, self.kw = message, kw

    def __str__(self) -> str:
        return str(self.message) % self.kw


class Sf1520Registry:
    name = "sf1520"

    def __init__(self, *, url: str, agreement: Agreement, timeout: float = 10.0,
                 own_municipality: int | None = None) -> None:
        self.url, self.agreement, self.timeout, self.own_municipality = url, agreement, timeout, own_municipality

    @classmethod
    def from_settings(cls) -> Sf1520Registry:
        s = settings
        return cls(url=s.FOREBYG_SF1520_URL, timeout=s.FOREBYG_SF1520_TIMEOUT,
                   own_municipality=s.FOREBYG_SF1520_MUNICIPALITY,
                   agreement=Agreement(service_agreement=s.FOREBYG_SF1520_SERVICE_AGREEMENT,
                                       user_system=s.FOREBYG_SF1520_USER_SYSTEM, user=s.FOREBYG_SF1520_USER,
                                       service=s.FOREBYG_SF1520_SERVICE, cert_file=s.FOREBYG_SF1520_CERT or None,
                                       key_file=s.FOREBYG_SF1520_KEY or None, ca_file=s.FOREBYG_SF1520_CA or None))

    def envelope(self, cpr: str) -> bytes:
        a = self.agreement
        return ENVELOPE.format(service_agreement=a.service_agreement, user_system=a.user_system, user=a.user,
                               service=a.service, cpr=cpr).encode("latin-1")

    def _context(self) -> ssl.SSLContext | None:
        if not self.url.startswith("https:"):
            return None
        ctx = ssl.create_default_context(cafile=self.agreement.ca_file)
        if self.agreement.cert_file:
            try:
                ctx.load_cert_chain(self.agreement.cert_file, self.agreement.key_file)
            except (OSError, ssl.SSLError) as exc:
                raise RegistryError(UNREACHABLE, detail=f"certificate cannot be loaded: {exc}") from exc
        return ctx

    def call(self, cpr: str) -> bytes:
        """POST one PersonLookupRequest; the answer's bytes (a fault's too: it comes with HTTP 500)."""
        request = urllib.request.Request(self.url, data=self.envelope(cpr), method="POST", headers={
            "Content-Type": "text/xml; charset=ISO-8859-1", "SOAPAction": '""'})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout, context=self._context()) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read()
            if b"Fault" in body:
                return body
            raise RegistryError(UNREACHABLE, detail=f"HTTP {exc.code}") from exc
        except TimeoutError as exc:
            raise RegistryError(TIMEOUT, detail=f"no answer within {self.timeout} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise RegistryError(TIMEOUT, detail=f"no answer within {self.timeout} s") from exc
            raise RegistryError(UNREACHABLE, detail=f"{exc.reason}") from exc

    def _one(self, cpr: str) -> tuple[Person | None, dict[str, list[str]]]:
        return parse_response(self.call(cpr), own_municipality=self.own_municipality)

    def lookup(self, cpr: str) -> Person | None:
        person, related = self._one(cpr)
        if person is None:
            return None
        seen: dict[str, tuple[Person | None, list[str]]] = {}  # one call per related person

        def relative(number: str, relation: str) -> Relative:
            if number not in seen:
                found, rel = self._one(number)
                seen[number] = (found, rel.get("barn", []))
            found = seen[number][0]
            if found is None:
                return Relative(cpr=number, relation=relation)
            return Relative(cpr=number, relation=relation, name=found.name, address=found.address,
                            protected=found.protected)

        parents = [relative(n, relation) for kind, relation in (("mor", "mother"), ("far", "father"))
                   for n in related.get(kind, [])]
        by_cpr = {p.cpr: p for p in parents}
        holders = [by_cpr.get(n) or relative(n, "custody_holder") for n in related.get("foraeldremyndighed", [])]
        own = person.cpr or cpr
        siblings = sorted({n for p in parents for n in seen[p.cpr][1] if n != own})
        return replace(person, cpr=own, parents=tuple(parents), custody_holders=tuple(holders),
                       siblings=tuple(Relative(cpr=n, relation="sibling") for n in siblings))
