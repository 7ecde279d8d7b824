"""OLE compound files (.xls, encrypted .xlsx, Word and PowerPoint files) through olefile, within a read budget.

``sniff`` needs the names of a compound file's entries to say what it is;
``extents`` needs the raw ``Workbook`` stream to see where a sheet's cells
really lie before calamine allocates them. olefile gathers a stream by
following its sector chain, and a damaged or malicious file can make that
chain loop back on itself: olefile would then collect the same sectors until
the declared (or, for the directory, the largest possible) size is reached,
far more than the file holds. Every byte olefile reads therefore goes
through :class:`_ReadBudget`, which stops it at a few times the file's own
size; a stream that claims to be larger than the file is not read at all.
"""

from __future__ import annotations

from pathlib import Path

import olefile

SIGNATURE = olefile.MAGIC

# A sound file is read about once (header, allocation tables, directory, the one stream asked for);
# each of those is at most the file itself.
_READ_FACTOR = 4
_READ_SLACK = 1 << 20


class _ReadBudget:
    """The file as olefile reads it (``read``, ``seek``, ``tell``), at most ``limit`` bytes in all."""

    def __init__(self, fh, limit: int):
        self._fh = fh
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self._left -= len(data)
        if self._left < 0:
            raise OSError("OLE sector chains loop: more read than the file holds")
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()

    @property
    def closed(self) -> bool:
        return self._fh.closed


class _Compound:
    """``with _Compound(path) as ole``: the parsed compound file, reading through a budget."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> olefile.OleFileIO:
        self._fh = self.path.open("rb")
        try:
            size = self.path.stat().st_size
            # DEFECT_INCORRECT: anything against the specification stops the parse (olefile's default
            # only notes it and reads on), as a damaged file is calamine's to judge, not ours to guess.
            self._ole = olefile.OleFileIO(
                _ReadBudget(self._fh, _READ_FACTOR * size + _READ_SLACK), raise_defects=olefile.DEFECT_INCORRECT
            )
        except BaseException:
            self._fh.close()
            raise
        return self._ole

    def __exit__(self, *exc) -> None:
        try:
            self._ole.close()
        finally:
            self._fh.close()


def entry_names(path: Path) -> set[str]:
    """Lower-case names of every entry of the compound file at ``path`` (``workbook``, ``worddocument`` …).

    Raises OSError (olefile's ``OleFileError``) when it is not a readable compound file.
    """
    with _Compound(path) as ole:
        return {entry.name.lower() for entry in ole.direntries if entry is not None}


def first_stream(path: Path, *names: str) -> bytes | None:
    """The first of the top-level streams ``names`` (case-insensitive) that exists, or None.

    None too when that stream claims to be larger than the file itself.
    """
    with _Compound(path) as ole:
        for name in names:
            if ole.exists(name) and ole.get_type(name) == olefile.STGTY_STREAM:
                if ole.get_size(name) > path.stat().st_size:
                    return None
                with ole.openstream(name) as stream:
                    return stream.read()
    return None
