import pytest

from luoshi.org.models import UnitAlias
from luoshi.org.queries import match_unit_name
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_matches_canonical_name_and_alias_after_normalising() -> None:
    unit = make_unit("省发展改革委")
    UnitAlias.objects.create(unit=unit, alias="省发改委")
    assert match_unit_name("省发展改革委") == unit
    assert match_unit_name(" 省 发改委\u3000") == unit


def test_fullwidth_and_halfwidth_brackets_match() -> None:
    unit = make_unit("各市（州）政府", kind="collective")
    assert match_unit_name("各市(州)政府") == unit


def test_does_not_follow_successors() -> None:
    new = make_unit("省市场监管局")
    old = make_unit("省工商局", successor=new, is_active=False)
    assert match_unit_name("省工商局") == old


def test_unknown_and_empty_names_are_none() -> None:
    make_unit("省发展改革委")
    assert match_unit_name("甘肃省发展改革委") is None
    assert match_unit_name("  ") is None
