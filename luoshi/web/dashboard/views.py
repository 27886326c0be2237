"""Dashboard pages: the program, one 市州, one unit, how a figure was computed, the public page.

Every view reads `program_summary` once (plus the breakdowns built from it) and hands the same
values to the charts (json_script), their table views and their CSV (`?format=csv&table=`).
With htmx, the period selector swaps #dashboard-body and the map selector swaps #map-panel.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.org.models import User
from luoshi.org.permissions import check_office
from luoshi.plans.models import Program
from luoshi.reports.breakdown import cached_summary, league, unit_slice
from luoshi.reports.content.summary_data import ProgramSummary
from luoshi.web.actions import do_set_program_public
from luoshi.web.caching import cached_page
from luoshi.web.dashboard import data
from luoshi.web.dashboard.access import (
    PeriodChoice,
    access_dashboard,
    access_public,
    access_region_view,
    access_unit_view,
    choose_period,
    home_target,
)


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _htmx_target(request: HttpRequest) -> str:
    htmx = getattr(request, "htmx", None)
    return str(htmx.target or "") if htmx else ""


def _with_period(url: str, period: str) -> str:
    return f"{url}?{urlencode({'period': period})}"


class _Links:
    """The URLs a view's figures link to (the public page uses none of them)."""

    def __init__(self, program: Program, period: str) -> None:
        self.program = program
        self.period = period

    def indicator(self, indicator_id: int) -> str:
        return reverse("indicators:indicator_detail", args=[indicator_id])

    def region(self, code: str) -> str:
        return _with_period(reverse("web:prefecture", args=[self.program.pk, code]), self.period)

    def unit(self, unit_id: int) -> str:
        return _with_period(
            reverse("web:unit_dashboard", args=[self.program.pk, unit_id]), self.period
        )

    def report(self, report_id: int) -> str:
        return reverse("supervision:report_detail", args=[report_id])

    def notice(self, notice_id: int) -> str:
        return reverse("supervision:notice_detail", args=[notice_id])

    def how(self, section: str) -> str:
        query = {"period": self.period}
        if section:
            query["section"] = section
        return f"{reverse('web:dashboard_how', args=[self.program.pk])}?{urlencode(query)}"


def _csv_or_none(
    request: HttpRequest, tables: dict[str, data.Table], name: str
) -> HttpResponse | None:
    if request.GET.get("format") != "csv":
        return None
    table = tables.get(request.GET.get("table", ""))
    if table is None:
        raise Http404
    return data.csv_response(table, f"{name}-{table.key}.csv")


def _base_context(
    program: Program, choice: PeriodChoice, summary: ProgramSummary, page_url: str
) -> dict[str, Any]:
    return {
        "program": program,
        "period": str(choice.period),
        "periods": choice.choices,
        "summary": summary,
        "simulated": summary.is_simulated,
        "page_url": page_url,
    }


def _map_parts(
    request: HttpRequest,
    summary: ProgramSummary,
    rows: Any,
    *,
    region_href: Callable[[str], str] | None,
    allow_timeliness: bool,
) -> tuple[dict[str, Any], data.Table]:
    choice = data.map_choice(request.GET.get("map", ""), summary, allow_timeliness=allow_timeliness)
    table = data.map_table(rows, choice, region_href)
    return (
        {
            "map_choice": choice,
            "map_options": data.map_options(summary, allow_timeliness=allow_timeliness),
            "map_chart": data.map_chart(rows, choice, region_href),
            "map_table": table,
            "map_clickable": region_href is not None,
        },
        table,
    )


def _csv_query(period: str, map_key: str) -> str:
    return urlencode({"period": period, "map": map_key, "format": "csv"})


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """/dashboard/: the newest program's dashboard, or the reporter's own unit in it."""
    target = home_target(_user(request))
    if target is None:
        return redirect("web:home")
    program, unit = target
    if unit is None:
        return redirect("web:dashboard", program.pk)
    return redirect("web:unit_dashboard", program.pk, unit.pk)


