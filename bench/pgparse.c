/*
 * pgparse.c - the parsing floor: libpg_query's raw parser alone, bracketed by
 * its memory-context calls exactly as guard/pg/parse.c brackets it, with the
 * error and stderr buffers released the same way. Kept apart from bench.c so
 * that only this file sees PostgreSQL's server headers.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <stdlib.h>

#include "pgparse.h"

int bench_pg_raw_parse(const char *sql)
{
    MemoryContext ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError parsed = pg_query_raw_parse(sql);
    int ok = parsed.error == NULL && parsed.tree != NULL;
    if (parsed.error)
        pg_query_free_error(parsed.error);
    free(parsed.stderr_buffer);
    pg_query_exit_memory_context(ctx);
    return ok;
}
