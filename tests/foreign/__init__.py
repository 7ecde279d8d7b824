"""Ledgers from county offices our reader was not written alongside (see ``offices``)."""
