-- Nightly exports, read by the reporting job.

-- name: export_accounts
-- sqlguard-disable-next-line style.select-star -- the export mirrors the table; its columns follow the migrations
SELECT * FROM sdk_examples_account ORDER BY uid;

-- name: limits_by_region
/* sqlguard-disable paginate.order-by-unique -- equal totals may come in any order in this report */
SELECT a.region, l.currency, sum(l.amount) AS total
FROM sdk_examples_account_limit AS l
JOIN sdk_examples_account AS a ON a.uid = l.account_uid
GROUP BY a.region, l.currency
ORDER BY total DESC, a.region;
/* sqlguard-enable paginate.order-by-unique */

-- name: account_count
-- sqlguard-disable-next-line paginate.order-by-required -- a single aggregate row
SELECT count(*) AS accounts FROM sdk_examples_account;
