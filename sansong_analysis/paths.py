"""Where things live: resolved from the package's own location, never the cwd.

The same call works from the CLI, a notebook, a cron job or a Dask worker.
Every default can be overridden by an argument; these are only defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = Path(os.environ.get("SANSONG_PROJECT_ROOT", PACKAGE_DIR.parent)).resolve()

RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
FONTS_DIR = PACKAGE_DIR / "publish" / "charts" / "fonts"

TOWNSHIP_NOTEBOOK = NOTEBOOKS_DIR / "township_report.ipynb"
COUNTY_NOTEBOOK = NOTEBOOKS_DIR / "county_overview.ipynb"

# The folder name the county overview is written to under outputs/.
COUNTY_FOLDER = "county"
