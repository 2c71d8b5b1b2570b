CREATE TABLE sdk_examples_account (
    uid uuid PRIMARY KEY,
    account_code text NOT NULL UNIQUE,
    name text NOT NULL,
    region text
);

CREATE INDEX sdk_examples_account_region ON sdk_examples_account (region);
