"""The numbers behind the dashboard's charts, from the functions the pages and bulletin use.

`program_summary` (luoshi.reports.summary) and its breakdowns (luoshi.reports.breakdown) give
every value; the dashboard page embeds the same values, so both show the same numbers.
Scope, as on the pages: office and leaders read every view; reporters and unit heads read the
view of a unit they act for and of the 市州 that unit belongs to; anything else is 404.
"""

from dataclasses import asdict
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router

from luoshi.api.auth import request_user
from luoshi.api.caching import cached_json
from luoshi.api.errors import ApiError
from luoshi.api.schemas.dashboard import DashboardOut, RegionDashboardOut, UnitDashboardOut
from luoshi.core.periods import Period, parse_period
from luoshi.org.models import Region, Unit, User
from luoshi.plans.queries import access_program, own_units
from luoshi.reports.breakdown import cached_summary, league, unit_slice
from luoshi.reports.content.summary_data import ProgramSummary

router = Router(tags=["dashboard"])


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as error:
        raise ApiError(422, "invalid_period", str(error), str(error)) from None


def _head(summary: ProgramSummary) -> dict[str, Any]:
    return {
        "program_id": summary.program_id,
        "program_slug": summary.program_slug,
        "program_name": summary.program_name,
        "period": summary.period,
        "period_label": summary.period_label,
        "period_start": summary.period_start,
        "period_end": summary.period_end,
        "as_of": summary.as_of,
        "round": summary.round,
        "is_simulated": summary.is_simulated,
        "simulated_parts": list(summary.simulated_parts),
    }


def _targets(summary: ProgramSummary) -> list[dict[str, Any]]:
    return [
        {
            **asdict(t),
            "how_url": reverse("indicators:indicator_detail", args=[t.indicator_id]),
        }
        for t in summary.targets
    ]


@router.get("/dashboard", response=DashboardOut)
def dashboard(request: HttpRequest, program: int, period: str) -> HttpResponse:
    """Return every chart's numbers for the program dashboard (office and leaders)."""
    user = request_user(request)
    if not user.reads_everything:
        raise Http404
    row = access_program(user, program)
    chosen = _period(period)

    def build() -> dict[str, Any]:
        summary, prefectures = cached_summary(row, chosen)
        return {
            **_head(summary),
            "overall": summary.overall,
            "sections": summary.sections,
            "targets": _targets(summary),
            "prefectures": prefectures,
            "league": league(summary),
            "red_items": summary.red_items,
            "open_notices": summary.open_notices,
        }

    return cached_json(request, "dashboard", (row.pk, str(chosen)), DashboardOut, build)


def _unit_access(user: User, unit_id: int) -> Unit:
    if not user.reads_everything and unit_id not in own_units(user):
        raise Http404
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


@router.get("/dashboard/units/{unit_id}", response=UnitDashboardOut)
def unit_dashboard(request: HttpRequest, unit_id: int, program: int, period: str) -> dict[str, Any]:
    """Return one unit's view: timeliness, score, lights of its items, red items, notices."""
    user = request_user(request)
    row = access_program(user, program)
    unit = _unit_access(user, unit_id)
    summary, _ = cached_summary(row, _period(period))
    return {**_head(summary), "unit": unit_slice(summary, unit.pk, unit.name)}


@router.get("/dashboard/regions/{code}", response=RegionDashboardOut)
def region_dashboard(request: HttpRequest, code: str, program: int, period: str) -> dict[str, Any]:
    """Return one 市州's view: its indicators and its government unit's figures."""
    user = request_user(request)
    row = access_program(user, program)
    region = Region.objects.filter(code=code, level=Region.Level.PREFECTURE).first()
    if region is None:
        raise Http404
    if (
        not user.reads_everything
        and not Unit.objects.filter(pk__in=own_units(user), region=region).exists()
    ):
        raise Http404
    summary, prefectures = cached_summary(row, _period(period))
    prefecture = next(
        (p for p in prefectures if p.code == code),
        None,
    )
    if prefecture is None:
        raise Http404
    unit = (
        unit_slice(summary, prefecture.unit_id, prefecture.unit_name)
        if prefecture.unit_id is not None
        else None
    )
    return {**_head(summary), "prefecture": prefecture, "unit": unit}
