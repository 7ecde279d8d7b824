"""The leaders' one-page brief (简报): an A4 PDF page and the paragraph as a text file for Word.

The page, top to bottom: a masthead (``黄坑乡2011年“三送”工作简报`` over a
red rule, the period under it), six key figures as big numbers, the
工作总结-style paragraph from :mod:`sansong_analysis.publish.narrative`, the four
charts of :mod:`sansong_analysis.publish.charts` in a 2×2 grid, and a footer with
the data source, the 统计截至 date and the time the page was made. The
county brief (``township=None``) has county totals and the townships
compared: coverage, funds, disputes and farmland by township; with more than
ten townships the coverage ranking takes the whole left column (up to 30
townships, the lowest first to be kept) beside funds and disputes.

It is always exactly one page: the charts are drawn with short titles at a
size made for their cell and capped to the bars that stay legible (the
lowest coverage, the largest sums, with a note saying what is left out);
the title and big numbers shrink to fit long names; the paragraph is wrapped
by measured width (Chinese has no spaces) and set smaller if it is long;
an empty ledger draws the charts' own 本期无数据 panel.

:func:`write_brief` also writes the same content as an editable Word draft,
``brief.docx`` (:mod:`sansong_analysis.publish.draft`), from the same facts,
key figures and chart figures, built once.

Each chart is laid out for its cell (at 240 dpi, as its text is measured) and
drawn on the PDF page as vectors, scaled into the cell (:class:`~sansong_analysis.publish.page.PlacedChart`);
the masthead, key figures, paragraph, footer and the charts' own labels
are real text in the embedded TrueType font, so the figures can be
copied and searched in the PDF. The Word draft takes the same charts as
240-dpi PNGs at their natural size.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from matplotlib import rcParams
from matplotlib.figure import Figure

from sansong_analysis import __version__, fsutil, store
from sansong_analysis.figures import (
    DateLike,
    Frames,
    coverage_by_village,
    dispute_summary,
    disputes_by_type_and_outcome,
    farmland_by_project,
    funds_by_purpose,
    township_table,
    validate_period,
)
from sansong_analysis.ledgers import LEDGERS
from sansong_analysis.publish.charts import (
    chart_style,
    plot_county_coverage,
    plot_county_disputes,
    plot_county_farmland,
    plot_county_funds,
    plot_coverage_by_village,
    plot_disputes,
    plot_farmland,
    plot_funds,
    township_dispute_summary,
    township_disputes_table,
)
from sansong_analysis.publish.charts.fonts import INK, SUBTLE_INK
from sansong_analysis.publish.charts.pdf_compat import text_extractable_everywhere
from sansong_analysis.publish.draft import build_draft, chart_images
from sansong_analysis.publish.narrative import Facts, narrative_facts, narrative_from_facts
from sansong_analysis.publish.page import (
    PAGE_SIZE_IN,
    RULE_GREY,
    Page,
    draw_paragraph,
    draw_tile,
    place_chart,
)
from sansong_analysis.wording import (
    chinese_date,
    figure_label,
    format_mu_number,
    format_percent,
    money_parts,
    period_statement,
)

MASTHEAD_RED = "#B3261E"  # prints as a dark grey in greyscale
BRIEF_PDF = "brief.pdf"
BRIEF_DOCX = "brief.docx"
SUMMARY_TXT = "summary.txt"
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 0.5, 0.42, 0.38
GAP = 0.14

# Bars kept per chart so each stays legible in its cell.
MAX_VILLAGE_BARS = 12
MAX_FUND_BARS = 8
MAX_PROJECT_BARS = 5
MAX_TOWNSHIP_BARS_TALL = 30
MAX_TOWNSHIP_BARS = 10

LEDGER_LIST = "、".join(LEDGERS[name].label for name in ("roster", "visits", "funds", "projects", "disputes"))
SOURCE_LINE = f"数据来源：各工作组台账（{LEDGER_LIST}）"
QUALIFIER_NOTE = "注：金额带“余”“近”“约”者，台账所记即为约数，按所记数额合计。"


def _township_charts(frames: Frames, f: Facts) -> list[Figure]:
    township, s, e = f.township, f.start, f.end
    coverage = coverage_by_village(frames, township, s, e)
    if not f.submitted["visits"]:
        # Without a visit ledger coverage is unknown, not 0%: the panel says 本期无数据.
        coverage = coverage.iloc[0:0]
    funds = funds_by_purpose(frames, township, s, e)
    return [
        plot_coverage_by_village(coverage, title="各村走访覆盖率", max_bars=MAX_VILLAGE_BARS),
        plot_funds(funds, title="筹资情况（万元）", max_bars=MAX_FUND_BARS, qualifier=f.funds_qualifier),
        plot_disputes(disputes_by_type_and_outcome(frames, township, s, e), title="矛盾纠纷调处情况（起）",
                      summary=dispute_summary(frames, township, s, e)),
        plot_farmland(farmland_by_project(frames, township, s, e), title="办实事项目受益农田（亩）",
                      show_place="village", max_bars=MAX_PROJECT_BARS),
    ]


def _county_charts(frames: Frames, f: Facts) -> list[Figure]:
    """The report's county charts (``charts.county``), with short titles and as many bars as a cell holds."""
    table = township_table(frames, f.start, f.end)
    # Without a visit ledger coverage is unknown, not 0%: the panel says 本期无数据.
    coverage = table if f.submitted["visits"] else table.iloc[0:0]
    qualifiers = {row["township"]: row.get("funds_qualifier", "exact") for row in f.township_rows}
    names = table["township"].to_list()
    return [
        plot_county_coverage(coverage, title="各乡镇走访覆盖率", max_bars=MAX_TOWNSHIP_BARS_TALL),
        plot_county_funds(table, title="各乡镇筹资情况（万元）", qualifiers=qualifiers, max_bars=MAX_TOWNSHIP_BARS),
        plot_county_disputes(township_disputes_table(frames, names, f.start, f.end),
                             township_dispute_summary(frames, names, f.start, f.end),
                             title="各乡镇矛盾纠纷调处情况（起）", max_bars=MAX_TOWNSHIP_BARS),
        plot_county_farmland(table, title="各乡镇办实事项目受益农田（亩）", max_bars=MAX_TOWNSHIP_BARS),
    ]


