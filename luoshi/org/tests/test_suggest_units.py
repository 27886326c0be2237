import pytest

from luoshi.org.models import UnitAlias
from luoshi.org.queries import suggest_units
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_ranks_containment_and_similar_names_first() -> None:
    fgw = make_unit("省发展改革委")
    UnitAlias.objects.create(unit=fgw, alias="省发改委")
    gxw = make_unit("省工信委")
    make_unit("省财政厅")
    assert suggest_units("甘肃省发改委") == [fgw]
    assert suggest_units("省工信") == [gxw]


def test_limit_and_blank_input() -> None:
    units = [make_unit(f"省第{n}厅") for n in range(1, 8)]
    assert len(suggest_units("省第厅", limit=3)) == 3
    assert set(suggest_units("省第厅", limit=10)) == set(units)
    assert suggest_units("") == []
    assert suggest_units("省第厅", limit=0) == []


def test_unrelated_name_has_no_suggestions() -> None:
    make_unit("省财政厅")
    assert suggest_units("兰州铁路局") == []
