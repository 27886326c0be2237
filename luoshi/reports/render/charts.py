"""Draw a bulletin chart (content.Chart) as a PNG with Pillow: stacked bars or bullet bars.

Plain, print-friendly figures at 200 dpi for a 150 mm wide column; Chinese text in Noto Sans
CJK SC (fontconfig). Pillow is already installed with WeasyPrint, so no plotting library.
"""

import io
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

from luoshi.reports.content.bulletin import Chart
from luoshi.reports.render.fonts import font_file

__all__ = ["DPI", "chart_png", "chart_size_mm"]

DPI = 200
WIDTH_MM = Decimal(150)
_PX_PER_MM = Decimal(DPI) / Decimal("25.4")
_ROW = 64
_TOP = 80
_BOTTOM = 60
_INK = "#222222"
_GRID = "#d0d0d0"


def _px(mm: Decimal) -> int:
    return int(mm * _PX_PER_MM)


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    path, index = font_file("Noto Sans CJK SC:bold" if bold else "Noto Sans CJK SC")
    return ImageFont.truetype(path, size, index=index)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def chart_size_mm(chart: Chart) -> tuple[Decimal, Decimal]:
    """Return the printed width and height of the chart in millimetres."""
    height_px = _TOP + _BOTTOM + _ROW * len(chart.rows)
    return WIDTH_MM, (Decimal(height_px) / _PX_PER_MM).quantize(Decimal("0.1"))


def chart_png(chart: Chart) -> bytes:
    """Return the chart drawn as a PNG."""
    width = _px(WIDTH_MM)
    height = _TOP + _BOTTOM + _ROW * len(chart.rows)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    label_font = _font(24)
    small = _font(22)
    label_width = int(width * 0.40)
    left = label_width + 20
    right = width - 110
    span = right - left
    top = _TOP
    axis_max = chart.axis_max if chart.axis_max > 0 else Decimal(1)

    def x_of(value: Decimal) -> int:
        return left + int(span * min(value, axis_max) / axis_max)

    # Grid and axis labels.
    whole = all(v == v.to_integral_value() for r in chart.rows for v in r.values)
    steps = int(axis_max) if whole and axis_max <= 10 else 5
    for i in range(steps + 1):
        value = axis_max * i / steps
        x = x_of(value)
        draw.line([(x, top - 6), (x, top + _ROW * len(chart.rows))], fill=_GRID, width=2)
        label = f"{value.quantize(Decimal(1))}{chart.axis_unit}"
        draw.text((x, top + _ROW * len(chart.rows) + 8), label, font=small, fill=_INK, anchor="ma")
    # Legend.
    legend_x = left
    entries = list(zip(chart.series, chart.colors, strict=True))
    for name, color in entries:
        draw.rectangle([legend_x, 18, legend_x + 28, 46], fill=color)
        draw.text((legend_x + 36, 32), name, font=small, fill=_INK, anchor="lm")
        legend_x += 56 + int(draw.textlength(name, font=small))
    if chart.style == "bullet" and chart.marker_label:
        draw.line([(legend_x + 14, 14), (legend_x + 14, 50)], fill="#c00000", width=5)
        draw.text((legend_x + 30, 32), chart.marker_label, font=small, fill=_INK, anchor="lm")
        legend_x += 50 + int(draw.textlength(chart.marker_label, font=small))
        draw.line([(legend_x + 14, 14), (legend_x + 14, 50)], fill=_INK, width=3)
        draw.text((legend_x + 30, 32), "目标（100%）", font=small, fill=_INK, anchor="lm")

    for index, row in enumerate(chart.rows):
        y0 = top + index * _ROW + 12
        y1 = y0 + _ROW - 24
        middle = (y0 + y1) // 2
        draw.text(
            (label_width, middle),
            _fit(draw, row.label, label_font, label_width - 10),
            font=label_font,
            fill=_INK,
            anchor="rm",
        )
        if chart.style == "stacked":
            start = Decimal(0)
            for value, color in zip(row.values, chart.colors, strict=False):
                if value <= 0:
                    continue
                x0, x1 = x_of(start), x_of(start + value)
                draw.rectangle([x0, y0, x1, y1], fill=color)
                if x1 - x0 > 30:
                    draw.text(
                        ((x0 + x1) // 2, middle),
                        f"{value.quantize(Decimal(1))}",
                        font=small,
                        fill="white",
                        anchor="mm",
                    )
                start += value
            draw.text((x_of(start) + 10, middle), row.text, font=small, fill=_INK, anchor="lm")
        else:
            draw.rectangle([left, y0 + 4, x_of(Decimal(100)), y1 - 4], fill="#eeeeee")
            value = row.values[0] if row.values else Decimal(0)
            draw.rectangle(
                [left, y0 + 10, max(x_of(value), left + 2), y1 - 10], fill=chart.colors[0]
            )
            if row.marker is not None:
                mx = x_of(row.marker)
                draw.line([(mx, y0), (mx, y1)], fill="#c00000", width=5)
            hundred = x_of(Decimal(100))
            draw.line([(hundred, y0 - 4), (hundred, y1 + 4)], fill=_INK, width=3)
            draw.text(
                (max(x_of(value), hundred) + 12, middle),
                row.text,
                font=small,
                fill=_INK,
                anchor="lm",
            )
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()
