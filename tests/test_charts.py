"""Charts: Chinese renders with no missing glyph, empty inputs draw 本期无数据, exports embed fonts properly."""

from __future__ import annotations

import io
import logging
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from ledger_frames import ledger_frame
from matplotlib import colors, font_manager
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image
from pypdf import PdfReader

from sansong_analysis.figures import (
    coverage_by_village,
    dispute_summary,
    disputes_by_type_and_outcome,
    farmland_by_project,
    funds_by_purpose,
    validate_period,
)
from sansong_analysis.publish import charts
from sansong_analysis.publish.charts import common
from sansong_analysis.publish.charts.export import PNG_DPI, save_chart
from sansong_analysis.publish.charts.fonts import BUNDLED_FONT_FILES, COMMON_FONT_FILES, FONT_ENV
from sansong_analysis.wording import period_title

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    villages = {"黄坑乡": ["新屋村", "上坪村", "塅心村", "磜头村"], "龙口镇": ["龙口村", "岽下村"], "车头镇": ["车头村"]}
    roster, visits = [], []
    for township, names in villages.items():
        for v, village in enumerate(names):
            for i in range(4):
                key = f"{township}{village}{i}"
                roster.append(dict(township=township, village=village, household_head=f"钟犇{i}", household_key=key,
                                   is_poor=i == 0, members=4, cadre="廖鑫"))
                if i <= v:  # coverage 25%, 50%, 75%, 100% by village
                    visits.append(dict(visit_date=pd.Timestamp(2011, 3 + i, 5), township=township, village=village,
                                       household_head=f"钟犇{i}", household_key=key, cadre="廖鑫", visit_kind="visit"))
    funds = [
        dict(date=pd.Timestamp("2011-01-25"), township="黄坑乡", village="新屋村", purpose="春节慰问困难群众",
             source="县水保局", amount_yuan=4000.0),
        dict(date=pd.Timestamp("2011-04-01"), township="黄坑乡", village="新屋村", purpose="硬化通组公路",
             source="群众自筹", amount_yuan=200000.0, amount_qualifier="at_least"),
        dict(date=pd.Timestamp("2011-08-20"), township="黄坑乡", village="上坪村", purpose="资助困难学生上大学",
             source="村民和个私业主捐助", amount_yuan=11000.0, amount_qualifier="at_least"),
        dict(date=pd.Timestamp("2011-06-01"), township="龙口镇", village="龙口村", purpose="村级建设",
             source="县法院", amount_yuan=10000.0, amount_qualifier="nearly"),
    ]
    projects = [
        dict(township="黄坑乡", village="新屋村", project_name="稀土废水处理厂", project_type="环保",
             investment_yuan=600000.0, farmland_mu=680.0, households_benefited=120,
             completed_date=pd.Timestamp("2011-07-01")),
        dict(township="龙口镇", village="岽下村", project_name="岽下村高陂水陂及灌溉渠道维修加固工程", project_type="水利",
             investment_yuan=80000.0, farmland_mu=210.5, completed_date=pd.Timestamp("2011-05-01")),
    ]
    kinds = ["forest"] * 6 + ["neighbour"] * 3 + ["land", "family", "other"]
    outcomes = ["resolved"] * 9 + ["pending", "referred", "unresolved"]
    levels = ["group", "village", "group", "township", None, "village"] * 2
    disputes = [
        dict(received_date=pd.Timestamp(2011, 2 + i % 9, 3), township="黄坑乡" if i < 9 else "龙口镇",
             village="新屋村" if i < 9 else "龙口村", dispute_type=kind, level=level, outcome=outcome,
             resolved_date=pd.Timestamp(2011, 2 + i % 9, 20) if outcome == "resolved" else None, legal_aid=i % 2 == 0)
        for i, (kind, outcome, level) in enumerate(zip(kinds, outcomes, levels, strict=True))
    ]
    return dict(roster=ledger_frame("roster", roster), visits=ledger_frame("visits", visits),
                funds=ledger_frame("funds", funds), projects=ledger_frame("projects", projects),
                disputes=ledger_frame("disputes", disputes))


START, END = "2011-01-01", "2011-12-31"

