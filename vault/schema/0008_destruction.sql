-- Schema 8: destroying a client's record at the end of its retention, seals kept honest.
-- Shipped: never edit this file; add the next number instead.
--
-- Signed notes, addenda and disclosures refuse to be deleted (schemas 2 and 6). Destroying a
-- client's record (vault/destruction/) is the one path past those refusals, and it is narrow:
-- - `destruction_in_progress` names the one client being destroyed. Its row is written and
--   removed inside the destruction's own transaction (and goes with the client's row), so it is
--   never there once a transaction has committed; `check` reports one that is.
-- - A signed note may be deleted only when that client is its only participant.
-- - From a signed joint note that stays for the other participants, only that client's rows may
--   leave (their participation, the sections private to them, the amendments they asked for),
--   and only once the note's redaction record was written in the same destruction.
-- - Only that client's disclosures may be deleted.
-- A redaction record says what left a sealed note, when and why, keeps the hash the note was
-- signed with and the seal before it, hashes what remained (in the signed format), and seals
-- all of that together (vault/notes/signing.py verifies each link).
CREATE TABLE destruction_in_progress (
    client_id         INTEGER PRIMARY KEY,
    redactions_before INTEGER NOT NULL
);

CREATE TRIGGER destruction_in_progress_one_at_a_time BEFORE INSERT ON destruction_in_progress
WHEN EXISTS (SELECT 1 FROM destruction_in_progress)
    OR NOT EXISTS (SELECT 1 FROM clients WHERE id = NEW.client_id)
BEGIN
    SELECT RAISE(ABORT, 'one destruction at a time, of a client that exists');
END;

CREATE TRIGGER destruction_in_progress_ends_with_the_client AFTER DELETE ON clients
BEGIN
    DELETE FROM destruction_in_progress WHERE client_id = OLD.id;
END;

-- The notes that leave whole: every note whose only participant is being destroyed.
CREATE VIEW notes_leaving_with_destruction AS
SELECT p.note_id FROM note_participants p
    JOIN destruction_in_progress d ON d.client_id = p.client_id
WHERE NOT EXISTS (
    SELECT 1 FROM note_participants q WHERE q.note_id = p.note_id AND q.client_id <> d.client_id
);

CREATE TABLE note_redactions (
    id               INTEGER PRIMARY KEY,
    note_id          INTEGER NOT NULL REFERENCES notes (id),
    redacted_at      TEXT NOT NULL,
    cause            TEXT NOT NULL CHECK (cause IN ('participant_destroyed')),
    sections_removed TEXT NOT NULL DEFAULT '[]',
    addenda_removed  TEXT NOT NULL DEFAULT '[]',
    sealed_sha256    TEXT NOT NULL CHECK (length(sealed_sha256) = 64),
    prior_sha256     TEXT NOT NULL CHECK (length(prior_sha256) = 64),
    remaining_sha256 TEXT NOT NULL CHECK (length(remaining_sha256) = 64),
    resealed_sha256  TEXT NOT NULL CHECK (length(resealed_sha256) = 64)
);
CREATE INDEX note_redactions_by_note ON note_redactions (note_id, id);

CREATE TRIGGER note_redactions_only_by_destruction BEFORE INSERT ON note_redactions
WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NULL
    OR NOT EXISTS (
        SELECT 1 FROM destruction_in_progress d JOIN note_participants p
            ON p.client_id = d.client_id AND p.note_id = NEW.note_id
    )
BEGIN
    SELECT RAISE(ABORT, 'a signed note is redacted only when a participant''s record is destroyed');
END;

CREATE TRIGGER note_redactions_refuse_update BEFORE UPDATE ON note_redactions
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER note_redactions_refuse_delete BEFORE DELETE ON note_redactions
WHEN OLD.note_id NOT IN (SELECT note_id FROM notes_leaving_with_destruction)
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

DROP TRIGGER notes_signed_refuse_delete;
CREATE TRIGGER notes_signed_refuse_delete BEFORE DELETE ON notes
WHEN OLD.signed_at IS NOT NULL
    AND OLD.id NOT IN (SELECT note_id FROM notes_leaving_with_destruction)
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

DROP TRIGGER note_sections_signed_refuse_delete;
CREATE TRIGGER note_sections_signed_refuse_delete BEFORE DELETE ON note_sections
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
    AND NOT EXISTS (
        SELECT 1 FROM destruction_in_progress d JOIN note_redactions r
            ON r.note_id = OLD.note_id AND r.id > d.redactions_before
        WHERE d.client_id = OLD.private_to
            AND EXISTS (SELECT 1 FROM json_each(r.sections_removed) WHERE value = OLD.section_key)
    )
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

DROP TRIGGER note_participants_signed_refuse_delete;
CREATE TRIGGER note_participants_signed_refuse_delete BEFORE DELETE ON note_participants
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
    AND NOT EXISTS (
        SELECT 1 FROM destruction_in_progress d JOIN note_redactions r
            ON r.note_id = OLD.note_id AND r.id > d.redactions_before
        WHERE d.client_id = OLD.client_id
    )
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

DROP TRIGGER note_addenda_refuse_delete;
CREATE TRIGGER note_addenda_refuse_delete BEFORE DELETE ON note_addenda
WHEN OLD.note_id NOT IN (SELECT note_id FROM notes_leaving_with_destruction)
    AND NOT EXISTS (
        SELECT 1 FROM destruction_in_progress d JOIN note_redactions r
            ON r.note_id = OLD.note_id AND r.id > d.redactions_before
        WHERE d.client_id = OLD.requested_by
            AND EXISTS (SELECT 1 FROM json_each(r.addenda_removed) WHERE value = OLD.id)
    )
BEGIN
    SELECT RAISE(ABORT, 'addenda cannot be changed; add another addendum');
END;

-- Addenda could never be deleted before, so the index had no trigger for it.
CREATE TRIGGER notes_fts_before_note_addenda_delete BEFORE DELETE ON note_addenda
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_addenda_delete AFTER DELETE ON note_addenda
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

DROP TRIGGER disclosures_refuse_delete;
CREATE TRIGGER disclosures_refuse_delete BEFORE DELETE ON disclosures
WHEN NOT EXISTS (SELECT 1 FROM destruction_in_progress WHERE client_id = OLD.client_id)
BEGIN
    SELECT RAISE(ABORT, 'a disclosure cannot be changed: the accounting must stay whole');
END;
