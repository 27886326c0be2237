"""The shell: the home redirect and the reporter's own task list."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from luoshi.org.models import User
from luoshi.plans.queries import my_tasks as query_my_tasks
from luoshi.plans.queries import own_units
from luoshi.web.caching import cached_page


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.role in (User.Role.REPORTER, User.Role.UNIT_HEAD) and not user.is_office:
        return redirect("web:my_tasks")
    return redirect("plans:program_list")


@login_required
@cached_page
def my_tasks(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    tasks = list(query_my_tasks(user))
    lead = [t for t in tasks if t.is_mine_lead]  # type: ignore[attr-defined]
    joined = [t for t in tasks if not t.is_mine_lead]  # type: ignore[attr-defined]
    contacts = (
        []
        if tasks
        else list(User.objects.filter(role=User.Role.OFFICE, is_active=True).order_by("id")[:3])
    )
    return render(
        request,
        "web/my_tasks.html",
        {
            "lead_tasks": lead,
            "joined_tasks": joined,
            "task_count": len(tasks),
            "contacts": contacts,
            "highlight_units": own_units(user),
        },
    )
