/*
 * parse.c - runs libpg_query's raw parser and hands the tree to the walker.
 *
 * libpg_query keeps PostgreSQL's globals (the current memory context, the error
 * stack) thread-local, unlike the server headers that declare them, so this
 * file never touches them: it brackets each parse with libpg_query's own
 * enter/exit calls, copies out everything it keeps into the check's arena,
 * and only then releases the parser's memory. Where the tree lacks a location
 * (WHERE CURRENT OF), the parser's own scanner finds it in the text.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
#include "parser/scanner.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pg/parse.h"

long sg__pg_cursor_offset(const char *sql, int cursorpos)
{
    if (cursorpos <= 0)
        return -1;
    long chars = 0;
    const unsigned char *p = (const unsigned char *)sql;
    size_t i = 0;
    while (p[i]) {
        if ((p[i] & 0xC0) != 0x80) {
            if (chars == cursorpos - 1)
                return (long)i;
            chars++;
        }
        i++;
    }
    return (long)i;
}

static const struct {
    NodeTag tag;
    const char *name;
} other_names[] = {
    {T_CreateStmt, "CREATE TABLE"},
    {T_CreateTableAsStmt, "CREATE TABLE AS"},
    {T_ViewStmt, "CREATE VIEW"},
    {T_IndexStmt, "CREATE INDEX"},
    {T_CreateFunctionStmt, "CREATE FUNCTION"},
    {T_CreateSchemaStmt, "CREATE SCHEMA"},
    {T_CreateSeqStmt, "CREATE SEQUENCE"},
    {T_CreateTrigStmt, "CREATE TRIGGER"},
    {T_CreateRoleStmt, "CREATE ROLE"},
    {T_CreateExtensionStmt, "CREATE EXTENSION"},
    {T_RuleStmt, "CREATE RULE"},
    {T_AlterTableStmt, "ALTER TABLE"},
    {T_AlterRoleStmt, "ALTER ROLE"},
    {T_AlterSystemStmt, "ALTER SYSTEM"},
    {T_RenameStmt, "ALTER ... RENAME"},
    {T_DropStmt, "DROP"},
    {T_DropRoleStmt, "DROP ROLE"},
    {T_TruncateStmt, "TRUNCATE"},
    {T_CopyStmt, "COPY"},
    {T_DoStmt, "DO"},
    {T_CallStmt, "CALL"},
    {T_VariableSetStmt, "SET"},
    {T_VariableShowStmt, "SHOW"},
    {T_TransactionStmt, "transaction control"},
    {T_ExplainStmt, "EXPLAIN"},
    {T_GrantStmt, "GRANT/REVOKE"},
    {T_GrantRoleStmt, "GRANT/REVOKE role"},
    {T_LockStmt, "LOCK"},
    {T_VacuumStmt, "VACUUM/ANALYZE"},
    {T_PrepareStmt, "PREPARE"},
    {T_ExecuteStmt, "EXECUTE"},
    {T_DeallocateStmt, "DEALLOCATE"},
    {T_DeclareCursorStmt, "DECLARE CURSOR"},
    {T_FetchStmt, "FETCH/MOVE"},
    {T_ClosePortalStmt, "CLOSE"},
    {T_ListenStmt, "LISTEN"},
    {T_UnlistenStmt, "UNLISTEN"},
    {T_NotifyStmt, "NOTIFY"},
    {T_LoadStmt, "LOAD"},
    {T_DiscardStmt, "DISCARD"},
    {T_CheckPointStmt, "CHECKPOINT"},
    {T_ReindexStmt, "REINDEX"},
    {T_ClusterStmt, "CLUSTER"},
    {T_CommentStmt, "COMMENT"},
    {T_RefreshMatViewStmt, "REFRESH MATERIALIZED VIEW"},
};

static const char *other_name(NodeTag tag)
{
    for (size_t i = 0; i < sizeof other_names / sizeof other_names[0]; i++)
        if (other_names[i].tag == tag)
            return other_names[i].name;
    return "utility statement";
}

static int add_ddl(sg__arena *arena, sg__facts *facts, const char *schema, const char *name,
                   int location)
{
    if (!name)
        return 0;
    sg__relref *r = sg__vec_push(arena, &facts->ddl_relations, sizeof *r);
    if (!r)
        return -1;
    r->schema = schema ? sg__arena_strdup(arena, schema) : NULL;
    r->name = sg__arena_strdup(arena, name);
    r->location = location;
    r->in_cte = -1;
    return (schema && !r->schema) || !r->name ? -1 : 0;
}

/* A temporary table lives in the session's own schema and collides with no
 * project's: it is not recorded, but named as the statement's temporary
 * one. */
