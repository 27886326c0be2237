"""Load the registry, publish the reference Gansu program and create the demo accounts."""

import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from luoshi.org.actions import do_create_user
from luoshi.org.models import Region, User
from luoshi.org.queries import match_unit_name
from luoshi.plans.actions import do_publish_plan, do_start_program_import, unmapped_names
from luoshi.plans.importing import parse_policy_file
from luoshi.plans.models import Program

POLICY = Path(settings.BASE_DIR) / "luoshi" / "data" / "policies" / "gansu-2017-mobile-internet.txt"
SLUG = "gansu-mobile-internet-2017"
NAME = "《关于促进移动互联网健康有序快速发展的实施意见》落实工作"
REGION_CODE = "620000"
START = date(2017, 8, 2)
END = date(2020, 12, 31)
# A fixed password for a local demo only; the command prints a warning with it.
DEMO_PASSWORD = "luoshi-demo-2017"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit_name: str | None
    display_name: str


DEMO_ACCOUNTS = (
    DemoAccount("office", User.Role.OFFICE, None, "督查办"),
    DemoAccount("leader", User.Role.LEADER, None, "领导"),
    DemoAccount("reporter-wxb", User.Role.REPORTER, "省委网信办", "网信办填报人"),
    DemoAccount("reporter-txglj", User.Role.REPORTER, "省通信管理局", "通信管理局填报人"),
    DemoAccount("head-wxb", User.Role.UNIT_HEAD, "省委网信办", "网信办负责人"),
    DemoAccount("reporter-lanzhou", User.Role.REPORTER, "兰州市政府", "兰州市填报人"),
)


def _width(text: str) -> int:
    """Return the terminal columns text takes: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Command(BaseCommand):
    help = "Load regions and units, publish the Gansu 2017 mobile-internet program, add demo users."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("load_org", stdout=self.stdout, stderr=self.stderr)
        with transaction.atomic():
            self._load_program()
            rows = self._load_accounts()
        self._print_accounts(rows)

    def _load_program(self) -> None:
        existing = Program.objects.filter(slug=SLUG).first()
        if existing is not None:
            self.stdout.write(
                f"Program {SLUG} already exists (id {existing.pk}, {existing.status}): kept as is."
            )
            return
        region = Region.objects.filter(code=REGION_CODE).first()
        if region is None:
            raise CommandError(f"Region {REGION_CODE} is missing: load_org did not load regions.")
        try:
            text, plan = parse_policy_file(POLICY)
        except ValidationError as error:
            raise CommandError(f"{POLICY.name}: {' '.join(error.messages)}") from error
        document = do_start_program_import(
            text=text,
            plan=plan,
            source_name=POLICY.name,
            name=NAME,
            slug=SLUG,
            region=region,
            start_date=START,
            end_date=END,
            acting_user=None,
        )
        missing = unmapped_names(document)
        if missing:
            raise CommandError(
                f"{len(missing)} unit name(s) in {POLICY.name} are not in the unit registry "
                f"(luoshi/data/unit_registry): {', '.join(missing)}. Nothing was loaded."
            )
        program = do_publish_plan(document, acting_user=None)
        counts = (
            program.tasks.count(),
            program.tasks.values("responsibilities__unit").distinct().count(),
            program.targets.count(),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Published {NAME} (id {program.pk}): {counts[0]} tasks, "
                f"{counts[1]} responsible units, {counts[2]} targets."
            )
        )

    def _load_accounts(self) -> list[tuple[str, str, str, str, str]]:
        rows = []
        for account in DEMO_ACCOUNTS:
            unit = None
            if account.unit_name is not None:
                unit = match_unit_name(account.unit_name)
                if unit is None:
                    raise CommandError(f"Unit {account.unit_name} is not in the registry.")
            user = User.objects.filter(username=account.username).first()
            if user is None:
                user = do_create_user(
                    username=account.username,
                    password=DEMO_PASSWORD,
                    role=account.role,
                    unit=unit,
                    display_name=account.display_name,
                    acting_user=None,
                )
                shown = DEMO_PASSWORD
            else:
                shown = "(unchanged)"
            rows.append(
                (
                    user.username,
                    shown,
                    user.role,
                    str(user.unit) if user.unit else "-",
                    "created" if shown == DEMO_PASSWORD else "kept",
                )
            )
        return rows

    def _print_accounts(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        header = ("username", "password", "role", "unit", "")
        widths = [max(_width(r[i]) for r in (header, *rows)) for i in range(4)]
        self.stdout.write("")
        for row in (header, *rows):
            cells = [c + " " * (w - _width(c)) for c, w in zip(row[:4], widths, strict=True)]
            self.stdout.write("  ".join([*cells, row[4]]).rstrip())
        if any(r[4] == "created" for r in rows):
            self.stdout.write(
                self.style.WARNING(
                    f"These are DEMO accounts with the shared password {DEMO_PASSWORD}: "
                    "for a local demo only. Change or deactivate them before real use."
                )
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Demo accounts already existed: passwords were not reset. "
                    "They are demo accounts; deactivate them before real use."
                )
            )