CHARTS = {
    "coverage": lambda fr: charts.coverage_chart(fr, "黄坑乡", START, END),
    "coverage_county_wide": lambda fr: charts.coverage_chart(fr, None, START, END),
    "funds": lambda fr: charts.funds_chart(fr, "黄坑乡", "2011-01-01", "2011-09-30"),
    "funds_by_source": lambda fr: charts.funds_chart(fr, "黄坑乡", START, END, by="source"),
    "disputes": lambda fr: charts.disputes_chart(fr, "黄坑乡", START, END),
    "farmland": lambda fr: charts.farmland_chart(fr, "黄坑乡", START, END),
    "farmland_county_wide": lambda fr: charts.farmland_chart(fr, None, START, END),
    "county_coverage": lambda fr: charts.county_coverage_chart(fr, START, END, highlight="黄坑乡"),
    "county_funds": lambda fr: charts.county_funds_chart(fr, START, END, highlight="黄坑乡"),
    "county_disputes": lambda fr: charts.county_disputes_chart(fr, START, END, highlight="龙口镇"),
    "county_farmland": lambda fr: charts.county_farmland_chart(fr, START, END, highlight=None),
}


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def render_all_formats(fig: Figure) -> None:
    """Draw through every backend the exports use, with the export settings."""
    with charts.chart_style():
        for fmt in ("png", "svg", "pdf"):
            fig.savefig(io.BytesIO(), format=fmt)


@pytest.fixture
def strict_glyphs(caplog, monkeypatch):
    """Fail on any missing-glyph warning; collect matplotlib's font-manager log for a check afterwards."""
    monkeypatch.delenv(FONT_ENV, raising=False)
    caplog.set_level(logging.WARNING, logger="matplotlib")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*Glyph.*missing.*")
        yield caplog
    font_logs = [r.getMessage() for r in caplog.records if "findfont" in r.getMessage() or "Glyph" in r.getMessage()]
    assert font_logs == []


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_renders_chinese_without_missing_glyphs(name, frames, strict_glyphs):
    fig = CHARTS[name](frames)
    assert isinstance(fig, Figure)
    render_all_formats(fig)
    chinese = [t for t in fig.findobj(Text) if CJK.search(t.get_text())]
    assert chinese, "a chart with no Chinese text"
    for text in chinese:
        # Every Chinese text resolves to a CJK font (the bundled one on Linux), never DejaVu.
        path = Path(font_manager.findfont(text.get_fontproperties(), fallback_to_default=False))
        assert path in (*COMMON_FONT_FILES, *BUNDLED_FONT_FILES), (text.get_text(), path)


def test_the_glyph_check_would_catch_a_chart_made_without_our_style():
    """Guards the guard: plain matplotlib (DejaVu Sans) cannot draw Chinese, and the check notices."""
    fig = Figure()
    fig.subplots().set_title("走访覆盖率")
    with warnings.catch_warnings(), pytest.raises(UserWarning, match="Glyph .* missing"):
        warnings.filterwarnings("error", message=".*Glyph.*missing.*")
        fig.savefig(io.BytesIO(), format="png")


def test_a_chart_drawn_later_outside_the_style_still_has_its_fonts(frames, strict_glyphs):
    fig = charts.disputes_chart(frames, "黄坑乡", START, END)
    fig.savefig(io.BytesIO(), format="png")  # default rcParams here: the texts carry their family
    fig.savefig(io.BytesIO(), format="pdf")


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_empty_input_draws_the_no_data_panel(name, strict_glyphs):
    fig = CHARTS[name]({})
    render_all_formats(fig)
    assert "本期无数据" in texts(fig)
    assert any(t.startswith("数据来源：") for t in texts(fig))


def test_a_period_with_no_records_draws_the_no_data_panel(frames):
    for fig in (charts.funds_chart(frames, "车头镇", START, END), charts.disputes_chart(frames, "黄坑乡", "2030-01-01"),
                charts.farmland_chart(frames, "黄坑乡", None, "2010-12-31"),
                charts.county_farmland_chart(frames, "2012-01-01", "2012-12-31")):
        assert "本期无数据" in texts(fig)


@pytest.mark.parametrize("plot", ["coverage", "funds", "disputes", "farmland"])
def test_plot_functions_take_empty_breakdowns(plot, frames):
    empty = {"roster": frames["roster"].iloc[0:0], "funds": frames["funds"].iloc[0:0],
             "disputes": frames["disputes"].iloc[0:0], "projects": frames["projects"].iloc[0:0]}
    fig = {
        "coverage": lambda: charts.plot_coverage_by_village(coverage_by_village(empty), title="走访覆盖率"),
        "funds": lambda: charts.plot_funds(funds_by_purpose(empty), title="筹资情况（万元）"),
        "disputes": lambda: charts.plot_disputes(disputes_by_type_and_outcome(empty), title="矛盾纠纷调处情况（起）"),
        "farmland": lambda: charts.plot_farmland(farmland_by_project(empty), title="受益农田（亩）"),
    }[plot]()
    assert "本期无数据" in texts(fig)


