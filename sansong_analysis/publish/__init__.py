"""Figures and frames → what people read: charts, the narrative, the brief, Excel exports."""
