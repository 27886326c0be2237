from typing import Any

import pytest
from django.apps import apps
from django.http import Http404

from luoshi.org.actions import do_merge_units
from luoshi.org.models import AuditEvent, Unit, UnitAlias, User
from luoshi.org.queries import match_unit_name
from luoshi.org.tests.conftest import make_unit, make_user

pytestmark = pytest.mark.django_db

# plans sits above org: its models are reached through the app registry, not imported.
Program: Any = apps.get_model("plans", "Program")
Task: Any = apps.get_model("plans", "Task")
Responsibility: Any = apps.get_model("plans", "Responsibility")


def _task(program: Any, path: str) -> Any:
    return Task.objects.create(program=program, path=path, text=path, order=int(path))


def _setup() -> tuple[Unit, Unit, Unit]:
    keep = make_unit("省发展改革委")
    duplicate = make_unit("省发改委员会", full_name="甘肃省发改委员会")
    UnitAlias.objects.create(unit=duplicate, alias="发改委员会")
    collective = make_unit("省直有关部门", kind="collective")
    collective.members.add(duplicate)
    return keep, duplicate, collective


def test_moves_aliases_users_memberships_and_responsibilities(office: User) -> None:
    keep, duplicate, collective = _setup()
    person = make_user("p1", unit=duplicate)
    program = Program.objects.create(name="p", slug="p")
    t1, t2 = _task(program, "1"), _task(program, "2")
    moved = Responsibility.objects.create(
        task=t1, unit=duplicate, role="co", verbatim_name="省发改委员会", order=1
    )
    Responsibility.objects.create(task=t2, unit=keep, role="co", verbatim_name="x", order=1)
    clash = Responsibility.objects.create(
        task=t2, unit=duplicate, role="lead", verbatim_name="省发改委员会", order=0
    )
    duplicate_pk = duplicate.pk

    do_merge_units(keep=keep, duplicate=duplicate, acting_user=office)

    assert not Unit.objects.filter(pk=duplicate_pk).exists()
    assert sorted(keep.aliases.values_list("alias", "kind")) == [
        ("发改委员会", "short"),
        ("甘肃省发改委员会", "full"),
        ("省发改委员会", "former"),
    ]
    assert match_unit_name("省发改委员会") == keep
    person.refresh_from_db()
    assert person.unit == keep
    assert list(collective.members.all()) == [keep]
    moved.refresh_from_db()
    assert (moved.unit, moved.verbatim_name) == (keep, "省发改委员会")
    assert list(Responsibility.objects.filter(task=t2).values_list("unit_id", "role")) == [
        (keep.pk, "lead")
    ]

    merged_into = AuditEvent.objects.get(action="org.unit.merged_into")
    assert (merged_into.object_id, merged_into.object_repr) == (str(duplicate_pk), "省发改委员会")
    assert merged_into.old_values["name"] == "省发改委员会"
    assert merged_into.new_values == {"merged_into": keep.pk, "merged_into_name": "省发展改革委"}
    merge = AuditEvent.objects.get(action="org.unit.merge")
    assert merge.object_id == str(keep.pk)
    assert merge.old_values == {"duplicate": duplicate_pk, "duplicate_name": "省发改委员会"}
    assert merge.new_values == {
        "aliases_added": ["发改委员会", "省发改委员会", "甘肃省发改委员会"],
        "users_moved": [person.pk],
        "collectives_moved": [collective.pk],
        "members_added": [],
        "predecessors_moved": [],
        "responsibilities_moved": [moved.pk],
        "responsibilities_merged": [clash.pk],
        "other_references_moved": {},
    }


def test_predecessors_follow_to_keep(office: User) -> None:
    keep, duplicate, _ = _setup()
    old = make_unit("省工商局", successor=duplicate, is_active=False)
    do_merge_units(keep=keep, duplicate=duplicate, acting_user=office)
    old.refresh_from_db()
    assert old.successor == keep


def test_reporter_is_refused_and_nothing_changes(reporter: User) -> None:
    keep, duplicate, collective = _setup()
    with pytest.raises(Http404):
        do_merge_units(keep=keep, duplicate=duplicate, acting_user=reporter)
    assert Unit.objects.filter(pk=duplicate.pk).exists()
    assert list(duplicate.aliases.values_list("alias", flat=True)) == ["发改委员会"]
    assert list(collective.members.all()) == [duplicate]
    assert AuditEvent.objects.count() == 0


def test_merging_into_itself_is_refused(office: User) -> None:
    keep = make_unit()
    with pytest.raises(Exception, match="不能把单位合并到它自己"):
        do_merge_units(keep=keep, duplicate=keep, acting_user=office)
    assert Unit.objects.filter(pk=keep.pk).exists()
