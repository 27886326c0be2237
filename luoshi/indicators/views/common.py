"""Helpers the indicator pages share."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from luoshi.indicators.queries import list_indicators
from luoshi.org.models import User
from luoshi.plans.models import Program


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def errors_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def programs_with_indicators(user: User) -> list[Program]:
    """Return the programs that have indicators the user may read, newest first."""
    ids = set(list_indicators(user).values_list("program_id", flat=True))
    return list(Program.objects.filter(pk__in=ids).order_by("-created_at"))


def chosen_program(request: HttpRequest, programs: list[Program]) -> Program | None:
    """Return the program named by ?program=, else the first one."""
    wanted = request.GET.get("program") or request.POST.get("program")
    for program in programs:
        if wanted and str(program.pk) == wanted:
            return program
    return programs[0] if programs else None
