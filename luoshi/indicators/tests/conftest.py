"""Factories for indicator tests: Gansu regions, a published program, people in each role."""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import LazySettings

from luoshi.indicators.actions import do_create_indicator
from luoshi.indicators.models import DataValue, Indicator, IndicatorTarget, ValueStatus
from luoshi.org.loaders import DIVISIONS_CSV, LoadStats, load_regions
from luoshi.org.models import Region, Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.models import Program

__all__ = ["Gansu", "make_indicator", "make_value"]


@dataclass(frozen=True)
class Gansu:
    program: Program
    province: Region
    lanzhou: Region
    tianshui: Region
    prefectures: list[Region]
    telecom: Unit
    prefecture_governments: Unit
    lanzhou_government: Unit
    office: User
    leader: User
    reporter_lanzhou: User
    reporter_telecom: User
    reporter_other: User


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: LazySettings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings: LazySettings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def load_gansu_regions() -> None:
    load_regions(DIVISIONS_CSV, LoadStats())


@pytest.fixture
def gansu(db: None) -> Gansu:
    load_gansu_regions()
    province = Region.objects.get(code="620000")
    prefectures = list(Region.objects.filter(level=Region.Level.PREFECTURE).order_by("code"))
    telecom = make_unit("省通信管理局")
    lanzhou_government = make_unit(
        "兰州市政府", kind=Unit.Kind.GOVERNMENT, region=Region.objects.get(code="620100")
    )
    collective = make_unit("各市州政府", kind=Unit.Kind.COLLECTIVE)
    collective.members.add(lanzhou_government)
    for region in prefectures[1:]:
        collective.members.add(
            make_unit(f"{region.name}政府", kind=Unit.Kind.GOVERNMENT, region=region)
        )
    program = Program.objects.create(
        name="测试落实工作",
        slug="test-program",
        status=Program.Status.PUBLISHED,
        region=province,
    )
    return Gansu(
        program=program,
        province=province,
        lanzhou=Region.objects.get(code="620100"),
        tianshui=Region.objects.get(code="620500"),
        prefectures=prefectures,
        telecom=telecom,
        prefecture_governments=collective,
        lanzhou_government=lanzhou_government,
        office=make_user("office", role=User.Role.OFFICE),
        leader=make_user("leader", role=User.Role.LEADER),
        reporter_lanzhou=make_user("reporter-lz", role=User.Role.REPORTER, unit=lanzhou_government),
        reporter_telecom=make_user("reporter-tx", role=User.Role.REPORTER, unit=telecom),
        reporter_other=make_user("reporter-x", role=User.Role.REPORTER),
    )


def make_indicator(
    world: Gansu,
    code: str = "users",
    *,
    name: str = "移动电话用户",
    unit: str = "户",
    aggregation: str = "sum",
    period_type: str = "quarter",
    direction: str = "more",
    target: str | None = "26000000",
    baseline: str | None = "22038400",
    **fields: Any,
) -> Indicator:
    indicator = do_create_indicator(
        world.program,
        code=code,
        name=name,
        unit=unit,
        direction=direction,
        aggregation=aggregation,
        period_type=period_type,
        reporting_units=[world.telecom, world.prefecture_governments],
        target_value=Decimal(target) if target is not None else None,
        target_year=2020 if target is not None else None,
        acting_user=None,
        **fields,
    )
    if baseline is not None and target is not None:
        IndicatorTarget.objects.filter(indicator=indicator).update(
            baseline_value=Decimal(baseline), baseline_year=2016
        )
    return indicator


def make_value(
    indicator: Indicator,
    region: Region,
    period: str,
    value: str,
    *,
    status: str = ValueStatus.SUBMITTED,
    source: str = "reported",
) -> DataValue:
    from luoshi.core.periods import parse_period

    return DataValue.objects.create(
        indicator=indicator,
        region=region,
        period=period,
        period_start=parse_period(period).start,
        value=Decimal(value),
        status=status,
        source=source,
    )
