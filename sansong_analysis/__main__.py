"""``python -m sansong_analysis`` is the ``sansong`` command."""

from sansong_analysis.cli import run

run()