# The four areas a brief reports on, in the order of its charts and of the Word draft's sections.
CHART_AREAS = ("coverage", "funds", "disputes", "farmland")


def brief_charts(frames: Frames, facts: Facts) -> dict[str, Figure]:
    """The brief's four charts by area (:data:`CHART_AREAS`), built once for the PDF page and the Word draft.

    Call inside :func:`~sansong_analysis.publish.charts.chart_style`. The
    figures come at their natural size (A4 text width); placing one on the
    page lays it out again for its cell, so a Word draft takes its images first.
    """
    charts = _county_charts(frames, facts) if facts.is_county else _township_charts(frames, facts)
    return dict(zip(CHART_AREAS, charts, strict=True))


def _period_line(f: Facts) -> str:
    return f"统计期间：{period_statement(f.start, f.end, f.first_record, f.last_record)}"


def brief_title(f: Facts) -> str:
    """``黄坑乡2011年“三送”工作简报`` (全县… for the county)."""
    return f"{f.place}{f.period}“三送”工作简报"


def footer_lines(facts: Facts, generated_at: datetime) -> list[str]:
    """The 数据来源 line, then 统计截至 and 生成时间 (and the note on approximate sums when one is)."""
    as_of = chinese_date(facts.as_of) if facts.as_of else "—"
    stamp = f"{generated_at.year}年{generated_at.month}月{generated_at.day}日 {generated_at:%H:%M}"
    footer = [SOURCE_LINE, f"统计截至：{as_of}　　生成时间：{stamp}"]
    approximate = facts.funds_qualifier != "exact" or any(
        row.get("funds_qualifier", "exact") != "exact" for row in facts.township_rows)
    if approximate:
        footer[1] += f"　　{QUALIFIER_NOTE}"
    return footer


