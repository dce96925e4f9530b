"""Confidant's command line: a thin peer of the GUI over the same `vault` functions."""