static int add_ddl_rv(sg__arena *arena, sg__facts *facts, const RangeVar *rv)
{
    if (rv && (rv->relpersistence == 't' /* RELPERSISTENCE_TEMP */ ||
               (rv->schemaname && strcmp(rv->schemaname, "pg_temp") == 0))) {
        facts->temp_created = rv->relname ? sg__arena_strdup(arena, rv->relname) : NULL;
        return rv->relname && !facts->temp_created ? -1 : 0;
    }
    return rv ? add_ddl(arena, facts, rv->schemaname, rv->relname, rv->location) : 0;
}

/* Where the new name of `ALTER ... RENAME TO name` stands: its last
 * occurrence in the statement after the old name (the raw tree gives it no
 * place), or the old name's place. */
static int new_name_location(const char *sql, int from, const char *name)
{
    size_t n = strlen(name), len = strlen(sql);
    int found = from;
    for (size_t i = from > 0 ? (size_t)from : 0; n > 0 && i + n <= len; i++)
        if (strncasecmp(sql + i, name, n) == 0)
            found = (int)i;
    return found;
}

/* Whether a relation of this kind is a table or view (not an index or
 * sequence), the naming rule's concern. */
static bool table_like(ObjectType type)
{
    return type == OBJECT_TABLE || type == OBJECT_VIEW || type == OBJECT_MATVIEW ||
           type == OBJECT_FOREIGN_TABLE;
}

/* Whether a statement other than DML is a migration's: DDL of any object
 * (tables, views, indexes, types, functions, triggers, extensions, schemas,
 * grants, comments, ...). Session and transaction statements, maintenance
 * and utility commands (SET, SHOW, BEGIN, VACUUM, COPY, TRUNCATE, LISTEN,
 * EXPLAIN, CALL, DO, ...) are not: scripts of queries and seeds hold them
 * too. */
static bool changes_schema(const Node *stmt)
{
    switch (nodeTag(stmt)) {
    case T_TransactionStmt:
    case T_VariableSetStmt:
    case T_VariableShowStmt:
    case T_ConstraintsSetStmt:
    case T_DiscardStmt:
    case T_ExplainStmt:
    case T_CopyStmt:
    case T_TruncateStmt:
    case T_VacuumStmt:
    case T_ReindexStmt:
    case T_ClusterStmt:
    case T_CheckPointStmt:
    case T_RefreshMatViewStmt:
    case T_LoadStmt:
    case T_LockStmt:
    case T_PrepareStmt:
    case T_ExecuteStmt:
    case T_DeallocateStmt:
    case T_DeclareCursorStmt:
    case T_FetchStmt:
    case T_ClosePortalStmt:
    case T_NotifyStmt:
    case T_ListenStmt:
    case T_UnlistenStmt:
    case T_CallStmt:
    case T_DoStmt:
        return false;
    default:
        return true;
    }
}

/* The names a DDL statement gives relations, for the naming rule of
 * migrations: the tables and views it creates, and the new name of one it
 * renames. A name it only alters, drops, truncates or renames away from is
 * history the migration cannot change (`ALTER TABLE legacy RENAME TO
 * sdk_legacy` is the fix, not a finding); indexes and sequences are not
 * tables. Only names are read; nothing is walked. */
