"""Who sees which dashboard view, and which period a view shows.

- The program dashboard: office and leaders (they read everything); anyone else gets 404.
- A unit's view: office and leaders; reporters and unit heads for the units they act for
  (their own, its predecessors and the collectives it belongs to).
- A 市州's view: office and leaders; reporters and unit heads whose own units include a unit
  of that 市州 (its government).
- The public page: anyone, only when the office has marked the program public; it shows no
  unit's name (see docs/guide/office.md).
Missing and forbidden look the same (404), as everywhere else.
"""

from dataclasses import dataclass

from django.http import Http404

from luoshi.core.periods import Period, PeriodKind, parse_period, period_containing
from luoshi.org.models import Region, Unit, User
from luoshi.plans.models import Program
from luoshi.plans.queries import access_program, list_programs, own_units
from luoshi.supervision.models import ReportingRound
from luoshi.supervision.queries import local_today

__all__ = [
    "PeriodChoice",
    "access_dashboard",
    "access_public",
    "access_region_view",
    "access_unit_view",
    "choose_period",
    "home_target",
]


def access_dashboard(user: User, program_id: int) -> Program:
    """Return the program when the user may read its whole dashboard; otherwise 404."""
    if not user.reads_everything:
        raise Http404
    return access_program(user, program_id)


def access_unit_view(user: User, program_id: int, unit_id: int) -> tuple[Program, Unit]:
    """Return the program and unit when the user may read the unit's view; otherwise 404."""
    program = access_program(user, program_id)
    if not user.reads_everything and unit_id not in own_units(user):
        raise Http404
    unit = Unit.objects.select_related("region").filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return program, unit


def access_region_view(user: User, program_id: int, code: str) -> tuple[Program, Region]:
    """Return the program and 市州 when the user may read the 市州's view; otherwise 404."""
    program = access_program(user, program_id)
    region = Region.objects.filter(code=code, level=Region.Level.PREFECTURE).first()
    if region is None:
        raise Http404
    if (
        not user.reads_everything
        and not Unit.objects.filter(pk__in=own_units(user), region=region).exists()
    ):
        raise Http404
    return program, region


def access_public(slug: str) -> Program:
    """Return a published program the office has marked public; otherwise 404."""
    program = (
        Program.objects.select_related("region")
        .filter(slug=slug, is_public=True, status=Program.Status.PUBLISHED)
        .first()
    )
    if program is None:
        raise Http404
    return program


@dataclass(frozen=True)
class PeriodChoice:
    period: Period
    choices: tuple[str, ...]


def choose_period(program: Program, wanted: str) -> PeriodChoice:
    """Return the asked period (404 when malformed), else the latest round already open.

    Without rounds the default is the quarter containing today. The choices are the periods of
    the program's rounds, newest first, plus the asked one when it has no round.
    """
    today = local_today()
    rounds = list(
        ReportingRound.objects.filter(program=program)
        .order_by("-period_start", "-period_end")
        .values_list("period", "opens_on")
    )
    choices = [period for period, _ in rounds]
    if wanted:
        try:
            period = parse_period(wanted)
        except ValueError:
            raise Http404 from None
        if str(period) not in choices:
            choices.insert(0, str(period))
        return PeriodChoice(period, tuple(choices))
    started = [p for p, opens_on in rounds if opens_on <= today]
    if started:
        period = parse_period(started[0])
    elif rounds:
        period = parse_period(rounds[-1][0])
    else:
        period = period_containing(today, PeriodKind.QUARTER)
        choices.insert(0, str(period))
    return PeriodChoice(period, tuple(choices))


def home_target(user: User) -> tuple[Program, Unit | None] | None:
    """Return where /dashboard/ leads: the newest published program, and the user's unit when
    the user reads only its own units; None when there is nothing to show."""
    program = list_programs(user).filter(status=Program.Status.PUBLISHED).first()
    if program is None:
        return None
    if user.reads_everything:
        return program, None
    if user.unit_id is None:
        return None
    return program, user.unit
