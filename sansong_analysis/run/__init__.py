"""Notebooks run into reports: the notebook helpers, one report, kernels, the batch."""
