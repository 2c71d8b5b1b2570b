-- A reporting view, written for a newer PostgreSQL than the one the tree
-- targets: PostgreSQL 15 refuses a sub-select in FROM without an alias.

CREATE VIEW plan_counts AS
SELECT plan, n
FROM (SELECT plan, count(*) AS n FROM users GROUP BY plan);
