-- name: account_by_code
SELECT uid, account_code, name, region
  FROM sdk_examples_account
 WHERE account_code = $1
 ORDER BY uid;

-- name: accounts_in_region
SELECT uid, name
  FROM sdk_examples_account
 WHERE region = $1
 ORDER BY account_code
 LIMIT $2 OFFSET $3;

-- name: rename_account
UPDATE sdk_examples_account SET name = $2 WHERE uid = $1;
