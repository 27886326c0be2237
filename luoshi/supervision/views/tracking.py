"""Pages for extension requests, meetings and their decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.org.models import Unit
from luoshi.org.permissions import check_office
from luoshi.plans.queries import access_task, own_units
from luoshi.supervision import actions, queries
from luoshi.supervision.forms import DecideForm, DecisionForm, ExtensionForm, MeetingForm
from luoshi.supervision.views.common import add_errors, list_page, message_of, request_user

# --- extensions ----------------------------------------------------------------------------


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "supervision/extension_list.html",
        {
            **list_page(request, queries.list_extensions(user), "extensions"),
            "decide_form": DecideForm(),
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
    meetings = queries.list_meetings(user).prefetch_related("decisions")
    return render(
        request, "supervision/meeting_list.html", list_page(request, meetings, "meetings")
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
