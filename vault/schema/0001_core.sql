-- Schema 1: clients, notes with participants, unsaved-edit drafts.
-- Shipped: never edit this file; add the next number instead.
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE clients (
    id                INTEGER PRIMARY KEY,
    full_name         TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    preferred_name    TEXT NOT NULL DEFAULT '',
    pronouns          TEXT NOT NULL DEFAULT '',
    date_of_birth     TEXT,
    email             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    emergency_contact TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    start_date        TEXT,
    referral_source   TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    archived_at       TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX clients_by_status_name ON clients (status, full_name COLLATE NOCASE);

CREATE TABLE notes (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    session_start    TEXT NOT NULL,
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
    modality         TEXT NOT NULL DEFAULT 'in_person',
    service_type     TEXT NOT NULL DEFAULT 'individual',
    body             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE note_participants (
    note_id   INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    PRIMARY KEY (note_id, client_id)
) WITHOUT ROWID;
CREATE INDEX note_participants_by_client ON note_participants (client_id, note_id);

CREATE TABLE drafts (
    key        TEXT PRIMARY KEY,
    payload    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
