# SPDX-License-Identifier: MPL-2.0
"""The network journeys of issue #8 in a real browser: an application from the public call to
membership, and a participant's registration, cancellation and waiting-list promotion."""

from datetime import date, timedelta

import pytest

from forebyg.core import clock
from forebyg.core.models import Municipality
from forebyg.network import models as nm
from forebyg.network.services import calls, common, events, structure
from tests.conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def secretariat(municipality):
    return make_user(municipality, "network_secretariat", "sekretariat")


def test_application_from_call_to_membership(browser, live_server, session_for, secretariat):
    network = structure.network_create(actor=secretariat, name="Referencenetværk (syntetisk)", kind="reference",
                                       purpose="Barnets progression", starts_on=date.today(),
                                       ends_on=date.today() + timedelta(days=600), max_member_municipalities=15,
                                       max_participants_per_municipality=3)
    call = calls.call_create(actor=secretariat, network=network, title="Opslag: bliv referencekommune",
                             text="Send ½-1 side om hvorfor.", deadline=clock.now() + timedelta(days=20), publish=True)
    # A municipality applies without an account.
    from tests.e2e.conftest import Session

    public = Session(browser, live_server.url)
    public.goto(f"/netvaerk/ansoeg/{call.pk}/")
    page = public.page
    page.select_option("#id_municipality", label="Svendborg")
    page.fill("#id_contact_name", "Kontakt Syntetisk")
    page.fill("#id_contact_email", "kontakt@svendborg.kommune.example")
    page.fill("#id_motivation", "Vi vil arbejde systematisk med barnets progression i alle sager. " * 4)
    page.fill("#id_persons", "Leder Syntetisk, afdelingsleder, leder@svendborg.kommune.example\n"
                             "Rådgiver Syntetisk, rådgiver, raadgiver@svendborg.kommune.example")
    public.submit()
    assert "/tak/" in page.url
    public.close()
    application = nm.Application.objects.get()
    # The secretariat accepts; the municipality becomes a member and its persons participants.
    s = session_for("sekretariat")
    s.goto(f"/netvaerk/ansoegninger/{application.pk}/")
    s.page.check("input[name=decision][value=accept]")
    s.submit()
    svendborg = Municipality.objects.get(name="Svendborg")
    assert nm.Membership.objects.filter(network=network, municipality=svendborg).exists()
    assert nm.Participant.objects.filter(network=network, municipality=svendborg).count() == 2


def test_participant_registers_cancels_and_the_waiting_list_moves_up(browser, live_server, secretariat):
    from tests.e2e.conftest import Session

    network = structure.network_create(actor=secretariat, name="Ledernetværk (syntetisk)", kind="leader",
                                       starts_on=date.today(), ends_on=date.today() + timedelta(days=900))
    herning = Municipality.objects.get(code=657)
    structure.membership_add(actor=secretariat, network=network, municipality=herning, role="member",
                             valid_from=date.today())
    start = clock.now() + timedelta(days=10)
    event = events.event_create(actor=secretariat, network=network, kind="network_meeting", title="Regionalt møde",
                                starts_at=start, ends_at=start + timedelta(hours=6), place="Herning", capacity=1)
    people = [structure.participant_add(actor=secretariat, network=network, municipality=herning,
                                        name=f"Deltager {i} Syntetisk", email=f"d{i}@herning.kommune.example")
              for i in (1, 2)]
    tokens = [common.link_issue(participant=p) for p in people]

    def visit(token):
        s = Session(browser, live_server.url)
        s.goto(f"/netvaerk/p/{token}/")
        return s

    first = visit(tokens[0])
    first.page.click(f"#event-{event.pk} button:has-text('Tilmeld')")
    first.page.wait_for_load_state()
    second = visit(tokens[1])
    second.page.click(f"#event-{event.pk} button:has-text('Tilmeld')")
    second.page.wait_for_load_state()
    assert "venteliste" in second.page.locator(f"#event-{event.pk}").inner_text().lower()
    assert "Deltager 1" not in second.page.content(), "a link page shows nothing about other participants"
    # The first cancels (afbud); the second moves up from the waiting list.
    first.goto(f"/netvaerk/p/{tokens[0]}/")
    first.page.click(f"#event-{event.pk} button:has-text('afbud')")
    first.page.wait_for_load_state()
    second.goto(f"/netvaerk/p/{tokens[1]}/")
    assert nm.Registration.objects.get(participant=people[1], event=event).status == "registered"
    ics = second.page.request.get(f"{live_server.url}/netvaerk/p/{tokens[1]}/kalender/{event.pk}.ics")
    assert ics.ok and "BEGIN:VEVENT" in ics.text()
    # A made-up link is a friendly 404.
    bad = second.page.goto(f"{live_server.url}/netvaerk/p/{'x' * 43}/")
    assert bad.status == 404
    first.close()
    second.close()
