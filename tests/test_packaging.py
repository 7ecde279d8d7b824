"""The package installed from a wheel finds its notebooks: they are built into it (setup.py), and
``paths`` looks there when no project folder beside the package holds them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sansong_analysis import paths

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ("township_report.ipynb", "county_overview.ipynb")


def test_a_checkout_uses_its_own_notebooks():
    assert paths.TOWNSHIP_NOTEBOOK == ROOT / "notebooks" / "township_report.ipynb"
    assert paths.COUNTY_NOTEBOOK == ROOT / "notebooks" / "county_overview.ipynb"


def _paths_in(site: Path, project_root: Path | None, cwd: Path) -> list[str]:
    """``paths``' notebooks as a fresh interpreter sees them with only ``site`` to import from."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SANSONG_")}
    env["PYTHONPATH"] = str(site)
    if project_root is not None:
        env["SANSONG_PROJECT_ROOT"] = str(project_root)
    # -S: no site-packages, so the editable install of this checkout cannot answer instead.
    code = "from sansong_analysis import paths; print(paths.TOWNSHIP_NOTEBOOK); print(paths.COUNTY_NOTEBOOK)"
    out = subprocess.run([sys.executable, "-S", "-c", code], env=env, cwd=cwd, capture_output=True, text=True,
                         check=True)
    return out.stdout.splitlines()


@pytest.mark.slow
def test_a_wheel_ships_the_notebooks_and_paths_finds_them(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    # Built from a copy: an in-tree build would leave build/ and egg-info in the checkout.
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("sansong_analysis", "notebooks"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "--disable-pip-version-check", "-w", str(tmp_path / "dist"), f"{source}{os.sep}"],
                   check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("sansong_analysis-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        for name in NOTEBOOKS:
            assert archive.read(f"sansong_analysis/notebooks/{name}") == (ROOT / "notebooks" / name).read_bytes()
        archive.extractall(site)
    shipped = [str(site / "sansong_analysis" / "notebooks" / name) for name in NOTEBOOKS]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert _paths_in(site, None, elsewhere) == shipped
    # A project folder of data alone (no notebooks/) still gets the shipped notebooks ...
    assert _paths_in(site, elsewhere, elsewhere) == shipped
    # ... and one with its own notebooks gets those.
    (elsewhere / "notebooks").mkdir()
    for name in NOTEBOOKS:
        shutil.copy2(ROOT / "notebooks" / name, elsewhere / "notebooks" / name)
    assert _paths_in(site, elsewhere, tmp_path) == [str(elsewhere / "notebooks" / name) for name in NOTEBOOKS]
