"""The small supervision world (three tasks, two units) with a 2020Q1 round, and helpers."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import LazySettings

from luoshi.reports.tests.world import ReportWorld, make_report_world
from luoshi.supervision.tests.conftest import World, fast_password_hasher, world

__all__ = ["fast_password_hasher", "media_root", "report_world", "world"]

AS_OF = date(2020, 4, 20)


@pytest.fixture(autouse=True)
def media_root(settings: LazySettings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def report_world(world: World) -> ReportWorld:
    return make_report_world(world)
