-- Job queue: one table, a notification trigger, an index for the claim query.
-- About 100% of the traffic goes through claim_job (see queries/jobs.sql).

CREATE TABLE jobs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue       text        NOT NULL DEFAULT 'default',
    state       text        NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'running', 'done', 'failed')),
    priority    integer     NOT NULL DEFAULT 0,
    payload     jsonb       NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz
);

CREATE INDEX jobs_claim_idx ON jobs (queue, priority DESC, id) WHERE state = 'queued';

CREATE TABLE jobs_archive (LIKE jobs INCLUDING DEFAULTS);

CREATE OR REPLACE FUNCTION jobs_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- wake the workers of this queue; 0% overhead when nobody listens
    PERFORM pg_notify('jobs_' || NEW.queue, NEW.id::text);
    RAISE NOTICE 'job % queued on %', NEW.id, NEW.queue;
    RETURN NEW;
END;
$$;

CREATE TRIGGER jobs_notify AFTER INSERT ON jobs
    FOR EACH ROW EXECUTE FUNCTION jobs_notify();
