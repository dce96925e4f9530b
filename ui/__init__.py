"""Confidant's desktop window (PySide6).

Widgets here show and collect; every rule and every byte of storage lives in `vault/`. Nothing in
this package writes client data anywhere but through the vault: no temp files, no logs, and the
settings file holds only paths and numbers.
"""
