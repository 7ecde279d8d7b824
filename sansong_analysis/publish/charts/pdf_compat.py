"""PDF text that every reader extracts the same: poppler, MuPDF and Ghostscript.

matplotlib writes each embedded font's ToUnicode CMap (the map from character
codes back to text, used for copying and searching) as ``bfrange`` entries
with arrays: ``<4e91> <4e91> [<4e91>]``. That is valid PDF, and poppler reads
it, but Ghostscript's PDF interpreter (10.x, the one Debian and most Linux
machines ship) misreads it and extracts ``ßoý_`` for ``云洲乡``. The same map
written as ``bfchar`` entries (``<4e91> <4e91>``, at most 100 to a block as
the CMap format requires) is read alike by all of them.

:func:`text_extractable_everywhere` rewrites the CMap as matplotlib writes
it, for the duration of a ``with`` block around ``savefig``; nothing else
in the file changes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_RANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]")
_SINGLE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_BLOCK = re.compile(rb"\d+\s+beginbfrange\s*(.*?)\s*endbfrange", re.S)
_CMAP_START = b"/CIDInit /ProcSet findresource begin"
_lock = threading.Lock()
_depth = 0
_original = None


def bfrange_to_bfchar(cmap: bytes) -> bytes:
    """A ToUnicode CMap with every ``bfrange`` block written out as ``bfchar`` blocks.

    >>> bfrange_to_bfchar(b"1 beginbfrange\\n<4e91> <4e92> [<4e91> <4e92>]\\nendbfrange")
    b'2 beginbfchar\\n<4e91> <4e91>\\n<4e92> <4e92>\\nendbfchar'
    """

    def expand(match: re.Match) -> bytes:
        pairs: list[tuple[bytes, bytes]] = []
        body = match.group(1)
        for start, end, targets in _RANGE.findall(body):
            width = len(start)
            dsts = re.findall(rb"<([0-9a-fA-F]+)>", targets)
            for i, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                if i < len(dsts):
                    pairs.append((f"{code:0{width}x}".encode(), dsts[i]))
        for start, end, first in _SINGLE.findall(_RANGE.sub(b"", body)):
            width = len(start)
            base = int(first, 16)
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                pairs.append((f"{code:0{width}x}".encode(), f"{base + offset:0{len(first)}x}".encode()))
        blocks = []
        for i in range(0, len(pairs), 100):
            chunk = pairs[i : i + 100]
            lines = b"\n".join(b"<%s> <%s>" % pair for pair in chunk)
            blocks.append(b"%d beginbfchar\n%s\nendbfchar" % (len(chunk), lines))
        return b"\n".join(blocks)

    return _BLOCK.sub(expand, cmap)


@contextmanager
def text_extractable_everywhere() -> Iterator[None]:
    """Within the block, matplotlib's PDF backend writes ToUnicode CMaps as ``bfchar``."""
    global _depth, _original
    from matplotlib.backends import backend_pdf

    with _lock:
        if _depth == 0:
            _original = backend_pdf.PdfFile.outputStream
            original = _original

            def output_stream(self, ref, data, *, extra=None):
                if data.startswith(_CMAP_START) and b"beginbfrange" in data:
                    data = bfrange_to_bfchar(data)
                return original(self, ref, data, extra=extra)

            backend_pdf.PdfFile.outputStream = output_stream
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                backend_pdf.PdfFile.outputStream = _original