def _key_figures(f: Facts) -> list[tuple[str, tuple[str, str, str], str]]:
    """(label, (prefix, number, unit), note) for the six big numbers, labelled as ``ledgers.LABELS`` names them."""
    fig = f.figures
    dash = ("", "—", "")
    roster, visits = f.submitted["roster"], f.submitted["visits"]
    assigned = int(fig["households_assigned"])
    poor = int(fig["poor_households_assigned"])
    if f.is_county:
        first_note = f"{f.townships}个乡镇、{f.villages}个村" if f.townships else ""
    else:
        first_note = f"其中困难户{poor}户" if poor else (f"{f.villages}个村" if f.villages else "")
    tiles = [(figure_label("households_assigned"), ("", str(assigned), "户") if roster else dash, first_note if roster else "")]
    if roster and visits:
        rate = format_percent(fig["coverage_rate"])
        tiles.append((figure_label("coverage_rate"), ("", rate.rstrip("%"), "%") if rate != "—" else dash,
                      f"已走访{int(fig['households_visited'])}户"))
    else:
        tiles.append((figure_label("coverage_rate"), dash, f"入户走访{int(fig['visits'])}次" if visits else ""))
    if f.submitted["funds"]:
        tiles.append((figure_label("funds_raised_yuan"), money_parts(float(fig["funds_raised_yuan"]), f.funds_qualifier),
                      f"{f.funds_records}笔" if f.funds_records else "本期未筹集资金"))
    else:
        tiles.append((figure_label("funds_raised_yuan"), dash, ""))
    d = f.disputes
    if f.submitted["disputes"]:
        total = int(d["disputes_total"])
        tiles.append((figure_label("disputes_total"), ("", str(total), "起"), f"调处成功{int(d['disputes_resolved'])}起"))
        rate = format_percent(d["resolution_rate"])
        note = f"组、村两级化解{int(d['settled_locally'])}起" if d["settled_locally"] else ""
        tiles.append((figure_label("resolution_rate"), ("", rate.rstrip("%"), "%") if total else dash, note))
    else:
        tiles += [(figure_label("disputes_total"), dash, ""), (figure_label("resolution_rate"), dash, "")]
    if f.submitted["projects"]:
        number = format_mu_number(float(fig["farmland_benefited_mu"]))
        tiles.append((figure_label("farmland_benefited_mu"), ("", number, "亩") if not number.startswith("不足") else ("", f"{number}亩", ""),
                      f"办实事项目{f.projects}个"))
    else:
        tiles.append((figure_label("farmland_benefited_mu"), dash, ""))
    return tiles


def render_brief(
    frames: Frames,
    township: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
    *,
    generated_at: datetime | None = None,
) -> Figure:
    """The one-page A4 brief for a township, or (None) the county, as a matplotlib Figure.

    Save it inside :func:`~sansong_analysis.publish.charts.chart_style` (or use
    :func:`write_brief`) so the PDF embeds the Chinese font as TrueType.
    ``generated_at`` fixes the 生成时间 in the footer (default: now).
    """
    with chart_style():
        return _render(frames, township, start, end, generated_at or datetime.now())


def _render(frames: Frames, township: str | None, start: DateLike, end: DateLike, generated_at: datetime,
            facts: Facts | None = None, charts: dict[str, Figure] | None = None) -> Figure:
    s, e = validate_period(start, end)
    facts = facts or narrative_facts(frames, township, s, e)
    fig = Figure(figsize=PAGE_SIZE_IN, facecolor="white")
    page = Page(fig)
    left, right = MARGIN_X, page.width - MARGIN_X
    width = right - left

    # Masthead: red title, the period, a double red rule.
    y = page.height - MARGIN_TOP
    title = brief_title(facts)
    size = page.fitted_size(title, 21.0, width, weight="bold", smallest=10.0)
    page.text(page.width / 2, y, title, ha="center", va="top", fontsize=size, fontweight="bold", color=MASTHEAD_RED)
    y -= 0.5
    period = _period_line(facts)
    page.text(page.width / 2, y, period, ha="center", va="top", fontsize=page.fitted_size(period, 9.5, width),
              color=SUBTLE_INK)
    y -= 0.27
    page.hline(left, right, y, color=MASTHEAD_RED, linewidth=2.0)
    page.hline(left, right, y - 0.045, color=MASTHEAD_RED, linewidth=0.6)
    y -= 0.2

    # Key figures.
    tiles = _key_figures(facts)
    tile_h, tile_gap = 0.95, 0.09
    tile_w = (width - tile_gap * (len(tiles) - 1)) / len(tiles)
    for i, (label, value, note) in enumerate(tiles):
        draw_tile(page, left + i * (tile_w + tile_gap), y - tile_h, tile_w, tile_h, label, value, note)
    y -= tile_h + 0.22

    # The paragraph.
    page.text(left, y, "工作情况", ha="left", va="top", fontsize=11, fontweight="bold", color=INK)
    page.hline(left + 0.75, right, y - 0.09, color=RULE_GREY, linewidth=0.6)
    y -= 0.3
    y -= draw_paragraph(page, narrative_from_facts(facts), left, y, width, max_height=2.6) + 0.1

    # Footer.
    footer = footer_lines(facts, generated_at)
    footer_top = MARGIN_BOTTOM + 0.16 * len(footer) + 0.06
    page.hline(left, right, footer_top, color=RULE_GREY, linewidth=0.6)
    for i, line in enumerate(footer):
        page.text(left, footer_top - 0.07 - i * 0.16, line, ha="left", va="top",
                  fontsize=page.fitted_size(line, 7.5, width, smallest=5.0), color=SUBTLE_INK)

    # Charts: the space left between the paragraph and the footer.
    bottom = footer_top + GAP
    col_w = (width - GAP) / 2
    row_h = (y - bottom - GAP) / 2
    cells = [(left, bottom + row_h + GAP), (left + col_w + GAP, bottom + row_h + GAP),
             (left, bottom), (left + col_w + GAP, bottom)]
    charts = charts or brief_charts(frames, facts)
    if facts.is_county:
        coverage, funds, disputes, farmland = (charts[area] for area in CHART_AREAS)
        with_roster = sum(1 for row in facts.township_rows if row["households_assigned"] > 0)
        if facts.submitted["visits"] and with_roster > MAX_TOWNSHIP_BARS:
            # Many townships: the coverage ranking takes the whole left column.
            place_chart(page, coverage, left, bottom, col_w, 2 * row_h + GAP)
            place_chart(page, funds, *cells[1], col_w, row_h)
            place_chart(page, disputes, *cells[3], col_w, row_h)
        else:
            for chart, (cx, cy) in zip((coverage, funds, disputes, farmland), cells, strict=True):
                place_chart(page, chart, cx, cy, col_w, row_h)
    else:
        for area, (cx, cy) in zip(CHART_AREAS, cells, strict=True):
            place_chart(page, charts[area], cx, cy, col_w, row_h)
    return fig