@login_required
@cached_page
def dashboard(request: HttpRequest, program_id: int) -> HttpResponse:
    user = _user(request)
    program = access_dashboard(user, program_id)
    choice = choose_period(program, request.GET.get("period", ""))
    period = str(choice.period)
    summary, prefectures = cached_summary(program, choice.period)
    links = _Links(program, period)
    map_context, map_table = _map_parts(
        request, summary, prefectures, region_href=links.region, allow_timeliness=True
    )
    tables = {
        "sections": data.sections_table(summary, links.how),
        "targets": data.targets_table(summary, links.indicator),
        "map": map_table,
        "league": data.league_table(league(summary), links.unit),
        "red": data.red_table(summary.red_items, links.report, links.unit),
        "notices": data.notices_table(summary.open_notices, links.notice, links.unit),
    }
    csv = _csv_or_none(request, tables, f"{program.slug}-{period}")
    if csv is not None:
        return csv
    page_url = reverse("web:dashboard", args=[program.pk])
    context = {
        **_base_context(program, choice, summary, page_url),
        **map_context,
        "tables": tables,
        "sections_chart": data.sections_chart(summary),
        "targets_chart": data.bullet_chart(summary, links.indicator),
        "csv_query": _csv_query(period, map_context["map_choice"].key),
        "how_overall": links.how(""),
        "round_url": reverse("supervision:round_detail", args=[summary.round.round_id])
        if summary.round is not None
        else "",
        "public_url": reverse("web:public", args=[program.slug]) if program.is_public else "",
    }
    target = _htmx_target(request)
    if target == "map-panel":
        return render(request, "web/dashboard/_map_panel.html", context)
    if target == "dashboard-body":
        return render(request, "web/dashboard/_dashboard_body.html", context)
    return render(request, "web/dashboard/dashboard.html", context)


@login_required
@cached_page
def prefecture(request: HttpRequest, program_id: int, code: str) -> HttpResponse:
    user = _user(request)
    program, region = access_region_view(user, program_id, code)
    choice = choose_period(program, request.GET.get("period", ""))
    period = str(choice.period)
    summary, prefectures = cached_summary(program, choice.period)
    row = next((r for r in prefectures if r.code == code), None)
    if row is None:
        raise Http404
    links = _Links(program, period)
    unit = unit_slice(summary, row.unit_id, row.unit_name) if row.unit_id is not None else None
    tables = {"indicators": data.region_indicators_table(row, links.indicator)}
    if unit is not None:
        tables["lights"] = data.lights_table(unit.lights)
        tables["items"] = data.unit_items_table(unit, links.report)
        tables["notices"] = data.notices_table(unit.open_notices, links.notice)
    csv = _csv_or_none(request, tables, f"{program.slug}-{period}-{region.code}")
    if csv is not None:
        return csv
    page_url = reverse("web:prefecture", args=[program.pk, code])
    context = {
        **_base_context(program, choice, summary, page_url),
        "region": region,
        "row": row,
        "unit": unit,
        "unit_url": links.unit(row.unit_id) if row.unit_id is not None else "",
        "tables": tables,
        "targets_chart": data.region_bullet_chart(row, links.indicator),
        "hidden_count": len(row.indicators) - len(data.region_indicators(row)),
        "lights_chart": data.lights_chart(unit.lights) if unit is not None else None,
        "csv_query": _csv_query(period, ""),
        "dashboard_url": _with_period(reverse("web:dashboard", args=[program.pk]), period)
        if user.reads_everything
        else "",
    }
    if _htmx_target(request) == "dashboard-body":
        return render(request, "web/dashboard/_prefecture_body.html", context)
    return render(request, "web/dashboard/prefecture.html", context)


