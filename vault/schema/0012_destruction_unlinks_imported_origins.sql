-- Schema 12: a destroyed client leaves no link in where imported notes came from.
-- Shipped: never edit this file; add the next number instead.
--
-- `imported_notes.seal_ids` (schema 11) pairs each local participant of an imported signed
-- note with the id its seal used. When a participant of an imported joint note was destroyed,
-- the note's redaction took them out of the note but schema 11 kept their pair, so the
-- tombstone's client id still named the notes that client had shared. From now on the
-- destruction removes that pair: the one change an origin ever takes, under the destruction's
-- permit, once this destruction's redaction record of that note exists, and exactly that pair
-- (the rest of the row as it was). This step also removes the pairs earlier destructions left:
-- a pair whose client is no participant of its note any more (participants of a signed note
-- leave only by redaction).
--
-- The exception for deleting an imported addendum's origin is narrowed to what a destruction
-- removes, as schema 8 narrows it for the addendum itself: the addenda of a note that leaves
-- whole, and the amendments the client being destroyed asked for, listed in this
-- destruction's redaction record. Schema 11 let any addendum of a note the client shared go.
DROP TRIGGER imported_notes_refuse_update;

UPDATE imported_notes SET seal_ids = (
    SELECT json_group_array(json(pair.value)) FROM json_each(imported_notes.seal_ids) AS pair
    WHERE json_extract(pair.value, '$[0]') IN (
        SELECT p.client_id FROM note_participants p WHERE p.note_id = imported_notes.note_id
    )
)
WHERE EXISTS (
    SELECT 1 FROM json_each(imported_notes.seal_ids) AS pair
    WHERE json_extract(pair.value, '$[0]') NOT IN (
        SELECT p.client_id FROM note_participants p WHERE p.note_id = imported_notes.note_id
    )
);

CREATE TRIGGER imported_notes_refuse_update BEFORE UPDATE ON imported_notes
WHEN NEW.note_id IS NOT OLD.note_id
    OR NEW.source_note_id IS NOT OLD.source_note_id
    OR NEW.source_sha256 IS NOT OLD.source_sha256
    OR NEW.others IS NOT OLD.others
    OR NEW.redacted_copy IS NOT OLD.redacted_copy
    OR NEW.left_out_sections IS NOT OLD.left_out_sections
    OR NEW.left_out_amendments IS NOT OLD.left_out_amendments
    OR NEW.copy_sha256 IS NOT OLD.copy_sha256
    OR NEW.imported_at IS NOT OLD.imported_at
    OR NOT EXISTS (
        SELECT 1 FROM destruction_in_progress d JOIN note_redactions r
            ON r.note_id = OLD.note_id AND r.id > d.redactions_before
        WHERE EXISTS (
                SELECT 1 FROM json_each(OLD.seal_ids) AS pair
                WHERE json_extract(pair.value, '$[0]') = d.client_id
            )
            AND NEW.seal_ids IS (
                SELECT json_group_array(json(pair.value)) FROM json_each(OLD.seal_ids) AS pair
                WHERE json_extract(pair.value, '$[0]') <> d.client_id
            )
    )
BEGIN
    SELECT RAISE(ABORT, 'an imported note''s origin cannot change');
END;

DROP TRIGGER imported_addenda_refuse_delete;
CREATE TRIGGER imported_addenda_refuse_delete BEFORE DELETE ON imported_addenda
WHEN NOT EXISTS (
    SELECT 1 FROM note_addenda a
    WHERE a.id = OLD.addendum_id
        AND (
            a.note_id IN (SELECT note_id FROM notes_leaving_with_destruction)
            OR EXISTS (
                SELECT 1 FROM destruction_in_progress d JOIN note_redactions r
                    ON r.note_id = a.note_id AND r.id > d.redactions_before
                WHERE d.client_id = a.requested_by
                    AND EXISTS (SELECT 1 FROM json_each(r.addenda_removed) WHERE value = a.id)
            )
        )
)
BEGIN
    SELECT RAISE(ABORT, 'an imported note''s origin cannot change');
END;
