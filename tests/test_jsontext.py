"""jsontext.dumps writes the standard library's indented JSON, character for character."""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sansong_analysis import jsontext


class Kind(enum.IntEnum):
    VISITS = 3


class Township(str):
    pass


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(), st.text(alphabet="乡镇村走访\"\\\n\t\x00\x1f\u2028é"),
    st.dates(), st.builds(Path, st.text(alphabet="abc/乡", min_size=1)),  # written with default=str
    st.just(Kind.VISITS), st.builds(Township, st.text(max_size=4)),
)
_keys = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(_keys, inner, max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(_documents, st.integers(min_value=0, max_value=3))
def test_the_text_is_the_standard_librarys(document, indent):
    expected = json.dumps(document, ensure_ascii=False, indent=indent, default=str)
    assert jsontext.dumps(document, indent) == expected


def test_a_clean_summary_reads_back_as_written():
    summary = {
        "version": "1", "files": [{"file": "乡/走访.xlsx", "sheets": [{"sheet": "1月", "rows": 12, "skipped": {}}]}],
        "records": {"visits": 1200, "roster": 0}, "warnings": [], "ratio": 0.5, "when": dt.date(2011, 5, 6),
    }
    text = jsontext.dumps(summary)
    assert text == json.dumps(summary, ensure_ascii=False, indent=1, default=str)
    assert json.loads(text)["files"][0]["sheets"][0]["rows"] == 12


def test_what_json_refuses_is_refused():
    with pytest.raises(TypeError):
        jsontext.dumps({(1, 2): "a tuple key"})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError):
        jsontext.dumps(loop)
