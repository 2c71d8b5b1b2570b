-- Tables follow the search path: unqualified ones are created in its first schema and
-- found in the first schema that has them.
CREATE SCHEMA app;
SET search_path TO "$user", app, public;
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts);
CREATE TABLE public.audit (id int PRIMARY KEY);
ALTER TABLE audit ADD COLUMN note text;
SET LOCAL search_path = public;
CREATE TABLE events (id int PRIMARY KEY);
SET search_path TO app;
CREATE TABLE audit (id int, at timestamptz);
RESET search_path;
CREATE TABLE plain (id int);
ALTER TABLE audit ADD COLUMN who text;
