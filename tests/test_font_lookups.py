"""Font look-ups remembered while charts are drawn (``charts.fonts.remembered_font_lookups``).

The memory must only ever answer what matplotlib would: the same fonts for the
same properties, other fonts as soon as a font setting changes, and nothing left
behind on matplotlib's font manager after the block.
"""

from __future__ import annotations

import contextlib
import io
import threading

import matplotlib as mpl
import pytest
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties
from test_charts import frames  # noqa: F401  (the charts' ledger frames, a fixture)

from sansong_analysis.publish.charts import coverage_chart, fonts
from sansong_analysis.publish.charts.export import PNG_DPI, write_png
from sansong_analysis.publish.charts.fonts import chart_style, remembered_font_lookups

MANAGER = font_manager.fontManager


def _matplotlib_answer(prop: FontProperties) -> list:
    """What matplotlib itself finds (its own method, not the instance attribute we install)."""
    return type(MANAGER)._find_fonts_by_props(MANAGER, prop)


def test_the_memory_is_there_only_inside_the_block():
    assert "_find_fonts_by_props" not in MANAGER.__dict__
    with chart_style():
        assert "_find_fonts_by_props" in MANAGER.__dict__
        with chart_style():  # nested: the inner block leaves the memory in place
            pass
        assert "_find_fonts_by_props" in MANAGER.__dict__
    assert "_find_fonts_by_props" not in MANAGER.__dict__


def test_the_memory_is_taken_away_when_the_block_raises():
    with pytest.raises(RuntimeError), remembered_font_lookups():
        raise RuntimeError("drawing failed")
    assert "_find_fonts_by_props" not in MANAGER.__dict__


@pytest.mark.parametrize("weight", ["normal", "bold"])
@pytest.mark.parametrize("size", [7.5, 9.0, 21.0])
def test_answers_are_matplotlibs(weight, size):
    with chart_style():
        for family in (mpl.rcParams["font.family"], ["DejaVu Sans"], ["sans-serif"], ["serif"]):
            prop = FontProperties(family=family, weight=weight, size=size)
            first = MANAGER._find_fonts_by_props(prop)
            again = MANAGER._find_fonts_by_props(prop.copy())  # answered from memory
            assert first == again == _matplotlib_answer(prop)


def test_a_changed_font_setting_is_never_answered_from_memory():
    prop = FontProperties(family=["sans-serif"])
    with chart_style():
        ours = MANAGER._find_fonts_by_props(prop)
        assert fonts.BUNDLED_FAMILY in font_manager.get_font(ours).family_name or ours == _matplotlib_answer(prop)
        with mpl.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
            other = MANAGER._find_fonts_by_props(prop)
            assert other == _matplotlib_answer(prop)
            assert other != ours
        assert MANAGER._find_fonts_by_props(prop) == ours


def test_a_mutated_properties_object_gets_its_new_answer():
    with chart_style():
        prop = FontProperties(family=["DejaVu Sans"])
        before = MANAGER._find_fonts_by_props(prop)
        prop.set_family(mpl.rcParams["font.family"])
        after = MANAGER._find_fonts_by_props(prop)
        assert after == _matplotlib_answer(prop) and after != before


def test_answers_are_copies():
    with chart_style():
        prop = FontProperties(family=mpl.rcParams["font.family"])
        found = MANAGER._find_fonts_by_props(prop)
        found.clear()  # matplotlib returns a fresh list; a caller may change it
        assert MANAGER._find_fonts_by_props(prop) == _matplotlib_answer(prop)


def test_blocks_in_threads_leave_nothing_behind():
    errors = []

    def draw():
        try:
            for _ in range(20):
                with remembered_font_lookups():
                    MANAGER._find_fonts_by_props(FontProperties(family=["DejaVu Sans"]))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert "_find_fonts_by_props" not in MANAGER.__dict__


def test_a_chart_is_drawn_pixel_for_pixel_as_without_the_memory(frames, monkeypatch):  # noqa: F811
    def png() -> bytes:
        with chart_style():
            fig = coverage_chart(frames, "黄坑乡")
            out = io.BytesIO()
            write_png(fig, out, PNG_DPI, {"Software": "test"})
            svg = io.BytesIO()
            fig.savefig(svg, format="svg", metadata={"Date": None})
        return out.getvalue() + svg.getvalue()

    remembered = png()
    monkeypatch.setattr(fonts, "remembered_font_lookups", contextlib.nullcontext)
    assert png() == remembered
