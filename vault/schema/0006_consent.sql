-- Schema 6: confidentiality as records: the practice's policy, consent and its limits,
-- releases of information, disclosures, and clients' access and amendment requests.
-- Shipped: never edit this file; add the next number instead.
--
-- A policy version is never changed once written, so what a client agreed to stays what they
-- agreed to. Disclosures are append-only: the accounting of disclosures must be complete.
CREATE TABLE consent_policies (
    version    INTEGER PRIMARY KEY CHECK (version >= 1),
    body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
    created_at TEXT NOT NULL
);
CREATE TRIGGER consent_policies_refuse_update BEFORE UPDATE ON consent_policies
BEGIN
    SELECT RAISE(ABORT, 'a policy version cannot change; write a new version');
END;
CREATE TRIGGER consent_policies_refuse_delete BEFORE DELETE ON consent_policies
BEGIN
    SELECT RAISE(ABORT, 'a policy version cannot change; write a new version');
END;

CREATE TABLE consents (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients (id),
    policy_version     INTEGER NOT NULL REFERENCES consent_policies (version),
    given_on           TEXT NOT NULL,
    how                TEXT NOT NULL CHECK (how IN ('signed_paper', 'electronic', 'verbal')),
    limits_explained   TEXT NOT NULL DEFAULT '[]',
    telehealth         INTEGER NOT NULL DEFAULT 0 CHECK (telehealth IN (0, 1)),
    telehealth_privacy TEXT NOT NULL DEFAULT '',
    review_due         TEXT NOT NULL,
    withdrawn_on       TEXT,
    created_at         TEXT NOT NULL,
    CHECK (review_due >= given_on),
    CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX consents_by_client ON consents (client_id, given_on);

CREATE TABLE consent_revisits (
    id           INTEGER PRIMARY KEY,
    consent_id   INTEGER NOT NULL REFERENCES consents (id),
    revisited_on TEXT NOT NULL,
    discussed    TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX consent_revisits_by_consent ON consent_revisits (consent_id, revisited_on);

CREATE TABLE releases (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id),
    recipient_name    TEXT NOT NULL CHECK (length(trim(recipient_name)) > 0),
    recipient_org     TEXT NOT NULL DEFAULT '',
    recipient_address TEXT NOT NULL DEFAULT '',
    purpose           TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
    information       TEXT NOT NULL CHECK (length(trim(information)) > 0),
    disclosed_by      TEXT NOT NULL DEFAULT '',
    starts_on         TEXT NOT NULL,
    expires_on        TEXT,
    expiry_event      TEXT NOT NULL DEFAULT '',
    signed_on         TEXT NOT NULL,
    revoked_on        TEXT,
    created_at        TEXT NOT NULL,
    CHECK (expires_on IS NOT NULL OR length(trim(expiry_event)) > 0),
    CHECK (expires_on IS NULL OR expires_on >= starts_on),
    CHECK (revoked_on IS NULL OR revoked_on >= signed_on)
);
CREATE INDEX releases_by_client ON releases (client_id, starts_on);

CREATE TABLE disclosures (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    disclosed_on  TEXT NOT NULL,
    recipient     TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    information   TEXT NOT NULL CHECK (length(trim(information)) > 0),
    basis         TEXT NOT NULL CHECK (basis IN ('release', 'client_request', 'legal_exception')),
    release_id    INTEGER REFERENCES releases (id),
    exception     TEXT,
    justification TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    CHECK (basis <> 'release' OR release_id IS NOT NULL),
    CHECK (basis <> 'legal_exception' OR (exception IS NOT NULL AND length(trim(justification)) > 0))
);
CREATE INDEX disclosures_by_client ON disclosures (client_id, disclosed_on);
CREATE TRIGGER disclosures_refuse_update BEFORE UPDATE ON disclosures
BEGIN
    SELECT RAISE(ABORT, 'a disclosure cannot be changed: the accounting must stay whole');
END;
CREATE TRIGGER disclosures_refuse_delete BEFORE DELETE ON disclosures
BEGIN
    SELECT RAISE(ABORT, 'a disclosure cannot be changed: the accounting must stay whole');
END;

CREATE TABLE access_requests (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    received_on      TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    extended_to      TEXT,
    extension_reason TEXT NOT NULL DEFAULT '',
    fulfilled_on     TEXT,
    fulfilled_how    TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    CHECK (fulfilled_on IS NULL OR fulfilled_on >= received_on)
);
CREATE INDEX access_requests_by_client ON access_requests (client_id, received_on);

CREATE TABLE amendment_requests (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients (id),
    note_id         INTEGER REFERENCES notes (id),
    received_on     TEXT NOT NULL,
    what_asked      TEXT NOT NULL CHECK (length(trim(what_asked)) > 0),
    due_on          TEXT NOT NULL,
    decision        TEXT CHECK (decision IN ('accepted', 'denied')),
    decided_on      TEXT,
    reason          TEXT NOT NULL DEFAULT '',
    amendment_id    INTEGER REFERENCES note_addenda (id),
    disagreement    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    CHECK (decided_on IS NULL OR decided_on >= received_on)
);
CREATE INDEX amendment_requests_by_client ON amendment_requests (client_id, received_on);