# --------------------------------------------------------------------------- files


def summary_bytes(paragraph: str) -> bytes:
    """``summary.txt``'s bytes: UTF-8 with a BOM, the paragraph on one line, ending CRLF.

    The BOM is what makes Notepad (before Windows 10 1903), WordPad, Word's
    and WPS's "open text file" recognise UTF-8 without asking; pasting from
    any of them into Word then gives Chinese, not 乱码. CRLF keeps the line
    end visible in old Notepad. Python reads it back with ``encoding="utf-8-sig"``.
    """
    return ("\ufeff" + paragraph + "\r\n").encode("utf-8")


def write_brief(
    township: str | None,
    processed_dir: Path,
    out_dir: Path,
    start: DateLike = None,
    end: DateLike = None,
) -> list[Path]:
    """Write ``out_dir/brief.pdf`` (one A4 page), ``summary.txt`` (the paragraph) and ``brief.docx``
    (the same content as an editable Word draft, :mod:`~sansong_analysis.publish.draft`); the paths.

    Reads the tidy frames of ``processed_dir`` (only the township's rows, or
    all of them for the county, ``township=None``). Each file is written to a
    temporary file in ``out_dir`` and moved into place, so a reader never
    sees half a file. The PDF embeds the Chinese font as a TrueType (CID)
    subset, so its text can be searched and copied.
    """
    start_date, end_date = validate_period(start, end)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = store.load(Path(processed_dir), township=township)
    facts = narrative_facts(frames, township, start_date, end_date)
    generated_at = datetime.now()
    with chart_style():  # render_brief, with the facts and charts worked out once for the page, summary.txt and the draft
        charts = brief_charts(frames, facts)
        draft_images = chart_images(charts)  # before the page lays the charts out again for its cells
        fig = _render(frames, township, start_date, end_date, generated_at, facts, charts)
    creator = f"sansong-analysis {__version__}"
    metadata = {"Title": brief_title(facts), "Creator": creator, "Producer": creator,
                "CreationDate": None, "ModDate": None}
    pdf_path, txt_path = out_dir / BRIEF_PDF, out_dir / SUMMARY_TXT
    with chart_style():
        rcParams["pdf.fonttype"] = 42  # TrueType (CID) subset: embedded, extractable Chinese
        with text_extractable_everywhere():  # the same text in poppler, MuPDF and Ghostscript
            fsutil.atomic_write(pdf_path, lambda tmp: fig.savefig(tmp, format="pdf", metadata=metadata))
    paragraph = narrative_from_facts(facts)
    fsutil.atomic_write(txt_path, summary_bytes(paragraph))
    docx_path = out_dir / BRIEF_DOCX
    draft = build_draft(facts, key_figures=_key_figures(facts), period_line=_period_line(facts),
                        charts=draft_images, notes=footer_lines(facts, generated_at), generated_at=generated_at)
    fsutil.atomic_write(docx_path, lambda tmp: draft.save(str(tmp)))
    return [pdf_path, txt_path, docx_path]


__all__: Sequence[str] = ["BRIEF_DOCX", "BRIEF_PDF", "CHART_AREAS", "PAGE_SIZE_IN", "brief_charts", "footer_lines", "SUMMARY_TXT", "brief_title", "render_brief",
                          "summary_bytes", "write_brief"]
