"""Reads of schedules, rounds and progress reports, and who is late."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from luoshi.org.models import User
from luoshi.org.permissions import check_signed_in
from luoshi.plans.models import Program
from luoshi.plans.queries import own_units
from luoshi.supervision.models import ProgressReport, ReportingRound, RoundSchedule
from luoshi.supervision.queries.common import one_or_404


def list_schedules(user: User) -> QuerySet[RoundSchedule]:
    """Return the round schedules (office and leaders)."""
    user = check_signed_in(user)
    if not user.reads_everything:
        return RoundSchedule.objects.none()
    return RoundSchedule.objects.select_related("program").order_by("program_id", "frequency")


def list_rounds(user: User, program: Program | None = None) -> QuerySet[ReportingRound]:
    """Return the rounds the user may see: all for office and leaders, else its units' rounds."""
    user = check_signed_in(user)
    rounds = ReportingRound.objects.select_related("program")
    if program is not None:
        rounds = rounds.filter(program=program)
    if not user.reads_everything:
        rounds = rounds.filter(
            Exists(
                ProgressReport.objects.filter(round=OuterRef("pk"), unit_id__in=own_units(user))
            ),
            program__status=Program.Status.PUBLISHED,
        )
    return rounds.order_by("-period_start", "program_id", "period")


def access_round(user: User, round_id: int) -> ReportingRound:
    """Return the round when the user may see it; otherwise raise Http404."""
    return one_or_404(list_rounds(user), round_id)


def list_reports(user: User) -> QuerySet[ProgressReport]:
    """Return the reports the user may see.

    Units see their own reports and, where they lead an item, the co-units' reports on it in
    the same round (the lead writes the consolidated report from them).
    """
    user = check_signed_in(user)
    reports = ProgressReport.objects.select_related(
        "round", "round__program", "task", "decision", "decision__meeting", "unit"
    )
    if user.reads_everything:
        return reports
    own = own_units(user)
    leads = ProgressReport.objects.filter(
        round_id=OuterRef("round_id"), unit_id__in=own, role=ProgressReport.Role.LEAD
    ).filter(Q(task_id=OuterRef("task_id")) | Q(decision_id=OuterRef("decision_id")))
    return reports.filter(Q(unit_id__in=own) | Exists(leads)).filter(
        round__program__status=Program.Status.PUBLISHED
    )


def access_report(user: User, report_id: int) -> ProgressReport:
    """Return the report when the user may see it; otherwise raise Http404."""
    return one_or_404(list_reports(user), report_id)


def co_reports(report: ProgressReport) -> QuerySet[ProgressReport]:
    """Return the other units' reports on the same item in the same round."""
    same_item = (
        Q(task_id=report.task_id)
        if report.task_id is not None
        else Q(decision_id=report.decision_id)
    )
    return (
        ProgressReport.objects.filter(same_item, round_id=report.round_id)
        .exclude(pk=report.pk)
        .select_related("unit")
        .order_by("role", "unit__name")
    )


def late_reports(
    user: User, today: date, program: Program | None = None
) -> QuerySet[ProgressReport]:
    """Return reports past their round's due date and never submitted: who is late."""
    reports = list_reports(user).filter(round__due_on__lt=today, first_submitted_at__isnull=True)
    if program is not None:
        reports = reports.filter(round__program=program)
    return reports.order_by("round__due_on", "unit__name", "task__order", "decision_id")
