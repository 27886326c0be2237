import json
from pathlib import Path

import pytest

from luoshi.org.loaders import LoadError, load_org
from luoshi.org.models import AuditEvent, Region, Unit, UnitAlias
from luoshi.org.queries import match_unit_name
from luoshi.org.tests.test_registry_gansu import policy_unit_names

pytestmark = pytest.mark.django_db


def test_loads_102_regions_with_lanzhou_new_area_as_zone() -> None:
    report = load_org()
    assert report.regions.created == 102
    assert Region.objects.count() == 102
    assert Region.objects.filter(level="province").count() == 1
    assert Region.objects.filter(level="prefecture").count() == 14
    assert Region.objects.filter(level="county").count() == 86
    zone = Region.objects.get(code="620171")
    assert (zone.name, zone.level, zone.parent.code if zone.parent else None) == (
        "兰州新区",
        "zone",
        "620100",
    )
    province = Region.objects.get(code="620000")
    assert (province.population, province.parent) == (25019831, None)


def test_second_run_writes_nothing() -> None:
    load_org()
    events = AuditEvent.objects.count()
    updated = {u.pk: u.updated_at for u in Unit.objects.all()}
    report = load_org()
    assert report.changed == 0
    assert report.regions.unchanged == 102
    assert AuditEvent.objects.count() == events
    assert {u.pk: u.updated_at for u in Unit.objects.all()} == updated


def test_writes_one_summary_event_without_actor() -> None:
    load_org()
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.object_type) == (None, "org.load", "org.registry")
    assert event.new_values["regions"] == {"created": 102, "updated": 0, "unchanged": 0}
    assert event.new_values["files"][:2] == ["gansu_divisions.csv", "gansu.json"]


def test_every_policy_unit_resolves_after_loading() -> None:
    load_org()
    unresolved = [name for name in policy_unit_names() if match_unit_name(name) is None]
    assert unresolved == []
    assert match_unit_name("各市州政府").members.count() == 14  # type: ignore[union-attr]


def test_successors_and_aliases_are_loaded() -> None:
    load_org()
    old = Unit.objects.get(name="省工商局")
    assert (old.successor.name if old.successor else None, old.is_active) == ("省市场监管局", False)
    assert Unit.objects.get(name="省国税局").succeeded_on.isoformat() == "2018-06-15"  # type: ignore[union-attr]
    assert match_unit_name("省发改委") == Unit.objects.get(name="省发展改革委")
    assert match_unit_name("甘肃省发展和改革委员会") == Unit.objects.get(name="省发展改革委")
    assert UnitAlias.objects.get(alias="甘肃省发展和改革委员会").kind == "full"


def test_restores_a_field_changed_by_hand() -> None:
    load_org()
    Unit.objects.filter(name="省财政厅").update(full_name="错误")
    report = load_org()
    assert report.units.updated == 1
    assert Unit.objects.get(name="省财政厅").full_name == "甘肃省财政厅"


def _write(tmp_path: Path, units: list[dict[str, object]]) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"name": "t", "source": "t", "units": units}), encoding="utf-8")
    return path


def _unit(name: str, **fields: object) -> dict[str, object]:
    return {
        "name": name,
        "full_name": "",
        "kind": "department",
        "region": "620000",
        "aliases": [],
        "successor": None,
        "succeeded_on": None,
        "members": None,
        **fields,
    }


def test_bad_row_writes_nothing_and_names_file_row_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, [_unit("省甲厅"), _unit("省乙厅", kind="ministry")])
    with pytest.raises(LoadError) as caught:
        load_org(registries=[path])
    assert str(caught.value) == "bad.json, unit 2 (省乙厅), field 'kind': unknown kind 'ministry'"
    assert (Region.objects.count(), Unit.objects.count(), AuditEvent.objects.count()) == (0, 0, 0)


def test_unknown_successor_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, [_unit("省甲厅", successor="省丙厅")])
    with pytest.raises(LoadError) as caught:
        load_org(registries=[path])
    assert (caught.value.row, caught.value.field) == ("unit 1 (省甲厅)", "successor")
    assert Unit.objects.count() == 0


def test_alias_owned_by_another_unit_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, [_unit("省甲厅", aliases=["甲"]), _unit("省乙厅", aliases=["甲"])])
    with pytest.raises(LoadError) as caught:
        load_org(registries=[path])
    assert caught.value.message == "'甲' is already an alias of '省甲厅'"
    assert UnitAlias.objects.count() == 0


def test_bad_csv_population_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(
        "code,name,level,parent_code,population_2020,source_url\n620000,甘肃省,province,,many,x\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        load_org(regions_csv=path, registries=[])
    assert str(caught.value) == (
        "regions.csv, line 2, field 'population_2020': not a whole number: 'many'"
    )
    assert Region.objects.count() == 0


def test_merged_registry_unit_is_not_recreated() -> None:
    load_org()
    keep = Unit.objects.get(name="省发展改革委")
    gone = Unit.objects.get(name="省财政厅")
    gone.aliases.all().delete()
    UnitAlias.objects.create(unit=keep, alias="省财政厅", kind="former")
    gone.delete()
    report = load_org()
    assert report.units.skipped == ["省财政厅"]
    assert not Unit.objects.filter(name="省财政厅").exists()
