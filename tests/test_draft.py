"""The Word draft beside every brief: read back with python-docx — styles, page, pictures, the true figures."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from ledger_frames import CADRE_NAME, HOUSEHOLD_NAME
from PIL import Image
from test_brief import seed_frames

from sansong_analysis import store
from sansong_analysis.publish.brief import write_brief
from sansong_analysis.publish.narrative import township_narrative
from sansong_analysis.wording import format_mu, format_percent, money_parts

SECTION_HEADINGS = ["一、走访覆盖", "二、筹资", "三、矛盾纠纷调处", "四、办实事项目与受益农田"]
TEXT_WIDTH = Mm(210 - 28 - 26)


@pytest.fixture(scope="module")
def frames():
    return seed_frames(["黄坑乡", "龙口镇"])


@pytest.fixture(scope="module")
def processed(frames, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("draft") / "processed"
    store.write_frames(frames, folder)
    return folder


@pytest.fixture(scope="module")
def township_docx(processed, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outputs") / "黄坑乡"
    write_brief("黄坑乡", processed, out, start="2011-01-01", end="2011-12-31")
    return out / "brief.docx"


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def east_asian_font(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_office_margins(township_docx):
    section = Document(township_docx).sections[0]
    # Word keeps lengths in twips (1/1440 in): to the tenth of a millimetre.
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    assert "PAGE" in section.footer._element.xml  # the page number


def test_styles_are_set_as_offices_set_them(township_docx):
    doc = Document(township_docx)
    normal, title, heading = doc.styles["Normal"], doc.styles["Title"], doc.styles["Heading 1"]
    assert normal.font.size == Pt(16) and east_asian_font(normal) == "仿宋"  # 仿宋 三号
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert title.font.size == Pt(22) and east_asian_font(title) == "方正小标宋简体"  # 小标宋 二号
    assert east_asian_font(heading) == "黑体"
    # No theme font left that Word would prefer to the one named.
    for style in (normal, title, heading, doc.styles["Caption"]):
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in fonts.attrib), style.name
    # 宋体 is named as the stand-in for the office fonts.
    with zipfile.ZipFile(township_docx) as z:
        font_table = z.read("word/fontTable.xml").decode("utf-8")
    assert '<w:font w:name="仿宋"><w:altName w:val="宋体"/>' in font_table


def test_document_reads_as_a_work_summary(township_docx, frames):
    doc = Document(township_docx)
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "黄坑乡2011年“三送”工作总结（初稿）"
    assert paragraphs[1].style.name == "Subtitle" and paragraphs[1].text == "统计期间：2011年1月1日至12月31日"
    assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == SECTION_HEADINGS
    captions = [p.text for p in paragraphs if p.style.name == "Caption"]
    assert captions[0] == "表1　主要指标"
    assert [c[:2] for c in captions[1:]] == ["图1", "图2", "图3", "图4"]
    # Every paragraph of the narrative, section by section, in Normal under its heading.
    body = "".join(p.text for p in paragraphs if p.style.name == "Normal")
    assert body == township_narrative(frames, "黄坑乡", "2011-01-01", "2011-12-31")
    headings = [i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1"]
    assert paragraphs[headings[2] + 1].text.startswith("受理矛盾纠纷38起")
    # The key-figures table, in a table style, the values as the brief writes them.
    table = doc.tables[0]
    assert table.style.name == "Table Grid"
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert rows["包扶户数"] == "100户" and rows["走访覆盖率"] == "100.0%" and rows["筹资金额"] == "22.5万余元"
    assert rows["受理矛盾纠纷"] == "38起" and rows["调处成功率"] == "92.1%" and rows["受益农田"] == "680亩"
    notes = [p.text for p in paragraphs if p.style.name == "数据说明"]
    assert notes[0].startswith("数据来源：各工作组台账（包扶对象名单、走访登记表")
    assert notes[1].startswith("统计截至：2011年12月31日")


def test_four_charts_at_the_text_width_and_sharp(township_docx):
    doc = Document(township_docx)
    pictures = doc.inline_shapes
    assert len(pictures) == 4
    for shape in pictures:
        assert abs(shape.width - TEXT_WIDTH) < Mm(0.5)
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        width_px, _ = Image.open(io.BytesIO(blob)).size
        assert width_px / shape.width.inches >= 200  # dpi on paper
    # The picture paragraphs are not of fixed line height (which would crop them).
    for p in doc.paragraphs:
        if p._p.xpath(".//pic:pic"):
            assert p.style.name == "图片"
            assert p.style.paragraph_format.line_spacing_rule != WD_LINE_SPACING.EXACTLY


def test_no_personal_data_anywhere_in_the_file(township_docx):
    with zipfile.ZipFile(township_docx) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                text = z.read(name).decode("utf-8")
                assert HOUSEHOLD_NAME not in text and CADRE_NAME not in text, name


def test_county_draft(processed, tmp_path):
    write_brief(None, processed, tmp_path)
    doc = Document(tmp_path / "brief.docx")
    assert doc.paragraphs[0].text == "全县2011年“三送”工作总结（初稿）"
    assert len(doc.inline_shapes) == 4
    text = all_text(doc)
    assert "200户" in text and "全县2个乡镇" in text and "76起" in text


def test_empty_processed_folder_still_gives_a_draft(tmp_path):
    write_brief("黄坑乡", tmp_path / "nothing-here", tmp_path / "out")
    doc = Document(tmp_path / "out" / "brief.docx")
    text = all_text(doc)
    assert "暂未收到黄坑乡的“三送”工作台账" in text
    assert text.count("本期该项台账未报送。") == 4
    assert len(doc.inline_shapes) == 4  # each chart's 本期无数据 panel


def test_draft_of_a_generated_county_shows_its_true_figures(small_county, tmp_path):
    truth = {row["township"]: row for row in small_county["truth"]["figures"]["townships"]}
    township = small_county["townships"][0]
    write_brief(township, small_county["processed"], tmp_path)
    text = all_text(Document(tmp_path / "brief.docx"))
    row = truth[township]
    assert f"{township}" in text
    assert f"{row['households_assigned']}户" in text
    assert format_percent(row["coverage_rate"]) in text
    assert f"{row['disputes_total']}起" in text
    assert format_percent(row["resolution_rate"]) in text
    assert format_mu(row["farmland_benefited_mu"]) in text
    prefix, number, unit = money_parts(row["funds_raised_yuan"])
    assert f"{number}{unit}" in text or f"{number}万" in text
