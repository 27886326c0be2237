"""`luoshi synth`: a labelled synthetic program, refused twice, refused big on SQLite, dropped."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from luoshi.indicators.models import DataValue, Indicator
from luoshi.org.models import Region, Unit
from luoshi.plans.models import Program
from luoshi.supervision.models import ProgressReport, ReportingRound


def test_province_scale_builds_a_labelled_program_and_drops_it(db: None) -> None:
    out = StringIO()
    call_command("synth", "--scale", "province", stdout=out)

    program = Program.objects.get(slug="synthetic-province")
    assert program.name.startswith("【合成】")
    assert Region.objects.filter(source="synthetic").count() == 17
    assert set(Region.objects.values_list("level", flat=True)) == {
        "province",
        "prefecture",
        "county",
    }
    assert all(
        len(code) == 7 and code.startswith("9")
        for code in Region.objects.values_list("code", flat=True)
    )
    assert Unit.objects.filter(name__startswith="【合成】").count() == 24
    assert Indicator.objects.filter(program=program).count() == 40
    assert ReportingRound.objects.filter(program=program, is_simulated=True).count() == 60
    assert ProgressReport.objects.filter(is_simulated=True).count() == 60 * 24
    assert DataValue.objects.filter(source="simulated").count() == 17 * 40 * 60
    assert "40,800 data values" in out.getvalue()

    with pytest.raises(CommandError) as refused:
        call_command("synth", "--scale", "province")
    assert str(refused.value) == (
        "合成落实工作 synthetic-province 已存在；如需重建，先运行 synth --drop --scale "
        "province。 / The synthetic program already exists; drop it first."
    )
    assert DataValue.objects.count() == 40_800

    call_command("synth", "--scale", "province", "--drop", stdout=StringIO())
    assert Program.objects.count() == 0
    assert Region.objects.count() == 0
    assert Unit.objects.count() == 0
    assert DataValue.objects.count() == 0


def test_values_flag_stops_after_n_values(db: None) -> None:
    call_command("synth", "--scale", "province", "--values", "1000", stdout=StringIO())
    assert DataValue.objects.count() == 1000


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the guard is for SQLite")
def test_national_scale_is_refused_on_sqlite(db: None) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("synth", "--scale", "national")
    assert str(refused.value) == (
        "全国规模的合成数据（约 770 万条）只在 PostgreSQL 上生成：请设置 DATABASE_URL。"
        " / The national scale needs PostgreSQL (set DATABASE_URL); SQLite takes"
        " --scale province."
    )
    assert Region.objects.count() == 0
