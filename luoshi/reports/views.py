"""Bulletin pages: the list (office and leaders), the draft preview with editable paragraphs
(htmx), issuing, downloads, and the Excel exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core.periods import parse_period
from luoshi.org.models import User
from luoshi.org.permissions import check_office, check_signed_in
from luoshi.reports import actions, queries
from luoshi.reports.documents import FORMATS, build_for, render_file
from luoshi.reports.exports import export_workbook
from luoshi.reports.forms import DraftForm, ExportForm, HeaderForm, ParagraphForm
from luoshi.reports.models import Bulletin
from luoshi.reports.render.fonts import MissingFontsError, cjk_families
from luoshi.reports.render.pdf import bulletin_context, chart_images
from luoshi.supervision.queries import local_today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _reader(request: HttpRequest) -> User:
    user = check_signed_in(request.user)
    if not user.reads_everything:
        raise Http404
    return user


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    bulletins = list(queries.list_bulletins(user)[:200])
    return render(
        request,
        "reports/bulletin_list.html",
        {
            "bulletins": bulletins,
            "draft_form": DraftForm(),
            "export_form": ExportForm(auto_id="export-%s"),
            "simulated": any(b.is_simulated for b in bulletins),
            "has_fonts": bool(cjk_families()),
        },
    )


@login_required
@require_POST
def bulletin_new(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    form = DraftForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("reports:bulletin_list")
    try:
        bulletin = actions.do_create_bulletin_draft(
            form.cleaned_data["program"],
            parse_period(form.cleaned_data["period"]),
            today=local_today(),
            acting_user=user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:bulletin_list")
    return redirect("reports:bulletin_detail", bulletin.pk)


@login_required
def bulletin_detail(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    user = _reader(request)
    bulletin = queries.access_bulletin(user, bulletin_id)
    context = {
        "bulletin": bulletin,
        "simulated": bulletin.is_simulated,
        "has_fonts": bool(cjk_families()),
        "editable": False,
    }
    if not bulletin.is_issued:
        built = build_for(bulletin)
        context.update(bulletin_context(built.content, chart_images(built.content)))
        context.update(
            {
                "editable": user.is_office,
                "simulated": built.summary.is_simulated,
                "summary": built.summary,
                "header_form": HeaderForm(
                    initial={name: getattr(bulletin, name) for name in actions.HEADER_FIELDS}
                ),
            }
        )
    return render(request, "reports/bulletin_detail.html", context)


def _draft_for_office(request: HttpRequest, bulletin_id: int) -> tuple[User, Bulletin]:
    user = check_office(request.user)
    bulletin = queries.access_bulletin(user, bulletin_id)
    if bulletin.is_issued:
        raise Http404
    return user, bulletin


@login_required
def paragraph_edit(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    """GET: the edit form for one paragraph; POST: save it and return the paragraph (htmx)."""
    user, bulletin = _draft_for_office(request, bulletin_id)
    key = request.POST.get("key") or request.GET.get("key", "")
    paragraphs = build_for(bulletin).content.narrative()
    if key not in paragraphs:
        raise Http404
    if request.method == "POST":
        form = ParagraphForm(request.POST)
        if form.is_valid():
            try:
                bulletin = actions.do_update_bulletin_narrative(
                    bulletin, key=key, text=form.cleaned_data["text"], acting_user=user
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                paragraph = build_for(bulletin).content.narrative()[key]
                if not request.htmx:  # type: ignore[attr-defined]
                    return redirect("reports:bulletin_detail", bulletin.pk)
                return render(
                    request,
                    "reports/_paragraph.html",
                    {"p": paragraph, "editable": True, "bulletin": bulletin},
                )
    else:
        form = ParagraphForm(initial={"key": key, "text": paragraphs[key].text})
    return render(
        request,
        "reports/_paragraph_form.html",
        {"form": form, "p": paragraphs[key], "bulletin": bulletin},
    )


@login_required
@require_POST
def header_edit(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    user, bulletin = _draft_for_office(request, bulletin_id)
    form = HeaderForm(request.POST)
    if form.is_valid():
        try:
            actions.do_update_bulletin_header(bulletin, acting_user=user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已保存版头和版记。"))
    else:
        messages.error(request, _("版头信息有误，请检查。"))
    return redirect("reports:bulletin_detail", bulletin.pk)


@login_required
@require_POST
def bulletin_issue(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    user, bulletin = _draft_for_office(request, bulletin_id)
    try:
        bulletin = actions.do_issue_bulletin(bulletin, today=local_today(), acting_user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("已印发第 %(v)s 版，Word 和 PDF 文件已保存。") % {"v": bulletin.version}
        )
    return redirect("reports:bulletin_detail", bulletin.pk)


@login_required
@require_POST
def bulletin_new_version(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    user = check_office(request.user)
    issued = queries.access_bulletin(user, bulletin_id)
    draft = actions.do_create_bulletin_draft(
        issued.program, issued.period_obj, today=local_today(), acting_user=user
    )
    return redirect("reports:bulletin_detail", draft.pk)


@login_required
def bulletin_download(request: HttpRequest, bulletin_id: int, file_format: str) -> HttpResponseBase:
    """Issued: the stored file. Draft (office): rendered now, not stored."""
    user = _reader(request)
    bulletin = queries.access_bulletin(user, bulletin_id)
    if file_format not in FORMATS:
        raise Http404
    name = f"bulletin-{bulletin.program.slug}-{bulletin.period}-v{bulletin.version}.{file_format}"
    if bulletin.is_issued:
        stored = bulletin.docx_file if file_format == "docx" else bulletin.pdf_file
        if not stored:
            raise Http404
        return FileResponse(
            stored.open("rb"), as_attachment=True, filename=name, content_type=FORMATS[file_format]
        )
    try:
        data = render_file(build_for(bulletin).content, file_format)
    except MissingFontsError:
        messages.error(
            request,
            _(
                "本机没有中文（CJK）字体，不能生成 PDF：请安装 fonts-noto-cjk"
                "（apt-get install fonts-noto-cjk）。Word 文件不受影响。"
            ),
        )
        return redirect("reports:bulletin_detail", bulletin.pk)
    response = HttpResponse(data, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="draft-{name}"'
    return response


@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    _reader(request)
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("请选择落实工作、通报期和导出内容。"))
        return redirect("reports:bulletin_list")
    program = form.cleaned_data["program"]
    period = parse_period(form.cleaned_data["period"])
    kind = form.cleaned_data["kind"]
    data = export_workbook(program, period, kind, today=local_today())
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-{period}-{kind}.xlsx"'
    return response
