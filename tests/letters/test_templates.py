# SPDX-License-Identifier: MPL-2.0
"""The administrator edits the municipality's templates (issue #18): a template with a tag, an attribute
lookup or an unknown field is refused with a Danish message and saves nothing; a good one becomes a new
version that new letters are written from."""

import pytest

from forebyg.letters import services
from forebyg.letters.models import LetterTemplate, Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body, message", [
    ("{% load static %}Kære {{ notifier_name }}", "må ikke bruges i en brevskabelon"),
    ("Kære {{ x.__class__ }}", "er ikke et flettefelt"),
    ("Kære {{ cpr_number }}", "Flettefeltet {{ cpr_number }} findes ikke for denne brevtype"),
])
def test_an_unsafe_template_is_refused_in_danish(client, users, scoped, body, message):
    client.force_login(users["administrator"])
    r = client.post("/brevskabeloner/receipt/", {"title": "Kvittering", "body": body})
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not LetterTemplate.objects.exists()


def test_a_saved_template_is_a_new_version_used_by_new_letters(client, users, teacher_notification, double_dir):
    client.force_login(users["administrator"])
    r = client.post("/brevskabeloner/receipt/", {"title": "Tak for din underretning",
                                                 "body": "Hej {{ notifier_name }}. Vi fik den {{ received_date }}."})
    assert r.status_code == 302
    r = client.post("/brevskabeloner/receipt/", {"title": "Tak for din underretning",
                                                 "body": "Kære {{ notifier_name }}. Modtaget {{ received_date }}."})
    assert list(LetterTemplate.objects.values_list("version", flat=True).order_by("version")) == [1, 2]
    letter = services.letter_draft(actor=users["receiving_unit"], kind="receipt", notification=teacher_notification)
    assert letter.body.startswith("Kære Karen Skovlærer. Modtaget ") and letter.template.version == 2
    page = client.get("/brevskabeloner/").content.decode()
    assert "Kvittering til fagperson, der har underrettet" in page


def test_retention_takes_the_childs_letters_whole(users, teacher_notification, double_dir):
    from forebyg.letters.models import Letter
    from forebyg.security.retention import anonymise

    child = teacher_notification.children.get()
    letter = services.letter_draft(actor=users["receiving_unit"], kind="receipt", notification=teacher_notification)
    assert "Karen Skovlærer" in letter.body
    anonymise("child", child.pk)
    assert not Letter._base_manager.filter(pk=letter.pk).exists()
    assert not Letter.history.filter(id=letter.pk).exists()


def test_a_caseworker_writes_a_hearing_letter_from_the_child_page(client, users, child, double_dir):
    from forebyg.cases.services.practice import case_open
    from forebyg.letters.models import Letter

    case_open(actor=users["caseworker"], child=child)  # the caseworker's own child
    client.force_login(users["caseworker"])
    page = client.get(f"/boern/{child.pk}/letter/").content.decode()
    assert "Partshøring" in page and "Kvittering" not in page  # letters to the family only
    r = client.post(f"/breve/barn/{child.pk}/hearing/")
    letter = Letter.objects.get(child=child, kind="hearing")
    assert r["Location"] == f"/breve/{letter.pk}/"
    r = client.post(r["Location"], {"recipient_name": "Hemmelig Forælder", "transport": "print", "matter": "",
                                    "answer_by": "", "do": "send"})
    assert "Udfyld dette, før brevet sendes." in r.content.decode()  # what the letter needs is asked for
    letter.refresh_from_db()
    assert letter.status == Status.DRAFT and not letter.pdf


def test_registering_a_teachers_notification_drafts_the_receipt(client, users, child, team):
    from forebyg.cases.models import Notification
    from forebyg.core import clock

    client.force_login(users["receiving_unit"])
    r = client.post("/underretninger/ny/", {
        "received_at": clock.now().strftime("%Y-%m-%dT%H:%M"), "channel": "email", "notifier_kind": "school",
        "notifier_professional": "yes", "notifier_name": "Karen Skovlærer", "concern": "Bekymring (syntetisk)",
        "children": [child.pk]})
    assert r.status_code == 302, r.content.decode()[:2000]
    n = Notification.objects.get(notifier_name="Karen Skovlærer")
    letter = n.letters.get()
    assert letter.kind == "receipt" and letter.status == Status.DRAFT and letter.transport == "email"
    page = client.get(r["Location"]).content.decode()
    assert "Kvittering til fagperson, der har underrettet" in page and "Kladde" in page
