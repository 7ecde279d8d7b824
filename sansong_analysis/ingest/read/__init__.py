"""Files → sheets → grids of cells.

``read_file`` is the one entry point: it sniffs the real format from the first
bytes, refuses what cannot or should not be read (password, corrupt, empty,
too large, not a spreadsheet) with a :class:`FileProblem`, and otherwise
returns one :class:`Sheet` per worksheet with merged ranges already filled.
A defect of ours met on the way is a :class:`ProgramError` (a FileProblem
labelled 程序错误, carrying its traceback), never reported as a damaged file.
"""

from __future__ import annotations

from sansong_analysis.ingest.read.grid import (
    DEFAULT_LIMITS,
    PROGRAM_ERROR_LABEL,
    REASON_LABELS,
    FileProblem,
    Limits,
    ProgramError,
    Sheet,
)
from sansong_analysis.ingest.read.sniff import SUPPORTED_SUFFIXES, sniff_format
from sansong_analysis.ingest.read.workbook import read_file

__all__ = [
    "DEFAULT_LIMITS", "PROGRAM_ERROR_LABEL", "REASON_LABELS", "FileProblem", "Limits", "ProgramError", "Sheet",
    "SUPPORTED_SUFFIXES", "read_file", "sniff_format",
]
