import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from luoshi.org.models import Region, Unit

pytestmark = pytest.mark.django_db


def test_loads_everything_and_reports_counts() -> None:
    out = StringIO()
    call_command("load_org", stdout=out)
    assert "regions: 102 created, 0 updated, 0 unchanged" in out.getvalue()
    assert Unit.objects.filter(name="省发展改革委").exists()


def test_second_run_reports_no_changes() -> None:
    call_command("load_org", stdout=StringIO())
    out = StringIO()
    call_command("load_org", stdout=out)
    assert "regions: 0 created, 0 updated, 102 unchanged" in out.getvalue()
    assert "units: 0 created, 0 updated" in out.getvalue()


def test_registry_option_loads_one_file(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    unit: dict[str, object] = {
        "name": "省甲厅",
        "full_name": "",
        "kind": "department",
        "region": "620000",
        "aliases": [],
        "successor": None,
        "succeeded_on": None,
        "members": None,
    }
    path.write_text(json.dumps({"name": "t", "source": "t", "units": [unit]}), encoding="utf-8")
    call_command("load_org", "--registry", str(path), stdout=StringIO())
    assert list(Unit.objects.values_list("name", flat=True)) == ["省甲厅"]
    assert Region.objects.count() == 102


def test_error_says_nothing_was_loaded(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match=r"^Nothing was loaded\. broken\.json, file"):
        call_command("load_org", "--registry", str(path), stdout=StringIO())
    assert Region.objects.count() == 0
