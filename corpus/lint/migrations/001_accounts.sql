-- Accounts and their limits.
--
-- Every table carries the project prefix sdk_examples_: the schema is shared
-- with other applications, and a bare name such as "account" would collide.

CREATE TABLE sdk_examples_account (
    uid          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_code varchar(64)  NOT NULL UNIQUE,
    name         varchar(255) NOT NULL,
    region       varchar(32)  NOT NULL,
    status       varchar(16)  NOT NULL DEFAULT 'active',
    opened_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE sdk_examples_account_limit (
    uid         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_uid uuid NOT NULL REFERENCES sdk_examples_account (uid) ON DELETE RESTRICT,
    limit_type  varchar(64)   NOT NULL,
    currency    varchar(3)    NOT NULL,
    amount      numeric(18,2) NOT NULL CHECK (amount >= 0),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (account_uid, limit_type, currency)
);

CREATE INDEX sdk_examples_account_limit_account_idx
    ON sdk_examples_account_limit (account_uid);