def test_titles_say_what_where_when_and_unit(frames):
    assert charts.coverage_chart(frames, "黄坑乡", START, END).get_suptitle() == "黄坑乡2011年走访覆盖率"
    funds = charts.funds_chart(frames, "黄坑乡", "2011-01-01", "2011-09-30")
    assert funds.get_suptitle() == "黄坑乡2011年1-9月筹资情况（万元）"
    assert charts.disputes_chart(frames, "黄坑乡", START, END).get_suptitle() == "黄坑乡2011年矛盾纠纷调处情况（起）"
    assert charts.farmland_chart(frames, None, START, END).get_suptitle() == "全县2011年办实事项目受益农田（亩）"
    assert charts.county_funds_chart(frames, START, END, place="信丰县").get_suptitle() == "信丰县2011年各乡镇筹资情况（万元）"
    assert "数据来源：筹资台账    统计截至：2011年9月30日" in " ".join(texts(funds))


def test_source_note_defaults_to_the_latest_record_without_an_end_date(frames):
    fig = charts.funds_chart(frames, "黄坑乡")
    assert fig.get_suptitle() == "黄坑乡筹资情况（万元）"
    assert any(t.endswith("统计截至：2011年8月20日") for t in texts(fig))


def test_coverage_labels_show_rate_and_visited_over_assigned(frames):
    fig = charts.coverage_chart(frames, "黄坑乡", START, END)
    labels = texts(fig)
    for label in ("25.0%（1/4）", "50.0%（2/4）", "75.0%（3/4）", "100.0%（4/4）"):
        assert label in labels
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["新屋村", "上坪村", "塅心村", "磜头村"]  # highest on top
    assert any(line.get_xdata()[0] == 1.0 for line in ax.get_lines())  # the 100% line
    assert "包扶16户，已走访10户，覆盖率62.5%；其中困难户4户，已走访4户" in labels


def test_funds_chart_is_in_wan_and_flags_approximate_amounts(frames):
    fig = charts.funds_chart(frames, "黄坑乡", START, END)
    labels = texts(fig)
    # The numbers the narrative writes before 万元, rounded half up, trailing zeros dropped.
    assert "20*" in labels and "0.4" in labels and "1.1*" in labels
    assert any("含约数（余/近/约）" in t for t in labels)
    assert "合计21.5万余元，3笔" in labels
    exact_only = charts.funds_chart(frames, "黄坑乡", "2011-01-01", "2011-01-31")
    assert not any("含约数" in t for t in texts(exact_only))


def test_disputes_chart_gives_resolution_rate_and_local_settlement(frames):
    fig = charts.disputes_chart(frames, "黄坑乡", START, END)
    subtitle = fig.axes[0].get_title()
    summary = dispute_summary(frames, "黄坑乡", START, END)
    assert summary["disputes_total"] == 9 and summary["disputes_resolved"] == 9
    assert "受理9起，调处成功9起，成功率100.0%" in subtitle
    assert f"组、村两级化解{summary['settled_locally']}起" in subtitle and "小事不出组，大事不出村" in subtitle
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["调处成功", "在调处", "移交", "未成功"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][-1] == "山林纠纷"  # most frequent on top


def test_county_chart_highlights_one_township(frames):
    fig = charts.county_coverage_chart(frames, START, END, highlight="龙口镇")
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    fills = {name: colors.to_hex(bar.get_facecolor()) for name, bar in zip(names, ax.patches, strict=False)}
    assert fills["龙口镇"] == common.HIGHLIGHT.lower()
    assert {fills[n] for n in names if n != "龙口镇"} == {common.OTHER.lower()}
    assert next(t for t in ax.get_yticklabels() if t.get_text() == "龙口镇").get_fontweight() == "bold"
    plain = charts.county_coverage_chart(frames, START, END)
    assert {colors.to_hex(b.get_facecolor()) for b in plain.axes[0].patches} == {common.PRIMARY.lower()}


@pytest.mark.parametrize(("start", "end", "label"), [
    (None, None, ""),
    ("2011-01-01", "2011-12-31", "2011年"),
    ("2011-01-01", "2011-09-30", "2011年1-9月"),
    ("2011-03-01", "2011-03-31", "2011年3月"),
    ("2010-10-01", "2011-03-31", "2010年10月-2011年3月"),
    ("2011-03-05", "2011-09-30", "2011年3月5日-9月30日"),
    ("2010-01-01", "2011-12-31", "2010-2011年"),
    ("2011-01-01", None, "2011年以来"),
    ("2011-03-01", None, "2011年3月以来"),
    (None, "2011-09-30", "截至2011年9月30日"),
])
def test_period_title(start, end, label):
    assert period_title(*validate_period(start, end)) == label


