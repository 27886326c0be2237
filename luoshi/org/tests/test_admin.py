import pytest
from django.test import Client
from django.urls import reverse

from luoshi.org.audit import record_event
from luoshi.org.models import UnitAlias
from luoshi.org.tests.conftest import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["region", "unit", "unitalias", "user", "apitoken", "auditevent"])
def test_changelist_renders_for_superuser(client: Client, model: str) -> None:
    admin = make_user("root", role="office", is_staff=True, is_superuser=True)
    unit = make_unit(region=make_region())
    UnitAlias.objects.create(unit=unit, alias="测试")
    record_event(actor=admin, action="org.unit.update", obj=unit)
    client.force_login(admin)
    assert client.get(reverse(f"admin:org_{model}_changelist")).status_code == 200


def test_unit_change_form_renders(client: Client) -> None:
    admin = make_user("root", role="office", is_staff=True, is_superuser=True)
    unit = make_unit()
    client.force_login(admin)
    assert client.get(reverse("admin:org_unit_change", args=[unit.pk])).status_code == 200
