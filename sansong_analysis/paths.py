"""Where things live: resolved from the package's own location, never the cwd.

The same call works from the CLI, a notebook, a cron job or a Dask worker.
Every default can be overridden by an argument; these are only defaults.
``SANSONG_PROJECT_ROOT`` names the project folder (``data/``, ``outputs/``)
when the package is not installed from its checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = Path(os.environ.get("SANSONG_PROJECT_ROOT", PACKAGE_DIR.parent)).resolve()

RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
FONTS_DIR = PACKAGE_DIR / "publish" / "charts" / "fonts"


def _notebooks_dir() -> Path:
    """Where the report notebooks are: the project's own ``notebooks/`` (a checkout, or the folder
    ``SANSONG_PROJECT_ROOT`` names) when it holds them, else the copies built into the package (an
    install from a wheel, see setup.py), else the checkout the package was installed from (editable)."""
    for folder in (PROJECT_ROOT / "notebooks", PACKAGE_DIR / "notebooks", PACKAGE_DIR.parent / "notebooks"):
        if (folder / "township_report.ipynb").is_file():
            return folder
    return PROJECT_ROOT / "notebooks"


NOTEBOOKS_DIR = _notebooks_dir()

TOWNSHIP_NOTEBOOK = NOTEBOOKS_DIR / "township_report.ipynb"
COUNTY_NOTEBOOK = NOTEBOOKS_DIR / "county_overview.ipynb"

# The folder name the county overview is written to under outputs/.
COUNTY_FOLDER = "county"
