"""Imported by the fork server the chart workers come from (vplan.followup.report.drawing): matplotlib
and what `draw` uses loaded, and one chart of each kind drawn (as SVG: typst must not run in a
process that forks), so each worker starts as fast as a warmed-up process draws."""
from decimal import Decimal

import vplan.render._typst  # noqa: F401  (the PNG for Word)
import vplan.render.engines  # noqa: F401
from vplan.followup.report.charts import BARS, LINE, Chart, Series, draw


class _Colours:
    primary, accent = "#1f4e79", "#c55a11"


for _kind in (LINE, BARS):
    draw(Chart(_kind, (Series("Utfall", (("2023", Decimal("1.5")), ("2024", Decimal(2))), "utfall"),), "%", ""),
         _Colours, png=False)
