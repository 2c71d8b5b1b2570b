-- Account screens of the back office.

-- name: list_accounts
-- One page of accounts, optionally of one region.
SELECT uid, account_code, name, home_region, status
FROM sdk_examples_account
WHERE (%(region)s::text IS NULL OR home_region = %(region)s)
ORDER BY account_code
LIMIT %(limit)s OFFSET %(offset)s;

-- name: get_account
SELECT *
FROM sdk_examples_account
WHERE uid = %(uid)s
ORDER BY uid;

-- name: open_account
INSERT INTO sdk_examples_account (account_code, name, home_region)
VALUES (%(account_code)s, %(name)s, %(region)s)
RETURNING uid, account_code, name, home_region, status, opened_at;

-- name: close_account
UPDATE sdk_examples_account
SET status = %(status)s
WHERE uid = %(uid)s
RETURNING uid, status;
