"""Raw folder → tidy frames: the steps a sheet goes through.

read/ (files → sheets → grids) → locate (the table in a grid) → values (cell → typed value)
→ tidy (records, rejects, skipped rows) → places and households (reconciled over the whole
clean); ``clean`` runs them all over a raw folder.
"""
