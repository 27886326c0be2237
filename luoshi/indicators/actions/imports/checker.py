"""What an import checks: the lookups loaded once, the per-row checker, the error entries.

Every entry names a bad row by its line, column label, code and params, so the job page and
the API say what is wrong and where.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from luoshi.core.periods import Period, parse_period
from luoshi.indicators.dhis2 import from_dhis2_period
from luoshi.indicators.importers import Columns, RawRow
from luoshi.indicators.models import VALUE_RULES, Indicator, ValidationRule
from luoshi.indicators.parsing import ValueParseError, parse_value
from luoshi.indicators.queries import WriteScope, write_scope
from luoshi.indicators.validation import rules_by_indicator, value_violations
from luoshi.org.models import Region, User

Entry = dict[str, Any]
KEY_FIELDS = ("indicator", "region", "period")


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    indicator_id: int
    region_id: int
    period: str
    period_start: date
    value: Decimal
    comment: str


class Lookups:
    """Indicators, regions, the user's write scope and the value rules, loaded once per file."""

    def __init__(self, user: User | None, *, is_dhis2: bool = False) -> None:
        self.is_dhis2 = is_dhis2
        self.indicators = {i.code: i for i in Indicator.objects.filter(is_active=True)}
        self.scope: WriteScope = write_scope(user, [i.pk for i in self.indicators.values()])
        rules = list(ValidationRule.objects.filter(is_active=True))
        by_program: dict[int, list[ValidationRule]] = {}
        for rule in rules:
            by_program.setdefault(rule.program_id, []).append(rule)
        self.value_rules: dict[int, list[ValidationRule]] = {}
        for indicator in self.indicators.values():
            applying = rules_by_indicator([indicator], by_program.get(indicator.program_id, []))
            # Value rules only: the others need more than one row.
            self.value_rules[indicator.pk] = [
                r for r in applying[indicator.pk] if r.kind in VALUE_RULES
            ]
        self.periods: dict[str, tuple[Period, str, date] | None] = {}

    def period(self, text: str) -> tuple[Period, str, date] | None:
        """Return the period a text names (DHIS2 rules for DHIS2 files), its text and start."""
        if text not in self.periods:
            try:
                period = from_dhis2_period(text) if self.is_dhis2 else parse_period(text)
            except ValueError:
                self.periods[text] = None
            else:
                self.periods[text] = (period, str(period), period.start)
        return self.periods[text]


class Entries:
    """The errors and warnings of one import, built the same way by both paths."""

    def __init__(self, columns: Columns) -> None:
        self.label = columns.label
        self.errors: list[Entry] = []
        self.warnings: list[Entry] = []

    def error(self, line: int, field: str, reason: str, **params: Any) -> None:
        self.errors.append(
            {"line": line, "column": self.label.get(field, field), "code": reason, "params": params}
        )

    def rules(self, line: int, violations: Iterable[tuple[ValidationRule, str, Any]]) -> None:
        for rule, code, params in violations:
            entry = {
                "line": line,
                "column": self.label.get("value", "value"),
                "code": "rule",
                "params": {"rule": str(rule), "detail_code": code, "detail_params": params},
            }
            (self.errors if rule.is_blocking else self.warnings).append(entry)

    def duplicate(self, line: int, first: int) -> None:
        self.errors.append(
            {
                "line": line,
                "column": "/".join(self.label.get(f, f) for f in KEY_FIELDS),
                "code": "duplicate_row",
                "params": {"first": first},
            }
        )

    def locked(self, line: int, current: Decimal) -> None:
        self.error(line, "value", "locked", current=f"{current.normalize():f}")

    def not_allowed(self, line: int, indicator: str, region: str) -> None:
        self.error(line, "region", "not_allowed", indicator=indicator, region=region)

    def sorted_errors(self) -> list[Entry]:
        return sorted(self.errors, key=lambda e: (e["line"], e["column"]))

    def sorted_warnings(self) -> list[Entry]:
        return sorted(self.warnings, key=lambda e: e["line"])


def error_count(errors: list[Entry]) -> int:
    """Return how many lines have at least one error."""
    return len({e["line"] for e in errors})


class Checker:
    """Checks rows one by one against lookups loaded once for the whole file."""

    def __init__(self, lookups: Lookups, columns: Columns) -> None:
        self.lookups = lookups
        self.entries = Entries(columns)
        self.regions = dict(Region.objects.values_list("code", "id"))
        self.region_names = dict(Region.objects.values_list("id", "name"))
        # (indicator, region, period) packed into one int: a million tuple keys cost ~60 MB more.
        self.seen: dict[int, int] = {}
        self.period_numbers: dict[str, int] = {}
        self.skipped = 0

    def check(self, raw: RawRow) -> Row | None:
        if raw.value is None:
            # An unfilled template row: nothing reported, nothing to check.
            self.skipped += 1
            return None
        entries = self.entries
        before = len(entries.errors)
        indicator, region_id, found, number = self.check_fields(raw)
        if indicator is None or region_id is None or found is None or number is None:
            return None
        period_number = self.period_numbers.setdefault(found[1], len(self.period_numbers))
        key = (indicator.pk << 80) | (region_id << 40) | period_number
        first = self.seen.get(key)
        if first is not None:
            entries.duplicate(raw.line, first)
            return None
        self.seen[key] = raw.line
        if len(entries.errors) > before:
            return None
        return Row(raw.line, indicator.pk, region_id, found[1], found[2], number, raw.comment)

    def check_fields(
        self, raw: RawRow
    ) -> tuple[Indicator | None, int | None, tuple[Period, str, date] | None, Decimal | None]:
        """Check one filled row on its own (all but duplicates); return what it resolves to."""
        assert raw.value is not None
        entries = self.entries
        indicator = self.lookups.indicators.get(raw.indicator)
        if not raw.indicator:
            entries.error(raw.line, "indicator", "missing_indicator")
        elif indicator is None:
            entries.error(raw.line, "indicator", "unknown_indicator", code=raw.indicator)
        region_id = self.regions.get(raw.region)
        if not raw.region:
            entries.error(raw.line, "region", "missing_region")
        elif region_id is None:
            entries.error(raw.line, "region", "unknown_region", code=raw.region)
        found = self.lookups.period(raw.period) if raw.period else None
        period = found[0] if found is not None else None
        if not raw.period:
            entries.error(raw.line, "period", "missing_period")
        elif period is None:
            entries.error(raw.line, "period", "bad_period", period=raw.period)
        elif indicator is not None and period.kind.value != indicator.period_type:
            entries.error(
                raw.line,
                "period",
                "wrong_period_type",
                period=raw.period,
                got=period.kind.value,
                indicator=indicator.code,
                expected=indicator.period_type,
            )
        number: Decimal | None = None
        try:
            number = parse_value(raw.value)
        except ValueParseError as problem:
            entries.error(raw.line, "value", problem.code, text=problem.text)
        indicator_id = indicator.pk if indicator is not None else 0
        if indicator is not None and region_id is not None:
            if not self.lookups.scope.allows(indicator_id, region_id):
                entries.not_allowed(raw.line, indicator.code, self.region_names[region_id])
            rules = self.lookups.value_rules[indicator_id]
            if number is not None and rules:
                entries.rules(raw.line, value_violations(rules, number))
        return indicator, region_id, found, number
