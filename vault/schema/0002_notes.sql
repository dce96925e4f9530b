-- Schema 2: structured, signable, searchable session notes.
-- Shipped: never edit this file; add the next number instead.
ALTER TABLE notes ADD COLUMN is_process_note INTEGER NOT NULL DEFAULT 0
    CHECK (is_process_note IN (0, 1));
ALTER TABLE notes ADD COLUMN risk_to_self TEXT NOT NULL DEFAULT 'not_assessed';
ALTER TABLE notes ADD COLUMN risk_to_others TEXT NOT NULL DEFAULT 'not_assessed';
ALTER TABLE notes ADD COLUMN safety_plan_reviewed INTEGER NOT NULL DEFAULT 0
    CHECK (safety_plan_reviewed IN (0, 1));
ALTER TABLE notes ADD COLUMN risk_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN signed_at TEXT;
ALTER TABLE notes ADD COLUMN signed_by TEXT;
ALTER TABLE notes ADD COLUMN content_sha256 TEXT;

CREATE TABLE note_sections (
    note_id     INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    section_key TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    private_to  INTEGER REFERENCES clients (id),
    PRIMARY KEY (note_id, position)
);

INSERT INTO note_sections (note_id, position, section_key, title, body)
    SELECT id, 0, 'note', 'Note', body FROM notes;
ALTER TABLE notes DROP COLUMN body;

CREATE TABLE note_diagnoses (
    note_id  INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    code     TEXT NOT NULL,
    PRIMARY KEY (note_id, position)
) WITHOUT ROWID;

CREATE TABLE note_addenda (
    id                  INTEGER PRIMARY KEY,
    note_id             INTEGER NOT NULL REFERENCES notes (id),
    kind                TEXT NOT NULL CHECK (kind IN ('addendum', 'amendment')),
    written_at          TEXT NOT NULL,
    author              TEXT NOT NULL CHECK (length(trim(author)) > 0),
    reason              TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    body                TEXT NOT NULL,
    requested_by        INTEGER REFERENCES clients (id),
    request_received_on TEXT,
    content_sha256      TEXT NOT NULL,
    CHECK (kind = 'addendum' OR requested_by IS NOT NULL)
);
CREATE INDEX note_addenda_by_note ON note_addenda (note_id, id);

CREATE INDEX notes_by_session ON notes (session_start, id);
CREATE INDEX notes_unsigned_by_session ON notes (session_start, id) WHERE signed_at IS NULL;


