-- Schema 08: reserved for a branch built at the same time; this placeholder does nothing.
-- Delete this file (and its line in tests/vault/schema/test_shipped_steps.py) when the branch
-- that owns number 0008 is merged: the runner refuses two steps with one number, loudly.
SELECT 1;
