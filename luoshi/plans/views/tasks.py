"""Task list, task page, a unit's tasks and the responsibility matrix."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from luoshi.org.models import Unit
from luoshi.org.queries import access_unit, history_for
from luoshi.plans import queries
from luoshi.plans.forms import (
    TaskFilterForm,
)
from luoshi.plans.views.common import _user


@login_required
def task_list(request: HttpRequest, program_id: int) -> HttpResponse:
    user = _user(request)
    program = queries.access_program(user, program_id)
    units = Unit.objects.filter(
        responsibilities__task__program=program, responsibilities__task__is_active=True
    ).distinct()
    if not user.reads_everything:
        units = units.filter(
            responsibilities__task__in=queries.list_tasks(user, program, status="all")
        )
    form = TaskFilterForm(
        request.GET or None,
        sections=program.sections.order_by("order"),
        units=units.order_by("name"),
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "section": form.cleaned_data["section"],
            "unit": form.cleaned_data["unit"],
            "role": form.cleaned_data["role"] or None,
            "status": form.cleaned_data["status"] or None,
            "q": form.cleaned_data["q"] or None,
        }
    tasks = list(queries.list_tasks(user, program, **filters))
    context = {
        "program": program,
        "form": form,
        "tasks": tasks,
        "is_filtered": any(filters.values()),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "plans/partials/task_results.html", context)
    return render(request, "plans/task_list.html", context)


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    user = _user(request)
    task = queries.access_task(user, task_id)
    history = list(history_for(task).select_related("actor")[:50]) if user.reads_everything else []
    return render(
        request,
        "plans/task_detail.html",
        {"task": task, "program": task.program, "history": history},
    )


@login_required
def unit_tasks(request: HttpRequest, program_id: int, unit_id: int) -> HttpResponse:
    user = _user(request)
    program = queries.access_program(user, program_id)
    unit = access_unit(user, unit_id)
    lead, joined = queries.unit_tasks(user, program, unit)
    return render(
        request,
        "plans/unit_tasks.html",
        {"program": program, "unit": unit, "lead_tasks": lead, "joined_tasks": joined},
    )


@login_required
def matrix(request: HttpRequest, program_id: int) -> HttpResponse:
    user = _user(request)
    program = queries.access_program(user, program_id)
    if not user.reads_everything:
        raise Http404
    return render(
        request,
        "plans/matrix.html",
        {"program": program, "matrix": queries.responsibility_matrix(program)},
    )
