"""The session-notes feature: the Notes tab, the editor with autosave, signing, addenda and the
unsigned-notes list."""
