"""The shipped Gansu registry covers the reference policy (pure: reads files only)."""

import csv
import json
import re
from datetime import date
from typing import Any

from luoshi.org.loaders import DATA_DIR, DIVISIONS_CSV, REGISTRY_DIR
from luoshi.org.names import normalize_unit_name

POLICY = DATA_DIR / "policies" / "gansu-2017-mobile-internet.txt"
KINDS = {"department", "government", "enterprise", "central", "collective", "other"}


def policy_unit_names() -> list[str]:
    """Return the distinct names in the policy's bracketed responsibility lists, in order."""
    text = POLICY.read_text(encoding="utf-8")
    lists = re.findall(r"（([^（）]*?)等按照各自职责共同推进）", text)
    assert len(lists) == 25
    names: list[str] = []
    for part in lists:
        for name in re.split(r"[，、]", part):
            if name.strip() and name.strip() not in names:
                names.append(name.strip())
    return names


def registry() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REGISTRY_DIR / "gansu.json").read_text(encoding="utf-8"))
    return data


def test_policy_lists_name_53_distinct_units() -> None:
    names = policy_unit_names()
    assert len(names) == 53
    assert names[:5] == ["各市州政府", "省通信管理局", "省工信委", "省发展改革委", "省委网信办"]


def test_every_policy_unit_is_a_canonical_registry_name() -> None:
    canonical = {u["name"] for u in registry()["units"]}
    assert [n for n in policy_unit_names() if n not in canonical] == []


def test_names_and_aliases_are_unique_once_normalised() -> None:
    seen: dict[str, str] = {}
    for unit in registry()["units"]:
        for text in [unit["name"], *unit["aliases"]]:
            key = normalize_unit_name(text)
            assert key not in seen or seen[key] == unit["name"], text
            seen[key] = unit["name"]


def test_fields_have_the_shared_format() -> None:
    doc = registry()
    assert doc["name"] == "甘肃省单位名录"
    assert "gansu-2017-mobile-internet.txt" in doc["source"]
    names = {u["name"] for u in doc["units"]}
    with DIVISIONS_CSV.open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    for unit in doc["units"]:
        assert set(unit) == {
            "name",
            "full_name",
            "kind",
            "region",
            "aliases",
            "successor",
            "succeeded_on",
            "members",
        }
        assert unit["kind"] in KINDS
        assert unit["region"] in codes
        assert unit["successor"] is None or unit["successor"] in names
        assert unit["succeeded_on"] is None or date.fromisoformat(unit["succeeded_on"])
        assert unit["members"] is None or set(unit["members"]) <= names


def test_collective_of_prefecture_governments_lists_all_fourteen() -> None:
    units = {u["name"]: u for u in registry()["units"]}
    members = units["各市州政府"]["members"]
    assert units["各市州政府"]["kind"] == "collective"
    assert len(members) == 14
    assert {units[m]["region"] for m in members} == {
        "620100",
        "620200",
        "620300",
        "620400",
        "620500",
        "620600",
        "620700",
        "620800",
        "620900",
        "621000",
        "621100",
        "621200",
        "622900",
        "623000",
    }
    assert units["兰州新区管委会"]["region"] == "620171"


def test_2018_reform_successors() -> None:
    units = {u["name"]: u for u in registry()["units"]}
    expected = {
        "省工信委": "省工信厅",
        "省农牧厅": "省农业农村厅",
        "省卫生计生委": "省卫生健康委",
        "省国土资源厅": "省自然资源厅",
        "省国税局": "省税务局",
        "省地税局": "省税务局",
        "省工商局": "省市场监管局",
        "省质监局": "省市场监管局",
        "省食品药品监管局": "省市场监管局",
        "省文化厅": "省文化和旅游厅",
        "省旅游发展委": "省文化和旅游厅",
        "省环保厅": "省生态环境厅",
        "省林业厅": "省林业和草原局",
        "省政府法制办": "省司法厅",
        "省新闻出版广电局": "省广电局",
        "省扶贫办": "省乡村振兴局",
    }
    assert {name: units[name]["successor"] for name in expected} == expected
    assert units["省税务局"]["full_name"] == "国家税务总局甘肃省税务局"
    assert units["省国税局"]["succeeded_on"] == "2018-06-15"
    # 省建设厅 is the policy's short form of the housing department, not a replaced body.
    assert units["省建设厅"]["successor"] is None
    assert "省住房城乡建设厅" in units["省建设厅"]["aliases"]
