"""The plan review screen and the office's corrections, publishing and discarding."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.org.models import Unit
from luoshi.org.permissions import check_office
from luoshi.org.queries import suggest_units
from luoshi.plans import actions, plan_data, queries
from luoshi.plans.diff import diff_plans
from luoshi.plans.forms import (
    PlanTargetForm,
    PlanTaskForm,
    UnitNameForm,
)
from luoshi.plans.models import DocumentUnitName, PolicyDocument
from luoshi.plans.views.common import _errors


def _review_tasks(document: PolicyDocument, units: dict[str, Unit | None]) -> list[dict[str, Any]]:
    rows = []
    for index, task in enumerate(document.plan["tasks"]):
        rows.append(_review_task(index, task, units))
    return rows


def _review_task(index: int, task: dict[str, Any], units: dict[str, Unit | None]) -> dict[str, Any]:
    leads = set(task["lead_units"])
    return {
        "index": index,
        "task": task,
        "units": [
            {"name": name, "unit": units.get(name), "is_lead": name in leads}
            for name in task["units"]
        ],
        "is_lead_inferred": bool(task["units"])
        and not task.get("lead_explicit")
        and not task.get("lead_confirmed"),
    }


def _unit_map(document: PolicyDocument) -> dict[str, Unit | None]:
    return {n.verbatim_name: n.unit for n in document.unit_names.select_related("unit")}


@login_required
def document_review(request: HttpRequest, document_id: int) -> HttpResponse:
    document = queries.access_document(request.user, document_id)  # type: ignore[arg-type]
    program = document.program
    names = list(document.unit_names.select_related("unit").order_by("id"))
    units = {n.verbatim_name: n.unit for n in names}
    unmapped = [n for n in names if n.unit is None]
    suggestions = {n.pk: suggest_units(n.verbatim_name) for n in unmapped}
    diff = None
    if document.version > 1:
        old_tasks, old_targets = actions.published_snapshots(program)
        new_tasks, new_targets = actions.plan_snapshots(document)
        diff = diff_plans(old_tasks, new_tasks, old_targets, new_targets)
    return render(
        request,
        "plans/document_review.html",
        {
            "document": document,
            "program": program,
            "plan": document.plan,
            "tasks": _review_tasks(document, units),
            "names": names,
            "unmapped": [(n, suggestions[n.pk]) for n in unmapped],
            "all_units": Unit.objects.filter(is_active=True).order_by("name"),
            "unit_kinds": Unit.Kind.choices,
            "targets": list(enumerate(document.plan["targets"])),
            "counts": plan_data.review_warnings(document.plan, {n.verbatim_name for n in unmapped}),
            "diff": diff,
            "is_draft": document.confirmed_at is None,
        },
    )


def _plan_task_index(document: PolicyDocument, index: int) -> dict[str, Any]:
    tasks = document.plan["tasks"]
    if not 0 <= index < len(tasks):
        raise Http404
    task: dict[str, Any] = tasks[index]
    return task


@login_required
def plan_task_edit(request: HttpRequest, document_id: int, index: int) -> HttpResponse:
    user = check_office(request.user)
    document = queries.access_document(user, document_id)
    task = _plan_task_index(document, index)
    initial = {"units": "\n".join(task["units"]), "lead_units": "、".join(task["lead_units"])}
    form = PlanTaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_plan_task(
                document,
                path=task["path"],
                units=form.cleaned_data["units"],
                lead_units=form.cleaned_data["lead_units"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            document.refresh_from_db()
            row = _review_task(index, document.plan["tasks"][index], _unit_map(document))
            if request.htmx:  # type: ignore[attr-defined]
                response = render(
                    request,
                    "plans/partials/review_task.html",
                    {"row": row, "document": document, "is_draft": True},
                )
                response["HX-Trigger"] = "plan-changed"
                return response
            return redirect("plans:document_review", document.pk)
    template = "plans/partials/review_task_form.html"
    return render(
        request,
        template,
        {"form": form, "document": document, "index": index, "task": task},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def plan_task_row(request: HttpRequest, document_id: int, index: int) -> HttpResponse:
    user = check_office(request.user)
    document = queries.access_document(user, document_id)
    row = _review_task(index, _plan_task_index(document, index), _unit_map(document))
    return render(
        request,
        "plans/partials/review_task.html",
        {"row": row, "document": document, "is_draft": document.confirmed_at is None},
    )


@login_required
@require_POST
def plan_confirm_leads(request: HttpRequest, document_id: int) -> HttpResponse:
    user = check_office(request.user)
    document = queries.access_document(user, document_id)
    try:
        count = actions.do_confirm_plan_leads(document, acting_user=user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("已确认 %(count)d 项推定的牵头单位。") % {"count": count})
    return redirect("plans:document_review", document.pk)


@login_required
@require_POST
def plan_map_name(request: HttpRequest, document_id: int, name_id: int) -> HttpResponse:
    user = check_office(request.user)
    document = queries.access_document(user, document_id)
    row = DocumentUnitName.objects.filter(document=document, pk=name_id).first()
    if row is None:
        raise Http404
    form = UnitNameForm(request.POST)
    if form.is_valid():
        try:
            actions.do_map_unit_name(
                document,
                verbatim_name=row.verbatim_name,
                unit=form.cleaned_data["unit"],
                new_unit_kind=form.cleaned_data["kind"]
                if form.cleaned_data["unit"] is None
                else None,
                acting_user=user,
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(
                request, _("“%(name)s”已对应到单位名录。") % {"name": row.verbatim_name}
            )
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(f"{_review_url(document)}#names")


def _review_url(document: PolicyDocument) -> str:
    return reverse("plans:document_review", args=[document.pk])


@login_required
def plan_target_edit(request: HttpRequest, document_id: int, index: int) -> HttpResponse:
    user = check_office(request.user)
    document = queries.access_document(user, document_id)
    targets = document.plan["targets"]
    if not 0 <= index < len(targets):
        raise Http404
    target = targets[index]
    initial = {
        "value": plan_data.to_decimal(target["value"]),
        "year": target["year"],
        "unit": target["unit"] or "",
    }
    form = PlanTargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            target = actions.do_update_plan_target(
                document,
                index=index,
                value=form.cleaned_data["value"],
                year=form.cleaned_data["year"],
                unit=form.cleaned_data["unit"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            if request.htmx:  # type: ignore[attr-defined]
                return render(
                    request,
                    "plans/partials/review_target.html",
                    {"index": index, "target": target, "document": document, "is_draft": True},
                )
            return redirect("plans:document_review", document.pk)
    if request.method == "GET" and request.GET.get("view") == "row":
        return render(
            request,
            "plans/partials/review_target.html",
            {"index": index, "target": target, "document": document, "is_draft": True},
        )
    return render(
        request,
        "plans/partials/review_target_form.html",
        {"form": form, "document": document, "index": index, "target": target},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def document_publish(request: HttpRequest, document_id: int) -> HttpResponse:
    user = check_office(request.user)
    document = queries.access_document(user, document_id)
    try:
        program = actions.do_publish_plan(document, acting_user=user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("plans:document_review", document.pk)
    messages.success(request, _("已确认并发布。"))
    return redirect("plans:program_detail", program.pk)


@login_required
@require_POST
def document_discard(request: HttpRequest, document_id: int) -> HttpResponse:
    user = check_office(request.user)
    document = queries.access_document(user, document_id)
    program = document.program
    try:
        actions.do_discard_draft_document(document, acting_user=user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("plans:document_review", document.pk)
    messages.success(request, _("已放弃该修订版本。"))
    return redirect("plans:program_detail", program.pk)
