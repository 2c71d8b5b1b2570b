-- Limits of an account.

-- name: limits_page
-- The limits screen pages through an account's limits.
SELECT l.uid, l.limit_type, l.currency, l.amount, l.updated_at
FROM sdk_examples_account_limit AS l
WHERE l.account_uid = %(account_uid)s
LIMIT %(limit)s OFFSET %(offset)s;

-- name: daily_limits
SELECT l.uid, l.currency, l.amount
FROM sdk_examples_account_limit AS l
WHERE l.account_uid = %(account_uid)s
  AND l.limit_type = 'daily'
ORDER BY l.currency, l.uid;

-- name: upsert_limit
INSERT INTO sdk_examples_account_limit (account_uid, limit_type, currency, amount)
VALUES (%(account_uid)s, %(limit_type)s, %(currency)s, %(amount)s)
ON CONFLICT (account_uid, limit_type, currency)
DO UPDATE SET amount = EXCLUDED.amount, updated_at = now()
RETURNING uid, amount;

-- name: limit_usage
-- Exposure per limit, for the risk dashboard.
SELECT l.uid, l.limit_type, l.amount, e.used_amount
FROM sdk_examples_account_limit AS l
JOIN sdk_examples_limit_exposure AS e ON e.limit_uid = l.uid
WHERE l.account_uid = %(account_uid)s
ORDER BY l.uid;
