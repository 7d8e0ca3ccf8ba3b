"""Build input tables with the store's columns from plain rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from jobtal.domain.periods import Month
from jobtal.measures.monthly import monthly_figures

# (person_id, municipality, target_group, start_date, end_date or None)
Segment = tuple[str, int, str, date, date | None]
# (person_id, offer, start_date, end_date or None, hours_per_week or None)
Activation = tuple[str, str, date, date | None, float | None]

SEGMENT_SCHEMA = {
    "person_id": "string",
    "municipality": "int16",
    "target_group": "string",
    "start_date": "date",
    "end_date": "date",
}
ACTIVATION_SCHEMA = {
    "person_id": "string",
    "offer": "string",
    "start_date": "date",
    "end_date": "date",
    "hours_per_week": "float64",
    "cvr": "string",
}


def _memtable(rows: Sequence[Sequence[object]], schema: dict[str, str]) -> ir.Table:
    # Through Arrow with an explicit schema, so that empty tables keep their types.
    arrow_schema = ibis.schema(schema).to_pyarrow()
    columns = {
        name: pa.array([row[i] if i < len(row) else None for row in rows], type=field.type)
        for i, (name, field) in enumerate(zip(schema, arrow_schema, strict=True))
    }
    return ibis.memtable(pa.table(columns, schema=arrow_schema))


def segments_table(rows: Sequence[Segment]) -> ir.Table:
    return _memtable(rows, SEGMENT_SCHEMA)


def activations_table(rows: Sequence[Activation]) -> ir.Table:
    return _memtable(rows, ACTIVATION_SCHEMA)


Key = tuple[int, str, date, str]


def figures(
    segments: Sequence[Segment],
    activations: Sequence[Activation],
    first: Month,
    last: Month,
) -> dict[Key, float]:
    """monthly_figures as {(municipality, target_group, month, measure): value}."""
    expr = monthly_figures(segments_table(segments), activations_table(activations), first, last)
    df = expr.to_pandas()
    assert list(df.columns) == ["municipality", "target_group", "month", "measure", "value"]
    return {
        (int(r.municipality), str(r.target_group), _as_date(r.month), str(r.measure)): float(
            r.value
        )
        for r in df.itertuples()
    }


def _as_date(value: object) -> date:
    # pandas may hand back a Timestamp or a date depending on the version.
    to_date = getattr(value, "date", None)
    if callable(to_date):
        result = to_date()
        assert isinstance(result, date)
        return result
    assert isinstance(value, date)
    return value
