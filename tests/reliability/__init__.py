"""Reliability suite: crashes, faults, load."""
