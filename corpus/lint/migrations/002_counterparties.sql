-- Counterparties an account trades with.

CREATE TABLE sdk_examples_counterparty (
    uid          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_uid  uuid NOT NULL REFERENCES sdk_examples_account (uid) ON DELETE RESTRICT,
    name         text NOT NULL,
    country_code varchar(2) NOT NULL,
    iban         varchar(34),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sdk_examples_counterparty_account_idx
    ON sdk_examples_counterparty (account_uid, name);

-- Seed the house account so that the demo has a parent row.
INSERT INTO sdk_examples_account
VALUES (gen_random_uuid(), 'HOUSE', 'House account', 'EU', 'active', now());
