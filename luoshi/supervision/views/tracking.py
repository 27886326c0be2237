"""Pages for notices, extensions, meetings and decisions, instructions, scorecards, inbox."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core.periods import parse_period
from luoshi.org.models import Unit
from luoshi.org.permissions import check_office
from luoshi.org.queries import history_for
from luoshi.plans.queries import access_task, own_units
from luoshi.supervision import actions, queries
from luoshi.supervision.forms import (
    AnswerForm,
    DecideForm,
    DecisionForm,
    ExtensionForm,
    InstructionForm,
    MeetingForm,
    NoticeForm,
    ReviewAnswerForm,
    ScorecardForm,
)
from luoshi.supervision.models import SupervisionNotice
from luoshi.supervision.views.common import add_errors, message_of, request_user


def _page(request: HttpRequest, rows: Any, size: int = 50) -> Any:
    return Paginator(rows, size).get_page(request.GET.get("page"))


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
    page = _page(request, notices)
    return render(
        request,
        "supervision/notice_list.html",
        {
            "page": page,
            "notices": list(page.object_list),
            "level": level,
            "status": status,
            "levels": SupervisionNotice.Level.choices,
            "simulated": any(n.is_simulated for n in page.object_list),
        },
    )


@login_required
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    user = request_user(request)
    notice = queries.access_notice(user, notice_id)
    answer_form = AnswerForm(request.POST or None)
    review_form = ReviewAnswerForm()
    if request.method == "POST" and answer_form.is_valid():
        try:
            actions.do_answer_notice(
                notice, text=answer_form.cleaned_data["answer"], acting_user=user
            )
        except ValidationError as error:
            add_errors(answer_form, error)
        else:
            messages.success(request, _("答复已提交，等待督查办审核。"))
            return redirect("supervision:notice_detail", notice.pk)
    return render(
        request,
        "supervision/notice_detail.html",
        {
            "notice": notice,
            "answer_form": answer_form,
            "review_form": review_form,
            "can_answer": queries.acts_for(user, notice.unit_id)
            and not user.is_office
            and notice.is_awaiting_answer,
            "history": list(history_for(notice)[:30]),
            "instructions": list(notice.instructions.all()),
            "simulated": notice.is_simulated,
        },
    )


@login_required
@require_POST
def notice_review(request: HttpRequest, notice_id: int) -> HttpResponse:
    user = check_office(request.user)
    notice = queries.access_notice(user, notice_id)
    accept = request.POST.get("decision") == "accept"
    try:
        actions.do_review_notice_answer(
            notice, accept=accept, note=request.POST.get("note", ""), acting_user=user
        )
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("已办结。") if accept else _("答复已退回。"))
    return redirect("supervision:notice_detail", notice.pk)


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


# --- extensions ----------------------------------------------------------------------------


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = _page(request, queries.list_extensions(user))
    return render(
        request,
        "supervision/extension_list.html",
        {
            "page": page,
            "extensions": list(page.object_list),
            "decide_form": DecideForm(),
            "simulated": any(e.is_simulated for e in page.object_list),
        },
    )


@login_required
def extension_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    task_id = request.GET.get("task", "")
    decision_id = request.GET.get("decision", "")
    task = access_task(user, int(task_id)) if task_id.isdigit() else None
    decision = queries.access_decision(user, int(decision_id)) if decision_id.isdigit() else None
    if task is None and decision is None:
        raise Http404
    own = sorted(own_units(user))
    unit_id = next(
        (u for u in own if u in queries.responsible_units(task=task, decision=decision)), None
    )
    form = ExtensionForm(request.POST or None)
    current = None
    if unit_id is not None:
        program = task.program if task is not None else decision.program  # type: ignore[union-attr]
        current = queries.effective_deadline(program, task=task, decision=decision, unit_id=unit_id)
    if request.method == "POST" and form.is_valid():
        try:
            if unit_id is None:
                raise ValidationError(_("您所在单位不是该事项的责任单位，不能申请延期。"))
            unit = Unit.objects.get(pk=unit_id)
            actions.do_request_extension(
                unit=unit,
                task=task,
                decision=decision,
                requested_deadline=form.cleaned_data["requested_deadline"],
                reason=form.cleaned_data["reason"],
                acting_user=user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("延期申请已提交，等待督查办审批。"))
            return redirect("supervision:extension_list")
    return render(
        request,
        "supervision/extension_form.html",
        {"form": form, "task": task, "decision": decision, "current_deadline": current},
    )


@login_required
@require_POST
def extension_decide(request: HttpRequest, extension_id: int) -> HttpResponse:
    user = check_office(request.user)
    extension = queries.access_extension(user, extension_id)
    approve = request.POST.get("decision") == "approve"
    try:
        actions.do_decide_extension(
            extension, approve=approve, note=request.POST.get("note", ""), acting_user=user
        )
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("已批准延期。") if approve else _("已不予批准。"))
    return redirect("supervision:extension_list")


# --- meetings and decisions ----------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = _page(request, queries.list_meetings(user).prefetch_related("decisions"))
    return render(
        request,
        "supervision/meeting_list.html",
        {
            "page": page,
            "meetings": list(page.object_list),
            "simulated": any(m.is_simulated for m in page.object_list),
        },
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.do_record_meeting(
                data["program"],
                kind=data["kind"],
                date_held=data["date"],
                title=data["title"],
                attendees=list(data["attendees"]),
                minutes=data["minutes"],
                acting_user=user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("会议已记录，请添加决定事项。"))
            return redirect("supervision:meeting_detail", meeting.pk)
    return render(request, "supervision/meeting_form.html", {"form": form})


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = request_user(request)
    meeting = queries.access_meeting(user, meeting_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        check_office(user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.do_add_decision(
                    meeting,
                    text=data["text"],
                    lead_units=list(data["lead_units"]),
                    co_units=list(data["co_units"]),
                    deadline=data["deadline"],
                    acting_user=user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("决定事项已添加，此后的报送轮次将要求责任单位报送进展。")
                )
                return redirect("supervision:meeting_detail", meeting.pk)
    decisions = list(meeting.decisions.prefetch_related("owner_rows__unit").order_by("number"))
    return render(
        request,
        "supervision/meeting_detail.html",
        {
            "meeting": meeting,
            "attendees": list(meeting.attendees.order_by("kind", "name")),
            "decisions": decisions,
            "form": form,
            "simulated": meeting.is_simulated,
        },
    )


@login_required
@require_POST
def decision_close(request: HttpRequest, decision_id: int) -> HttpResponse:
    user = check_office(request.user)
    decision = queries.access_decision(user, decision_id)
    try:
        actions.do_close_decision(decision, acting_user=user)
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("决定事项已办结。"))
    return redirect("supervision:meeting_detail", decision.meeting_id)


# --- instructions --------------------------------------------------------------------------


@login_required
def instruction_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = _page(request, queries.list_instructions(user))
    return render(
        request,
        "supervision/instruction_list.html",
        {
            "page": page,
            "instructions": list(page.object_list),
            "simulated": any(i.is_simulated for i in page.object_list),
        },
    )


@login_required
def instruction_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not user.is_leader:
        raise Http404
    subject: dict[str, Any] = {}
    unit_ids: list[int] = []
    if request.GET.get("task", "").isdigit():
        task = access_task(user, int(request.GET["task"]))
        subject["task"] = task
        unit_ids = list(queries.responsible_units(task=task))
    elif request.GET.get("report", "").isdigit():
        report = queries.access_report(user, int(request.GET["report"]))
        subject["report"] = report
        unit_ids = [report.unit_id]
    elif request.GET.get("notice", "").isdigit():
        notice = queries.access_notice(user, int(request.GET["notice"]))
        subject["notice"] = notice
        unit_ids = [notice.unit_id]
    else:
        raise Http404
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
    answer_form = AnswerForm(request.POST or None)
    if request.method == "POST" and answer_form.is_valid():
        try:
            actions.do_answer_instruction(
                instruction, text=answer_form.cleaned_data["answer"], acting_user=user
            )
        except ValidationError as error:
            add_errors(answer_form, error)
        else:
            messages.success(request, _("答复已提交，等待督查办审核。"))
            return redirect("supervision:instruction_detail", instruction.pk)
    return render(
        request,
        "supervision/instruction_detail.html",
        {
            "instruction": instruction,
            "answer_form": answer_form,
            "review_form": ReviewAnswerForm(),
            "can_answer": queries.acts_for(user, instruction.unit_id)
            and not user.is_office
            and instruction.is_awaiting_answer,
            "history": list(history_for(instruction)[:30]),
            "simulated": instruction.is_simulated,
        },
    )


@login_required
@require_POST
def instruction_review(request: HttpRequest, instruction_id: int) -> HttpResponse:
    user = check_office(request.user)
    instruction = queries.access_instruction(user, instruction_id)
    accept = request.POST.get("decision") == "accept"
    try:
        actions.do_review_instruction_answer(
            instruction, accept=accept, note=request.POST.get("note", ""), acting_user=user
        )
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("批示已办结。") if accept else _("答复已退回。"))
    return redirect("supervision:instruction_detail", instruction.pk)


# --- scorecards and notifications ----------------------------------------------------------


@login_required
def scorecards(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ScorecardForm(request.GET or None)
    cards: list[queries.UnitScore] = []
    period = None
    if form.is_valid():
        period = parse_period(form.cleaned_data["period"])
        cards = queries.scorecards(form.cleaned_data["program"], period, queries.local_today())
        if not user.reads_everything:
            own = own_units(user)
            cards = [c for c in cards if c.unit_id in own]
    simulated = bool(form.is_valid() and _program_has_simulation(form.cleaned_data["program"]))
    return render(
        request,
        "supervision/scorecards.html",
        {"form": form, "cards": cards, "period": period, "simulated": simulated},
    )


def _program_has_simulation(program: Any) -> bool:
    return bool(program.reporting_rounds.filter(is_simulated=True).exists())


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if request.method == "POST":
        actions.do_mark_notifications_read(acting_user=user)
        return redirect("supervision:notification_list")
    page = _page(request, queries.list_notifications(user))
    return render(
        request,
        "supervision/notification_list.html",
        {
            "page": page,
            "notifications": list(page.object_list),
            "simulated": any(n.is_simulated for n in page.object_list),
        },
    )
