from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.indicators.actions import ConflictError, do_save_data_value
from luoshi.indicators.models import DataValue, DataValueChange, ValueStatus
from luoshi.indicators.tests.conftest import Gansu, make_indicator, make_value
from luoshi.org.models import AuditEvent


def _state() -> tuple[int, int, int]:
    return (DataValue.objects.count(), DataValueChange.objects.count(), AuditEvent.objects.count())


def test_reporter_saves_a_draft_for_its_region(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    value = do_save_data_value(
        indicator,
        gansu.lanzhou,
        "2018Q2",
        value="1,234,567",
        comment="来自运营商",
        acting_user=gansu.reporter_lanzhou,
    )
    assert (value.value, value.status, value.source, value.version) == (
        Decimal(1234567),
        ValueStatus.DRAFT,
        "reported",
        1,
    )
    change = value.changes.get()
    assert (change.action, change.old_value, change.new_value) == (
        "created",
        None,
        Decimal(1234567),
    )
    event = AuditEvent.objects.get(action="indicators.save_value")
    assert event.new_values == {
        "indicator": "users",
        "region": "620100",
        "period": "2018Q2",
        "value": "1234567",
        "status": "draft",
        "source": "reported",
        "comment": "来自运营商",
    }


def test_editing_writes_old_and_new_values(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    first = do_save_data_value(
        indicator, gansu.lanzhou, "2018Q2", value="100", acting_user=gansu.reporter_lanzhou
    )
    second = do_save_data_value(
        indicator,
        gansu.lanzhou,
        "2018Q2",
        value="120",
        expected_version=first.version,
        submit=True,
        acting_user=gansu.reporter_lanzhou,
    )
    assert (second.value, second.status, second.version) == (Decimal(120), "submitted", 2)
    latest = second.changes.order_by("-id").first()
    assert latest is not None
    assert (latest.action, latest.old_value, latest.new_value, latest.old_status) == (
        "updated",
        Decimal(100),
        Decimal(120),
        "draft",
    )
    event = AuditEvent.objects.filter(action="indicators.save_value").order_by("-id").first()
    assert event is not None
    assert (event.old_values["value"], event.new_values["value"]) == ("100", "120")


def test_unchanged_value_writes_nothing(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    do_save_data_value(indicator, gansu.lanzhou, "2018Q2", value="100", acting_user=None)
    before = _state()
    do_save_data_value(indicator, gansu.lanzhou, "2018Q2", value="100.000", acting_user=None)
    assert _state() == before


def test_stale_version_is_refused_and_nothing_changes(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    value = do_save_data_value(indicator, gansu.lanzhou, "2018Q2", value="100", acting_user=None)
    do_save_data_value(indicator, gansu.lanzhou, "2018Q2", value="110", acting_user=None)
    before = _state()
    with pytest.raises(ConflictError):
        do_save_data_value(
            indicator,
            gansu.lanzhou,
            "2018Q2",
            value="999",
            expected_version=value.version,
            acting_user=None,
        )
    assert _state() == before
    assert DataValue.objects.get().value == Decimal(110)


def test_reporter_of_another_region_is_refused(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    before = _state()
    with pytest.raises(Http404):
        do_save_data_value(
            indicator, gansu.tianshui, "2018Q2", value="1", acting_user=gansu.reporter_lanzhou
        )
    with pytest.raises(Http404):
        do_save_data_value(
            indicator, gansu.lanzhou, "2018Q2", value="1", acting_user=gansu.reporter_other
        )
    with pytest.raises(Http404):
        do_save_data_value(indicator, gansu.lanzhou, "2018Q2", value="1", acting_user=gansu.leader)
    assert _state() == before


def test_department_reporter_writes_any_region(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    value = do_save_data_value(
        indicator, gansu.tianshui, "2018Q2", value="5", acting_user=gansu.reporter_telecom
    )
    assert value.region == gansu.tianshui


@pytest.mark.parametrize(
    ("period", "text", "message"),
    [
        ("2018", "1", "期间“2018”的类型是年，但指标“移动电话用户”按季度报送"),
        ("2018Q5", "1", "“2018Q5”不是期间，应写作 2020、2020H1、2020Q3 或 2020-07"),
        ("2018Q1", "十万", "“十万”不是数字"),
        ("2018Q1", "0.0000001", "“0.0000001”的小数超过 6 位"),
    ],
)
def test_bad_input_is_named(gansu: Gansu, period: str, text: str, message: str) -> None:
    indicator = make_indicator(gansu)
    before = _state()
    with pytest.raises(ValidationError) as error:
        do_save_data_value(indicator, gansu.lanzhou, period, value=text, acting_user=None)
    assert error.value.messages == [message]
    assert _state() == before


def test_approved_value_is_locked(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    make_value(indicator, gansu.lanzhou, "2018Q2", "100", status=ValueStatus.APPROVED)
    before = _state()
    with pytest.raises(ValidationError) as error:
        do_save_data_value(indicator, gansu.lanzhou, "2018Q2", value="101", acting_user=None)
    assert "已审核通过并锁定" in error.value.messages[0]
    assert _state() == before


def test_real_value_replaces_a_simulated_one(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    make_value(
        indicator, gansu.lanzhou, "2018Q2", "100", status=ValueStatus.APPROVED, source="simulated"
    )
    value = do_save_data_value(
        indicator, gansu.lanzhou, "2018Q2", value="105", submit=True, acting_user=None
    )
    assert (value.value, value.source, value.status) == (Decimal(105), "reported", "submitted")
    change = value.changes.get()
    assert (change.old_source, change.new_source, change.comment) == (
        "simulated",
        "reported",
        "取代模拟数据",
    )


def test_blocking_rule_refuses_a_submission(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    before = _state()
    with pytest.raises(ValidationError) as error:
        do_save_data_value(
            indicator, gansu.lanzhou, "2018Q2", value="-3", submit=True, acting_user=None
        )
    assert error.value.messages == ["违反校验规则“非负”：数值 -3 是负数"]
    assert _state() == before
