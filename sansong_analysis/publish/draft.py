"""The brief as a Word draft (``brief.docx``): what a leader's office edits rather than retypes.

The same content as ``brief.pdf`` — the facts, the key figures, the
sentences and the four charts that :mod:`~sansong_analysis.publish.brief`
worked out once — laid out as a 工作总结 draft::

    黄坑乡2011年“三送”工作总结（初稿）            Title      小标宋 (宋体) 二号
    统计期间：2011年1月1日至12月31日              Subtitle   楷体 三号
    　　2011年，黄坑乡“三送”工作组深入……          Normal     仿宋 三号, fixed 28 pt lines
    表1　主要指标 + table                          Caption, 表格文字 in a Table Grid
    一、走访覆盖                                   Heading 1  黑体 三号
    　　工作组对所包扶的100户农户全部走访……        Normal
    [chart at the text width]                      图片
    图1　各村走访覆盖率                            Caption
    二、筹资 … 三、矛盾纠纷调处 … 四、办实事项目与受益农田
    数据来源：…　统计截至：…                       数据说明

A4 with the margins offices set (上37 下35 左28 右26 mm) and the page
number in the footer (— 1 —). Every paragraph carries a Word style (the
built-in Title, Subtitle, Heading 1, Normal, Caption and Table Grid, and
three of our own) and no direct formatting, so that applying an office's
own template restyles the whole draft. Chinese text takes the East-Asian
font (``w:eastAsia``), which Word ignores unless it is set; the font table
names 宋体 as the stand-in for 仿宋, 黑体, 楷体 and 方正小标宋简体 on a
machine without them.

No personal data: the sentences are the narrative's (which names no one),
the charts and the key figures are those of the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree
from matplotlib.figure import Figure

from sansong_analysis import __version__
from sansong_analysis.publish.charts.export import write_png

# Wording: the narrative's sentences and formatters, imported in this one place (wording.py will take over).
from sansong_analysis.publish.narrative import Facts, sentences_from_facts

DRAFT_DPI = 240  # chart PNGs: 6.3 in × 240 = 1512 px over 156 mm of text width, about 245 dpi on paper

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
TEXT_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]
# A chart taller than this at the text width (a county with 30 townships) is scaled to it,
# so that it and its caption fit on one page.
MAX_PICTURE_HEIGHT_MM = TEXT_HEIGHT_MM - 30

BODY_FONT, HEADING_FONT, TITLE_FONT, SUBTITLE_FONT = "仿宋", "黑体", "方正小标宋简体", "楷体"
FALLBACK_FONT = "宋体"
BODY_PT, TITLE_PT, TABLE_PT, NOTE_PT, PAGE_NUMBER_PT = 16, 22, 14, 14, 14  # 三号, 二号, 四号
LINE_PT = 28  # 固定值28磅: 22 lines to the page, as offices print

# Our own styles beside the built-in ones (names an office template can map).
PICTURE_STYLE, TABLE_TEXT_STYLE, TABLE_HEADING_STYLE, NOTE_STYLE = "图片", "表格文字", "表格标题行", "数据说明"
TABLE_STYLE = "Table Grid"

# The four areas of the brief, each a section with its sentence and its chart (brief.CHART_AREAS).
SECTIONS = (
    ("coverage", "一、走访覆盖"),
    ("funds", "二、筹资"),
    ("disputes", "三、矛盾纠纷调处"),
    ("farmland", "四、办实事项目与受益农田"),
)
NOT_SUBMITTED = "本期该项台账未报送。"
KEY_FIGURES_CAPTION = "主要指标"
KEY_FIGURES_HEADINGS = ("指标", "数值", "说明")


@dataclass(frozen=True)
class ChartImage:
    """A chart drawn as PNG for the draft, with its title (for the caption) and size in inches."""

    png: bytes
    title: str
    width_in: float
    height_in: float


def draft_title(f: Facts) -> str:
    """``黄坑乡2011年“三送”工作总结（初稿）`` (全县… for the county)."""
    return f"{f.place}{f.period}“三送”工作总结（初稿）"


def chart_images(charts: Mapping[str, Figure]) -> dict[str, ChartImage]:
    """Each chart as a PNG at :data:`DRAFT_DPI`, at its natural size (A4 text width).

    Call inside :func:`~sansong_analysis.publish.charts.chart_style` and
    before the charts are placed on the PDF page (which lays them out again).
    """
    images = {}
    for area, fig in charts.items():
        buffer = io.BytesIO()
        write_png(fig, buffer, DRAFT_DPI, {"Software": f"sansong-analysis {__version__}"})
        heading = getattr(fig, "_suptitle", None)
        width, height = fig.get_size_inches()
        images[area] = ChartImage(buffer.getvalue(), heading.get_text() if heading is not None else "",
                                  float(width), float(height))
    return images


# --------------------------------------------------------------------------- styles


def _fonts(rpr, font: str) -> None:
    """``font`` for Latin and East-Asian text alike; theme fonts (which would win over it) removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    fonts.set(qn("w:hint"), "eastAsia")


