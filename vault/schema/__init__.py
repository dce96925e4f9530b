"""The vault's schema as numbered steps (``0001_core.sql``, ``0002_notes.sql``, ...).

Data, not code: `vault.store.migrations` finds the files in order. A shipped file never
changes (its SHA-256 is pinned in the tests); the next change is the next number.
"""
