-- Flyway replaces ${...} placeholders before the server reads this file
-- (flyway.placeholders.schema=app, flyway.placeholders.app_role=app_user).
CREATE TABLE ${schema}.audit_log (
    id bigserial PRIMARY KEY,
    actor text NOT NULL DEFAULT '${flyway:user}',
    action text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_at_idx ON ${schema}.audit_log (at);

GRANT SELECT, INSERT ON ${schema}.audit_log TO ${app_role};
GRANT USAGE ON SEQUENCE ${schema}.audit_log_id_seq TO ${app_role};

CREATE FUNCTION ${schema}.log_action(p_action text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO ${schema}.audit_log (action) VALUES (p_action);
$$;

INSERT INTO ${schema}.audit_log (action) VALUES ('installed at ${flyway:timestamp}');