def _first_line_chars(pf_element, chars: int, size_pt: float) -> None:
    """First-line indent in characters (``w:firstLineChars``), as Word's 首行缩进 2 字符 writes it."""
    ind = pf_element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(int(chars * size_pt * 20)))


def _paragraph_style(doc, name: str, *, font: str, size: float, base: str | None = "Normal", bold: bool = False,
                     align=WD_ALIGN_PARAGRAPH.JUSTIFY, line: float | None = LINE_PT, indent_chars: int = 0,
                     before: float = 0, after: float = 0, keep_next: bool = False):
    """A paragraph style set from scratch: built-in (its template look cleared) or ours (created)."""
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = element.find(qn(tag))
        if old is not None:
            element.remove(old)
    if base is not None and name != base:
        style.base_style = doc.styles[base]
    rpr = element.get_or_add_rPr()
    _fonts(rpr, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    pf = style.paragraph_format
    pf.alignment = align
    if line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.first_line_indent = Pt(0)
    if indent_chars:
        _first_line_chars(element, indent_chars, size)
    pf.keep_with_next = keep_next
    pf.widow_control = True
    return style


def _set_styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)  # the template's 10 pt after every paragraph and 1.15 lines

    _paragraph_style(doc, "Normal", font=BODY_FONT, size=BODY_PT, base=None, indent_chars=2)
    _paragraph_style(doc, "Title", font=TITLE_FONT, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line=36,
                     after=LINE_PT / 2)
    _paragraph_style(doc, "Subtitle", font=SUBTITLE_FONT, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
                     after=LINE_PT / 2)
    heading = _paragraph_style(doc, "Heading 1", font=HEADING_FONT, size=BODY_PT, indent_chars=2, before=6,
                               keep_next=True)
    heading.paragraph_format.left_indent = Pt(0)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "0")
    heading.element.get_or_add_pPr().append(outline)  # 导航窗格 and a table of contents still see it
    _paragraph_style(doc, "Caption", font=BODY_FONT, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
    _paragraph_style(doc, PICTURE_STYLE, font=BODY_FONT, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line=None,
                     before=6, keep_next=True)  # single spacing: a fixed line height would crop the picture
    _paragraph_style(doc, TABLE_TEXT_STYLE, font=BODY_FONT, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line=22)
    _paragraph_style(doc, TABLE_HEADING_STYLE, font=HEADING_FONT, size=TABLE_PT, base=TABLE_TEXT_STYLE,
                     align=WD_ALIGN_PARAGRAPH.CENTER, line=22)
    _paragraph_style(doc, NOTE_STYLE, font=BODY_FONT, size=NOTE_PT, align=WD_ALIGN_PARAGRAPH.LEFT, line=22)
    for name in ("Caption", PICTURE_STYLE, TABLE_TEXT_STYLE, TABLE_HEADING_STYLE, NOTE_STYLE):
        doc.styles[name].hidden = False
        doc.styles[name].unhide_when_used = False


_FONT_TABLE = "/word/fontTable.xml"


def _name_fallback_fonts(doc) -> None:
    """Declare our fonts in the font table, 宋体 (on every Chinese system) named as their stand-in."""
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == _FONT_TABLE)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(part.blob)
    known = {font.get(f"{{{w}}}name") for font in root}
    for name in (BODY_FONT, HEADING_FONT, SUBTITLE_FONT, TITLE_FONT, FALLBACK_FONT):
        if name in known:
            continue
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        if name != FALLBACK_FONT:
            etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": FALLBACK_FONT})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "modern" if name == HEADING_FONT else "roman"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    # The page number, — 1 —, centred at the foot of each page.
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles[NOTE_STYLE]
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")


