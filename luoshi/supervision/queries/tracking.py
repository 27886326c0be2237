"""Reads of notices, extensions, meetings and decisions, instructions and notifications."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from luoshi.org.models import User
from luoshi.org.permissions import check_signed_in
from luoshi.plans.queries import own_units
from luoshi.supervision.models import (
    AnswerStatus,
    Decision,
    DecisionOwner,
    ExtensionRequest,
    Instruction,
    Meeting,
    Notification,
    SupervisionNotice,
)
from luoshi.supervision.queries.common import one_or_404, unit_scoped


def list_notices(user: User) -> QuerySet[SupervisionNotice]:
    """Return the notices the user may see: all for office and leaders, else its units'."""
    user = check_signed_in(user)
    notices = SupervisionNotice.objects.select_related(
        "program",
        "unit",
        "round",
        "report",
        "report__round",
        "report__task",
        "report__decision",
        "report__decision__meeting",
    )
    return unit_scoped(user, notices).order_by("-issued_on", "-id")


def access_notice(user: User, notice_id: int) -> SupervisionNotice:
    """Return the notice when the user may see it; otherwise raise Http404."""
    return one_or_404(list_notices(user), notice_id)


def list_extensions(user: User) -> QuerySet[ExtensionRequest]:
    """Return the extension requests the user may see."""
    user = check_signed_in(user)
    rows = ExtensionRequest.objects.select_related(
        "program", "unit", "task", "decision", "decision__meeting", "requested_by"
    )
    return unit_scoped(user, rows).order_by("-requested_at", "-id")


def access_extension(user: User, extension_id: int) -> ExtensionRequest:
    """Return the extension request when the user may see it; otherwise raise Http404."""
    return one_or_404(list_extensions(user), extension_id)


def list_meetings(user: User) -> QuerySet[Meeting]:
    """Return meetings: all for office and leaders, else those the user's units attended or own."""
    user = check_signed_in(user)
    meetings = Meeting.objects.select_related("program")
    if not user.reads_everything:
        own = own_units(user)
        attended = Meeting.attendees.through.objects.filter(
            meeting_id=OuterRef("pk"), unit_id__in=own
        )
        owns = DecisionOwner.objects.filter(decision__meeting=OuterRef("pk"), unit_id__in=own)
        meetings = meetings.filter(Q(Exists(attended)) | Q(Exists(owns)))
    return meetings.order_by("-date", "-id")


def access_meeting(user: User, meeting_id: int) -> Meeting:
    """Return the meeting when the user may see it; otherwise raise Http404."""
    return one_or_404(list_meetings(user), meeting_id)


def list_decisions(user: User) -> QuerySet[Decision]:
    """Return meeting decisions: all for office and leaders, else those the user's units own."""
    user = check_signed_in(user)
    decisions = Decision.objects.select_related("meeting", "program")
    if not user.reads_everything:
        decisions = decisions.filter(
            Exists(
                DecisionOwner.objects.filter(decision=OuterRef("pk"), unit_id__in=own_units(user))
            )
        )
    return decisions.order_by("-meeting__date", "meeting_id", "number")


def access_decision(user: User, decision_id: int) -> Decision:
    """Return the decision when the user may see it; otherwise raise Http404."""
    return one_or_404(list_decisions(user), decision_id)


def list_instructions(user: User) -> QuerySet[Instruction]:
    """Return leader instructions: all for office and leaders, else those addressed to its units."""
    user = check_signed_in(user)
    rows = Instruction.objects.select_related(
        "program", "unit", "author", "task", "report", "notice"
    )
    return unit_scoped(user, rows).order_by("-created_at", "-id")


def access_instruction(user: User, instruction_id: int) -> Instruction:
    """Return the instruction when the user may see it; otherwise raise Http404."""
    return one_or_404(list_instructions(user), instruction_id)


def list_notifications(user: User) -> QuerySet[Notification]:
    """Return the user's own in-app notifications, newest first."""
    user = check_signed_in(user)
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def open_answer_count(user: User) -> int:
    """Return how many notices and instructions await the user's units' answer."""
    if user.reads_everything or user.unit_id is None:
        return 0
    own = own_units(user)
    waiting = (AnswerStatus.OPEN, AnswerStatus.RETURNED)
    return (
        SupervisionNotice.objects.filter(unit_id__in=own, status__in=waiting).count()
        + Instruction.objects.filter(unit_id__in=own, status__in=waiting).count()
    )
