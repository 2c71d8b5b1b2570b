-- Queries inside EXPLAIN, PREPARE, COPY (query) TO and DECLARE CURSOR are
-- linted as the statements they are: PostgreSQL resolves their names too.

-- Fine: the plan of a valid query; EXPLAIN returns no rows, so no ORDER BY is due.
EXPLAIN SELECT a.uid, a.name FROM sdk_examples_account AS a LIMIT 10;

-- A misspelt column under EXPLAIN ANALYZE.
EXPLAIN (ANALYZE, BUFFERS) SELECT a.uid, a.nmae FROM sdk_examples_account AS a WHERE a.uid = $1;

-- EXPLAIN ANALYZE runs the DELETE it plans.
EXPLAIN ANALYZE DELETE FROM sdk_examples_counterparty;

-- A table the catalog does not have.
EXPLAIN SELECT * FROM sdk_examples_ledger;

-- Fine: a prepared key lookup.
PREPARE account_by_uid (uuid) AS
SELECT a.uid, a.name FROM sdk_examples_account AS a WHERE a.uid = $1;

-- A prepared update of a column that is not there.
PREPARE close_account AS UPDATE sdk_examples_account SET closed_at = now() WHERE uid = $1;

-- Fine: running a prepared statement, and planning one.
EXECUTE account_by_uid ('5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01');
EXPLAIN EXECUTE account_by_uid ('5a0f7c1e-8d3b-4e2a-b6c4-1f9e8d7c6b01');

-- An export whose column is misspelt.
COPY (SELECT c.uid, c.country FROM sdk_examples_counterparty AS c ORDER BY c.uid) TO STDOUT WITH (FORMAT csv);

-- Fine: an ordered export, and a table copied whole.
COPY (SELECT c.uid, c.country_code FROM sdk_examples_counterparty AS c ORDER BY c.uid) TO STDOUT;
COPY sdk_examples_counterparty TO STDOUT;

-- A cursor over a column that is not there.
DECLARE accounts_cursor CURSOR FOR SELECT a.uid, a.region FROM sdk_examples_account AS a ORDER BY a.uid;

-- EXPLAIN plans the CREATE TABLE AS, or the SELECT ... INTO, it is given and makes
-- nothing: the query is linted, and the file stays a file of queries.
EXPLAIN CREATE TABLE sdk_examples_account_copy AS SELECT a.uid, a.nmae FROM sdk_examples_account AS a;
EXPLAIN SELECT a.uid INTO sdk_examples_account_copy FROM sdk_examples_account AS a;
SELECT a.uid, a.nmae FROM sdk_examples_account AS a WHERE a.uid = $1;

-- An export of every row has no pages: no ORDER BY is due. A prepared query that
-- pages without one is told so at its SELECT.
COPY (SELECT a.uid, a.name FROM sdk_examples_account AS a) TO STDOUT WITH (FORMAT csv);
PREPARE all_accounts AS SELECT a.uid, a.name FROM sdk_examples_account AS a;
