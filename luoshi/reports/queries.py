"""Reads of bulletins: the office and leaders see them all; other roles see none (404)."""

from django.db.models import QuerySet

from luoshi.org.models import User
from luoshi.org.permissions import check_signed_in
from luoshi.plans.models import Program
from luoshi.reports.models import Bulletin
from luoshi.supervision.queries import one_or_404

__all__ = ["access_bulletin", "list_bulletins"]


def list_bulletins(user: User, program: Program | None = None) -> QuerySet[Bulletin]:
    """Return the bulletins the user may read: all for office and leaders, drafts office-only."""
    user = check_signed_in(user)
    if not user.reads_everything:
        return Bulletin.objects.none()
    rows = Bulletin.objects.select_related("program", "issued_by")
    if not user.is_office:
        rows = rows.filter(status=Bulletin.Status.ISSUED)
    if program is not None:
        rows = rows.filter(program=program)
    return rows.order_by("-period", "program_id", "-version")


def access_bulletin(user: User, bulletin_id: int) -> Bulletin:
    """Return the bulletin when the user may read it; otherwise raise Http404."""
    return one_or_404(list_bulletins(user), bulletin_id)
