"""The outbox in the Wagtail admin (issue 10, finding 12): coordinators see every
message with its status, recipient, kind, attempts and last error, filter it, and
send a failed, bounced or interrupted one again (logged); nobody else sees it.
A periodic purge deletes finished messages after the retention period."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from samverka.core.models import OutboundEmail
from samverka.core.tasks import purge_outbox, recover_outbox
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

Status = OutboundEmail.Status


def make_email(status=Status.SENT, **fields):
    values = {
        "to": ["amina@example.org"],
        "subject": "Välkommen",
        "body": "Hej Amina, Storgatan 1",
        "kind": "account",
        "status": status,
    }
    values.update(fields)
    return OutboundEmail.objects.create(**values)


@pytest.fixture
def outbox():
    return {
        "sent": make_email(Status.SENT, attempts=1, sent_at=timezone.now()),
        "bounced": make_email(
            Status.BOUNCED,
            kind="events/email/confirmed",
            to=["borta@example.org"],
            attempts=1,
            last_error="Postmark: mailbox full",
        ),
        "failed": make_email(Status.FAILED, attempts=6, last_error="ConnectionError: down"),
        "interrupted": make_email(Status.INTERRUPTED, attempts=1, kind="account"),
    }


@pytest.fixture
def coordinator(coordinator):
    """The coordinator reads the admin in English."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    return coordinator


