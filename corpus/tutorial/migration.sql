-- The seed tutorial's tables, as a migration would create them: project-prefixed
-- names, a unique account code, and limits that restrict deleting their account.
CREATE TABLE sdk_examples_account (
    uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_code varchar(64) NOT NULL UNIQUE,
    name varchar(255) NOT NULL,
    region varchar(32) NOT NULL
);
CREATE TABLE sdk_examples_account_limit (
    uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_uid uuid NOT NULL REFERENCES sdk_examples_account (uid) ON DELETE RESTRICT,
    limit_type varchar(64) NOT NULL,
    currency varchar(3) NOT NULL
);
