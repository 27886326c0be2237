"""The indicator API: lists, progress equal to the page, bulk write, imports, rules."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from luoshi.indicators.actions import do_allocate_target
from luoshi.indicators.models import DataValue, ImportJob, Indicator, IndicatorTarget
from luoshi.indicators.tests.conftest import (
    Gansu,
    gansu,
    make_indicator,
    make_value,
    media_root,
)
from luoshi.org.models import AuditEvent, User

__all__ = ["gansu", "media_root"]  # fixtures, imported so pytest finds them here


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(gansu: Gansu) -> Gansu:
    users = make_indicator(gansu)
    do_allocate_target(
        IndicatorTarget.objects.get(indicator=users), method="population", acting_user=None
    )
    for period, value in (("2017Q4", "23000000"), ("2018Q4", "24000000"), ("2019Q4", "24800000")):
        make_value(users, gansu.province, period, value)
    make_value(users, gansu.lanzhou, "2018Q4", "4000000")
    return gansu


def _figures(region: dict[str, Any]) -> dict[str, Any]:
    return {f["key"]: f for f in region["figures"]}


def test_progress_matches_the_indicator_page(world: Gansu) -> None:
    indicator = Indicator.objects.get(code="users")
    api = _client(world.office).get(f"/api/v1/indicators/{indicator.pk}/progress").json()
    page = _client(world.office).get(reverse("indicators:indicator_detail", args=[indicator.pk]))
    progress = page.context["progress"]
    figures = _figures(api["province"])
    for figure in progress.province.assessment.figures():
        got = figures[figure.key]["value"]
        assert (Decimal(got) if got is not None else None) == figure.value
        assert figures[figure.key]["band"] == figure.band
        assert figures[figure.key]["formula"] == figure.formula
    assert Decimal(api["forecast"]["value"]) == progress.forecast.value
    assert api["forecast"]["lower"] is not None
    assert figures["progress_share"]["value"] == "0.697092"
    assert figures["progress_share"]["inputs"] == [
        {"symbol": "y", "value": "24800000.000000", "note": "2019Q4"},
        {"symbol": "y0", "value": "22038400.000000", "note": ""},
        {"symbol": "y*", "value": "26000000.000000", "note": ""},
    ]
    lanzhou = next(p for p in api["prefectures"] if p["region_code"] == "620100")
    page_lanzhou = next(p for p in progress.prefectures if p.region.code == "620100")
    assert Decimal(_figures(lanzhou)["growth_ratio"]["value"]) == (
        page_lanzhou.assessment.growth_ratio.value
    )
    assert lanzhou["rank"] == 1
    assert lanzhou["baseline_is_derived"] is True


def test_lists_and_filters(world: Gansu) -> None:
    client = _client(world.reporter_lanzhou)
    indicators = client.get(f"/api/v1/indicators?program={world.program.pk}").json()
    assert [i["code"] for i in indicators["items"]] == ["users"]
    targets = client.get("/api/v1/targets").json()
    assert targets["count"] == 15  # the province target and its 14 allocations
    values = client.get("/api/v1/data-values?region=620000&period_from=2018Q1").json()
    assert [(v["period"], v["value"]) for v in values["items"]] == [
        ("2018Q4", "24000000.000000"),
        ("2019Q4", "24800000.000000"),
    ]
    assert _client(world.reporter_other).get("/api/v1/indicators").json()["count"] == 0
    assert Client().get("/api/v1/indicators").status_code == 401


def test_bulk_write_is_all_or_nothing(world: Gansu) -> None:
    client = _client(world.reporter_lanzhou)
    before = (DataValue.objects.count(), AuditEvent.objects.count())
    bad = client.post(
        "/api/v1/data-values/bulk",
        data={
            "values": [
                {"indicator": "users", "region": "620100", "period": "2019Q1", "value": "0.1"},
                {"indicator": "users", "region": "620500", "period": "2019Q1", "value": "1"},
            ]
        },
        content_type="application/json",
    )
    assert bad.status_code == 404  # Tianshui is not Lanzhou's to write
    assert (DataValue.objects.count(), AuditEvent.objects.count()) == before
    wrong = client.post(
        "/api/v1/data-values/bulk",
        data={
            "values": [{"indicator": "users", "region": "620100", "period": "2019", "value": "x"}]
        },
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert wrong.json()["details"]["errors"] == {
        "1": ["期间“2019”的类型是年，但指标“移动电话用户”按季度报送"]
    }
    good = client.post(
        "/api/v1/data-values/bulk",
        data={
            "submit": True,
            "values": [
                {"indicator": "users", "region": "620100", "period": "2019Q1", "value": "4100000"},
                {"indicator": "users", "region": "620171", "period": "2019Q1", "value": "50000"},
            ],
        },
        content_type="application/json",
    )
    assert good.status_code == 200, good.content
    assert [(v["region_code"], v["status"]) for v in good.json()] == [
        ("620100", "submitted"),
        ("620171", "submitted"),
    ]


def test_review_endpoints(world: Gansu) -> None:
    value = DataValue.objects.get(region=world.lanzhou, period="2018Q4")
    refused = _client(world.reporter_lanzhou).post(
        f"/api/v1/data-values/{value.pk}/approve", data={}, content_type="application/json"
    )
    assert refused.status_code == 404
    returned = _client(world.office).post(
        f"/api/v1/data-values/{value.pk}/return",
        data={"reason": "请核对"},
        content_type="application/json",
    )
    assert (returned.json()["status"], returned.json()["return_reason"]) == ("returned", "请核对")
    history = _client(world.office).get(f"/api/v1/data-values/{value.pk}/history").json()
    assert [h["action"] for h in history] == ["returned"]


def test_import_endpoint_reports_errors_in_both_languages(world: Gansu) -> None:
    content = "指标代码,区划代码,期间,数值\nusers,620100,2019Q1,abc\n"
    response = _client(world.office).post(
        "/api/v1/imports", {"file": SimpleUploadedFile("v.csv", content.encode())}
    )
    assert response.status_code == 201
    job = response.json()
    assert (job["status"], job["error_count"]) == ("failed", 1)
    errors = _client(world.office).get(f"/api/v1/imports/{job['id']}/errors").json()["items"]
    assert errors == [
        {
            "line": 2,
            "column": "数值",
            "code": "not_a_number",
            "params": {"text": "abc"},
            "reason_zh": "“abc”不是数字",
            "reason_en": errors[0]["reason_en"],
        }
    ]
    assert ImportJob.objects.count() == 1


def test_large_import_is_queued_for_the_background(
    world: Gansu,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from luoshi.indicators.actions import imports

    monkeypatch.setattr(imports, "BACKGROUND_BYTES", 10)
    # The worker runs in this process, as a django-q2 cluster would run it elsewhere.
    monkeypatch.setattr("django_q.conf.Conf.SYNC", True)
    content = "指标代码,区划代码,期间,数值\nusers,620100,2019Q1,5\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(world.office).post(
            "/api/v1/imports", {"file": SimpleUploadedFile("v.csv", content.encode())}
        )
    job = ImportJob.objects.get()
    assert job.is_background is True
    assert response.status_code in {201, 202}
    status = _client(world.office).get(f"/api/v1/imports/{job.pk}").json()
    assert (status["status"], status["created_count"], status["progress"]) == ("succeeded", 1, 100)


def test_rules_and_violations(world: Gansu) -> None:
    client = _client(world.office)
    rules = client.get(f"/api/v1/validation-rules?program={world.program.pk}").json()
    assert sorted(r["kind"] for r in rules["items"]) == [
        "integer",
        "jump",
        "non_negative",
        "outlier",
        "sum_vs_total",
    ]
    created = client.post(
        "/api/v1/validation-rules",
        data={"program_id": world.program.pk, "kind": "range", "max_value": "30000000"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["max_value"] == "30000000"
    violations = client.get(f"/api/v1/validation-rules/violations?program={world.program.pk}")
    assert violations.status_code == 200
    assert violations.json() == []
    denied = _client(world.reporter_lanzhou).post(
        "/api/v1/validation-rules",
        data=json.dumps({"program_id": world.program.pk, "kind": "range", "max_value": "1"}),
        content_type="application/json",
    )
    assert denied.status_code == 404
