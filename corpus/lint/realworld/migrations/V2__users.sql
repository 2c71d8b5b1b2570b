-- Users and sessions, with a lookup function and a data backfill.

CREATE TABLE users (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    name        text NOT NULL,
    plan        text NOT NULL DEFAULT 'free',
    status      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
    token       text PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL
);

CREATE FUNCTION user_label(p_id bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    v_name text;
BEGIN
    SELECT name INTO v_name FROM users WHERE id = p_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'user % not found', p_id USING ERRCODE = 'P0002';
    END IF;
    RETURN format('%s <#%s>', v_name, p_id);
END;
$fn$;

-- Backfill: rows written before the status column existed.
UPDATE users SET status = 'active' WHERE status IS NULL;
UPDATE users SET plan = 'starter' WHERE plan = 'free' AND created_at < '2024-01-01';

DO $$
BEGIN
    RAISE NOTICE '% users backfilled', (SELECT count(*) FROM users);
END
$$;

ALTER TABLE users ALTER COLUMN status SET NOT NULL;
