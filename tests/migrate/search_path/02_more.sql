SET search_path = app, public;
ALTER TABLE accounts ADD COLUMN name text;
ALTER TABLE events ADD COLUMN kind text;
CREATE INDEX orders_account_idx ON orders (account_id);
SET search_path TO DEFAULT;
