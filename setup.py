"""Build hook: the report notebooks travel inside the package when it is built as a wheel.

The notebooks live at the top of the project (``notebooks/``, docs/contract.md
§2), outside the package. An install from a wheel or an sdist has no project
folder beside it, so ``build_py`` copies them into ``sansong_analysis/notebooks/``,
where ``sansong_analysis.paths`` finds them. An editable install
(``make install``) reads ``notebooks/`` in the checkout itself.
Everything else about the build is declared in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


class BuildPyWithNotebooks(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "sansong_analysis" / "notebooks"
        self.mkpath(str(target))
        for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
            self.copy_file(str(notebook), str(target / notebook.name))


setup(cmdclass={"build_py": BuildPyWithNotebooks})
