"""``python -m sansong_analysis`` is the ``sansong`` command."""

import sys

from sansong_analysis.cli import main

sys.exit(main())
