"""Import page (upload, progress, errors), templates and exports over HTTP."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.indicators.models import DataValue, ImportJob
from luoshi.indicators.tests.conftest import Gansu, make_indicator, make_value


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_upload_with_errors_shows_every_bad_row(gansu: Gansu) -> None:
    make_indicator(gansu)
    content = "指标代码,区划代码,期间,数值\nusers,620100,2018Q1,abc\nusers,999,2018Q1,1\n"
    client = _client(gansu.office)
    response = client.post(
        reverse("indicators:import"),
        {"file": SimpleUploadedFile("v.csv", content.encode()), "submit_values": "on"},
    )
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("indicators:import_detail", args=[job.pk])
    html = client.get(response["Location"]).content.decode()
    assert "2 行有误，未写入任何数据" in html
    assert "“abc”不是数字" in html
    assert "未知的区划代码“999”" in html
    errors_csv = client.get(reverse("indicators:import_errors_csv", args=[job.pk]))
    assert errors_csv.content.decode("utf-8-sig").splitlines() == [
        "行,列,原因",
        "2,数值,“abc”不是数字",
        "3,区划代码,未知的区划代码“999”",
    ]
    assert DataValue.objects.count() == 0


def test_progress_partial_for_htmx(gansu: Gansu) -> None:
    job = ImportJob.objects.create(
        user=gansu.office, format="csv", original_name="big.csv", status="running", progress=40
    )
    response = _client(gansu.office).get(
        reverse("indicators:import_detail", args=[job.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="import-job"')
    assert 'hx-trigger="every 1s"' in html
    assert 'value="40"' in html


def test_other_users_job_is_404(gansu: Gansu) -> None:
    job = ImportJob.objects.create(user=gansu.office, format="csv", original_name="x.csv")
    response = _client(gansu.reporter_lanzhou).get(
        reverse("indicators:import_detail", args=[job.pk])
    )
    assert response.status_code == 404


def test_reporter_template_has_its_region_only(gansu: Gansu) -> None:
    make_indicator(gansu)
    make_indicator(gansu, "yearly", period_type="year", target=None)
    url = reverse("indicators:template") + f"?program={gansu.program.pk}&period=2019Q2&format=csv"
    text = _client(gansu.reporter_lanzhou).get(url).content.decode("utf-8-sig")
    assert text.splitlines() == [
        "指标代码,指标名称,区划代码,区划名称,期间,数值,计量单位,备注",
        "users,移动电话用户,620100,兰州市,2019Q2,,户,",
        "users,移动电话用户,620171,兰州新区,2019Q2,,户,",  # a zone under 兰州市
    ]


def test_excel_template_has_reference_sheets(gansu: Gansu) -> None:
    make_indicator(gansu)
    url = reverse("indicators:template") + f"?program={gansu.program.pk}&period=2019Q2&format=xlsx"
    workbook = load_workbook(io.BytesIO(_client(gansu.office).get(url).content), read_only=True)
    assert workbook.sheetnames == ["数据", "指标", "区划"]


def test_export_formats(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    make_value(indicator, gansu.lanzhou, "2018Q1", "0.5")
    base = reverse("indicators:export") + f"?program={gansu.program.pk}"
    client = _client(gansu.office)
    csv_text = b"".join(client.get(base + "&format=csv").streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert (
        csv_text.splitlines()[1]
        == "users,移动电话用户,620100,兰州市,2018Q1,0.5,户,,submitted,reported"
    )
    document = client.get(base + "&format=dhis2").json()
    assert document == {
        "dataValues": [
            {"dataElement": "users", "period": "2018Q1", "orgUnit": "620100", "value": "0.5"}
        ]
    }
    assert client.get(base + "&format=pdf").status_code == 404
