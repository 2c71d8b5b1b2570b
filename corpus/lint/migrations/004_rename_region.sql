-- Accounts are now placed by the region of their home branch; the old name read as
-- the region of the account's trades.
ALTER TABLE sdk_examples_account RENAME COLUMN region TO home_region;