def test_coordinators_see_status_recipient_kind_attempts_and_error(client, coordinator, outbox):
    client.force_login(coordinator)
    response = client.get(reverse("outbox:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "borta@example.org",
        "events/email/confirmed",
        "Postmark: mailbox full",
        "Bounced",
    ):
        assert text in page
    # Send again is offered for the three that need a decision, not for the sent one.
    for name in ("bounced", "failed", "interrupted"):
        assert reverse("outbox_admin:resend", args=[outbox[name].pk]) in page
    assert reverse("outbox_admin:resend", args=[outbox["sent"].pk]) not in page

    response = client.get(reverse("outbox:index"), {"status": "bounced"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "borta@example.org" in page
    assert "amina@example.org" not in page


def test_the_listing_costs_the_same_queries_for_1_and_100_messages(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    make_email()
    # The first request fills the layout cache (site, locales); measure warm requests.
    client.get(reverse("outbox:index"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("outbox:index")).status_code == 200
    OutboundEmail.objects.bulk_create(
        [
            OutboundEmail(to=["x@example.org"], subject="s", body="b", status=Status.FAILED)
            for _ in range(99)
        ]
    )
    with django_assert_num_queries(len(one)):
        assert client.get(reverse("outbox:index")).status_code == 200


def _outbox_urls(email):
    return [
        reverse("outbox:index"),
        reverse("outbox:index_results"),
        reverse("outbox:inspect", args=[email.pk]),
        reverse("outbox:history", args=[email.pk]),
        reverse("outbox_admin:resend", args=[email.pk]),
    ]


def test_editors_get_404(client, editor, outbox):
    client.force_login(editor)
    for url in _outbox_urls(outbox["bounced"]):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("outbox:index"), {"export": "csv"}).status_code == 404
    assert (
        client.post(reverse("outbox_admin:resend", args=[outbox["bounced"].pk])).status_code == 404
    )
    outbox["bounced"].refresh_from_db()
    assert outbox["bounced"].status == Status.BOUNCED


def test_staff_without_the_permission_get_404_on_every_outbox_address(client, editor, outbox):
    """Also the addresses Wagtail adds by itself (edit, delete, usage, history results,
    new): a 404, never a redirect to the dashboard; a reader who may not delete gets 403."""
    email = outbox["bounced"]
    urls = [
        reverse("outbox:edit", args=[email.pk]),
        reverse("outbox:delete", args=[email.pk]),
        reverse("outbox:usage", args=[email.pk]),
        reverse("outbox:history_results", args=[email.pk]),
        reverse("outbox:add"),
    ]
    client.force_login(editor)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("outbox:delete", args=[email.pk])).status_code == 404
    readers = Group.objects.create(name="Outbox readers")
    readers.permissions.add(
        Permission.objects.get(codename="view_outboundemail"),
        Permission.objects.get(codename="access_admin"),
    )
    editor.groups.add(readers)
    assert client.get(reverse("outbox:edit", args=[email.pk])).status_code == 302  # to details
    for url in (reverse("outbox:delete", args=[email.pk]), reverse("outbox:add")):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url
    assert OutboundEmail.objects.filter(pk=email.pk).exists()


@pytest.mark.parametrize("persona", ["volunteer_user", "representative_user"])
def test_volunteers_and_representatives_never_reach_it(client, request, persona, outbox):
    """Without access to the admin, Wagtail sends them to the login page before
    any outbox view runs; nothing of the outbox is in the answer."""
    client.force_login(request.getfixturevalue(persona))
    for url in _outbox_urls(outbox["bounced"]):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
    response = client.post(reverse("outbox_admin:resend", args=[outbox["bounced"].pk]))
    assert response.status_code == 302
    outbox["bounced"].refresh_from_db()
    assert outbox["bounced"].status == Status.BOUNCED
    assert not ModelLogEntry.objects.filter(action="samverka.outbox.resend").exists()


def test_a_reader_of_the_outbox_may_not_resend(client, editor, outbox):
    readers = Group.objects.create(name="Outbox readers")
    readers.permissions.add(
        Permission.objects.get(codename="view_outboundemail"),
        Permission.objects.get(codename="access_admin"),
    )
    editor.groups.add(readers)
    client.force_login(editor)
    assert client.get(reverse("outbox:index")).status_code == 200
    url = reverse("outbox_admin:resend", args=[outbox["failed"].pk])
    assert client.post(url).status_code == 403
    assert client.post(reverse("outbox_admin:resend", args=[10**9])).status_code == 404


def test_resend_queues_the_message_again_and_logs_who(
    client, coordinator, outbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    email = outbox["bounced"]
    url = reverse("outbox_admin:resend", args=[email.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Check the address" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert email.attempts == 2
    [message] = mail.outbox
    assert message.to == ["borta@example.org"]

    entry = ModelLogEntry.objects.get(action="samverka.outbox.resend")
    assert entry.user == coordinator
    assert entry.object_id == str(email.pk)
    # In the message's own history.
    response = client.get(reverse("outbox:history", args=[email.pk]))
    assert response.status_code == 200

    # A second click does not send it twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 1
    assert ModelLogEntry.objects.filter(action="samverka.outbox.resend").count() == 1


def test_recovery_requeues_the_never_claimed_and_flags_the_orphaned(settings):
    settings.SAMVERKA_OUTBOX_CLAIM_TIMEOUT_SECONDS = 600
    long_ago = timezone.now() - timedelta(hours=1)
    lost = make_email(Status.QUEUED, created_at=long_ago)
    fresh = make_email(Status.QUEUED)
    orphan = make_email(Status.SENDING, claimed_at=long_ago, attempts=1)
    busy = make_email(Status.SENDING, claimed_at=timezone.now(), attempts=1)

    assert recover_outbox.call() == {"requeued": 1, "interrupted": 1}
    for email in (lost, fresh, orphan, busy):
        email.refresh_from_db()
    assert lost.status == Status.SENT  # never handed over: sent now, once
    assert fresh.status == Status.QUEUED  # its task is still on its way
    assert orphan.status == Status.INTERRUPTED  # may have gone: a person decides
    assert busy.status == Status.SENDING
    assert [m.to for m in mail.outbox] == [lost.to]


def test_two_workers_given_the_same_row_send_it_once():
    email = make_email(Status.QUEUED)
    assert OutboundEmail.objects.claim(email.pk) is not None
    assert OutboundEmail.objects.claim(email.pk) is None


@pytest.fixture
def registration_confirmation(home_page, django_capture_on_commit_callbacks):
    from events.models import EventIndexPage

    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    occurrence = make_event(index).occurrences.get()
    with django_capture_on_commit_callbacks(execute=True):
        occurrence.register(name="Amina Yousef", email="amina@example.org")
    email = OutboundEmail.objects.get(to=["amina@example.org"])
    assert email.status == Status.SENT
    return email


def test_purge_deletes_finished_messages_after_the_retention_period(
    settings, registration_confirmation
):
    settings.SAMVERKA_OUTBOX_RETENTION_DAYS = 90
    now = timezone.now()
    old = now - timedelta(days=91)
    OutboundEmail.objects.filter(pk=registration_confirmation.pk).update(sent_at=old)
    recent = make_email(Status.SENT, sent_at=now - timedelta(days=89))
    old_failed = make_email(Status.FAILED, created_at=old)
    old_bounced = make_email(Status.BOUNCED, created_at=old, sent_at=old)
    still_retrying = make_email(Status.RETRYING, created_at=old)

    assert purge_outbox.call() == 3
    remaining = set(OutboundEmail.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, still_retrying.pk}
    assert registration_confirmation.pk not in remaining
    assert old_failed.pk not in remaining and old_bounced.pk not in remaining
    # Nothing of the confirmation with the name and address is left.
    assert not OutboundEmail.objects.filter(kind=registration_confirmation.kind).exists()
    assert registration_confirmation.kind == "events.confirmed"


def test_the_purge_and_the_recovery_run_with_tick():
    from samverka.core.discovery import collect

    assert {purge_outbox, recover_outbox} <= set(collect("periodic", "PERIODIC_TASKS"))


def test_tick_says_what_became_of_each_task_in_the_site_language(db, monkeypatch):
    import re
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    real = translation._trans.gettext
    # marks what goes through gettext under Swedish, whatever the catalogue holds
    monkeypatch.setattr(
        translation._trans,
        "gettext",
        lambda message: (
            f"«{real(message)}»" if translation.get_language() == "sv" else real(message)
        ),
    )
    out = StringIO()
    with translation.override("sv"):
        call_command("tick", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines
    for index, line in enumerate(lines, start=1):
        # the position and the task's name as in the code; the outcome in words
        assert re.fullmatch(rf"\[{index}/{len(lines)}\] \w+: «[^«»]+»", line), line
    assert any(
        line.startswith(f"[{i}/{len(lines)}] purge_outbox: ") for i, line in enumerate(lines, 1)
    )
