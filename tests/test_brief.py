"""The leaders' brief: exactly one A4 page, the font embedded as a TrueType subset, the true figures as text."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from ledger_frames import (
    CADRE_NAME,
    HOUSEHOLD_NAME,
    dispute,
    ledger_frame,
    roster_rows,
    seed_frames,
    visit_rows,
)
from matplotlib.backends.backend_agg import FigureCanvasAgg
from pypdf import PdfReader
from reference import mu_of, percent_of, wan_of

from sansong_analysis import store
from sansong_analysis.publish.brief import render_brief, summary_bytes, write_brief
from sansong_analysis.publish.charts import chart_style
from sansong_analysis.publish.charts.common import text_width
from sansong_analysis.publish.narrative import township_narrative
from sansong_analysis.publish.page import wrap_text

A4_POINTS = (595.44, 841.68)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    frames = seed_frames(["黄坑乡"])
    # 龙口镇: three quarters visited, one dispute, no funds or projects ledger.
    frames["roster"] = pd.concat([frames["roster"], ledger_frame("roster", roster_rows("龙口镇", "龙口村", 40))],
                                 ignore_index=True)
    frames["visits"] = pd.concat([frames["visits"], ledger_frame("visits", visit_rows("龙口镇", "龙口村", range(30)))],
                                 ignore_index=True)
    frames["disputes"] = pd.concat(
        [frames["disputes"], ledger_frame("disputes", [dispute("龙口镇", "land", "resolved", "village")])],
        ignore_index=True)
    return frames


@pytest.fixture(scope="module")
def processed(frames, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "processed"
    store.write_frames(frames, folder)
    return folder


@pytest.fixture(scope="module")
def township_brief(processed, tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("outputs") / "黄坑乡"
    return out, write_brief("黄坑乡", processed, out, start="2011-01-01", end="2011-12-31")


@pytest.fixture(scope="module")
def county_brief(processed, tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("outputs") / "county"
    return out, write_brief(None, processed, out)


def squeeze(text: str) -> str:
    """Text without the line breaks and spaces a PDF extraction puts between lines."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return "".join(page.extract_text() for page in reader.pages)


def assert_one_a4_page(reader: PdfReader) -> None:
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=1)


# --------------------------------------------------------------------------- wrapping


@pytest.mark.parametrize("width", [6, 8, 11, 17, 30])
def test_wrap_text_keeps_within_width_and_chinese_line_rules(width):
    text = township_narrative(seed_frames(["黄坑乡"]), "黄坑乡")
    lines = wrap_text(text, width)
    assert "".join(lines) == text
    for line in lines:
        # A line may run over only by closing punctuation hanging at its end.
        assert text_width(line.rstrip("，。、；：）”%")) <= width
        assert line[0] not in "，。、；：）”%"
        assert line[-1] not in "（“"
    # A number stays with its unit.
    assert any("22.5万余元" in line for line in lines)
    assert any("92.1%" in line for line in lines)


def test_wrap_text_table():
    assert wrap_text("受理矛盾纠纷38起，调处成功35起。", 9) == ["受理矛盾纠纷38起，", "调处成功35起。"]
    assert wrap_text("受理矛盾纠纷38起，调处成功35起。", 8) == ["受理矛盾纠纷", "38起，调处成功", "35起。"]
    assert wrap_text("共筹集资金22.5万余元。", 6) == ["共筹集资金", "22.5万余元。"]
    assert wrap_text("做到“小事不出组”", 3) == ["做到", "“小事", "不出组”"]
    assert wrap_text("2011年1-9月，全县", 6) == ["2011年1-9月，", "全县"]
    assert wrap_text("", 10) == []


# --------------------------------------------------------------------------- the township brief


def test_township_brief_files(township_brief):
    out, written = township_brief
    assert written == [out / "brief.pdf", out / "summary.txt", out / "brief.docx"]
    assert sorted(p.name for p in out.iterdir()) == ["brief.docx", "brief.pdf", "summary.txt"]  # no temporary file left


