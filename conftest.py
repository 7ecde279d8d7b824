"""What the docstring examples of the package see (``--doctest-modules``, see pyproject.toml).

``frames`` is the seed's village as tidy frames: 黄坑乡, 100 households all
visited, 22.5万余元 raised, 38 disputes (35 resolved), 680 亩 benefited.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "tests"))


@pytest.fixture(scope="session", autouse=True)
def _doctest_frames(doctest_namespace) -> None:
    from ledger_frames import seed_frames

    doctest_namespace["frames"] = seed_frames(["黄坑乡"])
