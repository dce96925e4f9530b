-- Schema 3: words removed from a note leave the search index (FTS5 secure-delete).
-- Shipped: never edit this file; add the next number instead.
--
-- Schema 2's index was contentless_delete=1, which deletes by tombstone: a word edited out of
-- a draft, or every word of a discarded draft, stayed readable in notes_fts_data (and in
-- backups). FTS5's secure-delete does not apply to such tables, so the index is rebuilt as a
-- plain contentless table with secure-delete on. A change to anything a note's entry is made
-- of now removes the old entry with FTS5's 'delete' command and the exact values it was
-- indexed with (read from note_search_source before the change), then inserts the new one.
-- Dropping the old index frees its pages, which the database's secure_delete pragma zeroes.

DROP TRIGGER notes_fts_after_note_insert;
DROP TRIGGER notes_fts_after_note_update;
DROP TRIGGER notes_fts_after_note_delete;
DROP TRIGGER notes_fts_after_client_rename;
DROP TRIGGER notes_fts_after_note_sections_insert;
DROP TRIGGER notes_fts_after_note_sections_update;
DROP TRIGGER notes_fts_after_note_sections_delete;
DROP TRIGGER notes_fts_after_note_participants_insert;
DROP TRIGGER notes_fts_after_note_participants_update;
DROP TRIGGER notes_fts_after_note_participants_delete;
DROP TRIGGER notes_fts_after_note_diagnoses_insert;
DROP TRIGGER notes_fts_after_note_diagnoses_update;
DROP TRIGGER notes_fts_after_note_diagnoses_delete;
DROP TRIGGER notes_fts_after_note_addenda_insert;
DROP TABLE notes_fts;

CREATE VIRTUAL TABLE notes_fts USING fts5 (
    body, names, meta,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO notes_fts (notes_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER notes_fts_after_note_insert AFTER INSERT ON notes
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.id;
END;

CREATE TRIGGER notes_fts_before_note_update BEFORE UPDATE OF risk_notes, session_start ON notes
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.id;
END;

CREATE TRIGGER notes_fts_after_note_update AFTER UPDATE OF risk_notes, session_start ON notes
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.id;
END;

CREATE TRIGGER notes_fts_before_note_delete BEFORE DELETE ON notes
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.id;
END;

CREATE TRIGGER notes_fts_before_client_rename BEFORE UPDATE OF full_name, preferred_name ON clients
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', s.note_id, s.body, s.names, s.meta FROM note_search_source s
        WHERE s.note_id IN (SELECT note_id FROM note_participants WHERE client_id = OLD.id);
END;

CREATE TRIGGER notes_fts_after_client_rename AFTER UPDATE OF full_name, preferred_name ON clients
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT s.note_id, s.body, s.names, s.meta FROM note_search_source s
        WHERE s.note_id IN (SELECT note_id FROM note_participants WHERE client_id = NEW.id);
END;

CREATE TRIGGER notes_fts_before_note_sections_insert BEFORE INSERT ON note_sections
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_sections_insert AFTER INSERT ON note_sections
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER note_sections_stay_with_their_note BEFORE UPDATE OF note_id ON note_sections
WHEN NEW.note_id IS NOT OLD.note_id
BEGIN
    SELECT RAISE(ABORT, 'a row of a note cannot move to another note');
END;

CREATE TRIGGER notes_fts_before_note_sections_update BEFORE UPDATE ON note_sections
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_sections_update AFTER UPDATE ON note_sections
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_before_note_sections_delete BEFORE DELETE ON note_sections
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_sections_delete AFTER DELETE ON note_sections
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_before_note_participants_insert BEFORE INSERT ON note_participants
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_participants_insert AFTER INSERT ON note_participants
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER note_participants_stay_with_their_note BEFORE UPDATE OF note_id ON note_participants
WHEN NEW.note_id IS NOT OLD.note_id
BEGIN
    SELECT RAISE(ABORT, 'a row of a note cannot move to another note');
END;

CREATE TRIGGER notes_fts_before_note_participants_update BEFORE UPDATE ON note_participants
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_participants_update AFTER UPDATE ON note_participants
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_before_note_participants_delete BEFORE DELETE ON note_participants
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_participants_delete AFTER DELETE ON note_participants
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_before_note_diagnoses_insert BEFORE INSERT ON note_diagnoses
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_diagnoses_insert AFTER INSERT ON note_diagnoses
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER note_diagnoses_stay_with_their_note BEFORE UPDATE OF note_id ON note_diagnoses
WHEN NEW.note_id IS NOT OLD.note_id
BEGIN
    SELECT RAISE(ABORT, 'a row of a note cannot move to another note');
END;

CREATE TRIGGER notes_fts_before_note_diagnoses_update BEFORE UPDATE ON note_diagnoses
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_diagnoses_update AFTER UPDATE ON note_diagnoses
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_before_note_diagnoses_delete BEFORE DELETE ON note_diagnoses
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_diagnoses_delete AFTER DELETE ON note_diagnoses
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_before_note_addenda_insert BEFORE INSERT ON note_addenda
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_addenda_insert AFTER INSERT ON note_addenda
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

INSERT INTO notes_fts (rowid, body, names, meta)
    SELECT note_id, body, names, meta FROM note_search_source;
