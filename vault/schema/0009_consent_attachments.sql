-- Schema 9: signed forms (a scan or a PDF) attached to a consent or a release, inside the vault.
-- Shipped: never edit this file; add the next number instead.
--
-- The list (name, type, size, SHA-256, when) and the bytes live in two tables, so listing a
-- client's forms never reads megabytes of scans. A form is evidence: it is never edited. It
-- leaves the record only as "replaced" (by a better scan, linked) or "attached by mistake";
-- then its bytes are deleted (secure_delete zeroes their pages) and its row stays, with its
-- SHA-256, as the trace that a form was there. A form removed as a mistake also loses its file
-- name, which may name someone else. Rows follow their consent or release (and client) when
-- those are deleted, so destroying a client's record takes its forms with it.
CREATE TABLE consent_attachments (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    consent_id  INTEGER REFERENCES consents (id) ON DELETE CASCADE,
    release_id  INTEGER REFERENCES releases (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL
        CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/tiff')),
    size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at    TEXT NOT NULL,
    removed_at  TEXT,
    removal     TEXT CHECK (removal IN ('replaced', 'mistake')),
    replaced_by INTEGER REFERENCES consent_attachments (id),
    CHECK ((consent_id IS NULL) <> (release_id IS NULL)),
    CHECK ((removed_at IS NULL) = (removal IS NULL)),
    CHECK (replaced_by IS NULL OR removal = 'replaced'),
    CHECK (length(trim(file_name)) > 0 OR removal = 'mistake')
);
CREATE INDEX consent_attachments_by_consent ON consent_attachments (consent_id);
CREATE INDEX consent_attachments_by_release ON consent_attachments (release_id);
CREATE INDEX consent_attachments_by_client ON consent_attachments (client_id);

CREATE TABLE consent_attachment_bytes (
    attachment_id INTEGER PRIMARY KEY REFERENCES consent_attachments (id) ON DELETE CASCADE,
    data          BLOB NOT NULL
);

-- The one change a form's row may take: from current to removed, once, its identity kept.
CREATE TRIGGER consent_attachments_only_removed BEFORE UPDATE ON consent_attachments
WHEN OLD.removed_at IS NOT NULL
    OR NEW.removed_at IS NULL
    OR NEW.id IS NOT OLD.id
    OR NEW.client_id IS NOT OLD.client_id
    OR NEW.consent_id IS NOT OLD.consent_id
    OR NEW.release_id IS NOT OLD.release_id
    OR NEW.media_type IS NOT OLD.media_type
    OR NEW.size_bytes IS NOT OLD.size_bytes
    OR NEW.sha256 IS NOT OLD.sha256
    OR NEW.added_at IS NOT OLD.added_at
    OR (NEW.file_name IS NOT OLD.file_name AND NEW.file_name <> '')
BEGIN
    SELECT RAISE(ABORT, 'an attached form never changes: replace it or remove it');
END;
CREATE TRIGGER consent_attachment_bytes_refuse_update BEFORE UPDATE ON consent_attachment_bytes
BEGIN
    SELECT RAISE(ABORT, 'an attached form never changes: replace it or remove it');
END;
-- The bytes of a form still in the record stay; a removed form's bytes (or a deleted row's)
-- may go.
CREATE TRIGGER consent_attachment_bytes_kept BEFORE DELETE ON consent_attachment_bytes
WHEN EXISTS (
    SELECT 1 FROM consent_attachments WHERE id = OLD.attachment_id AND removed_at IS NULL
)
BEGIN
    SELECT RAISE(ABORT, 'an attached form never changes: replace it or remove it');
END;
