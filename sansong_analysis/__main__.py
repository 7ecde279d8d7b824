"""``python -m sansong_analysis`` is the ``sansong`` command."""

import sys

from .cli import main

sys.exit(main())
