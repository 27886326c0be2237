"""Indicator list, indicator page (chart, figures, 市州 table), indicator and target editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.indicators import actions, queries
from luoshi.indicators.actions.common import clean_value
from luoshi.indicators.forms import AllocationForm, IndicatorForm, NewIndicatorForm, TargetForm
from luoshi.indicators.models import ValidationRule
from luoshi.indicators.progress import chart_data, indicator_progress, program_progress
from luoshi.indicators.views.common import (
    chosen_program,
    errors_of,
    programs_with_indicators,
    user_of,
)
from luoshi.org.permissions import check_office
from luoshi.plans.models import Program


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    programs = programs_with_indicators(user)
    program = chosen_program(request, programs)
    indicators = list(queries.list_indicators(user, program)) if program else []
    rows = program_progress(indicators) if indicators else []
    candidates = []
    if user.is_office:
        candidates = list(
            Program.objects.filter(status=Program.Status.PUBLISHED).order_by("-created_at")
        )
    return render(
        request,
        "indicators/indicator_list.html",
        {
            "programs": programs,
            "program": program,
            "rows": rows,
            "has_simulated": any(r.has_simulated for r in rows),
            "candidates": candidates,
        },
    )


@login_required
def indicator_detail(request: HttpRequest, indicator_id: int) -> HttpResponse:
    user = user_of(request)
    indicator = queries.access_indicator(user, indicator_id)
    progress = indicator_progress(indicator)
    if progress is None:
        raise Http404
    targets = list(queries.list_indicator_targets(user, indicator=indicator))
    rules = list(ValidationRule.objects.filter(indicator=indicator).order_by("kind"))
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "progress": progress,
            "chart": chart_data(progress),
            "targets": targets,
            "rules": rules,
            "reporting_units": list(indicator.reporting_units.all()),
        },
    )


@login_required
def indicator_create(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    form = NewIndicatorForm(request.POST or None, initial={"program": request.GET.get("program")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            indicator = actions.do_create_indicator(
                data["program"],
                code=data["code"],
                name=data["name"],
                unit=data["unit"],
                direction=data["direction"],
                aggregation=data["aggregation"],
                period_type=data["period_type"],
                definition=data["definition"],
                reporting_units=list(data["reporting_units"]),
                target_value=data["target_value"],
                target_year=data["target_year"],
                acting_user=user,
            )
        except ValidationError as exc:
            for message in errors_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("已新建指标。"))
            return redirect("indicators:indicator_detail", indicator.pk)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": None})


@login_required
def indicator_edit(request: HttpRequest, indicator_id: int) -> HttpResponse:
    user = check_office(request.user)
    indicator = queries.access_indicator(user, indicator_id)
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        initial={"reporting_units": list(indicator.reporting_units.all())},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = list(data.pop("reporting_units"))
        indicator.refresh_from_db()
        try:
            actions.do_update_indicator(indicator, acting_user=user, reporting_units=units, **data)
        except ValidationError as exc:
            for message in errors_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("已保存。"))
            return redirect("indicators:indicator_detail", indicator.pk)
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": indicator})


@login_required
def target_edit(request: HttpRequest, target_id: int) -> HttpResponse:
    user = check_office(request.user)
    target = queries.access_indicator_target(user, target_id)
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        target.refresh_from_db()
        try:
            actions.do_update_indicator_target(target, acting_user=user, **form.cleaned_data)
        except ValidationError as exc:
            for message in errors_of(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("已保存目标和基期值。"))
            return redirect("indicators:indicator_detail", target.indicator_id)
    allocations = list(target.allocations.select_related("region").order_by("region__code"))
    return render(
        request,
        "indicators/target_form.html",
        {
            "form": form,
            "target": target,
            "allocation_form": AllocationForm(),
            "allocations": allocations,
        },
    )


@login_required
@require_POST
def target_allocate(request: HttpRequest, target_id: int) -> HttpResponse:
    user = check_office(request.user)
    target = queries.access_indicator_target(user, target_id)
    form = AllocationForm(request.POST)
    if form.is_valid():
        manual = None
        if form.cleaned_data["method"] == "manual":
            manual = {}
            for key in request.POST:
                raw = request.POST.get(key, "")
                if key.startswith("region-") and raw.strip():
                    try:
                        manual[key.removeprefix("region-")] = clean_value(raw)
                    except ValidationError as exc:
                        messages.error(request, " ".join(errors_of(exc)))
                        return redirect("indicators:target_edit", target.pk)
        try:
            created = actions.do_allocate_target(
                target, method=form.cleaned_data["method"], manual=manual, acting_user=user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(errors_of(exc)))
        else:
            messages.success(request, _("已分解到 %(n)s 个市州。") % {"n": len(created)})
    return redirect("indicators:target_edit", target.pk)


@login_required
@require_POST
def create_from_targets(request: HttpRequest, program_id: int) -> HttpResponse:
    user = check_office(request.user)
    program = Program.objects.filter(pk=program_id).first()
    if program is None:
        raise Http404
    try:
        created = actions.do_create_indicators_from_targets(program, acting_user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(errors_of(exc)))
    else:
        messages.success(request, _("已从量化目标生成 %(n)s 个指标。") % {"n": len(created)})
    return redirect(f"{redirect('indicators:indicator_list').url}?program={program.pk}")
