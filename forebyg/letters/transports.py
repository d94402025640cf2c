# SPDX-License-Identifier: MPL-2.0
"""How a letter leaves Forebyg: one interface, three transports.

- Digital Post through SF1601: `is_registered` decides Digital Post (a MeMo message) or physical mail
  through SF1601's Fjernprint. The real KOMBIT service or the local double, chosen by the setting
  FOREBYG_DIGITAL_POST (docs/settings.md). Idempotent: SF1601 deduplicates on the MessageUUID.
- E-mail over TLS with Django's mail settings. Not idempotent: a letter left "being sent" by a crash is
  not sent again by the worker but given to the caseworker to check.
- Print: the caseworker prints the letter and hands it over or posts it; it is marked sent by hand,
  never by the worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage


@dataclass(frozen=True)
class Outgoing:
    """What a transport needs: no model objects, so a transport cannot change the case."""

    message_uuid: str
    title: str
    pdf: bytes
    filename: str
    sender_label: str
    sender_id: str
    recipient_label: str
    recipient_id: str  # CPR (10) or CVR (8) digits, or ""
    recipient_email: str
    created: datetime


@dataclass(frozen=True)
class Outcome:
    channel: str  # "digital_post", "fjernprint", "email"
    delivered: bool  # the service confirmed delivery (not only acceptance)


class SendError(Exception):
    """A failure worth retrying (the service was unreachable or refused for now)."""


class PermanentSendError(SendError):
    """A failure a retry cannot fix (a malformed message, no address): goes to the caseworker at once."""


class Transport(Protocol):
    idempotent: bool

    def send(self, out: Outgoing) -> Outcome: ...


class DigitalPost:
    idempotent = True

    def __init__(self, access, *, fjernprint_type: int | None = None, delivered_on_accept: bool = False):
        self.access = access
        self.fjernprint_type = fjernprint_type
        self.delivered_on_accept = delivered_on_accept

    def send(self, out: Outgoing) -> Outcome:
        import requests
        from python_serviceplatformen import digital_post

        from .sf1601 import build_message

        if self.access is None:
            raise PermanentSendError("Digital Post is not set up (FOREBYG_DIGITAL_POST=off)")
        if not out.recipient_id:
            raise PermanentSendError("no CPR or CVR number for Digital Post")
        try:
            if digital_post.is_registered(out.recipient_id, "digitalpost", self.access):
                message = build_message(
                    message_uuid=out.message_uuid, title=out.title, pdf=out.pdf, filename=out.filename,
                    sender_id=out.sender_id, sender_label=out.sender_label, recipient_id=out.recipient_id,
                    recipient_label=out.recipient_label, created=out.created)
                send_memo(message, self.access)
                return Outcome("digital_post", self.delivered_on_accept)
            if self.fjernprint_type is None:
                raise PermanentSendError("the recipient has no Digital Post and Fjernprint is not set up")
            from python_serviceplatformen.models.physical_mail import AfsendelseIdentifikator, create_physical_mail

            letter = create_physical_mail(self.fjernprint_type, out.pdf)
            letter.afsendelse_identifikator = AfsendelseIdentifikator(value=str(out.message_uuid))
            digital_post.send_physical_mail(letter, self.access)
            return Outcome("fjernprint", False)
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else 0
            text = (exc.response.text if exc.response is not None else "")[:300]
            if 400 <= status < 500 and status not in (401, 408, 429):
                raise PermanentSendError(f"SF1601 refused the message ({status}): {text}") from exc
            raise SendError(f"SF1601 answered {status}: {text}") from exc
        except (requests.ConnectionError, requests.Timeout, ValueError) as exc:
            raise SendError(f"SF1601 could not be reached: {exc}") from exc


class Email:
    idempotent = False

    def send(self, out: Outgoing) -> Outcome:
        if not out.recipient_email:
            raise PermanentSendError("no e-mail address")
        mail = EmailMessage(
            subject=out.title, to=[out.recipient_email],
            body=f"{out.title}\n\nBrevet er vedhæftet som PDF.\n\n{out.sender_label}",
            headers={"Message-ID": f"<{out.message_uuid}@forebyg>"},
        )
        mail.attach(out.filename, out.pdf, "application/pdf")
        try:
            mail.send(fail_silently=False)
        except OSError as exc:
            raise SendError(f"the mail server could not be reached: {exc}") from exc
        return Outcome("email", False)


def send_memo(message, access) -> str:
    """python_serviceplatformen.digital_post.send_message, but with the body sent as UTF-8 bytes.

    The library passes the XML to requests as a str, which http.client encodes as ISO-8859-1 while the
    XML declaration says utf8: any "æ", "ø" or "å" in a name or title makes the message malformed (the
    double refuses it, as SF1601 would). Same URL, headers, token and envelope as the library."""
    import urllib.parse
    import uuid as uuidlib
    from xml.etree import ElementTree

    import requests
    from python_serviceplatformen.date_helper import format_datetime
    from python_serviceplatformen.models import xml_util

    from forebyg.core import clock

    url = urllib.parse.urljoin(access.environment, "service/KombiPostAfsend_1/memos")
    transaction_id = str(uuidlib.uuid4())
    headers = {
        "X-TransaktionsId": transaction_id,
        "X-TransaktionsTid": format_datetime(clock.now()),  # UTC: the format ends in "Z"
        "authorization": access.get_access_token("http://entityid.kombit.dk/service/kombipostafsend/1"),
        "Content-Type": "application/xml; charset=utf-8",
    }
    element = ElementTree.Element("kombi_request")
    ElementTree.SubElement(element, "KombiValgKode").text = "Digital Post"
    element.append(xml_util.dataclass_to_xml(message))
    body = ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)
    response = requests.post(url=url, headers=headers, data=body, cert=access.cert_path, timeout=10)
    response.raise_for_status()
    return transaction_id


def digital_post_transport() -> DigitalPost:
    """The SF1601 transport the settings choose: "double" (the local double, the default outside
    production) or "kombit" (the real service with the organisation's certificate)."""
    mode = getattr(settings, "FOREBYG_DIGITAL_POST", "double")
    fjernprint = getattr(settings, "FOREBYG_SF1601_FJERNPRINT_TYPE", None)
    if mode == "off":
        return DigitalPost(None)
    if mode == "kombit":
        from python_serviceplatformen.authentication import KombitAccess

        access = KombitAccess(cvr=settings.FOREBYG_SF1601_CVR, cert_path=settings.FOREBYG_SF1601_CERT_PATH,
                              test=getattr(settings, "FOREBYG_SF1601_TEST", False))
        return DigitalPost(access, fjernprint_type=fjernprint)
    from .sf1601_double import DoubleAccess, double_server

    server = double_server(double_dir(), frozenset(getattr(settings, "FOREBYG_SF1601_DOUBLE_UNREGISTERED", ())))
    # The double keeps what it accepted; it stands in for the delivery receipt too.
    return DigitalPost(DoubleAccess(server.url), fjernprint_type=fjernprint if fjernprint is not None else 1,
                       delivered_on_accept=True)


def double_dir() -> Path:
    configured = getattr(settings, "FOREBYG_SF1601_DOUBLE_DIR", None)
    if configured:
        return Path(configured)
    return Path(settings.VAR_DIR) / "sf1601-double"


def transport_for(code: str) -> Transport | None:
    """The transport the worker uses for a letter's `transport`; None for print (marked by hand)."""
    if code == "digital_post":
        return digital_post_transport()
    if code == "email":
        return Email()
    return None
