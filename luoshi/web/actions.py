"""Writes of the web shell: the office publishes a program's progress page (or takes it down)."""

from django.db import transaction

from luoshi.org.audit import record_event
from luoshi.org.models import User
from luoshi.org.permissions import check_office
from luoshi.plans.models import Program

__all__ = ["do_set_program_public"]


def do_set_program_public(program: Program, *, is_public: bool, acting_user: User) -> Program:
    """Show or hide the program's read-only public progress page; audited."""
    check_office(acting_user)
    with transaction.atomic():
        locked = Program.objects.select_for_update().get(pk=program.pk)
        if locked.is_public == is_public:
            return locked
        old = locked.is_public
        locked.is_public = is_public
        locked.save(update_fields=["is_public", "updated_at"])
        record_event(
            actor=acting_user,
            action="plans.program.public" if is_public else "plans.program.private",
            obj=locked,
            old={"is_public": old},
            new={"is_public": is_public},
        )
    return locked
