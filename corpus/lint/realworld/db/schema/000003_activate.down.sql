-- golang-migrate: undoes 000003 as a whole, told by its name: emptying the
-- table it filled is what it means to do (no dml.missing-where).
UPDATE users SET status = NULL;
