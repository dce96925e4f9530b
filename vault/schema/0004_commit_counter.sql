-- Schema 4: a commit counter and an epoch, so an older copy of a vault is noticed.
-- Shipped: never edit this file; add the next number instead.
--
-- Every write transaction adds one to commit_counter (vault/store/database.py). The epoch is
-- a random id that a restore made by Confidant replaces, so a deliberate restore is not taken
-- for a rollback (vault/store/rollback.py).
INSERT INTO vault_meta (key, value) VALUES ('commit_counter', '0');
INSERT INTO vault_meta (key, value) VALUES ('epoch', lower(hex(randomblob(16))));
