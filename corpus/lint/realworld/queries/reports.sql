-- Reports: formatting with '%', arithmetic and flags in the select list.

-- name: PlanShares :many
SELECT plan,
       count(*) AS users,
       to_char(100.0 * count(*) / sum(count(*)) OVER (), 'FM990.0') || '%' AS share,
       format('%s users on %s', count(*), plan) AS caption,
       count(*) FILTER (WHERE status = 'active') AS active
FROM users
GROUP BY plan
ORDER BY plan;

-- name: UserCards :many
SELECT id,
       concat('%', upper(left(name, 1)), '%') AS badge,
       plan = 'free' AS on_free_plan,
       CASE WHEN status = 'active' THEN 'ok' ELSE 'check' END AS health,
       extract(epoch FROM now() - created_at) / 86400 AS age_days
FROM users
WHERE created_at >= $1
ORDER BY id;
