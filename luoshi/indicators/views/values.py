"""The entry grid, one value's page (history, review), and the office's approval queue."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core.periods import Period, PeriodKind, parse_period, period_containing
from luoshi.indicators import actions, queries
from luoshi.indicators.actions.common import ConflictError
from luoshi.indicators.forms import ReasonForm
from luoshi.indicators.models import (
    DataValue,
    Indicator,
    IndicatorTarget,
    ValueSource,
    ValueStatus,
)
from luoshi.indicators.views.common import (
    chosen_program,
    errors_of,
    programs_with_indicators,
    user_of,
)
from luoshi.org.models import Region, User
from luoshi.org.permissions import check_office


@dataclass
class EntryRow:
    indicator: Indicator
    value: DataValue | None
    previous: DataValue | None
    target: IndicatorTarget | None
    posted: str | None = None
    posted_comment: str | None = None
    errors: list[str] | None = None

    @property
    def is_locked(self) -> bool:
        return self.value is not None and self.value.is_locked


def _period(request: HttpRequest) -> Period:
    text = request.GET.get("period") or request.POST.get("period") or ""
    try:
        return parse_period(text)
    except ValueError:
        # The quarter that ended last: what a reporter usually has to enter.
        return period_containing(timezone.localdate(), PeriodKind.QUARTER).previous()


def _region(request: HttpRequest, user: User, regions: list[Region]) -> Region | None:
    wanted = request.GET.get("region") or request.POST.get("region")
    by_code = {r.code: r for r in regions}
    if wanted in by_code:
        return by_code[wanted]
    if user.unit is not None and user.unit.region_id is not None:
        for region in regions:
            if region.pk == user.unit.region_id:
                return region
    return regions[0] if regions else None


def _rows(indicators: list[Indicator], region: Region, period: Period) -> list[EntryRow]:
    previous = period.previous()
    values = {
        (v.indicator_id, v.period): v
        for v in DataValue.objects.filter(
            indicator__in=indicators, region=region, period__in=[str(period), str(previous)]
        )
    }
    targets: dict[int, IndicatorTarget] = {}
    for target in IndicatorTarget.objects.filter(indicator__in=indicators, region=region).order_by(
        "year"
    ):
        if target.indicator_id not in targets or target.year >= period.year:
            targets.setdefault(target.indicator_id, target)
    return [
        EntryRow(
            indicator=i,
            value=values.get((i.pk, str(period))),
            previous=values.get((i.pk, str(previous))),
            target=targets.get(i.pk),
        )
        for i in indicators
    ]


@login_required
def entry(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    programs = programs_with_indicators(user)
    program = chosen_program(request, programs)
    period = _period(request)
    all_indicators = list(queries.list_indicators(user, program)) if program else []
    scope = queries.write_scope(user, [i.pk for i in all_indicators])
    regions = list(queries.writable_regions(user, scope))
    region = _region(request, user, regions)
    indicators = [
        i
        for i in all_indicators
        if i.period_type == period.kind.value
        and region is not None
        and scope.allows(i.pk, region.pk)
    ]
    rows = _rows(indicators, region, period) if region is not None else []
    if request.method == "POST" and region is not None:
        submit = request.POST.get("action") == "submit"
        items: list[actions.ValueInput] = []
        posted_rows: list[EntryRow] = []
        for row in rows:
            raw = request.POST.get(f"value-{row.indicator.pk}", "").strip()
            comment = request.POST.get(f"comment-{row.indicator.pk}", "").strip()
            row.posted, row.posted_comment = raw, comment
            if not raw or row.is_locked:
                continue
            version = request.POST.get(f"version-{row.indicator.pk}")
            items.append(
                actions.ValueInput(
                    row.indicator,
                    region,
                    str(period),
                    raw,
                    comment,
                    int(version) if version and version.isdigit() else None,
                )
            )
            posted_rows.append(row)
        try:
            actions.do_save_data_values(items, submit=submit, acting_user=user)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"1": exc.messages}
            for number, problems in errors.items():
                posted_rows[int(number) - 1].errors = problems
            messages.error(request, _("有数值未通过检查，均未保存，请修改后重试。"))
        else:
            messages.success(
                request,
                _("已报送 %(n)s 项。") % {"n": len(items)}
                if submit
                else _("已保存 %(n)s 项草稿。") % {"n": len(items)},
            )
            return redirect(
                f"{request.path}?program={program.pk if program else ''}"
                f"&region={region.code}&period={period}"
            )
    return render(
        request,
        "indicators/entry.html",
        {
            "programs": programs,
            "program": program,
            "regions": regions,
            "region": region,
            "period": period,
            "previous_period": period.previous(),
            "next_period": period.next(),
            "rows": rows,
            "other_kinds": sorted({i.period_type for i in all_indicators} - {period.kind.value}),
            "has_simulated": any(
                r.value is not None and r.value.source == ValueSource.SIMULATED for r in rows
            ),
        },
    )


@login_required
def value_detail(request: HttpRequest, value_id: int) -> HttpResponse:
    user = user_of(request)
    value = queries.access_data_value(user, value_id)
    scope = queries.write_scope(user, [value.indicator_id])
    return render(
        request,
        "indicators/value_detail.html",
        {
            "value": value,
            "history": list(queries.value_history(value)),
            "may_write": scope.allows(value.indicator_id, value.region_id),
            "reason_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def value_action(request: HttpRequest, value_id: int, action: str) -> HttpResponse:
    user = user_of(request)
    value = queries.access_data_value(user, value_id)
    reason = request.POST.get("reason", "")
    try:
        if action == "submit":
            actions.do_submit_data_value(value, acting_user=user)
        elif action == "approve":
            actions.do_approve_data_value(value, acting_user=user)
        elif action == "return":
            actions.do_return_data_value(value, reason=reason, acting_user=user)
        elif action == "reopen":
            actions.do_reopen_data_value(value, reason=reason, acting_user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(errors_of(exc)))
    except ConflictError:
        messages.error(request, _("数据已被他人修改，请刷新后重试。"))
    else:
        messages.success(request, _("已处理。"))
    return redirect("indicators:value_detail", value.pk)


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    programs = programs_with_indicators(user)
    program = chosen_program(request, programs)
    period = request.GET.get("period") or request.POST.get("period") or ""
    pending = queries.list_data_values(
        user, program=program, status=ValueStatus.SUBMITTED, period=period or None
    ).select_related("indicator", "region", "updated_by")
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("value") if i.isdigit()]
        chosen = list(pending.filter(pk__in=ids))
        try:
            done = actions.do_approve_data_values(chosen, acting_user=user)
        except ValidationError as exc:
            messages.error(request, " ".join(errors_of(exc)))
        else:
            messages.success(request, _("已审核通过 %(n)s 项。") % {"n": len(done)})
            return redirect(
                f"{request.path}?program={program.pk if program else ''}&period={period}"
            )
    rows = list(pending[:500])
    return render(
        request,
        "indicators/approvals.html",
        {
            "programs": programs,
            "program": program,
            "period": period,
            "rows": rows,
            "total": pending.count(),
        },
    )
