"""Load regions and unit registries from the files in luoshi/data, by natural key.

Loading is idempotent (a second run writes nothing) and atomic (the first bad row stops the
run, nothing is written, and the LoadError names the file, the row and the field).
"""

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from luoshi.org.models import AuditEvent, Region, Unit, UnitAlias
from luoshi.org.names import normalize_unit_name

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DIVISIONS_CSV = DATA_DIR / "gansu_divisions.csv"
REGISTRY_DIR = DATA_DIR / "unit_registry"

_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "zone": 2}
# In statistical division codes county-level numbers 71-79 mark functional zones (开发区,
# 新区: 620171 is 兰州新区); 81-99 are county-level cities such as 敦煌市 620982.
_ZONE_NUMBERS = range(71, 80)


class LoadError(Exception):
    """A row that cannot be loaded; nothing from the run is written."""

    def __init__(self, file: Path, row: str, field: str, message: str) -> None:
        self.file, self.row, self.field, self.message = file, row, field, message
        super().__init__(f"{file.name}, {row}, field '{field}': {message}")


@dataclass
class LoadStats:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated


@dataclass
class LoadReport:
    regions: LoadStats = field(default_factory=LoadStats)
    units: LoadStats = field(default_factory=LoadStats)
    aliases: LoadStats = field(default_factory=LoadStats)
    links: LoadStats = field(default_factory=LoadStats)
    files: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(s.changed for s in (self.regions, self.units, self.aliases, self.links))

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            **{
                name: {"created": s.created, "updated": s.updated, "unchanged": s.unchanged}
                for name, s in (
                    ("regions", self.regions),
                    ("units", self.units),
                    ("aliases", self.aliases),
                    ("links", self.links),
                )
            },
        }


def _region_level(code: str, level: str) -> str:
    if level == Region.Level.COUNTY and int(code[4:6]) in _ZONE_NUMBERS:
        return Region.Level.ZONE
    return level


def _apply(obj: Any, values: dict[str, Any]) -> bool:
    """Set the values on obj; return whether any differed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def load_regions(path: Path, stats: LoadStats) -> None:
    """Upsert regions from a divisions CSV (code, name, level, parent_code, population, source)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(enumerate(csv.DictReader(handle), start=2))
    rows.sort(key=lambda item: _LEVEL_RANK.get(item[1].get("level") or "", 9))
    by_code = {r.code: r for r in Region.objects.all()}
    for line, row in rows:
        where = f"line {line}"
        code = (row.get("code") or "").strip()
        if len(code) != 6 or not code.isdigit():
            raise LoadError(path, where, "code", f"expected six digits, got {code!r}")
        name = (row.get("name") or "").strip()
        if not name:
            raise LoadError(path, where, "name", "is empty")
        level = (row.get("level") or "").strip()
        if level not in Region.Level.values:
            raise LoadError(path, where, "level", f"unknown level {level!r}")
        parent_code = (row.get("parent_code") or "").strip()
        parent = by_code.get(parent_code) if parent_code else None
        if parent_code and parent is None:
            raise LoadError(path, where, "parent_code", f"no region {parent_code!r}")
        population_text = (row.get("population_2020") or "").strip()
        try:
            population = int(population_text) if population_text else None
        except ValueError:
            raise LoadError(
                path, where, "population_2020", f"not a whole number: {population_text!r}"
            ) from None
        values = {
            "name": name,
            "level": _region_level(code, level),
            "parent_id": parent.pk if parent else None,
            "population": population,
            "source": (row.get("source_url") or "").strip(),
        }
        region = by_code.get(code)
        if region is None:
            region = Region.objects.create(code=code, **values)
            by_code[code] = region
            stats.created += 1
        elif _apply(region, values):
            region.save()
            stats.updated += 1
        else:
            stats.unchanged += 1


