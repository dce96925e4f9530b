"""Session notes: templates, the note model, unsigned drafts (autosave), signing and its seal,
addenda and amendments, the timeline and its one-line summaries."""
