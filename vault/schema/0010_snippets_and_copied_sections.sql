-- Schema 10: the therapist's text snippets, and which sections of a note were copied from the
-- previous note and not yet edited.
-- Shipped: never edit this file; add the next number instead.
--
-- A snippet is a short code (";si") that the note editor expands into a phrase as it is typed.
-- Codes are unique whatever their case, so ";SI" can never shadow ";si".
CREATE TABLE text_snippets (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) BETWEEN 2 AND 16),
    phrase     TEXT NOT NULL CHECK (length(trim(phrase)) > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- "Start from the previous note" copies sections; each copied section is marked here (never in
-- its text) until the therapist edits it, so a cloned section is always visibly a copy. The
-- source's session start is kept so the mark can say where it came from even if that note is
-- gone. A signed note keeps its rows: they say which sections were signed as copied.
CREATE TABLE note_copied_sections (
    note_id              INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    position             INTEGER NOT NULL CHECK (position >= 0),
    source_note_id       INTEGER NOT NULL,
    source_session_start TEXT NOT NULL,
    PRIMARY KEY (note_id, position)
) WITHOUT ROWID;
