from io import StringIO

import pytest
from django.core.management import call_command

from luoshi.org.models import AuditEvent, User
from luoshi.plans.models import Program, Responsibility


def run() -> str:
    out = StringIO()
    call_command("load_default_program", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_loads_the_gansu_program_and_demo_accounts() -> None:
    output = run()
    program = Program.objects.get(slug="gansu-mobile-internet-2017")
    assert program.name == "《关于促进移动互联网健康有序快速发展的实施意见》落实工作"
    assert program.status == Program.Status.PUBLISHED
    assert (program.region.code if program.region else None) == "620000"
    assert (str(program.start_date), str(program.end_date)) == ("2017-08-02", "2020-12-31")
    assert program.tasks.count() == 25
    responsibilities = Responsibility.objects.filter(task__program=program)
    assert responsibilities.values("unit").distinct().count() == 53
    assert responsibilities.filter(role="lead").count() == 25
    assert program.targets.count() == 15
    document = program.documents.get()
    assert document.unit_names.filter(unit__isnull=True).count() == 0
    assert document.unit_names.count() == 53
    users = {u.username: (u.role, u.unit.name if u.unit else None) for u in User.objects.all()}
    assert users == {
        "office": ("office", None),
        "leader": ("leader", None),
        "reporter-wxb": ("reporter", "省委网信办"),
        "reporter-txglj": ("reporter", "省通信管理局"),
        "head-wxb": ("unit_head", "省委网信办"),
        "reporter-lanzhou": ("reporter", "兰州市政府"),
    }
    assert User.objects.get(username="office").check_password("luoshi-demo-2017")
    assert "DEMO accounts" in output
    assert "25 tasks, 53 responsible units, 15 targets" in output


@pytest.mark.django_db
def test_second_run_keeps_data_and_passwords() -> None:
    run()
    office = User.objects.get(username="office")
    office.set_password("a-changed-password-1")
    office.save()
    events = AuditEvent.objects.count()
    output = run()
    assert Program.objects.count() == 1
    assert User.objects.count() == 6
    office.refresh_from_db()
    assert office.check_password("a-changed-password-1")
    assert AuditEvent.objects.count() == events
    assert "already exists" in output
    assert "passwords were not reset" in output
