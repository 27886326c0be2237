"""Pages for what a unit must answer in writing: supervision notices and leader instructions."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.org.models import User
from luoshi.org.permissions import check_office
from luoshi.org.queries import history_for
from luoshi.plans.queries import access_task
from luoshi.supervision import actions, queries
from luoshi.supervision.forms import AnswerForm, InstructionForm, NoticeForm, ReviewAnswerForm
from luoshi.supervision.models import Instruction, SupervisionNotice
from luoshi.supervision.views.common import add_errors, list_page, message_of, request_user

Answerable = SupervisionNotice | Instruction


def _answer_page(
    request: HttpRequest,
    user: User,
    obj: Answerable,
    *,
    answer: Callable[..., Any],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Show a notice or an instruction and take the addressed unit's written answer."""
    answer_form = AnswerForm(request.POST or None)
    if request.method == "POST" and answer_form.is_valid():
        try:
            answer(obj, text=answer_form.cleaned_data["answer"], acting_user=user)
        except ValidationError as error:
            add_errors(answer_form, error)
        else:
            messages.success(request, _("答复已提交，等待督查办审核。"))
            return redirect(request.path)
    return render(
        request,
        template,
        {
            **context,
            "answer_form": answer_form,
            "review_form": ReviewAnswerForm(),
            "can_answer": queries.acts_for(user, obj.unit_id)
            and not user.is_office
            and obj.is_awaiting_answer,
            "history": list(history_for(obj)[:30]),
            "simulated": obj.is_simulated,
        },
    )


def _review(
    request: HttpRequest,
    user: User,
    obj: Answerable,
    *,
    review: Callable[..., Any],
    closed_message: str,
    url_name: str,
) -> HttpResponse:
    """Accept the answer (closing the item) or return it with the office's note."""
    accept = request.POST.get("decision") == "accept"
    try:
        review(obj, accept=accept, note=request.POST.get("note", ""), acting_user=user)
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, closed_message if accept else _("答复已退回。"))
    return redirect(url_name, obj.pk)


# --- notices -------------------------------------------------------------------------------


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    notices = queries.list_notices(user)
    level = request.GET.get("level", "")
    status = request.GET.get("status", "")
    if level in SupervisionNotice.Level.values:
        notices = notices.filter(level=level)
    if status in ("open", "answered", "accepted", "returned", "escalated"):
        notices = notices.filter(status=status)
    return render(
        request,
        "supervision/notice_list.html",
        {
            **list_page(request, notices, "notices"),
            "level": level,
            "status": status,
            "levels": SupervisionNotice.Level.choices,
        },
    )


@login_required
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    user = request_user(request)
    notice = queries.access_notice(user, notice_id)
    return _answer_page(
        request,
        user,
        notice,
        answer=actions.do_answer_notice,
        template="supervision/notice_detail.html",
        context={"notice": notice, "instructions": list(notice.instructions.all())},
    )


@login_required
@require_POST
def notice_review(request: HttpRequest, notice_id: int) -> HttpResponse:
    user = check_office(request.user)
    notice = queries.access_notice(user, notice_id)
    return _review(
        request,
        user,
        notice,
        review=actions.do_review_notice_answer,
        closed_message=_("已办结。"),
        url_name="supervision:notice_detail",
    )


@login_required
def notice_new(request: HttpRequest, report_id: int) -> HttpResponse:
    user = check_office(request.user)
    report = queries.access_report(user, report_id)
    form = NoticeForm(request.POST or None, unit_ids=[report.unit_id])
    if request.method == "POST" and form.is_valid():
        try:
            notice = actions.do_issue_notice(
                program=report.round.program,
                unit=form.cleaned_data["unit"],
                level=form.cleaned_data["level"],
                reason=SupervisionNotice.Reason.MANUAL,
                text=form.cleaned_data["text"],
                issued_on=queries.local_today(),
                round_=report.round,
                report=report,
                acting_user=user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            assert notice is not None
            messages.success(request, _("督办单已发出。"))
            return redirect("supervision:notice_detail", notice.pk)
    return render(request, "supervision/notice_form.html", {"form": form, "report": report})


# --- instructions --------------------------------------------------------------------------


@login_required
def instruction_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "supervision/instruction_list.html",
        list_page(request, queries.list_instructions(user), "instructions"),
    )


def _instruction_subject(request: HttpRequest, user: User) -> tuple[dict[str, Any], list[int]]:
    """Return what the instruction is about (from the query string) and the units it may go to."""
    if request.GET.get("task", "").isdigit():
        task = access_task(user, int(request.GET["task"]))
        return {"task": task}, list(queries.responsible_units(task=task))
    if request.GET.get("report", "").isdigit():
        report = queries.access_report(user, int(request.GET["report"]))
        return {"report": report}, [report.unit_id]
    if request.GET.get("notice", "").isdigit():
        notice = queries.access_notice(user, int(request.GET["notice"]))
        return {"notice": notice}, [notice.unit_id]
    raise Http404


@login_required
def instruction_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not user.is_leader:
        raise Http404
    subject, unit_ids = _instruction_subject(request, user)
    form = InstructionForm(request.POST or None, unit_ids=unit_ids)
    if request.method == "POST" and form.is_valid():
        try:
            instruction = actions.do_write_instruction(
                text=form.cleaned_data["text"],
                unit=form.cleaned_data["unit"],
                reply_by=form.cleaned_data["reply_by"],
                acting_user=user,
                **subject,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("批示已发出。"))
            return redirect("supervision:instruction_detail", instruction.pk)
    label = next(iter(subject.values()))
    return render(
        request, "supervision/instruction_form.html", {"form": form, "subject_label": label}
    )


@login_required
def instruction_detail(request: HttpRequest, instruction_id: int) -> HttpResponse:
    user = request_user(request)
    instruction = queries.access_instruction(user, instruction_id)
    return _answer_page(
        request,
        user,
        instruction,
        answer=actions.do_answer_instruction,
        template="supervision/instruction_detail.html",
        context={"instruction": instruction},
    )


@login_required
@require_POST
def instruction_review(request: HttpRequest, instruction_id: int) -> HttpResponse:
    user = check_office(request.user)
    instruction = queries.access_instruction(user, instruction_id)
    return _review(
        request,
        user,
        instruction,
        review=actions.do_review_instruction_answer,
        closed_message=_("批示已办结。"),
        url_name="supervision:instruction_detail",
    )
