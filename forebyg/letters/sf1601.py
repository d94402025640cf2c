# SPDX-License-Identifier: MPL-2.0
"""Digital Post through KOMBIT's SF1601 (python-serviceplatformen): the MeMo message of a letter, the
access object (the real one, or the local double's), and the strict reading of a serialised MeMo
message back into the library's own model, which the double uses to refuse a malformed message."""

from __future__ import annotations

import base64
import dataclasses
import types
import typing
import uuid
from datetime import date, datetime
from xml.etree import ElementTree

from python_serviceplatformen.models import message as memo

MEMO_NS = memo.NAME_SPACES["memo"]


class MalformedMessage(ValueError):
    pass


def build_message(*, message_uuid: uuid.UUID | str, title: str, pdf: bytes, filename: str, sender_id: str,
                  sender_label: str, recipient_id: str, recipient_label: str, created: datetime) -> memo.Message:
    """A MeMo 1.2 Digital Post message with the letter's PDF as its main document. The MessageUUID is the
    letter's own UUID: SF1601 deduplicates on it, so a resend after a crash is the same message."""
    id_type = "CPR" if len(recipient_id) == 10 else "CVR"
    return memo.Message(
        messageHeader=memo.MessageHeader(
            messageType="DIGITALPOST", messageUUID=str(message_uuid), messageID=str(message_uuid),
            label=title[:250], mandatory=False, legalNotification=False,
            sender=memo.Sender(senderID=sender_id, idType="CVR", label=sender_label),
            recipient=memo.Recipient(recipientID=recipient_id, idType=id_type, label=recipient_label),
        ),
        messageBody=memo.MessageBody(
            createdDateTime=created,
            mainDocument=memo.MainDocument(
                mainDocumentID=str(message_uuid), label=title[:250],
                files=(memo.File(encodingFormat="application/pdf", filename=filename, language="da",
                                 content=base64.b64encode(pdf).decode()),),
            ),
        ),
    )


# --- reading a MeMo message strictly (the double's check) ----------------------------------------

def _local(tag: str) -> tuple[str, str]:
    if not tag.startswith("{"):
        return "", tag
    ns, _, name = tag[1:].partition("}")
    return ns, name


def _unwrap(tp):
    """(inner type, is_sequence, optional) of a field annotation."""
    optional = False
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = True
        tp = args[0]
        origin = typing.get_origin(tp)
    if origin in (tuple, list):
        return typing.get_args(tp)[0], True, optional
    return tp, False, optional


def _scalar(tp, text: str | None, path: str):
    text = text or ""
    if typing.get_origin(tp) is typing.Literal:
        if text not in typing.get_args(tp):
            raise MalformedMessage(f"{path}: {text!r} is not one of {typing.get_args(tp)}")
        return text
    if tp is bool:
        if text not in ("true", "false"):
            raise MalformedMessage(f"{path}: {text!r} is not a boolean")
        return text == "true"
    if tp is datetime:
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise MalformedMessage(f"{path}: {text!r} is not a date and time") from exc
    if tp is date:
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise MalformedMessage(f"{path}: {text!r} is not a date") from exc
    return text


def read_dataclass(element: ElementTree.Element, cls, path: str = ""):
    """Build `cls` (a MeMo dataclass) from `element`, refusing unknown, misplaced, missing or repeated
    elements, a wrong namespace and values outside a field's allowed set."""
    ns, name = _local(element.tag)
    path = f"{path}/{name}"
    if name != cls.__name__ or ns != cls.__namespace__:
        raise MalformedMessage(f"{path}: expected {cls.__name__} in {cls.__namespace__}")
    hints = typing.get_type_hints(cls)
    fields = [f for f in dataclasses.fields(cls)]
    children = list(element)
    values: dict[str, object] = {}
    i = 0
    for f in fields:
        inner, many, optional = _unwrap(hints[f.name])
        is_dc = dataclasses.is_dataclass(inner)
        target = inner.__name__ if is_dc else f.name
        found = []
        while i < len(children) and _local(children[i].tag) == (MEMO_NS, target):
            found.append(children[i])
            i += 1
        if not found:
            if not optional and f.default is dataclasses.MISSING:
                raise MalformedMessage(f"{path}: {target} is missing")
            continue
        if len(found) > 1 and not many:
            raise MalformedMessage(f"{path}: {target} is repeated")
        parsed = [read_dataclass(c, inner, path) if is_dc else _scalar(inner, c.text, f"{path}/{target}")
                  for c in found]
        values[f.name] = tuple(parsed) if many else parsed[0]
    if i < len(children):
        raise MalformedMessage(f"{path}: unexpected element {_local(children[i].tag)[1]}")
    return cls(**values)


def read_message(xml: bytes | str) -> memo.Message:
    """A serialised MeMo message read back into the library's model, or MalformedMessage. Beyond the
    structure: the MessageUUID must be a UUID, the ids well-formed, each file's content base64 and a PDF
    carry a PDF."""
    try:
        element = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise MalformedMessage(f"not XML: {exc}") from exc
    if element.get("memoVersion") != "1.2":
        raise MalformedMessage("memoVersion must be 1.2")
    message = read_dataclass(element, memo.Message)
    header = message.messageHeader
    try:
        uuid.UUID(header.messageUUID)
    except ValueError as exc:
        raise MalformedMessage("messageUUID is not a UUID") from exc
    rid = header.recipient
    if not (rid.recipientID.isdigit() and len(rid.recipientID) == {"CPR": 10, "CVR": 8}.get(rid.idType, -1)):
        raise MalformedMessage("recipientID does not fit its idType")
    if header.messageType == "DIGITALPOST":
        if message.messageBody is None:
            raise MalformedMessage("a Digital Post message needs a messageBody")
        for file in message.messageBody.mainDocument.files:
            try:
                content = base64.b64decode(file.content, validate=True)
            except ValueError as exc:
                raise MalformedMessage(f"{file.filename}: content is not base64") from exc
            if file.encodingFormat == "application/pdf" and not content.startswith(b"%PDF-"):
                raise MalformedMessage(f"{file.filename}: not a PDF")
    return message


def read_kombi_request(xml: bytes | str) -> memo.Message:
    """The body of KombiPostAfsend_1/memos: <kombi_request><KombiValgKode/><Message/></kombi_request>."""
    try:
        element = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise MalformedMessage(f"not XML: {exc}") from exc
    children = list(element)
    if element.tag != "kombi_request" or len(children) != 2 or children[0].tag != "KombiValgKode":
        raise MalformedMessage("expected kombi_request with KombiValgKode and a Message")
    if children[0].text not in ("Digital Post", "NemSMS"):
        raise MalformedMessage(f"unknown KombiValgKode {children[0].text!r}")
    return read_message(ElementTree.tostring(children[1]))