def _text(value: Any, path: Path, where: str, name: str, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise LoadError(
            path, where, name, "must be a non-empty string" if required else "must be a string"
        )
    return value.strip()


def _names(value: Any, path: Path, where: str, name: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LoadError(path, where, name, "must be a list of non-empty strings or null")
    return [v.strip() for v in value]


def _alias_kind(alias: str, full_name: str) -> str:
    if normalize_unit_name(alias) == normalize_unit_name(full_name):
        return UnitAlias.Kind.FULL
    if alias.startswith(("甘肃省", "中共", "中国", "国家")):
        return UnitAlias.Kind.OTHER
    return UnitAlias.Kind.SHORT


def load_registry(path: Path, report: LoadReport) -> None:
    """Upsert the units of one registry JSON file, then their aliases, successors, members."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LoadError(path, "file", "-", f"not readable JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("units"), list):
        raise LoadError(path, "file", "units", "expected an object with a 'units' list")
    regions = {r.code: r for r in Region.objects.all()}
    units_by_key = {u.name_key: u for u in Unit.objects.all()}
    alias_rows = {a.alias_key: a for a in UnitAlias.objects.select_related("unit")}
    resolved: dict[str, Unit] = {}
    entries: list[tuple[str, dict[str, Any], Unit | None]] = []

    for number, raw in enumerate(document["units"], start=1):
        if not isinstance(raw, dict):
            raise LoadError(path, f"unit {number}", "-", "expected an object")
        name = _text(raw.get("name"), path, f"unit {number}", "name", required=True)
        where = f"unit {number} ({name})"
        key = normalize_unit_name(name)
        if key in resolved:
            raise LoadError(path, where, "name", "appears twice in the file")
        kind = raw.get("kind")
        if kind not in Unit.Kind.values:
            raise LoadError(path, where, "kind", f"unknown kind {kind!r}")
        region_code = raw.get("region")
        region = None
        if region_code is not None:
            region = regions.get(str(region_code))
            if region is None:
                raise LoadError(
                    path, where, "region", f"no region {region_code!r}; load regions first"
                )
        full_name = _text(raw.get("full_name"), path, where, "full_name")
        successor_name = raw.get("successor")
        if successor_name is not None:
            _text(successor_name, path, where, "successor", required=True)
        succeeded_on = raw.get("succeeded_on")
        if succeeded_on is not None:
            try:
                date.fromisoformat(str(succeeded_on))
            except ValueError:
                raise LoadError(
                    path, where, "succeeded_on", f"not a date: {succeeded_on!r}"
                ) from None
        values = {
            "full_name": full_name,
            "kind": kind,
            "region_id": region.pk if region else None,
            "is_active": successor_name is None,
        }
        unit = units_by_key.get(key)
        if unit is None and key in alias_rows:
            # An office merge turned this registry name into another unit's alias: load
            # nothing for it, and let references to it reach the unit it was merged into.
            resolved[key] = alias_rows[key].unit
            report.units.skipped.append(name)
            entries.append((where, raw, None))
            continue
        if unit is None:
            unit = Unit.objects.create(name=name, **values)
            units_by_key[key] = unit
            report.units.created += 1
        elif _apply(unit, values):
            unit.save()
            report.units.updated += 1
        else:
            report.units.unchanged += 1
        resolved[key] = unit
        entries.append((where, raw, unit))

    def find(text: str, where: str, name: str) -> Unit:
        key = normalize_unit_name(text)
        unit = resolved.get(key) or units_by_key.get(key)
        if unit is None and key in alias_rows:
            unit = alias_rows[key].unit
        if unit is None:
            raise LoadError(path, where, name, f"no unit named {text!r}")
        return unit

    for where, raw, unit in entries:
        if unit is None:
            continue
        aliases = _names(raw.get("aliases"), path, where, "aliases") or []
        full_name = unit.full_name
        if full_name and full_name not in aliases:
            aliases = [*aliases, full_name]
        for text in aliases:
            key = normalize_unit_name(text)
            if key == unit.name_key:
                continue
            owner = units_by_key.get(key)
            if owner is not None:
                raise LoadError(
                    path, where, "aliases", f"{text!r} is the name of unit {owner.name!r}"
                )
            row = alias_rows.get(key)
            if row is None:
                row = UnitAlias.objects.create(
                    unit=unit, alias=text, kind=_alias_kind(text, full_name)
                )
                alias_rows[key] = row
                report.aliases.created += 1
            elif row.unit_id != unit.pk:
                raise LoadError(
                    path, where, "aliases", f"{text!r} is already an alias of {row.unit.name!r}"
                )
            else:
                report.aliases.unchanged += 1

    for where, raw, unit in entries:
        if unit is None:
            continue
        successor_name = raw.get("successor")
        successor = find(successor_name, where, "successor") if successor_name else None
        if successor is not None and successor.pk == unit.pk:
            raise LoadError(path, where, "successor", "a unit cannot succeed itself")
        succeeded_on = (
            date.fromisoformat(str(raw["succeeded_on"])) if raw.get("succeeded_on") else None
        )
        links = {"successor_id": successor.pk if successor else None, "succeeded_on": succeeded_on}
        if _apply(unit, links):
            unit.save()
            report.links.updated += 1
        else:
            report.links.unchanged += 1
        member_names = _names(raw.get("members"), path, where, "members")
        if member_names is None:
            continue
        wanted = {find(n, where, "members").pk for n in member_names}
        current = set(unit.members.values_list("pk", flat=True))
        if wanted != current:
            unit.members.set(sorted(wanted))
            report.links.updated += 1
        else:
            report.links.unchanged += 1


def registry_files() -> list[Path]:
    """Return every unit registry JSON shipped in luoshi/data/unit_registry."""
    return sorted(REGISTRY_DIR.glob("*.json"))


@transaction.atomic
def load_org(
    *, regions_csv: Path | None = DIVISIONS_CSV, registries: list[Path] | None = None
) -> LoadReport:
    """Load regions and unit registries in one transaction; write one audit event if changed."""
    report = LoadReport()
    if regions_csv is not None:
        load_regions(regions_csv, report.regions)
        report.files.append(regions_csv.name)
    for path in registries if registries is not None else registry_files():
        load_registry(path, report)
        report.files.append(path.name)
    if report.changed:
        AuditEvent.objects.create(
            actor=None,
            action="org.load",
            object_type="org.registry",
            object_id=",".join(report.files)[:64],
            object_repr=", ".join(report.files)[:200],
            new_values=report.as_dict(),
        )
    return report
