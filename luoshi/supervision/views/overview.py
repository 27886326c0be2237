"""Pages that sum up: scorecards per unit and period, and the person's notification inbox."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from luoshi.core.periods import parse_period
from luoshi.plans.models import Program
from luoshi.plans.queries import own_units
from luoshi.supervision import actions, queries
from luoshi.supervision.forms import ScorecardForm
from luoshi.supervision.models import ReportingRound
from luoshi.supervision.views.common import list_page, request_user


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


def _program_has_simulation(program: Program) -> bool:
    return ReportingRound.objects.filter(program=program, is_simulated=True).exists()


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if request.method == "POST":
        actions.do_mark_notifications_read(acting_user=user)
        return redirect("supervision:notification_list")
    return render(
        request,
        "supervision/notification_list.html",
        list_page(request, queries.list_notifications(user), "notifications"),
    )
