"""Charts for leaders: one module per family, each function returning a matplotlib Figure.

Township charts take the frames, a township (None: the whole county) and a
period; county charts compare townships with one highlighted. Every chart is
built inside :func:`chart_style` and saved with :func:`save_chart`::

    from sansong_analysis.publish import charts
    fig = charts.coverage_chart(frames, "黄坑乡", "2011-01-01", "2011-12-31")
    charts.save_chart(fig, out_dir, "coverage")   # coverage.png / .svg / .pdf

Importing this package changes no matplotlib setting; the bundled font is
registered with matplotlib's font manager the first time a chart is drawn.
"""

from sansong_analysis.publish.charts.county import (
    county_coverage_chart,
    county_disputes_chart,
    county_farmland_chart,
    county_funds_chart,
    plot_county_coverage,
    plot_county_disputes,
    plot_county_farmland,
    plot_county_funds,
    plot_township_bars,
    plot_township_disputes,
    township_dispute_summary,
    township_disputes_table,
    township_fund_qualifiers,
)
from sansong_analysis.publish.charts.coverage import coverage_chart, plot_coverage_by_village
from sansong_analysis.publish.charts.disputes import disputes_chart, plot_disputes
from sansong_analysis.publish.charts.export import save_chart
from sansong_analysis.publish.charts.farmland import farmland_chart, plot_farmland
from sansong_analysis.publish.charts.fonts import chart_style, chinese_font_family
from sansong_analysis.publish.charts.funds import funds_chart, plot_funds

__all__ = [
    "chart_style",
    "chinese_font_family",
    "county_coverage_chart",
    "county_disputes_chart",
    "county_farmland_chart",
    "county_funds_chart",
    "coverage_chart",
    "disputes_chart",
    "farmland_chart",
    "funds_chart",
    "plot_county_coverage",
    "plot_county_disputes",
    "plot_county_farmland",
    "plot_county_funds",
    "plot_coverage_by_village",
    "plot_disputes",
    "plot_farmland",
    "plot_funds",
    "plot_township_bars",
    "plot_township_disputes",
    "save_chart",
    "township_dispute_summary",
    "township_disputes_table",
    "township_fund_qualifiers",
]
