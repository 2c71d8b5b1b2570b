-- Counterparty search and maintenance.

-- name: search_counterparties
-- Prefix search on the name, for the picker.
SELECT c.uid, c.name, c.country_code
FROM sdk_examples_counterparty AS c
WHERE c.account_uid = %(account_uid)s
  AND c.name ILIKE '%(prefix)s%%'
ORDER BY c.name, c.uid
LIMIT 20;

-- name: fuzzy_counterparties
-- Typo-tolerant search (pg_trgm).
SELECT c.uid, c.name, similarity(c.name, %(q)s) AS score
FROM sdk_examples_counterparty AS c
WHERE c.account_uid = %(account_uid)s
ORDER BY score DESC, c.uid
LIMIT 20;

-- name: counterparty_card
-- The IBAN is masked by the application's own function.
SELECT c.uid, c.name, app.mask_iban(c.iban) AS iban
FROM sdk_examples_counterparty AS c
WHERE c.uid = %(uid)s
ORDER BY c.uid;

-- name: rename_counterparty
UPDATE sdk_examples_counterparty
SET name = %(name)s
WHERE uid = %(uid)s;
