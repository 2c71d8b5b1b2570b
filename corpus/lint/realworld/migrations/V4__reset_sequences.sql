-- A data-only migration: its name says what it is.
SELECT setval('jobs_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM jobs), false);
