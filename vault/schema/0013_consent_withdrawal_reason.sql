-- Schema 13: how and why a client withdrew their consent, kept with the withdrawal.
-- Shipped: never edit this file; add the next number instead.
--
-- A therapist notes how the withdrawal came (in writing, verbally) and what the client said.
-- Withdrawals recorded before this step keep an empty reason: nothing was asked for then.
ALTER TABLE consents ADD COLUMN withdrawal_reason TEXT NOT NULL DEFAULT '';
