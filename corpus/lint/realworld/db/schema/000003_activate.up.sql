-- golang-migrate: a data-only up migration, told by its name.
SELECT pg_advisory_xact_lock(42);
UPDATE users SET status = 'active' WHERE status IS NULL;