static int collect_ddl(sg__arena *arena, const char *sql, const Node *stmt, sg__facts *facts)
{
    switch (nodeTag(stmt)) {
    case T_CreateStmt:
        facts->temp_on_commit_drop = ((const CreateStmt *)stmt)->oncommit == ONCOMMIT_DROP;
        return add_ddl_rv(arena, facts, ((const CreateStmt *)stmt)->relation);
    case T_CreateTableAsStmt: {
        const CreateTableAsStmt *c = (const CreateTableAsStmt *)stmt;
        facts->temp_on_commit_drop = c->into && c->into->onCommit == ONCOMMIT_DROP;
        return c->into ? add_ddl_rv(arena, facts, c->into->rel) : 0;
    }
    case T_DropStmt: {
        /* the tables it drops, by the names a temporary one may have */
        const DropStmt *d = (const DropStmt *)stmt;
        if (d->removeType != OBJECT_TABLE)
            return 0;
        ListCell *lc;
        foreach (lc, d->objects) {
            const List *name = lfirst(lc);
            const Node *last = IsA(name, List) && name != NIL ? llast(name) : NULL;
            const Node *schema = last && list_length(name) == 2 ? linitial(name) : NULL;
            if (!last || !IsA(last, String) || list_length(name) > 2 ||
                (schema && (!IsA(schema, String) || strcmp(strVal(schema), "pg_temp") != 0)))
                continue;
            const char **slot = sg__vec_push(arena, &facts->temp_dropped, sizeof *slot);
            if (!slot || !(*slot = sg__arena_strdup(arena, strVal(last))))
                return -1;
        }
        return 0;
    }
    case T_CreateForeignTableStmt:
        return add_ddl_rv(arena, facts, ((const CreateForeignTableStmt *)stmt)->base.relation);
    case T_ViewStmt:
        return add_ddl_rv(arena, facts, ((const ViewStmt *)stmt)->view);
    case T_RenameStmt: {
        const RenameStmt *r = (const RenameStmt *)stmt;
        if (!table_like(r->renameType) || !r->relation || !r->newname)
            return 0; /* a column, constraint, index, sequence, ... */
        return add_ddl(arena, facts, r->relation->schemaname, r->newname,
                       new_name_location(sql, r->relation->location, r->newname));
    }
    case T_CreateSchemaStmt: {
        /* the tables and views its elements create, in that schema */
        ListCell *lc;
        foreach (lc, ((const CreateSchemaStmt *)stmt)->schemaElts) {
            const Node *e = lfirst(lc);
            if ((IsA(e, CreateStmt) || IsA(e, ViewStmt)) && collect_ddl(arena, sql, e, facts) < 0)
                return -1;
        }
        return 0;
    }
    default:
        return 0;
    }
}

static int keyword_token(const char *keyword)
{
    int n = ScanKeywordLookup(keyword, &ScanKeywords);
    return n < 0 ? -1 : ScanKeywordTokens[n];
}

/* Whether a place only the text knows is wanted: the keyword that starts a
 * top-level LIMIT/OFFSET/FETCH clause of a select without ORDER BY (a rule
 * points there), and WHERE CURRENT OF. */
static bool wants_limit_keyword(const sg__facts *f)
{
    const sg__top_select *t = &f->top;
    return f->kind == SG_STMT_SELECT && (t->has_limit || t->has_offset) && !t->has_order_by;
}

/* Subquery levels whose LIMIT/OFFSET/FETCH value has a place: a rule points
 * at their keyword. */
static size_t placed_limits(const sg__facts *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->unordered_limits.count; i++) {
        const sg__unordered_limit *u = &SG__VEC_AT(f->unordered_limits, sg__unordered_limit, i);
        n += !u->top && u->location >= 0;
    }
    return n;
}

/* PostgreSQL's scanner over a statement's text, for places the raw tree
 * does not record. libpg_query's scanner state is PostgreSQL's
 * core_yy_extra_type with fields of its own after PostgreSQL's (yyllocend,
 * the end of the last literal or identifier, which core_yylex writes): the
 * server headers' type is too small for it, so the state gets room to
 * spare. The scan cannot fail where the parse succeeded; it runs inside the
 * parser's memory context, which takes the scanner's memory. */
typedef struct sql_tokens {
    union {
        core_yy_extra_type core;
        char room[sizeof(core_yy_extra_type) + 64];
        max_align_t align;
    } extra;
    core_yyscan_t scanner;
    const char *sql;
} sql_tokens;

static void tokens_open(sql_tokens *t, const char *sql)
{
    t->sql = sql;
    t->scanner = scanner_init(sql, &t->extra.core, &ScanKeywords, ScanKeywordTokens);
}

/* The next token of the SQL (comments, which libpg_query's scanner returns
 * as tokens, passed over) and its place in *at; 0 at the end. */
static int tokens_next(sql_tokens *t, int *at)
{
    core_YYSTYPE value;
    YYLTYPE loc;
    for (int token; (token = core_yylex(&value, &loc, t->scanner)) != 0;) {
        const char *p = t->sql + loc;
        if (loc >= 0 && ((p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '*')))
            continue;
        *at = loc;
        return token;
    }
    return 0;
}

static void tokens_close(sql_tokens *t)
{
    scanner_finish(t->scanner);
}

