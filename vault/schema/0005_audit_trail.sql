-- Schema 5: the audit trail, append-only and hash-chained.
-- Shipped: never edit this file; add the next number instead.
--
-- Each entry names what happened and to which record, by kind and id only: never a name, a
-- note's text or a search term (vault/audit/). entry_hash is the SHA-256 of the previous
-- entry's hash and this entry's canonical content, so an edited, removed, inserted or
-- reordered entry breaks the chain at that point; vault_meta's audit_head names the newest
-- entry, and is sealed into the header at every lock, so removing the newest entries shows.
-- client_id has no foreign key on purpose: a destroyed client's entries remain as ids.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY CHECK (seq >= 1),
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_kind TEXT,
    record_id   INTEGER,
    client_id   INTEGER,
    detail      TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
    entry_hash  TEXT NOT NULL CHECK (length(entry_hash) = 64)
);
CREATE INDEX audit_log_by_client ON audit_log (client_id, seq);
CREATE INDEX audit_log_by_time ON audit_log (at, seq);

CREATE TRIGGER audit_log_refuse_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_refuse_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_next_in_line BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit_log), 0) + 1
BEGIN
    SELECT RAISE(ABORT, 'audit entries are appended in order');
END;

INSERT INTO vault_meta (key, value) VALUES ('audit_head', '');