def test_township_brief_is_one_a4_page(township_brief):
    out, _ = township_brief
    reader = PdfReader(out / "brief.pdf")
    assert_one_a4_page(reader)
    # The four charts are drawn on the page as vectors, their text in the page's font: no image at all.
    assert len(reader.pages[0].images) == 0
    text = squeeze(reader.pages[0].extract_text())
    for title in ("各村走访覆盖率", "筹资情况（万元）", "矛盾纠纷调处情况（起）", "办实事项目受益农田（亩）"):
        assert title in text


def test_brief_font_is_an_embedded_truetype_subset(township_brief):
    out, _ = township_brief
    fonts = PdfReader(out / "brief.pdf").pages[0]["/Resources"]["/Font"]
    chinese = []
    for font in (f.get_object() for f in fonts.values()):
        if "SansongSansSC" not in str(font["/BaseFont"]):
            continue
        assert font["/Subtype"] == "/Type0"
        assert "/ToUnicode" in font  # the text can be copied and searched
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/Subtype"] == "/CIDFontType2"
        program = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        assert 1_000 < len(program) < 1_000_000  # a subset: the bundled face is ~7 MB
        chinese.append(font)
    assert chinese


def test_township_brief_text_holds_the_true_figures(township_brief, frames):
    out, _ = township_brief
    text = squeeze(pdf_text(out / "brief.pdf"))
    assert "黄坑乡2011年“三送”工作简报" in text
    for figure in ("100户", "100.0%", "22.5万余元", "38起", "调处成功35起", "92.1%", "680亩"):
        assert figure in text
    narrative = township_narrative(frames, "黄坑乡", "2011-01-01", "2011-12-31")
    assert squeeze(narrative) in text
    assert "数据来源：各工作组台账" in text
    assert "统计截至：2011年12月31日" in text


def test_brief_holds_no_names(township_brief, county_brief):
    for out, _ in (township_brief, county_brief):
        text = pdf_text(out / "brief.pdf")
        assert HOUSEHOLD_NAME not in text
        assert CADRE_NAME not in text


