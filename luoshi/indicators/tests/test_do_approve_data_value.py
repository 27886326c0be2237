import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.indicators.actions import (
    do_approve_data_value,
    do_approve_data_values,
    do_reopen_data_value,
    do_return_data_value,
    do_submit_data_value,
)
from luoshi.indicators.models import DataValue, ValueStatus
from luoshi.indicators.tests.conftest import Gansu, make_indicator, make_value
from luoshi.org.models import AuditEvent


def _statuses() -> dict[str, str]:
    return dict(DataValue.objects.values_list("region__code", "status"))


def test_province_waits_for_every_prefecture(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    total = make_value(indicator, gansu.province, "2018Q2", "1400")
    values = [make_value(indicator, r, "2018Q2", "100") for r in gansu.prefectures[:13]]
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        do_approve_data_value(total, acting_user=gansu.office)
    assert error.value.messages == [
        "下级数值尚未审核通过：兰州市、嘉峪关市、金昌市、白银市、天水市、武威市、张掖市、平凉市、"
        "酒泉市、庆阳市、定西市、陇南市、临夏回族自治州",
        "下级尚未报送：甘南藏族自治州",
    ]
    assert AuditEvent.objects.count() == before
    values.append(make_value(indicator, gansu.prefectures[13], "2018Q2", "100"))
    do_approve_data_values([total, *values], acting_user=gansu.office)
    assert set(_statuses().values()) == {"approved"}
    assert AuditEvent.objects.filter(action="indicators.approve_value").count() == 15


def test_reporter_cannot_approve(gansu: Gansu) -> None:
    value = make_value(make_indicator(gansu), gansu.lanzhou, "2018Q2", "1")
    with pytest.raises(Http404):
        do_approve_data_value(value, acting_user=gansu.reporter_lanzhou)
    value.refresh_from_db()
    assert value.status == "submitted"


def test_return_needs_a_reason_and_the_reporter_resubmits(gansu: Gansu) -> None:
    value = make_value(make_indicator(gansu), gansu.lanzhou, "2018Q2", "1")
    with pytest.raises(ValidationError):
        do_return_data_value(value, reason=" ", acting_user=gansu.office)
    returned = do_return_data_value(value, reason="口径不对", acting_user=gansu.office)
    assert (returned.status, returned.return_reason) == ("returned", "口径不对")
    again = do_submit_data_value(returned, acting_user=gansu.reporter_lanzhou)
    assert (again.status, again.return_reason) == ("submitted", "")
    assert list(again.changes.order_by("id").values_list("action", flat=True)) == [
        "returned",
        "submitted",
    ]


def test_reopen_runs_top_down(gansu: Gansu) -> None:
    indicator = make_indicator(gansu, aggregation="none")
    child = make_value(indicator, gansu.lanzhou, "2018Q2", "1", status=ValueStatus.APPROVED)
    parent = make_value(indicator, gansu.province, "2018Q2", "1", status=ValueStatus.APPROVED)
    with pytest.raises(ValidationError) as error:
        do_reopen_data_value(child, reason="更正", acting_user=gansu.office)
    assert error.value.messages == ["上级数值已审核通过，请先撤销上级的审核。"]
    do_reopen_data_value(parent, reason="更正", acting_user=gansu.office)
    reopened = do_reopen_data_value(child, reason="更正", acting_user=gansu.office)
    assert reopened.status == "submitted"


def test_sum_rule_blocks_when_important(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    indicator.rules.filter(kind="sum_vs_total").update(importance="high")
    total = make_value(indicator, gansu.province, "2018Q2", "2000")
    for region in gansu.prefectures:
        make_value(indicator, region, "2018Q2", "100", status=ValueStatus.APPROVED)
    with pytest.raises(ValidationError) as error:
        do_approve_data_value(total, acting_user=gansu.office)
    assert error.value.messages == [
        "违反校验规则“市州合计与全省总数相符”：市州合计 1400 与全省数 2000 相差 0.3（相对），"
        "超过允许的 0.01"
    ]