CREATE TRIGGER notes_signature_complete_on_insert BEFORE INSERT ON notes
WHEN NEW.signed_at IS NOT NULL AND (NEW.signed_by IS NULL OR NEW.content_sha256 IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a signed note needs its signer and content hash');
END;

CREATE TRIGGER notes_signature_complete_on_sign BEFORE UPDATE ON notes
WHEN NEW.signed_at IS NOT NULL AND (NEW.signed_by IS NULL OR NEW.content_sha256 IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a signed note needs its signer and content hash');
END;

CREATE TRIGGER notes_signed_refuse_update BEFORE UPDATE ON notes
WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER notes_signed_refuse_delete BEFORE DELETE ON notes
WHEN OLD.signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER note_addenda_refuse_update BEFORE UPDATE ON note_addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda cannot be changed; add another addendum');
END;

CREATE TRIGGER note_addenda_refuse_delete BEFORE DELETE ON note_addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda cannot be changed; add another addendum');
END;

CREATE TRIGGER note_addenda_only_on_signed BEFORE INSERT ON note_addenda
WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'addenda belong to signed notes; edit an unsigned note directly');
END;

CREATE TRIGGER note_sections_signed_refuse_insert BEFORE INSERT ON note_sections
WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER note_sections_signed_refuse_update BEFORE UPDATE ON note_sections
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL OR (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER note_sections_signed_refuse_delete BEFORE DELETE ON note_sections
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;


CREATE TRIGGER note_participants_signed_refuse_insert BEFORE INSERT ON note_participants
WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER note_participants_signed_refuse_update BEFORE UPDATE ON note_participants
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL OR (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER note_participants_signed_refuse_delete BEFORE DELETE ON note_participants
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;


CREATE TRIGGER note_diagnoses_signed_refuse_insert BEFORE INSERT ON note_diagnoses
WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER note_diagnoses_signed_refuse_update BEFORE UPDATE ON note_diagnoses
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL OR (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;

CREATE TRIGGER note_diagnoses_signed_refuse_delete BEFORE DELETE ON note_diagnoses
WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'signed notes cannot be changed; add an addendum');
END;



CREATE VIRTUAL TABLE notes_fts USING fts5 (
    body, names, meta,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE VIEW note_search_source AS
SELECT n.id AS note_id,
    coalesce((SELECT group_concat(s.body, char(10) ORDER BY s.position)
              FROM note_sections s WHERE s.note_id = n.id), '')
    || char(10) || n.risk_notes
    || char(10) || coalesce((SELECT group_concat(d.code, ' ' ORDER BY d.position)
                             FROM note_diagnoses d WHERE d.note_id = n.id), '')
    || char(10) || coalesce((SELECT group_concat(a.reason || char(10) || a.body, char(10)
                                                 ORDER BY a.id)
                             FROM note_addenda a WHERE a.note_id = n.id), '') AS body,
    coalesce((SELECT group_concat(c.full_name || ' ' || c.preferred_name, char(10)
                                  ORDER BY c.id)
              FROM note_participants p JOIN clients c ON c.id = p.client_id
              WHERE p.note_id = n.id), '') AS names,
    coalesce((SELECT group_concat('c' || p.client_id, ' ')
              FROM note_participants p WHERE p.note_id = n.id), '')
    || ' y' || substr(n.session_start, 1, 4) AS meta
FROM notes n;

CREATE TRIGGER notes_fts_after_note_insert AFTER INSERT ON notes
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source WHERE note_id = NEW.id;
END;

CREATE TRIGGER notes_fts_after_note_update AFTER UPDATE OF risk_notes, session_start ON notes
BEGIN
    DELETE FROM notes_fts WHERE rowid = NEW.id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source WHERE note_id = NEW.id;
END;

CREATE TRIGGER notes_fts_after_note_delete AFTER DELETE ON notes
BEGIN
    DELETE FROM notes_fts WHERE rowid = OLD.id;
END;

CREATE TRIGGER notes_fts_after_client_rename AFTER UPDATE OF full_name, preferred_name ON clients
BEGIN
    DELETE FROM notes_fts
        WHERE rowid IN (SELECT note_id FROM note_participants WHERE client_id = NEW.id);
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT s.note_id, s.body, s.names, s.meta FROM note_search_source s
        WHERE s.note_id IN (SELECT note_id FROM note_participants WHERE client_id = NEW.id);
END;

CREATE TRIGGER notes_fts_after_note_sections_insert AFTER INSERT ON note_sections
BEGIN
    DELETE FROM notes_fts WHERE rowid = NEW.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_sections_update AFTER UPDATE ON note_sections
BEGIN
    DELETE FROM notes_fts WHERE rowid = NEW.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_sections_delete AFTER DELETE ON note_sections
BEGIN
    DELETE FROM notes_fts WHERE rowid = OLD.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_participants_insert AFTER INSERT ON note_participants
BEGIN
    DELETE FROM notes_fts WHERE rowid = NEW.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_participants_update AFTER UPDATE ON note_participants
BEGIN
    DELETE FROM notes_fts WHERE rowid = NEW.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_participants_delete AFTER DELETE ON note_participants
BEGIN
    DELETE FROM notes_fts WHERE rowid = OLD.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_diagnoses_insert AFTER INSERT ON note_diagnoses
BEGIN
    DELETE FROM notes_fts WHERE rowid = NEW.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_diagnoses_update AFTER UPDATE ON note_diagnoses
BEGIN
    DELETE FROM notes_fts WHERE rowid = NEW.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;

CREATE TRIGGER notes_fts_after_note_diagnoses_delete AFTER DELETE ON note_diagnoses
BEGIN
    DELETE FROM notes_fts WHERE rowid = OLD.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.note_id;
END;

CREATE TRIGGER notes_fts_after_note_addenda_insert AFTER INSERT ON note_addenda
BEGIN
    DELETE FROM notes_fts WHERE rowid = NEW.note_id;
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.note_id;
END;


INSERT INTO notes_fts (rowid, body, names, meta)
    SELECT note_id, body, names, meta FROM note_search_source;
