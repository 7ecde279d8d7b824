"""Expected strings for figures only known at run time (a generated county), worked out in integers.

The tests of hand-built frames write their expected strings out literally. A
generated county's figures are known only from its ``truth.json``; these
helpers write them as a reader checking by hand would (四舍五入), with integer
arithmetic that shares nothing with ``sansong_analysis.wording``, so a wrong
rounding there cannot hide behind the same wrong rounding here.
"""

from __future__ import annotations


def percent_of(part: int, whole: int) -> str:
    """``part / whole`` as a percentage with one decimal, half up: 13, 16 -> ``81.3%``."""
    tenths = (part * 2000 + whole) // (2 * whole)  # round(part * 1000 / whole), halves up
    return f"{tenths // 10}.{tenths % 10}%"


def wan_of(yuan: float) -> str:
    """Yuan (to the fen, as §5 gives them) as 万元 to the hundred yuan, half up, trailing zeros dropped."""
    fen = round(yuan * 100)  # §5 sums are rounded to the fen: this is exact
    hundreds = (fen + 5_000) // 10_000
    text = f"{hundreds // 100}.{hundreds % 100:02d}".rstrip("0").rstrip(".")
    return text


def mu_of(mu: float) -> str:
    """亩 to one decimal, half up, ``.0`` dropped (sums of 亩 carry at most four decimals in §5)."""
    ten_thousandths = round(mu * 10_000)
    tenths = (ten_thousandths + 500) // 1_000
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"
