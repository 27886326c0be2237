"""Program list, import, re-import and overview pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from luoshi.org.permissions import check_office
from luoshi.plans import actions, queries
from luoshi.plans.forms import (
    ImportForm,
    PolicySourceForm,
)
from luoshi.plans.importing import parse_policy
from luoshi.plans.models import Responsibility
from luoshi.plans.views.common import _errors, _limit_mb, _source_text, _user


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
