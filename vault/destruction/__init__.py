"""Destroying a client's record when its retention has ended: explicit, typed to confirm,
complete (every row, every search entry, every page), and leaving only an anonymous tombstone
in the audit trail."""
