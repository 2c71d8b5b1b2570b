-- Every account gets a region before the column becomes NOT NULL.
UPDATE sdk_examples_account SET region = 'EU'; -- sqlguard-disable-line dml.missing-where -- a backfill: every row is meant
ALTER TABLE sdk_examples_account ALTER COLUMN region SET NOT NULL;
