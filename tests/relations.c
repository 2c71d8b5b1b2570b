/*
 * relations.c - which relations a statement names, read a second time.
 *
 * PostgreSQL checks privileges only on the relations that survive planning: a
 * table in a sub-select under `NULL::int < (...)`, in a WITH query nobody
 * references or behind `WHERE false AND EXISTS (...)` is never checked, so the
 * soundness test's privilege oracle alone could pass a guard that let such a
 * table through. This reading looks at the text instead, and shares nothing
 * with the guard: not its walker (it reads libpg_query's JSON rendering of the
 * parse, through cJSON, not PostgreSQL's node structures), not its resolver,
 * not its catalog (the caller passes the scope as plain records). The fuzz
 * targets have an oracle of their own for the same question; the two are
 * meant to be independent of each other too.
 *
 * The JSON wraps a node stored as a generic node in {"TypeName": {...}} and
 * writes a node stored in a field of a known type without the wrapper. A
 * RangeVar is recognised by its "relname" either way; statements are
 * recognised by their wrapper, which every statement has (a top-level
 * statement, a WITH query, a sub-select, INSERT's SELECT).
 */
#include "relations.h"

#include <cjson/cJSON.h>
#include <pg_query.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The WITH queries in sight at a point: one frame for each statement with a WITH clause,
 * innermost first. */
typedef struct with_frame {
    const cJSON *ctes; /* the statement's CommonTableExpr nodes */
    int visible;       /* how many of them, from the first, are in sight */
    const struct with_frame *outer;
} with_frame;

typedef struct reader {
    const rel_scoped *scope;
    size_t count;
    const char *default_schema;
    rel_report *out;
    size_t len, cap; /* of out->problems */
} reader;

static void problem(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    if (r->len + (size_t)n + 2 > r->cap) {
        r->cap = (r->len + (size_t)n + 2) * 2;
        r->out->problems = realloc(r->out->problems, r->cap);
        if (!r->out->problems)
            abort();
    }
    va_start(ap, fmt);
    vsnprintf(r->out->problems + r->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    r->len += (size_t)n;
    r->out->problems[r->len++] = '\n';
    r->out->problems[r->len] = '\0';
}

static const cJSON *field(const cJSON *node, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(node, name);
}

static const char *text_field(const cJSON *node, const char *name)
{
    const cJSON *f = field(node, name);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

/* The type of a wrapped node, {"Type": {...}}, with its body in *body; NULL for anything else. */
static const char *wrapped(const cJSON *node, const cJSON **body)
{
    if (!cJSON_IsObject(node) || !node->child || node->child->next || !cJSON_IsObject(node->child))
        return NULL;
    *body = node->child;
    return node->child->string;
}

static bool is_statement(const char *type)
{
    static const char *const types[] = {"SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt",
                                        "MergeStmt"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(type, types[i]) == 0)
            return true;
    return false;
}

static bool cte_in_sight(const with_frame *w, const char *name)
{
    for (; w; w = w->outer) {
        int i = 0;
        const cJSON *c;
        cJSON_ArrayForEach(c, w->ctes)
        {
            if (i++ >= w->visible)
                break;
            const cJSON *body;
            const char *type = wrapped(c, &body);
            const char *cte =
                type && strcmp(type, "CommonTableExpr") == 0 ? text_field(body, "ctename") : NULL;
            if (cte && strcmp(cte, name) == 0)
                return true;
        }
    }
    return false;
}

/* An unqualified name of a WITH query in sight (a qualified name is always a table). */
static bool names_cte(const cJSON *rv, const with_frame *w)
{
    const char *name = text_field(rv, "relname");
    return name && !text_field(rv, "schemaname") && !text_field(rv, "catalogname") &&
           cte_in_sight(w, name);
}

/* The table of the scope `rv` names, or NULL: its schema, or the default schema when it names
 * none; a name qualified with a database is never one. */
static const rel_scoped *scoped(const reader *r, const cJSON *rv)
{
    const char *name = text_field(rv, "relname");
    const char *schema = text_field(rv, "schemaname");
    if (!name || text_field(rv, "catalogname"))
        return NULL;
    if (!schema)
        schema = r->default_schema;
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->scope[i].schema, schema) == 0 && strcmp(r->scope[i].name, name) == 0)
            return &r->scope[i];
    return NULL;
}

/* The relation as written, for a message. */
static void written(const cJSON *rv, char *out, size_t size)
{
    const char *catalog = text_field(rv, "catalogname");
    const char *schema = text_field(rv, "schemaname");
    const char *name = text_field(rv, "relname");
    const cJSON *at = field(rv, "location");
    snprintf(out, size, "%s%s%s%s%s (at offset %d)", catalog ? catalog : "", catalog ? "." : "",
             schema ? schema : "", schema ? "." : "", name ? name : "?",
             cJSON_IsNumber(at) ? at->valueint : -1);
}

static void read_relation(reader *r, const cJSON *rv, const with_frame *w)
{
    if (names_cte(rv, w)) {
        r->out->ctes++;
        return;
    }
    r->out->relations++;
    if (!scoped(r, rv)) {
        char name[256];
        written(rv, name, sizeof name);
        problem(r, "reads %s, which is not a table of the scope", name);
    }
}

/* A table written or row-locked. A DML target is a table even when a WITH query has its name;
 * the caller leaves out WITH queries that a lock names. */
static void write_relation(reader *r, const cJSON *rv, const char *how)
{
    r->out->writes++;
    const rel_scoped *t = scoped(r, rv);
    if (t && t->write)
        return;
    char name[256];
    written(rv, name, sizeof name);
    problem(r, "%s %s, which %s", how, name, t ? "is scoped read" : "is not a table of the scope");
}

static void walk(reader *r, const cJSON *node, const with_frame *w);

