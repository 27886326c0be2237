"""Report pages: the reporter's list and form (autosave), sign-off, review, evidence files."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.org.audit import jsonable
from luoshi.org.models import User
from luoshi.org.permissions import check_office
from luoshi.org.queries import history_for
from luoshi.plans.queries import own_units
from luoshi.supervision import actions, queries
from luoshi.supervision.errors import StaleVersionError
from luoshi.supervision.forms import EvidenceForm, ReportForm, ReturnForm, UnlockForm
from luoshi.supervision.models import Evidence, ProgressReport, ReportingRound
from luoshi.supervision.views.common import add_errors, message_of, request_user

CONTENT = ("progress_status", "percent_complete", "progress", "problems", "next_steps")


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = queries.local_today()
    own = own_units(user)
    reports = list(
        queries.list_reports(user)
        .filter(
            unit_id__in=own, round__opens_on__lte=today, round__status=ReportingRound.Status.OPEN
        )
        .order_by("round__due_on", "-role", "task__order", "decision_id", "unit__name")[:300]
    )
    todo = [r for r in reports if r.is_editable_state or r.status == r.Status.PENDING_SIGNOFF]
    done = [r for r in reports if r not in todo]
    return render(
        request,
        "supervision/my_reports.html",
        {
            "todo": todo,
            "done": done,
            "today": today,
            "simulated": any(r.is_simulated for r in reports),
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    reports = list(
        queries.list_reports(user)
        .filter(status=ProgressReport.Status.SUBMITTED)
        .order_by("submitted_at", "id")[:300]
    )
    return render(
        request,
        "supervision/review_queue.html",
        {
            "reports": reports,
            "return_form": ReturnForm(),
            "simulated": any(r.is_simulated for r in reports),
        },
    )


def _initial(report: ProgressReport) -> dict[str, Any]:
    initial = {name: getattr(report, name) for name in CONTENT} | {"version": report.version}
    # 60, not 60.00: the field shows what the person typed.
    initial["percent_complete"] = format(Decimal(report.percent_complete).normalize(), "f")
    return initial


def _detail_context(
    request: HttpRequest, user: User, report: ProgressReport, **extra: Any
) -> dict[str, Any]:
    today = queries.local_today()
    can_edit = (
        queries.acts_for(user, report.unit_id)
        and not user.is_office
        and report.is_editable_state
        and not report.is_locked_on(today)
    )
    lights = queries.report_lights(report.round, [report], today)
    co = list(queries.co_reports(report)) if report.role == ProgressReport.Role.LEAD else []
    context: dict[str, Any] = {
        "report": report,
        "round": report.round,
        "light": lights[report.pk],
        "can_edit": can_edit,
        "acts_for": queries.acts_for(user, report.unit_id) and not user.is_office,
        "is_locked": report.is_locked_on(today),
        "form": ReportForm(initial=_initial(report)),
        "evidence_form": EvidenceForm(),
        "return_form": ReturnForm(),
        "unlock_form": UnlockForm(initial={"until": today}),
        "evidence": list(report.evidence.all()),
        "co_reports": co,
        "notices": list(report.notices.order_by("-issued_on", "-id")),
        "instructions": list(report.instructions.order_by("-created_at")),
        "history": list(history_for(report)[:30]) if user.reads_everything else [],
        "is_head": user.role == User.Role.UNIT_HEAD and queries.acts_for(user, report.unit_id),
        "simulated": report.is_simulated,
        "today": today,
    }
    context.update(extra)
    return context


def _content(form: ReportForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in CONTENT}


def _version(request: HttpRequest, form: ReportForm) -> int:
    """Return the version the save is based on; an explicit overwrite names the newer one."""
    overwrite = request.POST.get("overwrite_version", "")
    return int(overwrite) if overwrite.isdigit() else int(form.cleaned_data["version"])


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    user = request_user(request)
    report = queries.access_report(user, report_id)
    if request.method != "POST":
        return render(
            request, "supervision/report_detail.html", _detail_context(request, user, report)
        )
    form = ReportForm(request.POST)
    status = 200
    conflict: StaleVersionError | None = None
    if form.is_valid():
        try:
            saved = actions.do_save_report(
                report, version=_version(request, form), acting_user=user, **_content(form)
            )
            if request.POST.get("action") == "submit":
                saved = actions.do_submit_report(saved, version=saved.version, acting_user=user)
                messages.success(
                    request,
                    _("已提交单位负责人审签。")
                    if saved.status == ProgressReport.Status.PENDING_SIGNOFF
                    else _("报告已报送，等待督查办审核。"),
                )
            else:
                messages.success(request, _("草稿已保存。"))
            return redirect("supervision:report_detail", report.pk)
        except StaleVersionError as error:
            conflict = error
            status = 409
        except ValidationError as error:
            add_errors(form, error)
            report.refresh_from_db()
    context = _detail_context(request, user, report, form=form, conflict=conflict)
    if conflict is not None:
        context["conflict_values"] = conflict.current_values
        context["conflict_version"] = conflict.current_version
    return render(request, "supervision/report_detail.html", context, status=status)


@login_required
@require_POST
def report_autosave(request: HttpRequest, report_id: int) -> HttpResponse:
    """Save the draft in the background (htmx): answer a status line and the new version."""
    user = request_user(request)
    report = queries.access_report(user, report_id)
    form = ReportForm(request.POST)
    context: dict[str, Any] = {"report": report}
    if not form.is_valid():
        context["errors"] = [str(e) for errs in form.errors.values() for e in errs]
        return render(request, "supervision/partials/autosave_status.html", context)
    try:
        saved = actions.do_save_report(
            report, version=_version(request, form), acting_user=user, **_content(form)
        )
    except StaleVersionError as error:
        context["conflict"] = error
        context["conflict_values"] = jsonable(error.current_values)
        context["conflict_version"] = error.current_version
    except ValidationError as error:
        context["errors"] = list(error.messages)
    else:
        context["saved"] = saved
    return render(request, "supervision/partials/autosave_status.html", context)


@login_required
@require_POST
def report_signoff(request: HttpRequest, report_id: int) -> HttpResponse:
    user = request_user(request)
    report = queries.access_report(user, report_id)
    approve = request.POST.get("decision", "approve") == "approve"
    try:
        actions.do_sign_off_report(
            report, approve=approve, note=request.POST.get("note", ""), acting_user=user
        )
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("已审签并报送。") if approve else _("已退回修改。"))
    return redirect("supervision:report_detail", report.pk)


@login_required
@require_POST
def report_review(request: HttpRequest, report_id: int, verb: str) -> HttpResponse:
    user = check_office(request.user)
    report = queries.access_report(user, report_id)
    try:
        if verb == "accept":
            actions.do_accept_report(report, acting_user=user)
            messages.success(request, _("已通过：%(r)s") % {"r": report})
        else:
            actions.do_return_report(
                report, reason=request.POST.get("reason", ""), acting_user=user
            )
            messages.success(request, _("已退回：%(r)s") % {"r": report})
    except ValidationError as error:
        messages.error(request, message_of(error))
        return redirect("supervision:report_detail", report.pk)
    if request.POST.get("next") == "queue":
        return redirect("supervision:review_queue")
    return redirect("supervision:report_detail", report.pk)


@login_required
@require_POST
def report_unlock(request: HttpRequest, report_id: int) -> HttpResponse:
    user = check_office(request.user)
    report = queries.access_report(user, report_id)
    form = UnlockForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写解锁截止日期。"))
        actions.do_unlock_report(
            report,
            until=form.cleaned_data["until"],
            today=queries.local_today(),
            acting_user=user,
        )
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("已为该报告单独解锁。"))
    return redirect("supervision:report_detail", report.pk)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, report_id: int) -> HttpResponse:
    user = request_user(request)
    report = queries.access_report(user, report_id)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("supervision:report_detail", report.pk)
    try:
        evidence = actions.do_add_evidence(
            report, upload=form.cleaned_data["file"], acting_user=user
        )
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("已上传：%(name)s") % {"name": evidence.original_name})
    return redirect("supervision:report_detail", report.pk)


def _access_evidence(user: User, evidence_id: int) -> Evidence:
    evidence = Evidence.objects.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404
    queries.access_report(user, evidence.report_id)
    return evidence


@login_required
@require_POST
def evidence_delete(request: HttpRequest, evidence_id: int) -> HttpResponse:
    user = request_user(request)
    evidence = _access_evidence(user, evidence_id)
    report_id = evidence.report_id
    try:
        actions.do_remove_evidence(evidence, acting_user=user)
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("已删除：%(name)s") % {"name": evidence.original_name})
    return redirect("supervision:report_detail", report_id)


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    user = request_user(request)
    evidence = _access_evidence(user, evidence_id)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