/*
 * Places the raw tree does not record, found by scanning the text again with
 * the parser's own scanner (sql_tokens), which skips comments and literals:
 * - WHERE CURRENT OF (CurrentOfExpr has no location): at CURRENT; in text
 *   that parsed, the tokens WHERE CURRENT OF occur only as that clause;
 * - the LIMIT, OFFSET or FETCH keyword of a clause without ORDER BY (the
 *   tree keeps only its value's place): the last such keyword before the
 *   value (only FIRST/NEXT, signs and parentheses lie between a keyword and
 *   its value). For the top level, the value is the clause's first, and a
 *   value without a place (FETCH FIRST ROW ONLY) still finds the right
 *   keyword: nothing holding a subquery follows the top-level clause.
 */
static void place_from_tokens(const char *sql, sg__facts *facts)
{
    bool want_current = facts->has_current_of, want_limit = wants_limit_keyword(facts);
    size_t pending = placed_limits(facts);
    if (!want_current && !want_limit && !pending)
        return;
    int where = keyword_token("where"), current = keyword_token("current"),
        of = keyword_token("of"), limit = keyword_token("limit"), offset = keyword_token("offset"),
        fetch = keyword_token("fetch");
    int limit_before = facts->top.limit_location >= 0 ? facts->top.limit_location : INT_MAX;
    sql_tokens t;
    tokens_open(&t, sql);
    int before = -1, prev = -1, prev_at = -1, keyword_at = -1, at;
    for (int token;
         (want_current || want_limit || pending) && (token = tokens_next(&t, &at)) != 0;) {
        if (want_current && before == where && prev == current && token == of) {
            facts->current_of_location = prev_at;
            want_current = false;
        }
        if (want_limit && at >= limit_before)
            want_limit = false;
        else if (want_limit && (token == limit || token == offset || token == fetch))
            facts->top.limit_location = at;
        for (size_t i = 0; pending && i < facts->unordered_limits.count; i++) {
            sg__unordered_limit *u = &SG__VEC_AT(facts->unordered_limits, sg__unordered_limit, i);
            if (!u->top && !u->placed && u->location >= 0 && at >= u->location) {
                if (keyword_at >= 0)
                    u->location = keyword_at;
                u->placed = true;
                pending--;
            }
        }
        if (token == limit || token == offset || token == fetch)
            keyword_at = at;
        before = prev;
        prev = token;
        prev_at = at;
    }
    tokens_close(&t);
}

/* Where the query a wrapper holds starts (sg__facts.wrapper): its first
 * SELECT, VALUES, TABLE, WITH (not DECLARE's WITH HOLD), INSERT, UPDATE,
 * DELETE or MERGE token, where findings about the whole statement point. */
static void place_wrapped(const char *sql, sg__facts *facts)
{
    static const char *const starts[] = {"select", "values", "table",  "with",
                                         "insert", "update", "delete", "merge"};
    int tokens[sizeof starts / sizeof starts[0]];
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        tokens[i] = keyword_token(starts[i]);
    int hold = keyword_token("hold");
    sql_tokens t;
    tokens_open(&t, sql);
    int candidate = -1, at;
    for (int token; (token = tokens_next(&t, &at)) != 0;) {
        if (at < facts->statement_location)
            continue;
        if (candidate >= 0) {
            if (token != hold)
                break;      /* the WITH that begins the query */
            candidate = -1; /* WITH HOLD */
            continue;
        }
        size_t k = 0;
        while (k < sizeof starts / sizeof starts[0] && tokens[k] != token)
            k++;
        if (k == sizeof starts / sizeof starts[0])
            continue;
        candidate = at;
        if (strcmp(starts[k], "with") != 0)
            break;
    }
    tokens_close(&t);
    if (candidate >= 0)
        facts->statement_location = candidate;
}

/* PostgreSQL's message, its `at or near "..."` cut at the token's first
 * line break or after 60 bytes (an unterminated quote or comment quotes the
 * rest of the text): one line, whatever the text. NULL when memory ran out. */
