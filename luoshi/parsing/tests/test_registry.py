"""The unit registry: loading, alias and folded matching, and the shipped national file."""

import json
from pathlib import Path

import pytest

from luoshi.parsing.registry import (
    KINDS,
    RegistryError,
    default_registry_paths,
    load_registry,
    registry_from_dict,
)

SAMPLE = {
    "name": "测试",
    "source": "test",
    "units": [
        {
            "name": "省发展改革委",
            "full_name": "甘肃省发展和改革委员会",
            "kind": "department",
            "aliases": ["省发改委"],
            "region": None,
            "successor": None,
            "members": None,
        },
        {"name": "各市州政府", "kind": "collective", "aliases": [], "members": ["兰州市政府"]},
    ],
}


def test_matches_name_alias_and_full_name() -> None:
    registry = registry_from_dict(SAMPLE)
    assert registry.canonical("省发展改革委") == "省发展改革委"
    assert registry.canonical("省发改委") == "省发展改革委"
    assert registry.canonical("甘肃省发展和改革委员会") == "省发展改革委"


def test_matches_after_folding_width_script_and_province_prefix() -> None:
    registry = registry_from_dict(SAMPLE)
    assert registry.canonical("省發展改革委") == "省发展改革委"
    assert registry.canonical(" 省发展改革委 ") == "省发展改革委"
    assert registry.canonical("甘肃省发展改革委") == "省发展改革委"
    assert registry.canonical("省财政厅") is None


def test_keeps_collective_kind_and_members() -> None:
    unit = registry_from_dict(SAMPLE).find("各市州政府")
    assert unit is not None
    assert (unit.kind, unit.members) == ("collective", ("兰州市政府",))


def test_rejects_a_malformed_registry() -> None:
    with pytest.raises(RegistryError):
        registry_from_dict({"units": [{"kind": "department"}]})
    with pytest.raises(RegistryError):
        registry_from_dict({"units": [{"name": "x", "kind": "ministry"}]})


def test_reports_a_missing_registry_file(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="file not found"):
        load_registry([tmp_path / "none.json"])


def test_national_registry_is_well_formed_and_maps_common_short_names() -> None:
    path = next(p for p in default_registry_paths() if p.name == "national.json")
    data = json.loads(path.read_text("utf-8"))
    names = [unit["name"] for unit in data["units"]]
    assert len(names) == len(set(names))
    assert {unit["kind"] for unit in data["units"]} <= KINDS
    registry = load_registry([path])
    assert registry.canonical("工信部") == "工业和信息化部"
    assert registry.canonical("国家发展和改革委员会") == "发展改革委"
    assert registry.canonical("中国人民银行") == "人民银行"
    assert registry.canonical("国家市场监督管理总局") == "市场监管总局"
    assert registry.canonical("农业部") == "农业农村部"
    assert registry.canonical("各省级人民政府") == "各省级人民政府"
