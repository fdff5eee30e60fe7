"""Report tables and what can be done with them: pivot aggregate rows, take a
median, write CSV and Excel, draw a bar chart as inline SVG.

Pure Python (openpyxl for Excel), no database: `reports.py` runs the aggregate
queries and hands their rows here; the tests feed known rows directly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _


@dataclass
class Table:
    """A titled table: a label column, value columns, and rows of numbers."""

    slug: str
    title: str
    label: str
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)

    @property
    def totals(self) -> list[int]:
        return [sum(values[i] for _label, values in self.rows) for i in range(len(self.columns))]

    @property
    def grand_total(self) -> int:
        return sum(self.totals)

    def value(self, row: str, column: str) -> int:
        index = self.columns.index(column)
        for label, values in self.rows:
            if label == row:
                return values[index]
        return 0

    def header(self) -> list[str]:
        return [self.label, *self.columns, _("Total")]

    def records(self) -> list[list]:
        """Rows as written to CSV and Excel, with a total per row and a total row."""
        out = [[label, *values, sum(values)] for label, values in self.rows]
        out.append([_("Total"), *self.totals, self.grand_total])
        return out


def pivot(
    slug: str,
    title: str,
    label: str,
    counts: Iterable[tuple[object, object, int]],
    columns: Sequence[tuple[object, str]],
    row_label=str,
    row_order: Sequence | None = None,
) -> Table:
    """Turn (row key, column key, count) aggregate rows into a Table.

    `columns` fixes the column keys and their headings (keys not listed are
    dropped); rows appear in `row_order` if given, otherwise sorted by label.
    """
    index = {key: i for i, (key, _heading) in enumerate(columns)}
    grid: dict[object, list[int]] = {}
    for row_key, column_key, n in counts:
        if column_key not in index:
            continue
        grid.setdefault(row_key, [0] * len(columns))[index[column_key]] += int(n)
    keys = list(row_order) if row_order is not None else sorted(grid, key=lambda k: row_label(k))
    rows = [(row_label(key), grid.get(key, [0] * len(columns))) for key in keys]
    return Table(slug, title, label, [str(heading) for _key, heading in columns], rows)


def median(values: Sequence[float]) -> float | None:
    """The median of already sorted values (the middle one, or the mean of the two)."""
    n = len(values)
    if not n:
        return None
    if n % 2:
        return float(values[n // 2])
    return (values[n // 2 - 1] + values[n // 2]) / 2


# -- export ---------------------------------------------------------------------------


def _safe_cell(value):
    # A text cell starting with =, +, - or @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_safe_cell(v) for v in table.header()])
    for record in table.records():
        writer.writerow([_safe_cell(v) for v in record])
    # BOM: Excel in Swedish locale opens UTF-8 CSV correctly only with it.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(tables: Sequence[Table], headline: Sequence[tuple[str, object]] = ()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    first = workbook.active
    first.title = _("Summary")[:31]
    for key, value in headline:
        first.append([_safe_cell(str(key)), value])
    for table in tables:
        sheet = workbook.create_sheet(table.slug[:31])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([_safe_cell(v) for v in table.header()])
        for record in table.records():
            sheet.append([_safe_cell(v) for v in record])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# -- chart ----------------------------------------------------------------------------

# Colour-blind-safe palette (Okabe–Ito), dark enough for text contrast on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#7A5C00", "#56B4E9", "#000000"]


def bar_chart_svg(table: Table, title: str | None = None, height: int = 220) -> str:
    """Grouped bars, one group per row and one bar per column, as an accessible
    SVG string (role="img" with a title; the table beside it carries the figures)."""
    title = title or table.title
    groups = len(table.rows)
    series = len(table.columns)
    peak = max([v for _label, values in table.rows for v in values] + [1])
    bar = 14
    gap = 18
    left, top, bottom = 36, 10, 46
    group_width = series * bar + gap
    width = max(320, left + groups * group_width + 10)
    plot = height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="internship-chart" role="img" '
        f'viewBox="0 0 {width} {height + 18 * ((series + 2) // 3)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" aria-labelledby="chart-{escape(table.slug)}">',
        f'<title id="chart-{escape(table.slug)}">{escape(title)}</title>',
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 5}" y2="{top + plot}" stroke="#444"/>',
        f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" font-size="10">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot}" text-anchor="end" font-size="10">0</text>',
    ]
    for g, (label, values) in enumerate(table.rows):
        x0 = left + 6 + g * group_width
        for s, value in enumerate(values):
            h = round(plot * value / peak)
            x = x0 + s * bar
            parts.append(
                f'<rect x="{x}" y="{top + plot - h}" width="{bar - 2}" height="{h}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(label)}: '
                f"{escape(table.columns[s])} {value}</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + series * bar / 2:.0f}" y="{top + plot + 14}" text-anchor="middle" '
            f'font-size="10">{escape(_short(label))}</text>'
        )
    for s, column in enumerate(table.columns):
        x = left + (s % 3) * 130
        y = height - 18 + 18 * (s // 3)
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{PALETTE[s % len(PALETTE)]}"/>'
            f'<text x="{x + 14}" y="{y}" font-size="11">{escape(column)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, limit: int = 14) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
