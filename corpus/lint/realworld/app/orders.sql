-- Queries run by the application through psycopg: cursor.execute(query, params).
-- A '%' that is SQL is doubled, as psycopg wants it.

-- name: orders_for_customer
SELECT id, sku, quantity
FROM orders
WHERE customer_id = %(customer_id)s AND note LIKE 'rush%%'
ORDER BY id;

-- name: orders_by_sku_prefix
SELECT id, sku FROM orders WHERE sku LIKE 'A-%' AND customer_id = %(customer_id)s ORDER BY id;

-- name: orders_matching
SELECT id, sku FROM orders WHERE note ILIKE '%%%(term)s%%' ORDER BY id;

-- name: order_share
SELECT id, quantity * 100 / %(total)s AS pct FROM orders WHERE id = %(id)s;
