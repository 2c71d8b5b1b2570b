-- Tables go: alone, together, with CASCADE; a schema with its tables.
DROP TABLE IF EXISTS nope;
DROP TABLE link;
DROP TABLE referenced CASCADE;
DROP TABLE dup, parted;
CREATE TABLE app.keep (id int PRIMARY KEY);
CREATE TABLE outside (k int REFERENCES app.keep);
DROP SCHEMA app CASCADE;
CREATE TABLE dup (a int PRIMARY KEY, b int UNIQUE);
ALTER TABLE "MixedCase" RENAME COLUMN "Name" TO "FullName";
ALTER TABLE "MixedCase" ADD COLUMN "Other" int REFERENCES "MixedCase" ("Id");
