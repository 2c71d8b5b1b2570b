-- a Flyway baseline migration: the schema as of version 2, for new databases
CREATE TABLE IF NOT EXISTS settings (key text PRIMARY KEY, value text NOT NULL);
SELECT set_config('app.baseline', '2', false);
