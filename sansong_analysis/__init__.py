"""sansong-analysis: county 三送 work-team ledgers into figures, reports and charts."""

__version__ = "0.1.0"