static char *parse_message(sg__arena *arena, const char *message)
{
    enum { NEAR_MAX = 60 };
    static const char near[] = " at or near \"";
    const char *at = strstr(message, near);
    size_t len = strlen(message);
    if (!at || message[len - 1] != '"')
        return sg__arena_strdup(arena, message);
    const char *token = at + sizeof near - 1, *end = message + len - 1;
    size_t keep = strcspn(token, "\r\n");
    if (keep >= (size_t)(end - token) && end - token <= NEAR_MAX)
        return sg__arena_strdup(arena, message);
    if (keep > NEAR_MAX)
        keep = NEAR_MAX;
    while (keep > 0 && ((unsigned char)token[keep] & 0xC0) == 0x80)
        keep--; /* not inside a character */
    return sg__arena_printf(arena, "%.*s%.*s...\"", (int)(token - message), message, (int)keep,
                            token);
}

/* The query a statement holds and runs (or plans) as its own: EXPLAIN's
 * (through the CREATE TABLE AS or DECLARE CURSOR it plans), PREPARE's, COPY
 * (query) TO's and DECLARE CURSOR's; NULL for any other. */
static Node *held_query(Node *stmt)
{
    switch (nodeTag(stmt)) {
    case T_ExplainStmt: {
        Node *q = ((ExplainStmt *)stmt)->query;
        if (q && IsA(q, CreateTableAsStmt))
            return ((CreateTableAsStmt *)q)->query;
        if (q && IsA(q, DeclareCursorStmt))
            return ((DeclareCursorStmt *)q)->query;
        return q;
    }
    case T_PrepareStmt:
        return ((PrepareStmt *)stmt)->query;
    case T_CopyStmt:
        return ((CopyStmt *)stmt)->query;
    case T_DeclareCursorStmt:
        return ((DeclareCursorStmt *)stmt)->query;
    default:
        return NULL;
    }
}

/* `SET search_path ...`: the schemas it names, each quoted, comma
 * separated (SET takes each item as one schema name: `SET search_path =
 * 'a,b'` names one schema "a,b"), or NULL when it resets the path (RESET
 * ALL too). `SET search_path FROM CURRENT` keeps the path as it is, and
 * every other setting (SET SESSION AUTHORIZATION DEFAULT, SET ROLE) leaves
 * it alone. Returns -1 when memory ran out. */
