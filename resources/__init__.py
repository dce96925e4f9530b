"""Data files Confidant reads at run time (note templates). No code lives here."""
