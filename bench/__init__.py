"""Confidant's benchmark: a busy practice's years of records, timed against plain SQLite."""
