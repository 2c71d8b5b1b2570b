-- Types renamed or moved: the columns' types follow them.
CREATE TYPE mood AS ENUM ('ok');
CREATE TABLE t_mood (id int PRIMARY KEY, m mood, ms mood[]);
ALTER TYPE mood RENAME TO feeling;
ALTER TYPE feeling ADD VALUE 'meh';
CREATE DOMAIN email AS text;
ALTER TABLE t_mood ADD COLUMN e email;
ALTER DOMAIN email RENAME TO email_addr;
CREATE TYPE pair AS (a int, b int);
ALTER TABLE t_mood ADD COLUMN p pair;
ALTER TYPE pair SET SCHEMA app;
-- Dropped with CASCADE, a type takes its columns (and arrays of it) along.
CREATE TYPE gone AS ENUM ('x');
CREATE DOMAIN gone_d AS int;
ALTER TABLE t_mood ADD COLUMN g gone, ADD COLUMN gs gone[], ADD COLUMN gd gone_d;
DROP TYPE gone CASCADE;
DROP DOMAIN gone_d CASCADE;
