-- Schema 8: a number held on the consent-extras branch for the step another branch ships as 8.
-- This branch's step 9 needs 8 taken to load. Drop this file and its pin in
-- tests/vault/schema/test_shipped_steps.py when the real 0008 is merged: two steps numbered 8
-- refuse to load, so a merge that keeps both fails at once instead of skipping a step.
SELECT 1;
