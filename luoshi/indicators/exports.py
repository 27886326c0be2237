"""Rows for exports and templates, read from the database in chunks."""

from collections.abc import Iterator, Sequence

from django.db.models import QuerySet

from luoshi.core.periods import Period
from luoshi.indicators.exporters import ExportRow
from luoshi.indicators.models import DataValue, Indicator
from luoshi.org.models import Region

__all__ = ["template_rows", "value_rows"]


def value_rows(values: QuerySet[DataValue]) -> Iterator[ExportRow]:
    """Yield one export row per data value, streaming from the database."""
    rows = values.values_list(
        "indicator__code",
        "indicator__name",
        "region__code",
        "region__name",
        "period",
        "value",
        "indicator__unit",
        "comment",
        "status",
        "source",
    )
    for row in rows.iterator(chunk_size=5000):
        yield ExportRow(*row)


def template_rows(
    indicators: Sequence[Indicator], regions: Sequence[Region], period: Period
) -> Iterator[ExportRow]:
    """Yield an empty row for each indicator of the period's type and each region."""
    for indicator in indicators:
        if indicator.period_type != period.kind.value:
            continue
        for region in regions:
            yield ExportRow(
                indicator.code,
                indicator.name,
                region.code,
                region.name,
                str(period),
                None,
                indicator.unit,
            )
