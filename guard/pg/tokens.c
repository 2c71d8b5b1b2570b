/*
 * tokens.c - places in the SQL text that the parse tree does not record.
 *
 * PostgreSQL's raw tree keeps the location of a LIMIT's value but not of the
 * LIMIT, OFFSET or FETCH keyword before it. libpg_query's scanner finds it:
 * the clause's first keyword is the last of those keyword tokens before its
 * first value (only FIRST/NEXT, signs and parentheses lie between a keyword
 * and its value, and nothing holding a subquery follows the top-level clause,
 * so a value without a place still finds the right keyword). The scan is
 * spent only where a rule points at the clause: a top-level LIMIT without
 * ORDER BY.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "pg/parse.h"

int sg__place_limit_clause(const char *sql, sg__facts *facts)
{
    sg__top_select *t = &facts->top;
    if (facts->kind != SG_STMT_SELECT || !(t->has_limit || t->has_offset) || t->has_order_by)
        return 0;
    PgQueryScanResult r = pg_query_scan(sql);
    int rc = 0;
    if (!r.error) {
        PgQuery__ScanResult *scan =
            pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
        int before = t->limit_location >= 0 ? t->limit_location : INT_MAX;
        for (size_t i = 0; scan && i < scan->n_tokens; i++) {
            const PgQuery__ScanToken *tok = scan->tokens[i];
            if (tok->start >= before)
                break;
            if (tok->token == PG_QUERY__TOKEN__LIMIT || tok->token == PG_QUERY__TOKEN__OFFSET ||
                tok->token == PG_QUERY__TOKEN__FETCH)
                t->limit_location = tok->start;
        }
        if (scan)
            pg_query__scan_result__free_unpacked(scan, NULL);
        else
            rc = -1; /* protobuf-c could not allocate the tokens */
    }
    /* A text that parsed always scans; should it not, the value's place stays. */
    pg_query_free_scan_result(r);
    return rc;
}
