-- Audit trail for account changes.
-- Review note: the table name lacks the project prefix; shared schemas collide on it.
CREATE TABLE account_audit (
    uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_uid uuid NOT NULL REFERENCES sdk_examples_account (uid),
    changed_at timestamptz NOT NULL DEFAULT now(),
    change jsonb NOT NULL
);

CREATE INDEX sdk_examples_account_audit_account_idx ON account_audit (account_uid);
