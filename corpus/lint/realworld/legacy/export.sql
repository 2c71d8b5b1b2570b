-- An old export, kept as it was: the legacy policy allows SELECT * here.
SELECT * FROM sdk_examples_account ORDER BY uid;
INSERT INTO sdk_examples_account VALUES ($1, $2, $3, $4);
