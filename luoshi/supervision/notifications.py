"""In-app notifications and e-mails to the people of a unit; e-mail leaves after commit."""

from collections.abc import Iterable
from datetime import datetime
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.org.models import User
from luoshi.supervision.models import Notification

UNIT_ROLES = (User.Role.REPORTER, User.Role.UNIT_HEAD)


def unit_people(unit_ids: Iterable[int]) -> list[User]:
    """Return the active reporters and unit heads of the units."""
    return list(
        User.objects.filter(
            unit_id__in=set(unit_ids), is_active=True, role__in=UNIT_ROLES
        ).order_by("id")
    )


def _send(subject: str, body: str, recipients: list[str]) -> None:
    # One message per person: addresses of other units are not disclosed to each other.
    for address in recipients:
        send_mail(subject, body, None, [address], fail_silently=True)


def notify(
    users: Iterable[User],
    *,
    title: str,
    body: str,
    url: str,
    now: datetime,
    is_simulated: bool = False,
    email: bool = True,
) -> list[Notification]:
    """Write one in-app notification per user and e-mail those with an address on commit."""
    people = list(users)
    rows = Notification.objects.bulk_create(
        [
            Notification(
                user=u,
                title=title[:200],
                body=body,
                url=url,
                created_at=now,
                is_simulated=is_simulated,
            )
            for u in people
        ]
    )
    addresses = [u.email for u in people if u.email]
    if email and addresses and not is_simulated:
        link = f"{settings.SITE_URL}{url}" if url else ""
        text = f"{body}\n\n{link}".strip()
        subject = _("【落实】%(title)s") % {"title": title}
        transaction.on_commit(partial(_send, subject, text, addresses))
    return rows
