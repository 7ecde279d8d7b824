"""Usage errors: one line on stderr, exit status 2 (docs/contract.md §1), nothing touched."""

from __future__ import annotations

import pytest

from sansong_analysis.cli import main


@pytest.mark.parametrize("command", ["clean", "run"])
def test_an_empty_raw_folder_is_a_usage_error(command, tmp_path, capsys):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    (raw / "Thumbs.db").write_bytes(b"\0" * 16)  # passed over, like any file that is no ledger
    processed.mkdir()
    (processed / "roster.parquet").write_bytes(b"earlier run")
    status = main([command, "--raw", str(raw), "--processed", str(processed), *(
        ["--out", str(tmp_path / "outputs")] if command == "run" else [])])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sansong: 错误：原始台账文件夹") and "没有任何台账文件" in lines[0]
    assert "Traceback" not in captured.err
    assert (processed / "roster.parquet").read_bytes() == b"earlier run"  # the last clean is kept
    assert not (tmp_path / "outputs").exists()


def test_a_missing_raw_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["clean", "--raw", str(tmp_path / "nowhere"), "--processed", str(tmp_path / "p")]) == 2
    assert "不存在" in capsys.readouterr().err