static int record_search_path(sg__arena *arena, const VariableSetStmt *s, sg__facts *facts)
{
    if (s->kind == VAR_RESET_ALL) {
        facts->search_path_set = true;
        return 0;
    }
    if (!s->name || strcmp(s->name, "search_path") != 0 || s->kind == VAR_SET_CURRENT)
        return 0;
    facts->search_path_set = true;
    facts->search_path_local = s->is_local;
    if (s->kind != VAR_SET_VALUE)
        return 0; /* DEFAULT, RESET: the session's own */
    sg__strbuf b = SG__STRBUF_INIT(arena);
    sg__strbuf_puts(&b, "");
    ListCell *lc;
    foreach (lc, s->args) {
        const A_Const *c = lfirst(lc);
        if (!IsA(c, A_Const) || c->isnull || c->val.node.type != T_String)
            return 0; /* not a list of names: left as it was */
        if (b.len)
            sg__strbuf_puts(&b, ", ");
        sg__strbuf_puts(&b, "\"");
        for (const char *p = c->val.sval.sval; *p; p++)
            sg__strbuf_put(&b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
        sg__strbuf_puts(&b, "\"");
    }
    if (b.failed)
        return -1;
    facts->search_path = b.data;
    return 0;
}

/* A transaction statement as what it does to the session's settings:
 * PREPARE TRANSACTION keeps them as COMMIT does; the savepoint statements
 * name theirs. Returns -1 when memory ran out. */
static int record_transaction(sg__arena *arena, const TransactionStmt *t, sg__facts *facts)
{
    switch (t->kind) {
    case TRANS_STMT_BEGIN:
    case TRANS_STMT_START:
        facts->tx = SG_TX_BEGIN;
        break;
    case TRANS_STMT_COMMIT:
    case TRANS_STMT_PREPARE:
        facts->tx = SG_TX_COMMIT;
        break;
    case TRANS_STMT_ROLLBACK:
        facts->tx = SG_TX_ROLLBACK;
        break;
    case TRANS_STMT_SAVEPOINT:
        facts->tx = SG_TX_SAVEPOINT;
        break;
    case TRANS_STMT_RELEASE:
        facts->tx = SG_TX_RELEASE;
        break;
    case TRANS_STMT_ROLLBACK_TO:
        facts->tx = SG_TX_ROLLBACK_TO;
        break;
    default: /* COMMIT PREPARED, ROLLBACK PREPARED: another transaction's */
        return 0;
    }
    facts->tx_chain = t->chain;
    if (facts->tx >= SG_TX_SAVEPOINT && t->savepoint_name) {
        facts->tx_savepoint = sg__arena_strdup(arena, t->savepoint_name);
        if (!facts->tx_savepoint)
            return -1;
    }
    return 0;
}

int sg__parse_walk(sg__arena *arena, const char *sql, unsigned max_depth, bool held,
                   sg__facts *facts, sg__parse_error *err)
{
    int rc = 0;
    err->message = NULL;
    err->offset = -1;
    facts->kind = SG_STMT_NONE;
    facts->wrapper = NULL;
    facts->search_path_set = false;
    facts->search_path_local = false;
    facts->search_path = NULL;
    facts->temp_created = NULL;
    facts->temp_on_commit_drop = false;
    facts->temp_dropped = (sg__vec){0};
    facts->discard_temp = false;
    facts->discard_all = false;
    facts->tx = SG_TX_NONE;
    facts->tx_savepoint = NULL;
    facts->tx_chain = false;
    facts->statement_count = 0;
    facts->statement_location = -1;
    facts->current_of_location = -1;
    facts->depth_location = -1;

    MemoryContext ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError parsed = pg_query_raw_parse(sql);

    if (parsed.error) {
        err->message =
            parse_message(arena, parsed.error->message ? parsed.error->message : "syntax error");
        err->offset = sg__pg_cursor_offset(sql, parsed.error->cursorpos);
        if (!err->message)
            rc = -1;
    } else {
        List *tree = parsed.tree;
        facts->statement_count = (size_t)list_length(tree);
        if (facts->statement_count >= 1) {
            /* With several statements, point at the second: that is where the
             * text stops being the one statement the operation may hold. */
            RawStmt *at = list_nth_node(RawStmt, tree, facts->statement_count > 1 ? 1 : 0);
            int loc = at->stmt_location;
            /* the grammar places the first statement at 0 unless an empty
             * one (`;`) came before it */
            facts->leading_empty = linitial_node(RawStmt, tree)->stmt_location > 0;
            while (loc >= 0 && (sql[loc] == ' ' || sql[loc] == '\t' || sql[loc] == '\n' ||
                                sql[loc] == '\r' || sql[loc] == '\f'))
                loc++;
            facts->statement_location = loc;
        }
        if (facts->statement_count == 1) {
            Node *stmt = linitial_node(RawStmt, tree)->stmt;
            /* lint reads the DML a utility statement holds (EXPLAIN CREATE
             * TABLE AS, EXPLAIN EXECUTE stay what they are) */
            Node *query = held ? held_query(stmt) : NULL;
            if (query && sg__statement_kind(query) != SG_STMT_OTHER) {
                facts->wrapper = other_name(nodeTag(stmt));
                stmt = query;
            }
            facts->kind = sg__statement_kind(stmt);
            if (facts->kind == SG_STMT_OTHER) {
                facts->other_name = other_name(nodeTag(stmt));
                facts->changes_schema = changes_schema(stmt);
                if (held && IsA(stmt, TransactionStmt) &&
                    record_transaction(arena, (const TransactionStmt *)stmt, facts) != 0)
                    rc = -1;
                facts->discard_all = held && IsA(stmt, DiscardStmt) &&
                                     ((const DiscardStmt *)stmt)->target == DISCARD_ALL;
                facts->discard_temp =
                    facts->discard_all || (held && IsA(stmt, DiscardStmt) &&
                                           ((const DiscardStmt *)stmt)->target == DISCARD_TEMP);
                if (rc != 0 || collect_ddl(arena, sql, stmt, facts) != 0 ||
                    (held && IsA(stmt, VariableSetStmt) &&
                     record_search_path(arena, (const VariableSetStmt *)stmt, facts) != 0))
                    rc = -1;
            } else if (sg__walk_statement(arena, stmt, max_depth, facts) != 0) {
                rc = -1;
            } else {
                place_from_tokens(sql, facts);
                if (facts->wrapper)
                    place_wrapped(sql, facts);
            }
        }
    }

    /* libpg_query allocates these with malloc and documents plain free(). */
    if (parsed.error)
        pg_query_free_error(parsed.error);
    free(parsed.stderr_buffer);
    pg_query_exit_memory_context(ctx);
    return rc;
}
