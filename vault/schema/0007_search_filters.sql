-- Schema 7: note kind and psychotherapy-note tokens in the search index, so filters narrow
-- inside FTS5.
-- Shipped: never edit this file; add the next number instead.
-- Before this step every search joined each candidate note to `notes` to leave out process
-- notes and to apply a kind filter: on a word in most notes that join walked the whole match
-- list. The index's `meta` column now also holds `k<kind>` (underscores dropped) and `pn` for a
-- psychotherapy note, so both become FTS5 terms. The engine still checks the columns of every
-- note it returns, so a filter never depends on these tokens alone.
DROP VIEW note_search_source;

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
    || ' y' || substr(n.session_start, 1, 4)
    || ' k' || replace(n.kind, '_', '')
    || CASE n.is_process_note WHEN 1 THEN ' pn' ELSE '' END AS meta
FROM notes n;

-- A note's entry is rebuilt when its kind or process flag changes too: the one pair of
-- triggers on notes now watches all four columns, so an UPDATE of several of them removes and
-- re-adds the entry once (schema 3's pair watched two; two pairs would add it twice).
DROP TRIGGER notes_fts_before_note_update;
DROP TRIGGER notes_fts_after_note_update;

CREATE TRIGGER notes_fts_before_note_update
BEFORE UPDATE OF risk_notes, session_start, kind, is_process_note ON notes
BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, body, names, meta)
        SELECT 'delete', note_id, body, names, meta FROM note_search_source
        WHERE note_id = OLD.id;
END;

CREATE TRIGGER notes_fts_after_note_update
AFTER UPDATE OF risk_notes, session_start, kind, is_process_note ON notes
BEGIN
    INSERT INTO notes_fts (rowid, body, names, meta)
        SELECT note_id, body, names, meta FROM note_search_source
        WHERE note_id = NEW.id;
END;

-- Every entry again, with the new tokens (a new vault has none: its index is left as it is).
INSERT INTO notes_fts (notes_fts) SELECT 'delete-all' WHERE EXISTS (SELECT 1 FROM notes);
INSERT INTO notes_fts (rowid, body, names, meta)
    SELECT note_id, body, names, meta FROM note_search_source;