def test_summary_txt_is_the_paragraph_for_word(township_brief, frames):
    out, _ = township_brief
    raw = (out / "summary.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Notepad and Word open it as UTF-8
    assert raw.endswith(b"\r\n")
    narrative = township_narrative(frames, "黄坑乡", "2011-01-01", "2011-12-31")
    assert raw.decode("utf-8-sig") == narrative + "\r\n"
    assert summary_bytes(narrative) == raw


def test_township_without_some_ledgers(processed, tmp_path):
    write_brief("龙口镇", processed, tmp_path)
    assert_one_a4_page(PdfReader(tmp_path / "brief.pdf"))
    summary = (tmp_path / "summary.txt").read_bytes().decode("utf-8-sig")
    assert "走访覆盖率75.0%" in summary
    assert "筹集" not in summary and "农田" not in summary


# --------------------------------------------------------------------------- the county and the edge cases


def test_county_brief(county_brief, frames):
    out, written = county_brief
    assert written == [out / "brief.pdf", out / "summary.txt", out / "brief.docx"]
    reader = PdfReader(out / "brief.pdf")
    assert_one_a4_page(reader)
    assert len(reader.pages[0].images) == 0  # the charts are vectors
    text = squeeze(reader.pages[0].extract_text())
    assert "全县2011年“三送”工作简报" in text
    assert "各乡镇走访覆盖率" in text
    assert "140户" in text and "92.9%" in text  # 130 of 140 households
    narrative = township_narrative(frames, None)
    assert narrative.startswith("2011年，全县2个乡镇的“三送”工作组")
    assert squeeze(narrative) in text
    assert (out / "summary.txt").read_bytes().decode("utf-8-sig") == narrative + "\r\n"


def test_empty_processed_folder_still_gives_one_page(tmp_path):
    for township in ("黄坑乡", None):
        out = tmp_path / (township or "county")
        write_brief(township, tmp_path / "nothing-here", out)
        reader = PdfReader(out / "brief.pdf")
        assert_one_a4_page(reader)
        assert "暂未收到" in reader.pages[0].extract_text()


def test_forty_townships_with_long_names_stay_on_one_page():
    names = [f"某某县第{i}个名字很长的乡镇人民政府街道办事处" for i in range(40)]
    frames = seed_frames(names)
    fig = render_brief(frames, None, "2011-01-01", "2011-12-31", generated_at=datetime(2012, 1, 5, 9, 30))
    buffer = io.BytesIO()
    with chart_style():
        fig.savefig(buffer, format="pdf")
    reader = PdfReader(buffer)
    assert_one_a4_page(reader)
    text = squeeze(reader.pages[0].extract_text())
    assert "全县40个乡镇" in text
    assert "生成时间：2012年1月5日09:30" in text
    # Every text on the page stays inside it.
    page_width, page_height = fig.get_size_inches() * fig.dpi
    renderer = FigureCanvasAgg(fig).get_renderer()
    for t in fig.texts:
        box = t.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= page_width * 1.001, t.get_text()
        assert box.y0 >= 0 and box.y1 <= page_height, t.get_text()


def test_charts_are_drawn_in_their_cells_as_vectors_in_a_pdf_and_as_images_elsewhere(frames):
    """The same page saved twice as PDF is the same page (the charts' state is left as it was), and drawn
    on a raster canvas (no PDF renderer) each chart is still there, in its cell."""
    import numpy as np

    from sansong_analysis.publish.page import PlacedChart

    fig = render_brief(frames, "黄坑乡", "2011-01-01", "2011-12-31", generated_at=datetime(2012, 1, 5, 9, 30))
    placed = [a for a in fig.get_children() if isinstance(a, PlacedChart)]
    assert len(placed) == 4
    dpis = [p.chart.dpi for p in placed]
    pdfs = []
    with chart_style():
        for _ in range(2):
            buffer = io.BytesIO()
            fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "ModDate": None})
            pdfs.append(buffer.getvalue())
    assert pdfs[0] == pdfs[1]
    assert [p.chart.dpi for p in placed] == dpis
    with chart_style():
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3]
    height = pixels.shape[0]
    for p in placed:
        x, y, w, h = (v * fig.dpi for v in p.box)
        cell = pixels[int(height - y - h) + 2:int(height - y) - 2, int(x) + 2:int(x + w) - 2]
        dark = (cell.mean(axis=2) < 128).mean()
        assert 0.005 < dark < 0.6  # bars and text, not an empty cell


def test_bad_period_is_a_clear_error(processed, tmp_path):
    with pytest.raises(ValueError, match="统计期间有误"):
        write_brief("黄坑乡", processed, tmp_path, start="2011-12-31", end="2011-01-01")
    assert not any(tmp_path.iterdir())


# --------------------------------------------------------------------------- end to end


def test_brief_of_a_generated_county_shows_its_true_figures(small_county, tmp_path):
    """Demo ledgers → clean → brief: the big numbers are the figures of truth.json."""
    truth = {row["township"]: row for row in small_county["truth"]["figures"]["townships"]}
    township = small_county["townships"][0]
    write_brief(township, small_county["processed"], tmp_path)
    text = squeeze(pdf_text(tmp_path / "brief.pdf"))
    row = truth[township]
    assert f"{township}" in text
    assert f"{row['households_assigned']}户" in text
    assert percent_of(row["households_visited"], row["households_assigned"]) in text
    assert f"{row['disputes_total']}起" in text
    assert percent_of(row["disputes_resolved"], row["disputes_total"]) in text
    assert f"{mu_of(row['farmland_benefited_mu'])}亩" in text
    # The funds as the brief writes them (qualifier aside): 万元 with two decimals at most.
    assert wan_of(row["funds_raised_yuan"]) + "万" in text
