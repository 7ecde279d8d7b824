"""Crash logs: the traceback of a defect of ours, kept beside the data it concerns, under a name no other run takes.

A defect met while cleaning one file (``read.ProgramError``) costs that file
only; its log is written into ``<processed>/crash-logs/`` together with the
frames (``ingest.clean.run_clean``). A defect that stops a command is logged
there by ``cli`` when the processed folder exists, else in the temporary
folder. Every name carries the time, the process id and random letters, so
two runs at the same moment never overwrite each other's logs. Identity-card
and phone numbers are removed from the text, as from everything else that
leaves the raw folder.
"""

from __future__ import annotations

import os
import platform
import secrets
import tempfile
import time
from pathlib import Path

from sansong_analysis import __version__
from sansong_analysis.ingest.pii import redact

CRASH_FOLDER = "crash-logs"


def crash_log_name() -> str:
    """``crash-20261101-153012-4711-9f3a1c.log``: time, process id, random letters."""
    return f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}.log"


def crash_log_text(trace: str, about: str = "") -> str:
    """The log's text: version, platform and time, what was being done, then the traceback."""
    head = [
        f"sansong-analysis {__version__}，Python {platform.python_version()}，{platform.platform()}",
        f"时间：{time.strftime('%Y-%m-%d %H:%M:%S')}",
    ]
    if about:
        head.append(about)
    return redact("\n".join(head) + "\n\n" + trace.rstrip() + "\n")


def write_crash_log(folder: Path | None, trace: str, about: str = "") -> Path | None:
    """Write a crash log into ``folder/crash-logs/`` (the temporary folder when ``folder`` is None).

    Returns its path, or None when it could not be written (a read-only disk:
    the caller still reports the error, without a log).
    """
    try:
        if folder is None:
            target = Path(tempfile.gettempdir()) / f"sansong-{crash_log_name()}"
        else:
            target = Path(folder) / CRASH_FOLDER / crash_log_name()
            target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as fh:  # never over another run's log
            fh.write(crash_log_text(trace, about))
        return target
    except OSError:
        return None