def test_bad_period_is_a_chinese_error(frames):
    with pytest.raises(ValueError, match="早于起始日期"):
        charts.coverage_chart(frames, "黄坑乡", "2011-12-31", "2011-01-01")


# --------------------------------------------------------------------------- export


@pytest.fixture(scope="module")
def saved(frames, tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("charts") / "黄坑乡" / "charts"
    return save_chart(charts.disputes_chart(frames, "黄坑乡", START, END), out, "disputes")


def test_save_chart_writes_png_svg_pdf_and_nothing_else(saved):
    assert [p.name for p in saved] == ["disputes.png", "disputes.svg", "disputes.pdf"]
    assert sorted(p.name for p in saved[0].parent.iterdir()) == ["disputes.pdf", "disputes.png", "disputes.svg"]
    assert all(p.stat().st_size > 1000 for p in saved)


def test_png_is_at_least_200_dpi(saved):
    with Image.open(saved[0]) as image:
        dpi_x, dpi_y = image.info["dpi"]
        assert min(dpi_x, dpi_y) >= PNG_DPI - 0.5 >= 199.5
        assert image.width >= 6 * 200  # A4 text width at 200 dpi


def test_png_has_the_pixels_matplotlib_draws(frames):
    """``write_png`` (RGB, quicker zlib) gives pixel for pixel matplotlib's own PNG of the chart."""
    import numpy as np

    from sansong_analysis.publish.charts.export import write_png

    with charts.chart_style():
        fig = charts.disputes_chart(frames, "黄坑乡", START, END)
        ours, theirs = io.BytesIO(), io.BytesIO()
        write_png(fig, ours, PNG_DPI, {"Software": "test"})
        fig.savefig(theirs, format="png", dpi=PNG_DPI)
    with Image.open(ours) as a, Image.open(theirs) as b:
        assert a.mode == "RGB" and a.size == b.size and a.info["Software"] == "test"
        assert (np.asarray(a.convert("RGBA")) == np.asarray(b.convert("RGBA"))).all()


def test_svg_has_text_as_paths(saved):
    svg = saved[1].read_text(encoding="utf-8")
    assert "<text" not in svg
    assert "<path" in svg and "<use" in svg  # glyph outlines, reused


def test_pdf_embeds_truetype_subset_as_cidfonttype2(saved):
    page = PdfReader(saved[2]).pages[0]
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    assert fonts and all(f["/Subtype"] == "/Type0" for f in fonts)  # no Type 3 bitmaps-in-disguise
    for font in fonts:
        assert "SansongSansSC" in font["/BaseFont"]
        assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"])  # a subset
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/Subtype"] == "/CIDFontType2"
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor and "/FontFile3" not in descriptor
        assert len(descriptor["/FontFile2"].get_object().get_data()) < 200_000  # subset, not 7 MB
    assert "小事不出组，大事不出村" in page.extract_text()  # ToUnicode maps the glyphs back


def test_pdf_is_reproducible(frames, tmp_path):
    fig = charts.farmland_chart(frames, "黄坑乡", START, END)
    first = save_chart(fig, tmp_path / "a", "farmland")
    second = save_chart(fig, tmp_path / "b", "farmland")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_save_chart_replaces_atomically_and_keeps_the_old_file_on_failure(frames, tmp_path, monkeypatch):
    fig = charts.coverage_chart(frames, "黄坑乡", START, END)
    old = tmp_path / "coverage.png"
    old.write_bytes(b"previous chart")
    written = save_chart(fig, tmp_path, "coverage", formats=("png",))
    assert written == [old] and old.read_bytes().startswith(b"\x89PNG")

    def broken_savefig(target, **kwargs):
        if isinstance(target, (str, Path)):  # the PNG is drawn into memory first, then written
            Path(target).write_bytes(b"half a chart")
        raise OSError("disk full")

    good = old.read_bytes()
    monkeypatch.setattr(fig, "savefig", broken_savefig)
    with pytest.raises(OSError, match="disk full"):
        save_chart(fig, tmp_path, "coverage", formats=("png",))
    assert old.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coverage.png"]  # no temporary left behind


def test_save_chart_rejects_unknown_formats(frames, tmp_path):
    with pytest.raises(ValueError, match="不支持的图表格式"):
        save_chart(Figure(), tmp_path, "x", formats=("jpg",))
