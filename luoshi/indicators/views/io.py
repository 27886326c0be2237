"""Import (upload, progress, error report), templates to fill in, exports, violations."""

import csv
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from luoshi.core.periods import Period, parse_period
from luoshi.indicators import actions, queries
from luoshi.indicators.exporters import csv_chunks, dhis2_bytes, xlsx_bytes
from luoshi.indicators.exports import template_rows, value_rows
from luoshi.indicators.forms import ImportUploadForm
from luoshi.indicators.messages import describe
from luoshi.indicators.validation import evaluate
from luoshi.indicators.views.common import (
    chosen_program,
    errors_of,
    programs_with_indicators,
    user_of,
)

ERRORS_PER_PAGE = 200
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "dhis2": "application/json; charset=utf-8",
}
EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "dhis2": "json"}


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not (user.is_office or user.unit_id):
        raise Http404
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = actions.do_start_import(
                upload,
                name=upload.name,
                submit=form.cleaned_data["submit_values"],
                acting_user=user,
            )
        except ValidationError as exc:
            for message in errors_of(exc):
                form.add_error("file", message)
        else:
            return redirect("indicators:import_detail", job.pk)
    programs = programs_with_indicators(user)
    return render(
        request,
        "indicators/import.html",
        {
            "form": form,
            "jobs": list(queries.list_import_jobs(user)[:20]),
            "programs": programs,
            "program": chosen_program(request, programs),
        },
    )


@login_required
def import_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = queries.access_import_job(user_of(request), job_id)
    page = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    template = (
        "indicators/partials/import_progress.html"
        if request.headers.get("HX-Request")
        else "indicators/import_detail.html"
    )
    return render(request, template, {"job": job, "errors": page})


@login_required
def import_errors_csv(request: HttpRequest, job_id: int) -> HttpResponse:
    job = queries.access_import_job(user_of(request), job_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("行"), _("列"), _("原因")])
    for entry in job.errors:
        writer.writerow([entry["line"], entry["column"], describe(entry["code"], entry["params"])])
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type=CONTENT_TYPES["csv"]
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response


def _format(request: HttpRequest) -> str:
    chosen = request.GET.get("format", "csv")
    if chosen not in CONTENT_TYPES:
        raise Http404
    return chosen


def _file_response(body: bytes, format: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{EXTENSIONS[format]}"'
    return response


def _reference_lists(indicators: list[Any], regions: list[Any]) -> dict[str, list[list[str]]]:
    return {
        _("指标"): [[_("指标代码"), _("指标名称"), _("计量单位"), _("报送周期")]]
        + [[i.code, i.name, i.unit, i.get_period_type_display()] for i in indicators],
        _("区划"): [[_("区划代码"), _("区划名称")]] + [[r.code, r.name] for r in regions],
    }


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    format = _format(request)
    programs = programs_with_indicators(user)
    program = chosen_program(request, programs)
    if program is None:
        raise Http404
    try:
        period = parse_period(request.GET.get("period", ""))
    except ValueError:
        raise Http404 from None
    indicators = list(queries.list_indicators(user, program))
    scope = queries.write_scope(user, [i.pk for i in indicators])
    regions = list(queries.writable_regions(user, scope))
    code = request.GET.get("region")
    if code:
        regions = [r for r in regions if r.code == code]
    writable = [i for i in indicators if scope.may_write_any(i.pk)]
    indicator_ids = {i.code: i.pk for i in writable}
    region_ids = {r.code: r.pk for r in regions}
    rows = [
        row
        for row in template_rows(writable, regions, period)
        if scope.allows(indicator_ids[row.indicator], region_ids[row.region])
    ]
    name = f"luoshi-template-{program.slug}-{period}"
    if format == "xlsx":
        body = xlsx_bytes(rows, with_state=False, lists=_reference_lists(writable, regions))
    elif format == "dhis2":
        body = dhis2_bytes(rows)
    else:
        body = b"".join(csv_chunks(rows, with_state=False))
    return _file_response(body, format, name)


def _optional_period(text: str | None) -> Period | None:
    if not text:
        return None
    try:
        return parse_period(text)
    except ValueError:
        raise Http404 from None


@login_required
def export_values(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    user = user_of(request)
    format = _format(request)
    programs = programs_with_indicators(user)
    program = chosen_program(request, programs)
    indicator = None
    if request.GET.get("indicator", "").isdigit():
        indicator = queries.access_indicator(user, int(request.GET["indicator"]))
    values = queries.list_data_values(
        user,
        program=program,
        indicator=indicator,
        period_from=_optional_period(request.GET.get("period_from")),
        period_to=_optional_period(request.GET.get("period_to")),
        status=request.GET.get("status") or None,
    )
    name = f"luoshi-values-{program.slug if program else 'all'}"
    if format == "csv":
        response = StreamingHttpResponse(
            csv_chunks(value_rows(values)), content_type=CONTENT_TYPES["csv"]
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    body = xlsx_bytes(value_rows(values)) if format == "xlsx" else dhis2_bytes(value_rows(values))
    return _file_response(body, format, name)


@login_required
def violations(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    programs = programs_with_indicators(user)
    program = chosen_program(request, programs)
    period = request.GET.get("period") or ""
    indicators = list(queries.list_indicators(user, program)) if program else []
    if request.GET.get("indicator", "").isdigit():
        indicators = [i for i in indicators if str(i.pk) == request.GET["indicator"]]
    found = (
        evaluate(program, indicators=indicators, periods={period} if period else None)
        if program is not None and indicators
        else []
    )
    blocking_only = request.GET.get("blocking") == "1"
    if blocking_only:
        found = [v for v in found if v.is_blocking]
    page = Paginator(found, 200).get_page(request.GET.get("page"))
    return render(
        request,
        "indicators/violations.html",
        {
            "programs": programs,
            "program": program,
            "period": period,
            "indicators": indicators,
            "violations": page,
            "count": len(found),
            "blocking_count": sum(1 for v in found if v.is_blocking),
            "blocking_only": blocking_only,
        },
    )
