from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.org.models import User
from luoshi.org.tests.conftest import make_unit
from luoshi.org.tests.test_do_bulk_create_users import workbook

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(data: bytes, name: str = "users.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def test_template_download_is_a_workbook(client: Client, office: User) -> None:
    client.force_login(office)
    response = client.get(reverse("org:user_bulk_template"))
    assert response["Content-Type"] == XLSX
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["用户", "说明"]


def test_good_workbook_creates_users(client: Client, office: User) -> None:
    make_unit("省财政厅")
    client.force_login(office)
    data = workbook(["cz", "财政", "填报人", "省财政厅", "", ""])
    response = client.post(reverse("org:user_bulk_import"), {"workbook": _upload(data)})
    assert response.status_code == 302
    assert User.objects.get(username="cz").unit is not None


def test_bad_row_lists_errors_and_creates_nothing(client: Client, office: User) -> None:
    client.force_login(office)
    data = workbook(["ok", "好", "领导", "", "", ""], ["bad", "坏", "管理员", "", "", ""])
    response = client.post(reverse("org:user_bulk_import"), {"workbook": _upload(data)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "发现 1 个错误，未创建任何账号" in html
    assert "<td>3</td><td>角色</td>" in html
    assert not User.objects.filter(username__in=["ok", "bad"]).exists()


def test_wrong_extension_is_refused_on_the_field(client: Client, office: User) -> None:
    client.force_login(office)
    response = client.post(reverse("org:user_bulk_import"), {"workbook": _upload(b"x", "u.csv")})
    assert response.context["form"].errors == {
        "workbook": ["请上传 .xlsx 格式的文件（不支持 .xls 或 .csv）。"]
    }
