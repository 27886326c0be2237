"""Office pages for rounds: list, open, schedules, settings, the round matrix, who is late."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.org.permissions import check_office
from luoshi.plans.models import Program
from luoshi.supervision import actions, queries
from luoshi.supervision.forms import RoundForm, ScheduleForm, SettingsForm, UnlockForm
from luoshi.supervision.models import ProgressReport, ReportingRound
from luoshi.supervision.views.common import add_errors, message_of, request_user


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    rounds = list(queries.list_rounds(user)[:200])
    return render(
        request,
        "supervision/round_list.html",
        {
            "rounds": rounds,
            "simulated": any(r.is_simulated for r in rounds),
            "today": queries.local_today(),
        },
    )


@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = actions.do_open_round(
                data["program"],
                period=data["period"],
                opens_on=data["opens_on"],
                due_on=data["due_on"],
                locks_on=data["locks_on"],
                acting_user=user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("已开启 %(round)s 报送轮次，共 %(n)s 份报告。")
                % {"round": round_, "n": round_.reports.count()},
            )
            return redirect("supervision:round_detail", round_.pk)
    return render(request, "supervision/round_form.html", {"form": form})


@login_required
def schedule_list(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_save_round_schedule(
                data["program"],
                frequency=data["frequency"],
                due_days_after_period_end=data["due_days_after_period_end"],
                open_days_before_end=data["open_days_before_end"],
                lock_days=data["lock_days"],
                is_active=data["is_active"],
                acting_user=user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("报送计划已保存。"))
            return redirect("supervision:schedule_list")
    schedules = list(queries.list_schedules(user))
    return render(request, "supervision/schedule_list.html", {"form": form, "schedules": schedules})


@login_required
def settings_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    user = check_office(request.user)
    program = get_object_or_404(Program, pk=program_id)
    current = queries.get_settings(program)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_supervision_settings(
                program,
                acting_user=user,
                **{name: form.cleaned_data[name] for name in SettingsForm.Meta.fields},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("督办设置已保存。"))
            return redirect("supervision:settings_edit", program.pk)
    return render(request, "supervision/settings_form.html", {"form": form, "program": program})


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    user = request_user(request)
    round_ = queries.access_round(user, round_id)
    today = queries.local_today()
    reports = list(
        queries.list_reports(user)
        .filter(round=round_)
        .order_by("task__order", "decision__meeting_id", "decision__number", "role", "unit__name")
    )
    lights = queries.report_lights(round_, reports, today)
    rows: dict[str, dict[str, object]] = {}
    cells: dict[str, list[tuple[ProgressReport, object]]] = defaultdict(list)
    for report in reports:
        key = report.item_key
        rows.setdefault(key, {"label": report.item_label, "item": report.item})
        cells[key].append((report, lights[report.pk]))
    matrix = []
    for key, row in rows.items():
        worst = max((light for _, light in cells[key]), key=lambda x: x.severity)  # type: ignore[attr-defined]
        matrix.append({**row, "key": key, "cells": cells[key], "light": worst})
    counts = {
        "due": len(reports),
        "submitted": sum(1 for r in reports if r.first_submitted_at is not None),
        "accepted": sum(1 for r in reports if r.status == ProgressReport.Status.ACCEPTED),
        "red": sum(1 for r in reports if lights[r.pk].color == "red"),
        "yellow": sum(1 for r in reports if lights[r.pk].color == "yellow"),
    }
    return render(
        request,
        "supervision/round_detail.html",
        {
            "round": round_,
            "matrix": matrix,
            "counts": counts,
            "today": today,
            "is_locked": round_.is_locked_on(today),
            "unlock_form": UnlockForm(initial={"until": today}),
            "simulated": round_.is_simulated,
        },
    )


@login_required
@require_POST
def round_state(request: HttpRequest, round_id: int, verb: str) -> HttpResponse:
    user = check_office(request.user)
    round_ = queries.access_round(user, round_id)
    today = queries.local_today()
    try:
        if verb == "lock":
            actions.do_lock_round(round_, acting_user=user)
        elif verb == "close":
            actions.do_close_round(round_, acting_user=user)
        else:
            form = UnlockForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("请填写解锁截止日期。"))
            actions.do_unlock_round(
                round_, until=form.cleaned_data["until"], today=today, acting_user=user
            )
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("轮次状态已更新。"))
    return redirect("supervision:round_detail", round_.pk)


@login_required
def timeliness(request: HttpRequest) -> HttpResponse:
    """The office overview: who is late, and every round's timeliness by unit."""
    user = request_user(request)
    if not user.reads_everything:
        check_office(user)
    today = queries.local_today()
    late = list(queries.late_reports(user, today)[:300])
    rounds = list(queries.list_rounds(user)[:60])
    chosen: ReportingRound | None = None
    round_param = request.GET.get("round", "")
    if round_param.isdigit():
        chosen = queries.access_round(user, int(round_param))
    elif rounds:
        started = [r for r in rounds if r.opens_on <= today]
        chosen = started[0] if started else rounds[0]
    rows = queries.timeliness(chosen) if chosen is not None else []
    late_by_unit: dict[str, list[ProgressReport]] = defaultdict(list)
    for report in late:
        late_by_unit[report.unit.name].append(report)
    return render(
        request,
        "supervision/timeliness.html",
        {
            "late_by_unit": sorted(late_by_unit.items(), key=lambda kv: (-len(kv[1]), kv[0])),
            "late_count": len(late),
            "rounds": rounds,
            "chosen": chosen,
            "rows": rows,
            "today": today,
            "simulated": any(r.is_simulated for r in late) or bool(chosen and chosen.is_simulated),
        },
    )