# --------------------------------------------------------------------------- content


def _picture(doc, image: ChartImage) -> None:
    width_mm = TEXT_WIDTH_MM
    if image.height_in * width_mm / image.width_in > MAX_PICTURE_HEIGHT_MM:
        width_mm = MAX_PICTURE_HEIGHT_MM * image.width_in / image.height_in
    paragraph = doc.add_paragraph(style=PICTURE_STYLE)
    paragraph.add_run().add_picture(io.BytesIO(image.png), width=Mm(width_mm))


def _key_figures_table(doc, key_figures: Sequence[tuple[str, tuple[str, str, str], str]]) -> None:
    doc.add_paragraph(f"表1　{KEY_FIGURES_CAPTION}", style="Caption").paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(KEY_FIGURES_HEADINGS), style=TABLE_STYLE)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, KEY_FIGURES_HEADINGS, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = doc.styles[TABLE_HEADING_STYLE]
    # The heading row repeats on every page the table runs over.
    header_props = table.rows[0]._tr.get_or_add_trPr()
    header_props.append(OxmlElement("w:tblHeader"))
    for label, (prefix, number, unit), note in key_figures:
        cells = table.add_row().cells
        for cell, text in zip(cells, (label, f"{prefix}{number}{unit}", note or "—"), strict=True):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[TABLE_TEXT_STYLE]
    for row in table.rows:
        for cell, width in zip(row.cells, (45, 45, TEXT_WIDTH_MM - 90), strict=True):
            cell.width = Mm(width)


def build_draft(
    facts: Facts,
    *,
    key_figures: Sequence[tuple[str, tuple[str, str, str], str]],
    period_line: str,
    charts: Mapping[str, ChartImage],
    notes: Sequence[str],
    generated_at: datetime | None = None,
):
    """The Word draft as a ``docx.Document`` (save it with ``.save(path)``).

    ``key_figures`` are the brief's tiles (label, (prefix, number, unit), note),
    ``period_line`` its 统计期间 line, ``charts`` the four :func:`chart_images`
    by area, ``notes`` the 数据来源/统计截至 lines.
    """
    doc = Document()
    _set_styles(doc)
    _name_fallback_fonts(doc)
    _set_page(doc)
    title = draft_title(facts)
    props = doc.core_properties
    props.title, props.subject = title, "“三送”工作总结"
    props.author = props.last_modified_by = f"sansong-analysis {__version__}"
    props.comments = "由各工作组台账自动生成的初稿，请核对后修改定稿。"
    props.keywords = "三送;工作总结;初稿"
    props.language = "zh-CN"
    props.revision = 1
    if generated_at is not None:
        props.created = props.modified = generated_at
    sentences = sentences_from_facts(facts)

    doc.add_paragraph(title, style="Title")
    doc.add_paragraph(period_line, style="Subtitle")
    if sentences["overview"]:
        doc.add_paragraph(sentences["overview"], style="Normal")
    _key_figures_table(doc, key_figures)
    for number, (area, heading) in enumerate(SECTIONS, start=1):
        doc.add_paragraph(heading, style="Heading 1")
        doc.add_paragraph(sentences.get(area) or NOT_SUBMITTED, style="Normal")
        image = charts.get(area)
        if image is not None:
            _picture(doc, image)
            doc.add_paragraph(f"图{number}　{image.title}".rstrip(), style="Caption")
    doc.add_paragraph("", style=NOTE_STYLE)
    for line in notes:
        doc.add_paragraph(line, style=NOTE_STYLE)
    return doc


__all__ = ["ChartImage", "DRAFT_DPI", "MARGINS_MM", "SECTIONS", "build_draft", "chart_images", "draft_title"]
