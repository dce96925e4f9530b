-- Schema 11: where an imported signed note came from, so its signature stays verifiable here.
-- Shipped: never edit this file; add the next number instead.
--
-- A note's signature hash covers the ids it had when it was signed (its own id, its
-- participants', a private section's owner). A note imported from another vault gets new ids
-- here, so this table keeps the ids the seal was computed with: `seal_ids` maps each local
-- participant to the id it was signed with, `others` names (by role only) and numbers the
-- participants who are not clients of this vault. A redacted copy (a joint note received from
-- one participant's export, with sections private to others left out) cannot be rechecked
-- against its original hash; it is sealed again on import over what was received
-- (`copy_sha256`) and marked as such. Addenda written before the import are listed in
-- imported_addenda with the note id and requester id each was hashed with (an addendum written
-- in a vault the note had been imported into carries that vault's ids). Both tables are
-- append-only.
CREATE TABLE imported_notes (
    note_id           INTEGER PRIMARY KEY REFERENCES notes (id),
    source_note_id    INTEGER NOT NULL,
    source_sha256     TEXT NOT NULL CHECK (length(source_sha256) = 64),
    seal_ids          TEXT NOT NULL,
    others            TEXT NOT NULL DEFAULT '[]',
    redacted_copy     INTEGER NOT NULL CHECK (redacted_copy IN (0, 1)),
    left_out_sections INTEGER NOT NULL DEFAULT 0 CHECK (left_out_sections >= 0),
    left_out_amendments INTEGER NOT NULL DEFAULT 0 CHECK (left_out_amendments >= 0),
    copy_sha256       TEXT CHECK (copy_sha256 IS NULL OR length(copy_sha256) = 64),
    imported_at       TEXT NOT NULL,
    CHECK (redacted_copy = 0 OR copy_sha256 IS NOT NULL)
);

CREATE TABLE imported_addenda (
    addendum_id       INTEGER PRIMARY KEY REFERENCES note_addenda (id),
    seal_note_id      INTEGER NOT NULL,
    seal_requested_by INTEGER
);

CREATE TRIGGER imported_notes_refuse_update BEFORE UPDATE ON imported_notes
BEGIN
    SELECT RAISE(ABORT, 'an imported note''s origin cannot change');
END;
-- The one exception: a destruction (schema 8) removes a note whose only participant is the
-- client being destroyed, and its origin goes with it.
CREATE TRIGGER imported_notes_refuse_delete BEFORE DELETE ON imported_notes
WHEN NOT EXISTS (SELECT 1 FROM notes_leaving_with_destruction v WHERE v.note_id = OLD.note_id)
BEGIN
    SELECT RAISE(ABORT, 'an imported note''s origin cannot change');
END;
CREATE TRIGGER imported_addenda_refuse_update BEFORE UPDATE ON imported_addenda
BEGIN
    SELECT RAISE(ABORT, 'an imported note''s origin cannot change');
END;
-- The exception: a destruction removes that client's notes, and from a joint note the
-- amendments the client asked for; their origins go with them.
CREATE TRIGGER imported_addenda_refuse_delete BEFORE DELETE ON imported_addenda
WHEN NOT EXISTS (
    SELECT 1 FROM note_addenda a
        JOIN note_participants p ON p.note_id = a.note_id
        JOIN destruction_in_progress d ON d.client_id = p.client_id
    WHERE a.id = OLD.addendum_id
)
BEGIN
    SELECT RAISE(ABORT, 'an imported note''s origin cannot change');
END;
