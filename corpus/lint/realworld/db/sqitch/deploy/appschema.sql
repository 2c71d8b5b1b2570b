-- Deploy app:appschema to pg

BEGIN;

CREATE SCHEMA app;

COMMIT;
