-- sqlc-style queries: PostgreSQL's own $n parameters.

-- name: GetUser :one
SELECT id, email, name, plan FROM users WHERE id = $1 LIMIT 1;

-- name: SearchUsers :many
SELECT id, email, name
FROM users
WHERE email LIKE '%' || $1 || '%' OR name ILIKE $1 || '%'
ORDER BY id
LIMIT $2;

-- name: UsersByDomain :many
SELECT id, email FROM users WHERE email LIKE '%@' || $1 ORDER BY id;

-- name: UpdatePlan :exec
UPDATE users SET plan = $2 WHERE id = $1;

-- name: UserLabel :one
SELECT user_label($1) AS label;

-- name: ExpireSessions :exec
DELETE FROM sessions;