static bool locked_by(const cJSON *locked, const char *name)
{
    if (!locked)
        return true; /* FOR UPDATE without OF locks every table of the FROM list */
    const cJSON *item;
    cJSON_ArrayForEach(item, locked)
    {
        const cJSON *body;
        const char *type = wrapped(item, &body);
        const char *n = type ? text_field(body, "relname") : NULL;
        if (n && name && strcmp(n, name) == 0)
            return true;
    }
    return false;
}

/* A FROM item under FOR UPDATE/SHARE [OF locked]: a table named by its alias (or its name) is
 * locked; a join passes the lock to both sides; a sub-select named by its alias locks every
 * table of its own FROM list, as PostgreSQL pushes the lock down into it. */
static void lock_item(reader *r, const cJSON *item, const cJSON *locked, const with_frame *w)
{
    const cJSON *body;
    const char *type = wrapped(item, &body);
    if (!type)
        return;
    if (strcmp(type, "RangeVar") == 0) {
        const cJSON *alias = field(body, "alias");
        const char *name = alias ? text_field(alias, "aliasname") : text_field(body, "relname");
        if (locked_by(locked, name) && !names_cte(body, w))
            write_relation(r, body, "row-locks");
    } else if (strcmp(type, "JoinExpr") == 0) {
        lock_item(r, field(body, "larg"), locked, w);
        lock_item(r, field(body, "rarg"), locked, w);
    } else if (strcmp(type, "RangeSubselect") == 0) {
        const char *name = text_field(field(body, "alias"), "aliasname");
        const cJSON *sub;
        const char *subtype = wrapped(field(body, "subquery"), &sub);
        if (!locked_by(locked, name) || !subtype || strcmp(subtype, "SelectStmt") != 0)
            return;
        const cJSON *from;
        cJSON_ArrayForEach(from, field(sub, "fromClause")) lock_item(r, from, NULL, w);
    }
}

static const char *dml_verb(const char *type)
{
    if (strcmp(type, "InsertStmt") == 0)
        return "inserts into";
    if (strcmp(type, "UpdateStmt") == 0)
        return "updates";
    if (strcmp(type, "DeleteStmt") == 0)
        return "deletes from";
    return "merges into";
}

/* A statement: its WITH queries first, each seeing the ones before it (all of them under
 * RECURSIVE), then everything else seeing them all. */
static void statement(reader *r, const char *type, const cJSON *stmt, const with_frame *outer)
{
    with_frame frame = {NULL, 0, outer};
    const with_frame *w = outer;
    const cJSON *with = field(stmt, "withClause");
    if (with) {
        frame.ctes = field(with, "ctes");
        int n = cJSON_GetArraySize(frame.ctes);
        bool recursive = cJSON_IsTrue(field(with, "recursive"));
        int i = 0;
        const cJSON *cte;
        cJSON_ArrayForEach(cte, frame.ctes)
        {
            frame.visible = recursive ? n : i++;
            walk(r, cte, &frame);
        }
        frame.visible = n;
        w = &frame;
    }
    bool dml = strcmp(type, "SelectStmt") != 0;
    for (const cJSON *m = stmt->child; m; m = m->next) {
        if (strcmp(m->string, "withClause") == 0)
            continue;
        if (dml && strcmp(m->string, "relation") == 0) {
            const cJSON *rv = m, *body;
            if (wrapped(m, &body))
                rv = body;
            write_relation(r, rv, dml_verb(type));
        } else if (strcmp(m->string, "intoClause") == 0) {
            problem(r, "SELECT INTO creates a table");
        } else if (strcmp(m->string, "lockingClause") == 0) {
            const cJSON *clause;
            cJSON_ArrayForEach(clause, m)
            {
                const cJSON *body;
                if (!wrapped(clause, &body))
                    continue;
                const cJSON *locked = field(body, "lockedRels");
                const cJSON *from;
                cJSON_ArrayForEach(from, field(stmt, "fromClause"))
                    lock_item(r, from, cJSON_GetArraySize(locked) > 0 ? locked : NULL, w);
            }
        } else {
            walk(r, m, w);
        }
    }
}

static void walk(reader *r, const cJSON *node, const with_frame *w)
{
    if (cJSON_IsArray(node)) {
        const cJSON *item;
        cJSON_ArrayForEach(item, node) walk(r, item, w);
        return;
    }
    if (!cJSON_IsObject(node))
        return;
    const cJSON *body;
    const char *type = wrapped(node, &body);
    if (type && is_statement(type)) {
        statement(r, type, body, w);
        return;
    }
    if (text_field(node, "relname")) {
        read_relation(r, node, w);
        return;
    }
    for (const cJSON *m = node->child; m; m = m->next)
        walk(r, m, w);
}

bool rel_check(const char *sql, const rel_scoped *scope, size_t count, const char *default_schema,
               rel_report *out)
{
    memset(out, 0, sizeof *out);
    reader r = {scope, count, default_schema, out, 0, 0};
    PgQueryParseResult parsed = pg_query_parse(sql);
    cJSON *tree = parsed.error ? NULL : cJSON_Parse(parsed.parse_tree);
    bool ok = tree != NULL;
    if (parsed.error)
        problem(&r, "does not parse: %s", parsed.error->message);
    else if (!tree)
        problem(&r, "%s", "libpg_query's JSON does not parse");
    pg_query_free_parse_result(parsed);
    const cJSON *stmts = field(tree, "stmts");
    if (ok && cJSON_GetArraySize(stmts) != 1)
        problem(&r, "holds %d statements", cJSON_GetArraySize(stmts));
    walk(&r, stmts, NULL);
    cJSON_Delete(tree);
    return ok;
}

void rel_report_free(rel_report *report)
{
    free(report->problems);
    report->problems = NULL;
}
