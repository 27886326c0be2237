"""Pages for programs, the import review, tasks, units and the responsibility matrix."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.org.models import Unit, User
from luoshi.org.permissions import check_office
from luoshi.org.queries import access_unit, history_for, suggest_units
from luoshi.plans import actions, plan_data, queries
from luoshi.plans.diff import diff_plans
from luoshi.plans.forms import (
    ImportForm,
    PlanTargetForm,
    PlanTaskForm,
    PolicySourceForm,
    TaskFilterForm,
    UnitNameForm,
)
from luoshi.plans.importing import parse_policy, read_policy_upload
from luoshi.plans.models import DocumentUnitName, PolicyDocument, Responsibility


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _errors(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def _limit_mb() -> int:
    return max(1, settings.UPLOAD_MAX_BYTES // 1048576)


def _source_text(form: PolicySourceForm) -> tuple[str, str]:
    """Return the policy text and its source name from a valid source form."""
    upload = form.cleaned_data.get("file")
    if upload is not None:
        return read_policy_upload(upload.name, upload.read()), upload.name
    return form.cleaned_data["text"], _("粘贴的正文")


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    programs = list(queries.list_programs(user))
    return render(request, "plans/program_list.html", {"programs": programs})


@login_required
def program_import(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text, source_name = _source_text(form)
            document = actions.do_start_program_import(
                text=text,
                plan=parse_policy(text),
                source_name=source_name,
                name=form.cleaned_data["name"],
                slug=form.cleaned_data["slug"],
                region=form.cleaned_data["region"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                acting_user=user,
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("已解析，请逐项核对后确认发布。"))
            return redirect("plans:document_review", document.pk)
    return render(
        request, "plans/program_import.html", {"form": form, "upload_limit_mb": _limit_mb()}
    )


@login_required
def program_reimport(request: HttpRequest, program_id: int) -> HttpResponse:
    user = check_office(request.user)
    program = queries.access_program(user, program_id)
    form = PolicySourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text, source_name = _source_text(form)
            document = actions.do_start_reimport(
                program,
                text=text,
                plan=parse_policy(text),
                source_name=source_name,
                acting_user=user,
            )
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("修订版本已解析，请核对变化后确认发布。"))
            return redirect("plans:document_review", document.pk)
    return render(
        request,
        "plans/program_reimport.html",
        {"form": form, "program": program, "upload_limit_mb": _limit_mb()},
    )


@login_required
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    user = _user(request)
    program = queries.access_program(user, program_id)
    document = queries.published_document(program)
    draft = queries.latest_document(program)
    if draft is not None and draft.confirmed_at is not None:
        draft = None
    if document is None and draft is not None and user.is_office:
        return redirect("plans:document_review", draft.pk)
    targets = list(program.targets.filter(is_active=True).select_related("task").order_by("order"))
    inferred = (
        Responsibility.objects.filter(
            task__program=program,
            task__is_active=True,
            role=Responsibility.Role.LEAD,
            is_explicit=False,
        )
        .select_related("task", "unit")
        .order_by("task__order")
    )
    return render(
        request,
        "plans/program_detail.html",
        {
            "program": program,
            "document": document,
            "draft": draft,
            "sections": queries.section_task_counts(program),
            "targets": targets,
            "inferred": list(inferred) if user.reads_everything else [],
        },
    )


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
