-- The job queue: claim with SKIP LOCKED, archive through a data-modifying CTE.

-- name: EnqueueJob :one
INSERT INTO jobs (queue, priority, payload) VALUES ($1, $2, $3) RETURNING id;

-- name: ClaimJob :one
UPDATE jobs
SET state = 'running', started_at = now(), attempts = attempts + 1
WHERE id = (
    SELECT id FROM jobs
    WHERE queue = $1 AND state = 'queued'
    ORDER BY priority DESC, id
    FOR UPDATE SKIP LOCKED
    LIMIT 1
)
RETURNING id, payload, attempts;

-- name: LockBatch :many
SELECT id, payload FROM jobs
WHERE queue = $1 AND state = 'queued'
ORDER BY id
LIMIT $2
FOR UPDATE SKIP LOCKED;

-- name: ArchiveDone :execrows
WITH moved AS (
    DELETE FROM jobs
    WHERE state = 'done' AND finished_at < now() - $1::interval
    RETURNING *
)
INSERT INTO jobs_archive SELECT * FROM moved;

-- name: RetryFailed :many
WITH retried AS (
    UPDATE jobs SET state = 'queued', attempts = 0
    WHERE state = 'failed' AND attempts < $1
    RETURNING id, queue
)
SELECT queue, count(*) AS n FROM retried GROUP BY queue ORDER BY queue;

-- name: QueueStats :many
SELECT queue, state, count(*) AS n,
       round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY queue), 1) AS pct
FROM jobs
GROUP BY queue, state
ORDER BY queue, state;

-- name: Throttle :exec
SELECT pg_sleep($1);