@login_required
@cached_page
def unit_dashboard(request: HttpRequest, program_id: int, unit_id: int) -> HttpResponse:
    user = _user(request)
    program, unit_row = access_unit_view(user, program_id, unit_id)
    choice = choose_period(program, request.GET.get("period", ""))
    period = str(choice.period)
    summary, _ = cached_summary(program, choice.period)
    links = _Links(program, period)
    unit = unit_slice(summary, unit_row.pk, unit_row.name)
    tables = {
        "lights": data.lights_table(unit.lights),
        "items": data.unit_items_table(unit, links.report),
        "notices": data.notices_table(unit.open_notices, links.notice),
    }
    csv = _csv_or_none(request, tables, f"{program.slug}-{period}-unit-{unit_row.pk}")
    if csv is not None:
        return csv
    page_url = reverse("web:unit_dashboard", args=[program.pk, unit_row.pk])
    region_url = ""
    if unit_row.region is not None and unit_row.region.level == unit_row.region.Level.PREFECTURE:
        region_url = links.region(unit_row.region.code)
    context = {
        **_base_context(program, choice, summary, page_url),
        "unit_row": unit_row,
        "unit": unit,
        "tables": tables,
        "lights_chart": data.lights_chart(unit.lights),
        "csv_query": _csv_query(period, ""),
        "region_url": region_url,
        "tasks_url": reverse("plans:unit_tasks", args=[program.pk, unit_row.pk]),
        "dashboard_url": _with_period(reverse("web:dashboard", args=[program.pk]), period)
        if user.reads_everything
        else "",
    }
    if _htmx_target(request) == "dashboard-body":
        return render(request, "web/dashboard/_unit_body.html", context)
    return render(request, "web/dashboard/unit.html", context)


@login_required
@cached_page
def dashboard_how(request: HttpRequest, program_id: int) -> HttpResponse:
    """How the task-progress figures of the program (or one section) were computed."""
    user = _user(request)
    program = access_dashboard(user, program_id)
    choice = choose_period(program, request.GET.get("period", ""))
    summary, _ = cached_summary(program, choice.period)
    wanted = request.GET.get("section", "")
    if wanted:
        section = next((s for s in summary.sections if (s.path or "-") == wanted), None)
        if section is None:
            raise Http404
        tasks = [t for t in summary.tasks if (t.section_path or "-") == wanted]
    else:
        section = summary.overall
        tasks = list(summary.tasks)
    reported = [t for t in tasks if t.percent is not None]
    return render(
        request,
        "web/dashboard/how.html",
        {
            **_base_context(
                program, choice, summary, reverse("web:dashboard_how", args=[program.pk])
            ),
            "section": section,
            "is_overall": not wanted,
            "tasks": tasks,
            "percent_terms": " + ".join(str(t.percent) for t in reported),
            "expected_terms": " + ".join(str(t.expected) for t in tasks if t.expected is not None),
            "expected_count": sum(1 for t in tasks if t.expected is not None),
            "reported_count": len(reported),
            "round_url": reverse("supervision:round_detail", args=[summary.round.round_id])
            if summary.round is not None
            else "",
            "dashboard_url": _with_period(
                reverse("web:dashboard", args=[program.pk]), str(choice.period)
            ),
        },
    )


@login_required
@require_POST
def public_toggle(request: HttpRequest, program_id: int) -> HttpResponseBase:
    user = check_office(request.user)
    program = access_dashboard(user, program_id)
    is_public = request.POST.get("is_public") == "1"
    program = do_set_program_public(program, is_public=is_public, acting_user=user)
    if program.is_public:
        messages.success(request, _("已公开进展页面：任何人无需登录即可查看。"))
    else:
        messages.success(request, _("已关闭公开进展页面。"))
    return redirect("web:dashboard", program.pk)


def public(request: HttpRequest, slug: str) -> HttpResponse:
    """The read-only public progress page: overall progress, targets, the map; no unit names."""
    program = access_public(slug)
    choice = choose_period(program, request.GET.get("period", ""))
    period = str(choice.period)
    summary, prefectures = cached_summary(program, choice.period)
    map_context, map_table = _map_parts(
        request, summary, prefectures, region_href=None, allow_timeliness=False
    )
    tables = {
        "sections": data.sections_table(summary),
        "targets": data.targets_table(summary),
        "map": map_table,
    }
    csv = _csv_or_none(request, tables, f"{program.slug}-{period}")
    if csv is not None:
        return csv
    page_url = reverse("web:public", args=[program.slug])
    context = {
        **_base_context(program, choice, summary, page_url),
        **map_context,
        "tables": tables,
        "sections_chart": data.sections_chart(summary),
        "targets_chart": data.bullet_chart(summary),
        "csv_query": _csv_query(period, map_context["map_choice"].key),
        "is_public_page": True,
    }
    target = _htmx_target(request)
    if target == "map-panel":
        return render(request, "web/dashboard/_map_panel.html", context)
    if target == "dashboard-body":
        return render(request, "web/dashboard/_public_body.html", context)
    return render(request, "web/dashboard/public.html", context)
