-- Flyway runs this callback after every migrate
SELECT setval('jobs_id_seq', (SELECT coalesce(max(id), 1) FROM jobs));
