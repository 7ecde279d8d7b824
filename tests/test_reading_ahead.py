"""A one-process clean (``clean._clean_in_turn``): its reader thread reads ``READ_AHEAD`` files
ahead of the one being cleaned, and gets the interpreter lock promptly while the cleaning runs."""

from __future__ import annotations

import sys
import threading

import pytest

from sansong_analysis.ingest import clean


def _visit_log(path, name):
    path.write_text(f"乡镇,村,户主姓名,走访日期,走访干部\n黄坑乡,新屋村,{name},2011-03-05,李四\n", "utf-8")
    return path


def test_files_are_read_ahead_and_cleaned_in_their_order(monkeypatch, tmp_path):
    names = ["张一", "张二", "张三", "张四", "张五"]
    files = [_visit_log(tmp_path / f"走访{i}.csv", n) for i, n in enumerate(names)]
    read, cleaned = [], []
    first_cleaned = threading.Event()
    real_read, real_clean = clean._read, clean._clean_sheets

    def reading(path, *args):
        read.append(path)
        return real_read(path, *args)

    def cleaning(path, *args):
        if not first_cleaned.is_set():
            # Before the first file is cleaned, the reader has been asked for it and READ_AHEAD files ahead of it,
            # no more (the third may have begun already: the reader thread is not waited for; it was asserted
            # READ_AHEAD, and failed once under load).
            assert len(read) <= clean.READ_AHEAD + 1 < len(files)
            first_cleaned.set()
        cleaned.append(path)
        return real_clean(path, *args)

    monkeypatch.setattr(clean, "_read", reading)
    monkeypatch.setattr(clean, "_clean_sheets", cleaning)
    results = clean.clean_files(files, tmp_path, jobs=1)
    assert read == files and cleaned == files
    households = [r.sheets[0].records["household_head"][0] for r in results]
    assert households == names


def test_the_reader_gets_the_lock_promptly_and_the_callers_interval_comes_back(monkeypatch, tmp_path):
    files = [_visit_log(tmp_path / "走访.csv", "张三")]
    seen = []
    real_clean = clean._clean_sheets

    def cleaning(*args):
        seen.append(sys.getswitchinterval())
        return real_clean(*args)

    monkeypatch.setattr(clean, "_clean_sheets", cleaning)
    before = sys.getswitchinterval()
    clean.clean_files(files, tmp_path, jobs=1)
    assert seen == [pytest.approx(clean.READER_SWITCH_INTERVAL)]
    assert sys.getswitchinterval() == before

    def failing(*args):
        raise RuntimeError("一个程序错误")

    monkeypatch.setattr(clean, "_clean_sheets", failing)
    with pytest.raises(RuntimeError):
        clean.clean_files(files, tmp_path, jobs=1)
    assert sys.getswitchinterval() == before
