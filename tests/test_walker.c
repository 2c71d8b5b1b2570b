/*
 * test_walker.c - the raw-tree walker, through sg__parse_walk(): every clause
 * where a relation, a parameter or a function can hide, CTE scoping (what is
 * a CTE reference and what is a physical relation), row locking, names as
 * PostgreSQL 15 sees them, top-level SELECT facts (its FROM items and the
 * column pins of its WHERE among them), utility statements,
 * statement counts, syntax errors, the depth bound, the parameter
 * sort/lookup helper of facts.c, and the walker's class of every node type
 * (which must never reach PostgreSQL's walker unless that walker knows it).
 *
 * Every test asserts exact facts: the full set of relations (name, schema,
 * use bits), CTE references not being relations, $n numbers and byte
 * locations, function names/schema/kind and their flags.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <stdio.h>

/* PostgreSQL's node types, for the test that builds a node of every type. */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"

#include "pg/parse.h"

/* ---- helpers ------------------------------------------------------------------------------- */

#define DEFAULT_DEPTH 1000u
#define MAX_PARSES 16

/* Every parse gets a fresh arena; the teardown releases them all, so the
 * strings in the facts stay valid for the whole test, even one that fails. */
static sg__arena arenas[MAX_PARSES];
static sg__facts facts_store[MAX_PARSES];
static size_t parses;

static int setup(void **state)
{
    (void)state;
    parses = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < parses; i++)
        sg__arena_release(&arenas[i]);
    parses = 0;
    return 0;
}

/* Parses `sql` into fresh facts; returns sg__parse_walk's result in *rc. */
static const sg__facts *parse_raw(const char *sql, unsigned max_depth, sg__parse_error *err,
                                  int *rc)
{
    assert_true(parses < MAX_PARSES);
    sg__arena *a = &arenas[parses];
    sg__facts *f = &facts_store[parses];
    parses++;
    sg__arena_init(a);
    memset(f, 0, sizeof *f);
    *rc = sg__parse_walk(a, sql, max_depth, false, f, err);
    return f;
}

/* Parses one statement that must parse and walk cleanly. */
static const sg__facts *parse_ok_(const char *sql, const char *file, int line)
{
    sg__parse_error err;
    int rc;
    const sg__facts *f = parse_raw(sql, DEFAULT_DEPTH, &err, &rc);
    if (rc != 0 || err.message) {
        print_error("parse of \"%s\" failed: rc=%d %s at %ld\n", sql, rc,
                    err.message ? err.message : "", err.offset);
        _fail(file, line);
    }
    /* has_into and has_current_of are asserted where a test expects them. */
    if (f->statement_count != 1 || f->unsupported.count != 0 || f->depth_exceeded ||
        f->incomplete) {
        print_error("\"%s\": count=%zu unsupported=%zu depth_exceeded=%d incomplete=%d\n", sql,
                    f->statement_count, f->unsupported.count, f->depth_exceeded, f->incomplete);
        _fail(file, line);
    }
    return f;
}
#define parse_ok(sql) parse_ok_((sql), __FILE__, __LINE__)

/* Byte offset of the n-th (0-based) occurrence of `needle` in `sql`. */
static int nth_off_(const char *sql, const char *needle, int n, const char *file, int line)
{
    const char *p = sql;
    for (;;) {
        const char *hit = strstr(p, needle);
        if (!hit) {
            print_error("\"%s\" has no occurrence %d of \"%s\"\n", sql, n, needle);
            _fail(file, line);
            return -1;
        }
        if (n-- == 0)
            return (int)(hit - sql);
        p = hit + 1;
    }
}
#define NTH_OFF(sql, needle, n) nth_off_((sql), (needle), (n), __FILE__, __LINE__)
#define OFF(sql, needle) NTH_OFF(sql, needle, 0)

static bool same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static const char *show(const char *s)
{
    return s ? s : "(null)";
}

static void dump_relations(const sg__facts *f)
{
    for (size_t i = 0; i < f->relations.count; i++) {
        const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, i);
        print_error("  relation %zu: %s.%s.%s use=%u loc=%d in_cte=%d\n", i, show(r->catalog),
                    show(r->schema), r->name, r->use, r->location, r->in_cte);
    }
}

static size_t count_rel(const sg__facts *f, const char *schema, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < f->relations.count; i++) {
        const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, i);
        if (same(r->schema, schema) && same(r->name, name))
            n++;
    }
    return n;
}

/* Exactly `n` references to schema.name (schema NULL: unqualified), each with
 * exactly `use` and no catalog; returns the first. */
static const sg__relref *assert_rel_(const sg__facts *f, const char *schema, const char *name,
                                     unsigned use, size_t n, const char *file, int line)
{
    const sg__relref *first = NULL;
    size_t seen = count_rel(f, schema, name);
    if (seen != n) {
        print_error("expected %zu reference(s) to %s.%s, found %zu\n", n, show(schema), name, seen);
        dump_relations(f);
        _fail(file, line);
    }
    for (size_t i = 0; i < f->relations.count; i++) {
        const sg__relref *r = &SG__VEC_AT(f->relations, sg__relref, i);
        if (!same(r->schema, schema) || !same(r->name, name))
            continue;
        if (r->use != use || r->catalog) {
            print_error("%s.%s: use %u (expected %u), catalog %s\n", show(schema), name, r->use,
                        use, show(r->catalog));
            dump_relations(f);
            _fail(file, line);
        }
        if (!first)
            first = r;
    }
    return first;
}
#define REL(f, schema, name, use) assert_rel_((f), (schema), (name), (use), 1, __FILE__, __LINE__)
#define REL_N(f, schema, name, use, n)                                                             \
    assert_rel_((f), (schema), (name), (use), (n), __FILE__, __LINE__)
#define NO_REL(f, schema, name) assert_rel_((f), (schema), (name), 0, 0, __FILE__, __LINE__)

#define N_RELS(f, n)                                                                               \
    do {                                                                                           \
        if ((f)->relations.count != (size_t)(n)) {                                                 \
            print_error("expected %zu relation(s), found %zu\n", (size_t)(n),                      \
                        (f)->relations.count);                                                     \
            dump_relations(f);                                                                     \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

#define R SG_USE_READ
#define W SG_USE_WRITE
#define WU (SG_USE_WRITE | SG_USE_UPDATE) /* UPDATE, ON CONFLICT DO UPDATE */
#define WD (SG_USE_WRITE | SG_USE_DELETE) /* DELETE */
#define WUD (SG_USE_WRITE | SG_USE_UPDATE | SG_USE_DELETE)
#define L SG_USE_LOCK

static size_t count_funcs(const sg__facts *f, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < f->funcs.count; i++)
        if (same(SG__VEC_AT(f->funcs, sg__funcref, i).name, name))
            n++;
    return n;
}

/* The one function reference schema.name of `kind` (no catalog). */
static const sg__funcref *assert_func_(const sg__facts *f, const char *schema, const char *name,
                                       sg__func_kind kind, const char *file, int line)
{
    const sg__funcref *found = NULL;
    size_t n = 0;
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
        if (same(fn->schema, schema) && same(fn->name, name) && fn->kind == kind && !fn->catalog) {
            found = fn;
            n++;
        }
    }
    if (n != 1) {
        print_error("expected one function %s.%s of kind %d, found %zu\n", show(schema), name,
                    (int)kind, n);
        for (size_t i = 0; i < f->funcs.count; i++) {
            const sg__funcref *fn = &SG__VEC_AT(f->funcs, sg__funcref, i);
            print_error("  func %s.%s.%s kind=%d loc=%d\n", show(fn->catalog), show(fn->schema),
                        fn->name, (int)fn->kind, fn->location);
        }
        _fail(file, line);
    }
    return found;
}
#define FUNC(f, schema, name, kind) assert_func_((f), (schema), (name), (kind), __FILE__, __LINE__)

static const sg__funcref *func_at(const sg__facts *f, size_t i)
{
    assert_true(i < f->funcs.count);
    return &SG__VEC_AT(f->funcs, sg__funcref, i);
}

#define PARAM(f, i, num, loc)                                                                      \
    do {                                                                                           \
        assert_true((size_t)(i) < (f)->params.count);                                              \
        assert_int_equal(SG__VEC_AT((f)->params, sg__paramref, i).number, num);                    \
        assert_int_equal(SG__VEC_AT((f)->params, sg__paramref, i).location, loc);                  \
    } while (0)

static const sg__cte *cte_named(const sg__facts *f, const char *name)
{
    for (size_t i = 0; i < f->ctes.count; i++) {
        const sg__cte *c = &SG__VEC_AT(f->ctes, sg__cte, i);
        if (same(c->name, name))
            return c;
    }
    fail_msg("no CTE named %s", name);
    return NULL;
}

static const sg__cte *cte_at(const sg__facts *f, size_t i)
{
    assert_true(i < f->ctes.count);
    return &SG__VEC_AT(f->ctes, sg__cte, i);
}

/* Statement kind and the exact number of functions, parameters and CTEs. */
#define SHAPE(f, k, nfuncs, nparams, nctes)                                                        \
    do {                                                                                           \
        assert_int_equal((f)->kind, k);                                                            \
        assert_int_equal((f)->funcs.count, nfuncs);                                                \
        assert_int_equal((f)->params.count, nparams);                                              \
        assert_int_equal((f)->ctes.count, nctes);                                                  \
    } while (0)

/* ---- one test per clause where something can hide ----------------------------------------- */

static void test_walker__target_list_subquery(void **state)
{
    (void)state;
    const char *sql = "SELECT (SELECT max(t1.b) FROM t1 WHERE t1.a = $1) AS m FROM t0";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 1, 0);
    assert_int_equal(f->kind, SG_STMT_SELECT);
    N_RELS(f, 2);
    assert_int_equal(REL(f, NULL, "t1", R)->location, OFF(sql, "t1 WHERE"));
    assert_int_equal(REL(f, NULL, "t0", R)->location, OFF(sql, "t0"));
    assert_int_equal(f->params.count, 1);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_int_equal(f->funcs.count, 1);
    const sg__funcref *mx = FUNC(f, NULL, "max", SG_FUNC_CALL);
    assert_false(mx->in_top_targetlist);
    assert_int_equal(mx->location, OFF(sql, "max"));
    assert_true(f->top.has_from);
}

/* One argument's facts: kind, text (NULL for other) and cast. */
static void assert_arg_(const sg__funcref *fn, size_t i, sg__funcarg_kind kind, const char *text,
                        const char *cast, const char *file, int line)
{
    if (i >= fn->arg_count || fn->args[i].kind != kind || !same(fn->args[i].text, text) ||
        !same(fn->args[i].cast, cast)) {
        print_error("argument %zu of %s: expected kind %d text %s cast %s\n", i, fn->name,
                    (int)kind, show(text), show(cast));
        _fail(file, line);
    }
}
#define ARG(fn, i, kind, text, cast)                                                               \
    assert_arg_((fn), (i), (kind), (text), (cast), __FILE__, __LINE__)

/* The n-th call (from 0, in the order recorded) named `name`. */
static const sg__funcref *nth_call(const sg__facts *f, const char *name, size_t n)
{
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = func_at(f, i);
        if (same(fn->name, name) && n-- == 0)
            return fn;
    }
    fail_msg("no call %s", name);
    return NULL;
}

/* Constant arguments are recorded as text, a unary sign folded in, with the
 * one cast on them; a plain column by its name, with its cast; parameters,
 * expressions and NULL are "other", with the cast at their top. */
static void test_walker__call_arguments(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok(
        "SELECT upper(-'x'), abs(1 + 2), abs(- -4.5), abs(t0.a::int), now() "
        "FROM generate_series(-5::int, 100000000::bigint, - 2) g, "
        "LATERAL repeat('ab', +3) r, lpad(t0.a, $1, NULL) p, rpad('x'::varchar(3), 1.5e3) q, "
        "generate_series(date '2024-01-01', '2024-02-01', '1 day'::interval) d, t0");
    const sg__funcref *fn = nth_call(f, "generate_series", 0);
    assert_int_equal(fn->arg_count, 3);
    ARG(fn, 0, SG_ARG_NUMBER, "-5", "int4");
    ARG(fn, 1, SG_ARG_NUMBER, "100000000", "int8");
    ARG(fn, 2, SG_ARG_NUMBER, "-2", NULL);
    fn = nth_call(f, "generate_series", 1);
    ARG(fn, 0, SG_ARG_STRING, "2024-01-01", "date");
    ARG(fn, 1, SG_ARG_STRING, "2024-02-01", NULL);
    ARG(fn, 2, SG_ARG_STRING, "1 day", "interval");
    fn = FUNC(f, NULL, "repeat", SG_FUNC_CALL);
    ARG(fn, 0, SG_ARG_STRING, "ab", NULL);
    ARG(fn, 1, SG_ARG_NUMBER, "3", NULL);
    fn = FUNC(f, NULL, "lpad", SG_FUNC_CALL);
    ARG(fn, 0, SG_ARG_COLUMN, "a", NULL); /* a column: its name */
    ARG(fn, 1, SG_ARG_OTHER, NULL, NULL);
    ARG(fn, 2, SG_ARG_OTHER, NULL, NULL);
    fn = FUNC(f, NULL, "rpad", SG_FUNC_CALL);
    ARG(fn, 0, SG_ARG_STRING, "x", ""); /* a type modifier: not described */
    ARG(fn, 1, SG_ARG_NUMBER, "1.5e3", NULL);
    ARG(FUNC(f, NULL, "upper", SG_FUNC_CALL), 0, SG_ARG_OTHER, NULL, NULL); /* minus on a string */
    ARG(nth_call(f, "abs", 0), 0, SG_ARG_OTHER, NULL, NULL);                /* an expression */
    ARG(nth_call(f, "abs", 1), 0, SG_ARG_NUMBER, "4.5", NULL);              /* two minus signs */
    ARG(nth_call(f, "abs", 2), 0, SG_ARG_COLUMN, "a", "int4");              /* a column, cast */
    fn = FUNC(f, NULL, "now", SG_FUNC_CALL);
    assert_int_equal(fn->arg_count, 0);
    assert_null(fn->args);
}

static void test_walker__from(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM t1, s.t2 AS x, ONLY t3";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 0);
    N_RELS(f, 3);
    const sg__relref *t1 = REL(f, NULL, "t1", R);
    assert_int_equal(t1->location, OFF(sql, "t1"));
    assert_int_equal(t1->in_cte, -1);
    assert_int_equal(REL(f, "s", "t2", R)->location, OFF(sql, "s.t2"));
    assert_int_equal(REL(f, NULL, "t3", R)->location, OFF(sql, "t3"));
    assert_int_equal(f->params.count, 0);
    assert_int_equal(f->funcs.count, 0);
    assert_int_equal(f->ctes.count, 0);
    assert_true(f->top.has_from);
    assert_int_equal(f->statement_location, 0);
}

static void test_walker__from_join_on(void **state)
{
    (void)state;
    const char *sql = "SELECT a.x FROM a JOIN b ON b.id = (SELECT id FROM c WHERE c.k = $1) "
                      "LEFT JOIN d USING (id)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 1, 0);
    N_RELS(f, 4);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R);
    assert_int_equal(REL(f, NULL, "c", R)->location, OFF(sql, "c WHERE"));
    REL(f, NULL, "d", R);
    assert_int_equal(f->params.count, 1);
    PARAM(f, 0, 1, OFF(sql, "$1"));
}

/* Where each comparison of a column with a literal stands: in a WHERE,
 * HAVING or JOIN ... ON of its level (a filter), or anywhere else. */
static void test_walker__literal_comparisons(void **state)
{
    (void)state;
    static const char sql[] =
        "SELECT a = 1, CASE WHEN b = 'x' THEN 1 END, count(*) FILTER (WHERE c = 2) FROM t "
        "JOIN u ON u.k = 'on' WHERE d = 'where' AND e IN (SELECT f = 3 FROM v WHERE v.g = 'sub') "
        "GROUP BY a HAVING max(h) > 4 OR a = 5 ORDER BY a = 6";
    const sg__facts *f = parse_ok(sql);
    static const struct {
        const char *literal;
        bool in_predicate;
    } want[] = {{"1,", false},   {"'x'", false},    {"2)", false},
                {"'on'", true},  {"'where'", true}, {"3 FROM", false},
                {"'sub'", true}, {"5 ORDER", true}, {"6", false}};
    assert_int_equal(f->literal_cmps.count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const char *at = strstr(sql, want[i].literal);
        assert_non_null(at);
        bool found = false;
        for (size_t k = 0; k < f->literal_cmps.count; k++) {
            const sg__literal_cmp *c = &SG__VEC_AT(f->literal_cmps, sg__literal_cmp, k);
            if (c->location != (int)(at - sql))
                continue;
            found = true;
            if (c->in_predicate != want[i].in_predicate)
                fail_msg("literal %s: in_predicate %d", want[i].literal, c->in_predicate);
        }
        if (!found)
            fail_msg("literal %s not recorded", want[i].literal);
    }

    /* a write: the values it assigns compare nothing that filters, its
     * WHERE and ON CONFLICT DO UPDATE's WHERE do */
    f = parse_ok(
        "INSERT INTO t (a, b) VALUES (1, 2 = c) ON CONFLICT (a) DO UPDATE SET b = (t.c = 7) "
        "WHERE t.d = 'keep'");
    assert_int_equal(f->literal_cmps.count, 3);
    size_t filters = 0;
    for (size_t k = 0; k < f->literal_cmps.count; k++)
        filters += SG__VEC_AT(f->literal_cmps, sg__literal_cmp, k).in_predicate;
    assert_int_equal(filters, 1);
    f = parse_ok("UPDATE t SET b = CASE WHEN c = 'x' THEN 1 END WHERE d = 'y'");
    assert_int_equal(f->literal_cmps.count, 2);
    assert_false(SG__VEC_AT(f->literal_cmps, sg__literal_cmp, 0).in_predicate);
    assert_true(SG__VEC_AT(f->literal_cmps, sg__literal_cmp, 1).in_predicate);
}

static void test_walker__where(void **state)
{
    (void)state;
    const char *sql = "SELECT 1 FROM a WHERE a.x IN (SELECT x FROM b WHERE b.y = lower($1)) "
                      "AND a.z = $2";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 2, 0);
    N_RELS(f, 2);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R);
    assert_int_equal(f->params.count, 2);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    PARAM(f, 1, 2, OFF(sql, "$2"));
    assert_int_equal(f->funcs.count, 1);
    const sg__funcref *lw = FUNC(f, NULL, "lower", SG_FUNC_CALL);
    assert_false(lw->in_top_targetlist);
    assert_false(lw->has_over);
}

static void test_walker__group_by(void **state)
{
    (void)state;
    const char *sql = "SELECT count(*) FROM a GROUP BY a.k, (SELECT k FROM b WHERE b.id = $1)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 1, 0);
    N_RELS(f, 2);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R);
    assert_int_equal(f->params.count, 1);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_true(FUNC(f, NULL, "count", SG_FUNC_CALL)->in_top_targetlist);
    assert_true(f->top.has_group_by);
    assert_false(f->top.has_having);
}

static void test_walker__having(void **state)
{
    (void)state;
    const char *sql = "SELECT k FROM a GROUP BY k HAVING count(*) > (SELECT count(*) FROM b "
                      "WHERE b.k = $1)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 2, 1, 0);
    N_RELS(f, 2);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_int_equal(f->params.count, 1);
    /* Neither count is in the top-level target list. */
    assert_int_equal(count_funcs(f, "count"), 2);
    assert_false(func_at(f, 0)->in_top_targetlist);
    assert_false(func_at(f, 1)->in_top_targetlist);
    assert_true(f->top.has_having);
    assert_true(f->top.has_group_by);
}

static void test_walker__window_clause(void **state)
{
    (void)state;
    const char *sql =
        "SELECT row_number() OVER w FROM a "
        "WINDOW w AS (PARTITION BY a.p ORDER BY (SELECT max(x) FROM b WHERE b.k = $1))";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 2, 1, 0);
    N_RELS(f, 2);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_int_equal(f->funcs.count, 2);
    const sg__funcref *rn = FUNC(f, NULL, "row_number", SG_FUNC_CALL);
    assert_true(rn->has_over);
    assert_true(rn->in_top_targetlist);
    const sg__funcref *mx = FUNC(f, NULL, "max", SG_FUNC_CALL);
    assert_false(mx->has_over);
    assert_false(mx->in_top_targetlist);

    /* An inline window definition hides things the same way. */
    const char *sql2 = "SELECT sum(x) OVER (ORDER BY (SELECT y FROM c)) FROM a";
    f = parse_ok(sql2);
    N_RELS(f, 2);
    REL(f, NULL, "a", R);
    REL(f, NULL, "c", R);
    assert_true(FUNC(f, NULL, "sum", SG_FUNC_CALL)->has_over);
}

static void test_walker__order_by(void **state)
{
    (void)state;
    const char *sql = "SELECT x FROM a ORDER BY (SELECT y FROM b WHERE b.id = a.id), $1";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 1, 0);
    N_RELS(f, 2);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R);
    assert_int_equal(f->params.count, 1);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_true(f->top.has_order_by);
    assert_false(f->top.has_limit);
}

static void test_walker__limit_offset(void **state)
{
    (void)state;
    const char *sql = "SELECT x FROM a ORDER BY x LIMIT (SELECT n FROM b) "
                      "OFFSET (SELECT m FROM c WHERE c.k = $1)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 1, 0);
    N_RELS(f, 3);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R);
    REL(f, NULL, "c", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_true(f->top.has_limit);
    assert_true(f->top.has_offset);
    assert_true(f->top.has_order_by);

    /* FETCH FIRST is a limit too. */
    f = parse_ok("SELECT x FROM a ORDER BY x FETCH FIRST (SELECT n FROM b) ROWS ONLY");
    N_RELS(f, 2);
    REL(f, NULL, "b", R);
    assert_true(f->top.has_limit);
    assert_false(f->top.has_offset);
    assert_false(f->top.with_ties);

    /* WITH TIES, as the parser marks it; LIMIT, FETCH ... ONLY and none are not */
    assert_true(parse_ok("SELECT x FROM a ORDER BY x FETCH FIRST 3 ROWS WITH TIES")->top.with_ties);
    assert_false(parse_ok("SELECT x FROM a ORDER BY x LIMIT 3")->top.with_ties);
    assert_false(parse_ok("SELECT x FROM a ORDER BY x FETCH NEXT ROW ONLY")->top.with_ties);
    assert_false(parse_ok("SELECT x FROM a ORDER BY x")->top.with_ties);
    assert_false(parse_ok("SELECT x FROM a ORDER BY x OFFSET 2")->top.with_ties);
}

static void test_walker__values(void **state)
{
    (void)state;
    const char *sql = "VALUES (1, (SELECT x FROM a)), ($1, lower('x'))";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 1, 0);
    assert_int_equal(f->kind, SG_STMT_SELECT);
    N_RELS(f, 1);
    REL(f, NULL, "a", R);
    assert_int_equal(f->params.count, 1);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    FUNC(f, NULL, "lower", SG_FUNC_CALL);
    assert_int_equal(f->top.values_rows, 2);
    assert_false(f->top.has_from);
    assert_false(f->top.is_set_operation);

    /* VALUES in FROM is not a top-level VALUES list. */
    f = parse_ok("SELECT * FROM (VALUES ((SELECT x FROM b))) v(a)");
    N_RELS(f, 1);
    REL(f, NULL, "b", R);
    assert_int_equal(f->top.values_rows, 0);
    assert_true(f->top.has_from);
}

static void test_walker__insert_values_returning(void **state)
{
    (void)state;
    const char *sql = "INSERT INTO t (a, b) VALUES ($1, (SELECT x FROM s1)) "
                      "RETURNING (SELECT y FROM s2 WHERE s2.id = t.a), $2";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_INSERT, 0, 2, 0);
    assert_int_equal(f->kind, SG_STMT_INSERT);
    N_RELS(f, 3);
    const sg__relref *t = REL(f, NULL, "t", W);
    assert_int_equal(t->location, OFF(sql, "t ("));
    REL(f, NULL, "s1", R);
    REL(f, NULL, "s2", R);
    assert_int_equal(f->params.count, 2);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    PARAM(f, 1, 2, OFF(sql, "$2"));

    /* INSERT ... SELECT */
    f = parse_ok("INSERT INTO t SELECT * FROM u WHERE u.k IN (SELECT k FROM v)");
    N_RELS(f, 3);
    REL(f, NULL, "t", W);
    REL(f, NULL, "u", R);
    REL(f, NULL, "v", R);
}

static void test_walker__on_conflict(void **state)
{
    (void)state;
    const char *sql = "INSERT INTO t VALUES ($1) ON CONFLICT (id) DO UPDATE "
                      "SET a = (SELECT a FROM s1 WHERE s1.k = $2) "
                      "WHERE t.b IN (SELECT b FROM s2 WHERE s2.k = $3)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_INSERT, 0, 3, 0);
    assert_int_equal(f->kind, SG_STMT_INSERT);
    N_RELS(f, 3);
    REL(f, NULL, "t", WU);
    REL(f, NULL, "s1", R);
    REL(f, NULL, "s2", R);
    assert_int_equal(f->params.count, 3);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    PARAM(f, 1, 2, OFF(sql, "$2"));
    PARAM(f, 2, 3, OFF(sql, "$3"));
}

static void test_walker__update_from(void **state)
{
    (void)state;
    const char *sql = "UPDATE t SET a = u.a, b = (SELECT b FROM x) FROM u JOIN v ON v.id = u.id "
                      "WHERE t.id = u.id AND t.c = (SELECT c FROM w WHERE w.k = $1) RETURNING t.a";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_UPDATE, 0, 1, 0);
    assert_int_equal(f->kind, SG_STMT_UPDATE);
    N_RELS(f, 5);
    assert_int_equal(REL(f, NULL, "t", WU)->location, OFF(sql, "t SET"));
    REL(f, NULL, "u", R);
    REL(f, NULL, "v", R);
    REL(f, NULL, "w", R);
    REL(f, NULL, "x", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_int_equal(f->params.count, 1);
}

static void test_walker__delete_using(void **state)
{
    (void)state;
    const char *sql = "DELETE FROM t USING u, (SELECT * FROM v WHERE v.k = $1) vv "
                      "WHERE t.id = u.id AND t.id = vv.id AND t.x IN (SELECT x FROM w) "
                      "RETURNING (SELECT max(y) FROM z)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_DELETE, 1, 1, 0);
    assert_int_equal(f->kind, SG_STMT_DELETE);
    N_RELS(f, 5);
    assert_int_equal(REL(f, NULL, "t", WD)->location, OFF(sql, "t USING"));
    REL(f, NULL, "u", R);
    REL(f, NULL, "v", R);
    REL(f, NULL, "w", R);
    REL(f, NULL, "z", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_false(FUNC(f, NULL, "max", SG_FUNC_CALL)->in_top_targetlist);
}

static void test_walker__merge(void **state)
{
    (void)state;
    const char *sql =
        "MERGE INTO t USING s ON t.id = s.id AND t.k = (SELECT k FROM c0) "
        "WHEN MATCHED AND t.x IN (SELECT x FROM c1) THEN UPDATE SET x = (SELECT x FROM c2 "
        "WHERE c2.id = $1) "
        "WHEN NOT MATCHED AND EXISTS (SELECT FROM c4) THEN INSERT (id, x) VALUES (s.id, "
        "(SELECT x FROM c3 WHERE c3.k = $2)) "
        "WHEN MATCHED THEN DELETE";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_MERGE, 0, 2, 0);
    assert_int_equal(f->kind, SG_STMT_MERGE);
    N_RELS(f, 7);
    assert_int_equal(REL(f, NULL, "t", WUD)->location, OFF(sql, "t USING"));
    assert_int_equal(REL(f, NULL, "s", R)->location, OFF(sql, "s ON"));
    REL(f, NULL, "c0", R);
    REL(f, NULL, "c1", R);
    REL(f, NULL, "c2", R);
    REL(f, NULL, "c3", R);
    REL(f, NULL, "c4", R);
    assert_int_equal(f->params.count, 2);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    PARAM(f, 1, 2, OFF(sql, "$2"));
}

/* Which rows a write changes, for the foreign keys whose actions follow
 * them: DELETE deletes, UPDATE and ON CONFLICT DO UPDATE update, MERGE what
 * its actions do, an INSERT (or DO NOTHING) neither. */
static void test_walker__write_changes(void **state)
{
    (void)state;
    static const struct {
        const char *sql;
        unsigned use;
    } cases[] = {
        {"INSERT INTO t VALUES (1)", W},
        {"INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING", W},
        {"INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 1", WU},
        {"UPDATE t SET a = 1", WU},
        {"DELETE FROM t", WD},
        {"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = 1", WU},
        {"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", WD},
        {"MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (1)", W},
        {"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DO NOTHING", W},
        {"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND s.x THEN DELETE "
         "WHEN MATCHED THEN UPDATE SET a = 1",
         WUD},
        {"WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", WD},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const sg__facts *f = parse_ok(cases[i].sql);
        REL(f, NULL, "t", cases[i].use);
    }
}

static void test_walker__merge_using_subquery(void **state)
{
    (void)state;
    const char *sql = "MERGE INTO t USING (SELECT * FROM src JOIN s2 ON true WHERE src.k = $1) s "
                      "ON t.id = s.id WHEN MATCHED THEN DO NOTHING";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_MERGE, 0, 1, 0);
    assert_int_equal(f->kind, SG_STMT_MERGE);
    N_RELS(f, 3);
    REL(f, NULL, "t", W);
    REL(f, NULL, "src", R);
    REL(f, NULL, "s2", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
}

/* ---- CTEs ---------------------------------------------------------------------------------- */

static void test_walker__cte_reference_is_not_a_relation(void **state)
{
    (void)state;
    const char *sql = "WITH c AS (SELECT * FROM t WHERE t.k = $1) SELECT * FROM c "
                      "WHERE EXISTS (SELECT 1 FROM c)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 1, 1);
    N_RELS(f, 1);
    const sg__relref *t = REL(f, NULL, "t", R);
    assert_int_equal(t->in_cte, 0);
    assert_int_equal(f->ctes.count, 1);
    const sg__cte *c = cte_at(f, 0);
    assert_string_equal(c->name, "c");
    assert_int_equal(c->location, OFF(sql, "c AS"));
    assert_false(c->recursive);
    assert_int_equal(c->kind, SG_STMT_SELECT);
    assert_int_equal(c->depth, 0);
    assert_int_equal(c->references, 2);
    PARAM(f, 0, 1, OFF(sql, "$1"));
}

static void test_walker__cte_nested(void **state)
{
    (void)state;
    const char *sql = "WITH a AS (WITH b AS (SELECT * FROM t) SELECT * FROM b, u) "
                      "SELECT * FROM a";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 2);
    N_RELS(f, 2);
    assert_int_equal(f->ctes.count, 2);
    assert_string_equal(cte_at(f, 0)->name, "a");
    assert_string_equal(cte_at(f, 1)->name, "b");
    assert_int_equal(cte_at(f, 0)->depth, 0);
    assert_int_equal(cte_at(f, 1)->depth, 1);
    assert_int_equal(cte_at(f, 0)->references, 1);
    assert_int_equal(cte_at(f, 1)->references, 1);
    /* t sits in b (index 1), u in the body of a (index 0). */
    assert_int_equal(REL(f, NULL, "t", R)->in_cte, 1);
    assert_int_equal(REL(f, NULL, "u", R)->in_cte, 0);

    /* The inner CTE is not visible outside its statement: b here is a table. */
    f = parse_ok("WITH a AS (WITH b AS (SELECT 1) SELECT * FROM b) SELECT * FROM a, b");
    N_RELS(f, 1);
    assert_int_equal(REL(f, NULL, "b", R)->in_cte, -1);
}

static void test_walker__cte_recursive_self_reference(void **state)
{
    (void)state;
    const char *sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r "
                      "WHERE n < 5) SELECT * FROM r";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 1);
    N_RELS(f, 0);
    assert_int_equal(f->ctes.count, 1);
    const sg__cte *r = cte_named(f, "r");
    assert_true(r->recursive);
    assert_int_equal(r->references, 2);
    assert_int_equal(r->kind, SG_STMT_SELECT);
}

static void test_walker__cte_sibling_plain_with(void **state)
{
    (void)state;
    /* In a plain WITH, a names only earlier siblings: b inside a is the table b. */
    const char *sql = "WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS x) SELECT * FROM a, b";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 2);
    N_RELS(f, 1);
    const sg__relref *b = REL(f, NULL, "b", R);
    assert_int_equal(b->location, OFF(sql, "b)"));
    assert_int_equal(b->in_cte, 0);
    assert_int_equal(cte_named(f, "a")->references, 1);
    assert_int_equal(cte_named(f, "b")->references, 1);

    /* An earlier sibling is visible. */
    f = parse_ok("WITH a AS (SELECT * FROM t), b AS (SELECT * FROM a) SELECT * FROM b");
    N_RELS(f, 1);
    assert_int_equal(REL(f, NULL, "t", R)->in_cte, 0);
    assert_int_equal(cte_named(f, "a")->references, 1);

    /* A CTE of a plain WITH does not see itself: t in its body is the table. */
    f = parse_ok("WITH t AS (SELECT * FROM t) SELECT * FROM t");
    N_RELS(f, 1);
    assert_int_equal(REL(f, NULL, "t", R)->in_cte, 0);
    assert_int_equal(cte_named(f, "t")->references, 1);
}

static void test_walker__cte_sibling_recursive_with(void **state)
{
    (void)state;
    /* In WITH RECURSIVE every entry sees every sibling. */
    const char *sql = "WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT 1 AS x) "
                      "SELECT * FROM a";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 2);
    N_RELS(f, 0);
    assert_true(cte_named(f, "a")->recursive);
    assert_true(cte_named(f, "b")->recursive);
    assert_int_equal(cte_named(f, "a")->references, 1);
    assert_int_equal(cte_named(f, "b")->references, 1);
}

static void test_walker__cte_shadows_table(void **state)
{
    (void)state;
    const char *sql = "WITH t AS (SELECT 1 AS x) SELECT * FROM t WHERE EXISTS (SELECT 1 FROM t)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 1);
    N_RELS(f, 0);
    assert_int_equal(cte_named(f, "t")->references, 2);

    /* The shadow ends with the statement that defines it. */
    const char *sql2 = "SELECT * FROM (WITH t AS (SELECT 1 AS x) SELECT * FROM t) s, t";
    f = parse_ok(sql2);
    N_RELS(f, 1);
    assert_int_equal(REL(f, NULL, "t", R)->location, (int)strlen(sql2) - 1);
    assert_int_equal(cte_named(f, "t")->references, 1);

    /* Names are compared after folding: X and x are the same CTE, "X" is not. */
    f = parse_ok("WITH X AS (SELECT 1) SELECT * FROM x");
    N_RELS(f, 0);
    f = parse_ok("WITH \"X\" AS (SELECT 1) SELECT * FROM x");
    N_RELS(f, 1);
    REL(f, NULL, "x", R);
}

static void test_walker__cte_qualified_name_never_binds(void **state)
{
    (void)state;
    const char *sql = "WITH x AS (SELECT 1 AS a) SELECT * FROM public.x, x";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 1);
    N_RELS(f, 1);
    const sg__relref *px = REL(f, "public", "x", R);
    assert_int_equal(px->location, OFF(sql, "public.x"));
    NO_REL(f, NULL, "x");
    assert_int_equal(cte_named(f, "x")->references, 1);
}

static void test_walker__cte_write_target_same_name(void **state)
{
    (void)state;
    const char *sql = "WITH t AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM t";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_INSERT, 0, 0, 1);
    assert_int_equal(f->kind, SG_STMT_INSERT);
    N_RELS(f, 1);
    assert_int_equal(REL(f, NULL, "t", W)->location, OFF(sql, "t SELECT"));
    assert_int_equal(cte_named(f, "t")->references, 1);

    f = parse_ok("WITH t AS (SELECT 1 AS a) UPDATE t SET a = 2");
    N_RELS(f, 1);
    REL(f, NULL, "t", WU);
    assert_int_equal(cte_named(f, "t")->references, 0);

    f = parse_ok("WITH t AS (SELECT 1 AS a) DELETE FROM t");
    N_RELS(f, 1);
    REL(f, NULL, "t", WD);

    f = parse_ok("WITH t AS (SELECT 1 AS id) MERGE INTO t USING t AS s ON true "
                 "WHEN MATCHED THEN DELETE");
    N_RELS(f, 1);
    REL(f, NULL, "t", WD);
    assert_int_equal(cte_named(f, "t")->references, 1);
}

static void test_walker__cte_in_dml_from_and_using(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok("WITH x AS (SELECT 1 AS id) DELETE FROM t USING x "
                                  "WHERE t.id = x.id");
    SHAPE(f, SG_STMT_DELETE, 0, 0, 1);
    N_RELS(f, 1);
    REL(f, NULL, "t", WD);
    assert_int_equal(cte_named(f, "x")->references, 1);

    f = parse_ok("WITH x AS (SELECT 1 AS id) UPDATE t SET a = 1 FROM x, y "
                 "WHERE t.id = x.id AND y.id = x.id");
    N_RELS(f, 2);
    REL(f, NULL, "t", WU);
    REL(f, NULL, "y", R);
    assert_int_equal(cte_named(f, "x")->references, 1);
}

static void test_walker__cte_data_modifying(void **state)
{
    (void)state;
    const char *sql = "WITH d AS (DELETE FROM t WHERE t.k = $1 RETURNING *) SELECT * FROM d";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 1, 1);
    assert_int_equal(f->kind, SG_STMT_SELECT);
    N_RELS(f, 1);
    const sg__relref *t = REL(f, NULL, "t", WD);
    assert_int_equal(t->in_cte, 0);
    assert_int_equal(t->location, OFF(sql, "t WHERE"));
    const sg__cte *d = cte_named(f, "d");
    assert_int_equal(d->kind, SG_STMT_DELETE);
    assert_int_equal(d->references, 1);
    PARAM(f, 0, 1, OFF(sql, "$1"));

    f = parse_ok("WITH i AS (INSERT INTO t2 VALUES (1) RETURNING *), "
                 "u AS (UPDATE t3 SET a = 1 RETURNING *), "
                 "m AS (SELECT * FROM t4) SELECT * FROM i, u, m");
    N_RELS(f, 3);
    assert_int_equal(REL(f, NULL, "t2", W)->in_cte, 0);
    assert_int_equal(REL(f, NULL, "t3", WU)->in_cte, 1);
    assert_int_equal(REL(f, NULL, "t4", R)->in_cte, 2);
    assert_int_equal(cte_named(f, "i")->kind, SG_STMT_INSERT);
    assert_int_equal(cte_named(f, "u")->kind, SG_STMT_UPDATE);
    assert_int_equal(cte_named(f, "m")->kind, SG_STMT_SELECT);
}

/* ---- FROM-clause variants ------------------------------------------------------------------ */

/* The most copies any recorded output stands for, and the pieces of the
 * first output that stands for them. */
static const sg__expansion *most_expanded(const sg__facts *f)
{
    const sg__expansion *most = NULL;
    for (size_t i = 0; i < f->expansions.count; i++) {
        const sg__expansion *e = &SG__VEC_AT(f->expansions, sg__expansion, i);
        if (!most || e->weight > most->weight)
            most = e;
    }
    return most;
}

static void test_walker__expansions(void **state)
{
    (void)state;
    /* a sub-select's output stands for the sum of what its references do */
    const sg__facts *f = parse_ok("WITH a AS (SELECT x.n + x.n AS s FROM t x), "
                                  "b AS (SELECT a.s * a.s + a.s AS s FROM a) SELECT b.s FROM b");
    const sg__expansion *e = most_expanded(f);
    assert_non_null(e);
    assert_int_equal(e->weight, 6);
    assert_int_equal(e->chars, 0);
    assert_int_equal(e->params, 0);
    /* by name: the column read twice is the one-copy column, not the other */
    f = parse_ok("WITH a AS (SELECT x.n + x.n + x.n AS big, x.n AS small FROM t x), "
                 "b AS (SELECT a.small + a.small AS s FROM a) SELECT s FROM b");
    assert_int_equal(most_expanded(f)->weight, 3);
    /* doubling levels multiply; pieces are carried up */
    f = parse_ok("WITH l0 AS (SELECT 'abcdef'::text AS s), l1 AS (SELECT x.s || x.s || $1 AS s "
                 "FROM l0 x), l2 AS (SELECT y.s || y.s AS s FROM l1 y), l3 AS (SELECT z.s || "
                 "z.s AS s FROM l2 z) SELECT s FROM l3");
    e = most_expanded(f);
    assert_int_equal(e->weight, 8);
    assert_int_equal(e->chars, 8 * (6 + 64)); /* each copy of 'abcdef' and its node */
    assert_int_equal(e->params, 1);
    assert_false(e->params_more);
    /* through a LATERAL sub-select, a function in FROM, a whole row, `*` */
    f = parse_ok("SELECT c.s FROM (SELECT 'x' AS s) a, LATERAL (SELECT a.s || a.s AS s) b, "
                 "LATERAL (SELECT b.s || b.s AS s) c");
    assert_int_equal(most_expanded(f)->weight, 4);
    f = parse_ok("SELECT f FROM (SELECT 'x' AS s) a, LATERAL concat(a.s, a.s, a.s) f");
    assert_int_equal(most_expanded(f)->weight, 3);
    /* a whole row printed as text quotes its fields again: twice each */
    f = parse_ok("WITH a AS (SELECT 'x' AS s, 'y' AS t), b AS (SELECT a::text || a::text AS s "
                 "FROM a), c AS (SELECT * FROM b) SELECT c.s || c.s FROM c");
    assert_int_equal(most_expanded(f)->weight, 8);
    /* so does hex, quoting, JSON text, with one reference a level */
    f = parse_ok("WITH a AS (SELECT 'x' AS s), b AS (SELECT encode(a.s::bytea, 'hex') AS s FROM "
                 "a), c AS (SELECT quote_literal(b.s) AS s FROM b), d AS (SELECT to_jsonb(c.s) "
                 "AS s FROM c) SELECT d.s FROM d");
    assert_int_equal(most_expanded(f)->weight, 8);
    /* a scalar sub-select is copied with the expression: what its output
     * stands for, read at its own level */
    f = parse_ok("WITH a AS (SELECT 'x' AS s), b AS (SELECT (SELECT a.s) || (SELECT a.s || a.s) "
                 "AS s FROM a), c AS (SELECT b.s || b.s AS s FROM b) SELECT s FROM c");
    assert_int_equal(most_expanded(f)->weight, 6);
    /* a call that sizes what it makes is among the pieces */
    f = parse_ok("WITH a AS (SELECT repeat('x', 10) AS s), b AS (SELECT a.s || a.s || a.s AS s "
                 "FROM a) SELECT s FROM b");
    assert_int_equal(most_expanded(f)->weight, 3);
    assert_true(most_expanded(f)->sized);
    f = parse_ok("WITH a AS (SELECT upper('x') AS s), b AS (SELECT a.s || a.s || a.s AS s FROM a) "
                 "SELECT s FROM b");
    assert_int_equal(most_expanded(f)->weight, 3);
    assert_false(most_expanded(f)->sized);
    /* a name a `*` passes on is weighed where the `*` reads it */
    f = parse_ok("WITH a AS (SELECT x.n + x.n + x.n AS big, x.n AS small FROM t x), "
                 "b AS (SELECT * FROM a), c AS (SELECT y.*, 1 AS one FROM b y), "
                 "d AS (SELECT c.small + c.small AS s FROM c) SELECT s FROM d");
    assert_int_equal(most_expanded(f)->weight, 3);
    /* renamed by a column list, a `*`'s names are not known: the most */
    f = parse_ok("WITH a AS (SELECT x.n + x.n + x.n AS big, x.n AS small FROM t x), "
                 "b AS (SELECT * FROM a), d AS (SELECT c.q + c.q AS s FROM b AS c(p, q)) "
                 "SELECT s FROM d");
    assert_int_equal(most_expanded(f)->weight, 6);
    /* a UNION's position: the most of its branches */
    f = parse_ok("WITH a AS (SELECT 'x' AS s), b AS (SELECT 'y' AS s FROM a UNION ALL SELECT "
                 "a.s || a.s || a.s FROM a) SELECT b.s || b.s FROM b");
    assert_int_equal(most_expanded(f)->weight, 6);
    /* at most two copies anywhere: one fact for the statement, every
     * parameter among its pieces */
    f = parse_ok("WITH a AS (SELECT x.n AS s FROM t x) SELECT a.s + a.s FROM a");
    assert_int_equal(f->expansions.count, 1);
    e = most_expanded(f);
    assert_int_equal(e->weight, 2);
    assert_true(e->params_more);
    /* one copy each: nothing */
    f = parse_ok("WITH a AS (SELECT x.n AS s, x.m FROM t x) SELECT a.s, a.m FROM a");
    assert_int_equal(f->expansions.count, 0);
    f = parse_ok("SELECT n + n + n FROM t");
    assert_int_equal(f->expansions.count, 0);
}

static void test_walker__recursive_doubling(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok("WITH RECURSIVE r(n, s) AS (SELECT 1, 'x' UNION ALL SELECT n "
                                  "+ 1, s || s FROM r WHERE n < 40) SELECT s FROM r");
    assert_string_equal(f->doubling_cte, "r");
    assert_string_equal(f->doubling_column, "s");
    f = parse_ok("WITH RECURSIVE w(n, a, b) AS (SELECT 1, 'x', 'y' UNION ALL SELECT p.n + 1, "
                 "p.b, concat(p.a, p.b) FROM w AS p WHERE p.n < 40) SELECT a FROM w");
    assert_string_equal(f->doubling_cte, "w");
    assert_string_equal(f->doubling_column, "b");
    /* one copy a step, numbers, swaps: no doubling */
    static const char *const steady[] = {
        "WITH RECURSIVE r(n, s) AS (SELECT 1, 'x' UNION ALL SELECT n + 1, s || 'x' FROM r) "
        "SELECT s FROM r",
        "WITH RECURSIVE r(n, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM r) "
        "SELECT a FROM r",
        "WITH RECURSIVE r(n, p) AS (SELECT 1, ARRAY[1] UNION ALL SELECT n + 1, p || n FROM r) "
        "SELECT p FROM r",
        "WITH RECURSIVE r(a, b) AS (SELECT 'a', 'b' UNION ALL SELECT b, a FROM r) SELECT a FROM r",
        "WITH RECURSIVE r(a, b) AS (SELECT 9, 6 UNION ALL SELECT b, mod(a, b) FROM r) SELECT a "
        "FROM r",
    };
    for (size_t i = 0; i < sizeof steady / sizeof *steady; i++)
        assert_null(parse_ok(steady[i])->doubling_cte);
}

/* Parses recursive WITH query r(n, s) with step `step` and checks whether
 * its step is found doubling. */
static void expect_doubling(const char *step, bool doubles)
{
    char sql[2048];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE r(n, s) AS (SELECT 1, 'x' UNION ALL %s) SELECT s FROM r", step);
    const sg__facts *d = parse_ok(sql);
    if (!d->doubling_cte != !doubles)
        fail_msg("%s doubling in %s", doubles ? "no" : "a", step);
}

static void test_walker__recursive_doubling_spellings(void **state)
{
    (void)state;
    /* doubling through a scalar sub-select, a LATERAL item, a separator,
     * an aggregate, format's positions */
    static const char *const doubling[] = {
        "SELECT n + 1, (SELECT r.s) || r.s FROM r",
        "SELECT n + 1, z.t FROM r, LATERAL (SELECT r.s || r.s AS t) z",
        "SELECT n + 1, z.t FROM r, LATERAL (VALUES (r.s || r.s)) z(t)",
        "SELECT n + 1, u.t || u.t FROM r, LATERAL upper(r.s) u(t)",
        "SELECT n + 1, concat_ws(r.s, 'a', 'b', 'c') FROM r",
        "SELECT n + 1, array_to_string(ARRAY['a', 'b'], r.s) FROM r",
        "SELECT n + 1, (SELECT string_agg(t, '') FROM unnest(ARRAY[r.s]) t) FROM r",
        "SELECT n + 1, format('%1$s%1$s', r.s) FROM r",
        "SELECT n + 1, format(r.s, r.s) FROM r",
        "SELECT z.n + 1, z.s || z.s FROM (SELECT r.n, r.s FROM r) z",
    };
    /* one copy: a format naming it once, CASE's alternatives, pieces of a
     * constant length, a filtering ARRAY(...) */
    static const char *const single[] = {
        "SELECT n + 1, format('%s > %s', r.s, 'x') FROM r",
        "SELECT n + 1, format('%2$s > %1$s', n, r.s) FROM r",
        "SELECT n + 1, CASE WHEN n = 1 THEN r.s || ': ' ELSE r.s || ' > ' END FROM r",
        "SELECT n + 1, coalesce(r.s || '/', r.s) FROM r",
        "SELECT n + 1, right(r.s || r.s, 10) || substr(r.s || r.s, 1, 20) FROM r",
        "SELECT n + 1, ARRAY(SELECT x FROM unnest(r.s) x WHERE x <> '') FROM r",
        "SELECT z.n + 1, z.s || 'x' FROM (SELECT r.n, r.s FROM r) z",
    };
    for (size_t i = 0; i < sizeof doubling / sizeof *doubling; i++)
        expect_doubling(doubling[i], true);
    /* copies multiplied past 2^32 (quote_ident 33 deep) still count */
    char deep[1024] = "SELECT n + 1, ";
    for (int i = 0; i < 33; i++)
        strcat(deep, "quote_ident(");
    strcat(deep, "r.s");
    for (int i = 0; i < 33; i++)
        strcat(deep, ")");
    strcat(deep, " FROM r");
    expect_doubling(deep, true);
    teardown(NULL); /* room for the next parses */
    for (size_t i = 0; i < sizeof single / sizeof *single; i++)
        expect_doubling(single[i], false);
}

static void test_walker__lateral(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.id = t.id) l, "
                      "LATERAL f(t.x, (SELECT max(y) FROM v)) g";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 2, 0, 0);
    N_RELS(f, 3);
    REL(f, NULL, "t", R);
    REL(f, NULL, "u", R);
    REL(f, NULL, "v", R);
    assert_int_equal(f->funcs.count, 2);
    const sg__funcref *lf = FUNC(f, NULL, "f", SG_FUNC_CALL);
    assert_int_equal(lf->location, OFF(sql, "f(t.x"));
    assert_false(lf->in_top_targetlist);
    assert_false(FUNC(f, NULL, "max", SG_FUNC_CALL)->in_top_targetlist);
}

static void test_walker__rows_from(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM ROWS FROM (f(), s.g($1)) AS r";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 2, 1, 0);
    N_RELS(f, 0);
    assert_int_equal(f->funcs.count, 2);
    const sg__funcref *ff = FUNC(f, NULL, "f", SG_FUNC_CALL);
    assert_int_equal(ff->location, OFF(sql, "f()"));
    assert_false(ff->in_top_targetlist);
    const sg__funcref *g = FUNC(f, "s", "g", SG_FUNC_CALL);
    assert_int_equal(g->location, OFF(sql, "s.g"));
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_true(f->top.has_from);
}

static void test_walker__tablesample(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM t TABLESAMPLE bernoulli ($1) REPEATABLE ((SELECT s FROM u))";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 1, 0);
    N_RELS(f, 2);
    assert_int_equal(REL(f, NULL, "t", R)->location, OFF(sql, "t TABLESAMPLE"));
    REL(f, NULL, "u", R);
    assert_int_equal(f->funcs.count, 1);
    const sg__funcref *m = FUNC(f, NULL, "bernoulli", SG_FUNC_TABLESAMPLE);
    assert_int_equal(m->location, OFF(sql, "bernoulli"));
    assert_false(m->has_over);
    PARAM(f, 0, 1, OFF(sql, "$1"));

    f = parse_ok("SELECT * FROM s.t TABLESAMPLE system (10)");
    REL(f, "s", "t", R);
    FUNC(f, NULL, "system", SG_FUNC_TABLESAMPLE);
}

/* ---- set operations ------------------------------------------------------------------------ */

static void test_walker__set_operations(void **state)
{
    (void)state;
    const char *sql = "SELECT a FROM t1 UNION SELECT a FROM t2 INTERSECT SELECT a FROM t3 "
                      "EXCEPT SELECT a FROM t4 WHERE a = $1 ORDER BY 1 LIMIT 5 OFFSET 2";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 1, 0);
    N_RELS(f, 4);
    REL(f, NULL, "t1", R);
    REL(f, NULL, "t2", R);
    REL(f, NULL, "t3", R);
    REL(f, NULL, "t4", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_true(f->top.is_set_operation);
    assert_true(f->top.has_order_by);
    assert_true(f->top.has_limit);
    assert_true(f->top.has_offset);
    assert_false(f->top.has_from);

    /* A WITH on the set operation is visible on both sides. */
    f = parse_ok("WITH c AS (SELECT 1 AS a) SELECT a FROM c UNION ALL SELECT a FROM c, t");
    N_RELS(f, 1);
    REL(f, NULL, "t", R);
    assert_int_equal(cte_named(f, "c")->references, 2);
    assert_true(f->top.is_set_operation);
    assert_false(f->top.has_order_by);
}

/* ---- expressions --------------------------------------------------------------------------- */

static void test_walker__function_argument_subquery(void **state)
{
    (void)state;
    const char *sql = "SELECT lower((SELECT name FROM t WHERE t.id = $1)), "
                      "coalesce((SELECT a FROM u), 0)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 1, 0);
    N_RELS(f, 2);
    REL(f, NULL, "t", R);
    REL(f, NULL, "u", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    /* COALESCE is an expression node, not a call. */
    assert_int_equal(f->funcs.count, 1);
    const sg__funcref *lw = FUNC(f, NULL, "lower", SG_FUNC_CALL);
    assert_true(lw->in_top_targetlist);
    assert_int_equal(lw->location, OFF(sql, "lower"));
    assert_false(f->top.has_from);
}

static void test_walker__filter_subquery(void **state)
{
    (void)state;
    const char *sql = "SELECT count(*) FILTER (WHERE x IN (SELECT x FROM f1 WHERE f1.k = $1)) "
                      "FROM t";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 1, 0);
    N_RELS(f, 2);
    REL(f, NULL, "f1", R);
    REL(f, NULL, "t", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_int_equal(f->funcs.count, 1);
    const sg__funcref *c = FUNC(f, NULL, "count", SG_FUNC_CALL);
    assert_true(c->in_top_targetlist);
    assert_false(c->has_over);

    /* ORDER BY inside an aggregate call. */
    f = parse_ok("SELECT string_agg(x, ',' ORDER BY (SELECT y FROM o)) FROM t");
    N_RELS(f, 2);
    REL(f, NULL, "o", R);
}

static void test_walker__case_subqueries(void **state)
{
    (void)state;
    const char *sql = "SELECT CASE (SELECT k FROM c0) WHEN 1 THEN 'a' END, "
                      "CASE WHEN x > (SELECT k FROM c1) THEN (SELECT v FROM c2) "
                      "ELSE (SELECT v FROM c3 WHERE c3.k = $1) END FROM t";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 1, 0);
    N_RELS(f, 5);
    REL(f, NULL, "c0", R);
    REL(f, NULL, "c1", R);
    REL(f, NULL, "c2", R);
    REL(f, NULL, "c3", R);
    REL(f, NULL, "t", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
}

static void test_walker__array_and_exists_sublinks(void **state)
{
    (void)state;
    const char *sql = "SELECT ARRAY(SELECT x FROM a), EXISTS (SELECT 1 FROM b WHERE b.k = $1), "
                      "1 = ANY (SELECT y FROM c), ARRAY[(SELECT z FROM d)]";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 1, 0);
    N_RELS(f, 4);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R);
    REL(f, NULL, "c", R);
    REL(f, NULL, "d", R);
    PARAM(f, 0, 1, OFF(sql, "$1"));
    assert_int_equal(f->funcs.count, 0);
}

static void test_walker__regclass_casts(void **state)
{
    (void)state;
    const char *sql = "SELECT 'x'::regclass, CAST('y' AS pg_catalog.regclass), 'z'::text, "
                      "'w'::regproc[], regtype 'int4'";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 4, 0, 0);
    N_RELS(f, 0);
    assert_int_equal(f->funcs.count, 4);
    const sg__funcref *c1 = func_at(f, 0);
    assert_int_equal(c1->kind, SG_FUNC_CAST);
    assert_null(c1->schema);
    assert_string_equal(c1->name, "regclass");
    assert_int_equal(c1->location, OFF(sql, "regclass"));
    const sg__funcref *c2 = func_at(f, 1);
    assert_int_equal(c2->kind, SG_FUNC_CAST);
    assert_string_equal(c2->schema, "pg_catalog");
    assert_string_equal(c2->name, "regclass");
    assert_int_equal(c2->location, OFF(sql, "pg_catalog.regclass"));
    FUNC(f, NULL, "regproc", SG_FUNC_CAST);
    FUNC(f, NULL, "regtype", SG_FUNC_CAST);
    assert_int_equal(count_funcs(f, "text"), 0);
}

static void test_walker__qualified_operator(void **state)
{
    (void)state;
    const char *sql = "SELECT 1 OPERATOR(public.+) 2, 1 OPERATOR(pg_catalog.+) 2, 3 + 4";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 0, 0);
    assert_int_equal(f->funcs.count, 1);
    const sg__funcref *op = FUNC(f, "public", "+", SG_FUNC_OPERATOR);
    assert_int_equal(op->location, OFF(sql, "OPERATOR(public"));

    /* An operator of a quantified sublink. */
    const char *sql2 = "SELECT 1 OPERATOR(myschema.=) ANY (SELECT a FROM t)";
    f = parse_ok(sql2);
    N_RELS(f, 1);
    REL(f, NULL, "t", R);
    assert_int_equal(f->funcs.count, 1);
    FUNC(f, "myschema", "=", SG_FUNC_OPERATOR);

    f = parse_ok("SELECT 1 OPERATOR(pg_catalog.=) ANY (SELECT a FROM t)");
    assert_int_equal(f->funcs.count, 0);
}

/* ---- row locking --------------------------------------------------------------------------- */

static void test_walker__for_update_locks_from(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM a JOIN (SELECT * FROM b) s ON true, c "
                      "WHERE a.x IN (SELECT x FROM d) FOR UPDATE";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 0);
    N_RELS(f, 4);
    REL(f, NULL, "a", R | L);
    REL(f, NULL, "b", R | L);
    REL(f, NULL, "c", R | L);
    /* Only in a WHERE sublink: not locked. */
    REL(f, NULL, "d", R);
    assert_true(f->top.has_locking);

    /* Nested subqueries in FROM are locked all the way down. */
    f = parse_ok("SELECT * FROM (SELECT * FROM (SELECT * FROM e) s1, e2) s2 FOR UPDATE");
    N_RELS(f, 2);
    REL(f, NULL, "e", R | L);
    REL(f, NULL, "e2", R | L);
}

static void test_walker__for_update_skips_cte_function_sublink(void **state)
{
    (void)state;
    const char *sql = "WITH c AS (SELECT * FROM ct) SELECT * FROM a JOIN c ON a.k IN "
                      "(SELECT k FROM j), LATERAL (SELECT * FROM b) l, "
                      "generate_series(1, (SELECT max(n) FROM g)) gs FOR UPDATE";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 2, 0, 1);
    N_RELS(f, 5);
    REL(f, NULL, "a", R | L);
    REL(f, NULL, "b", R | L);
    REL(f, NULL, "ct", R); /* behind a CTE */
    REL(f, NULL, "j", R);  /* in a JOIN ON sublink */
    REL(f, NULL, "g", R);  /* in a function argument */
}

static void test_walker__for_update_of_alias(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM a, b AS bb, (SELECT * FROM c) cc FOR UPDATE OF bb";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 0);
    N_RELS(f, 3);
    REL(f, NULL, "a", R);
    REL(f, NULL, "b", R | L);
    REL(f, NULL, "c", R);

    f = parse_ok("SELECT * FROM a, b AS bb, (SELECT * FROM c) cc FOR UPDATE OF a, cc");
    N_RELS(f, 3);
    REL(f, NULL, "a", R | L);
    REL(f, NULL, "b", R);
    REL(f, NULL, "c", R | L);
}

static void test_walker__for_share(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok("SELECT * FROM a, b FOR SHARE OF a");
    SHAPE(f, SG_STMT_SELECT, 0, 0, 0);
    N_RELS(f, 2);
    REL(f, NULL, "a", R | L);
    REL(f, NULL, "b", R);
    assert_true(f->top.has_locking);

    f = parse_ok("SELECT * FROM a FOR SHARE");
    REL(f, NULL, "a", R | L);
    f = parse_ok("SELECT * FROM a FOR KEY SHARE SKIP LOCKED");
    REL(f, NULL, "a", R | L);
    f = parse_ok("SELECT * FROM a FOR NO KEY UPDATE NOWAIT");
    REL(f, NULL, "a", R | L);
}

static void test_walker__for_update_inside_subquery_only(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok("SELECT * FROM (SELECT * FROM a FOR UPDATE) s, b");
    SHAPE(f, SG_STMT_SELECT, 0, 0, 0);
    N_RELS(f, 2);
    REL(f, NULL, "a", R | L);
    REL(f, NULL, "b", R);
    assert_false(f->top.has_locking);

    f = parse_ok("WITH c AS (SELECT * FROM t FOR UPDATE) SELECT * FROM c, u");
    N_RELS(f, 2);
    REL(f, NULL, "t", R | L);
    REL(f, NULL, "u", R);
}

/* ---- names --------------------------------------------------------------------------------- */

static void test_walker__quoting_and_case_folding(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM SDK_Account, \"Sdk\", U&\"d\\0061t\", \"Mixed\".\"Case\"";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 0, 0);
    N_RELS(f, 4);
    assert_int_equal(REL(f, NULL, "sdk_account", R)->location, OFF(sql, "SDK_Account"));
    assert_int_equal(REL(f, NULL, "Sdk", R)->location, OFF(sql, "\"Sdk\""));
    assert_int_equal(REL(f, NULL, "dat", R)->location, OFF(sql, "U&"));
    REL(f, "Mixed", "Case", R);
    NO_REL(f, NULL, "SDK_Account");
    NO_REL(f, NULL, "sdk");

    f = parse_ok("SELECT Lower('x'), \"Upper\"('y')");
    FUNC(f, NULL, "lower", SG_FUNC_CALL);
    FUNC(f, NULL, "Upper", SG_FUNC_CALL);
}

static void test_walker__three_part_name(void **state)
{
    (void)state;
    const char *sql = "SELECT db.s.f() FROM db.s.t";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 1, 0, 0);
    N_RELS(f, 1);
    const sg__relref *t = &SG__VEC_AT(f->relations, sg__relref, 0);
    assert_string_equal(t->catalog, "db");
    assert_string_equal(t->schema, "s");
    assert_string_equal(t->name, "t");
    assert_int_equal(t->use, R);
    assert_int_equal(t->location, OFF(sql, "db.s.t"));
    assert_int_equal(f->funcs.count, 1);
    const sg__funcref *fn = func_at(f, 0);
    assert_string_equal(fn->catalog, "db");
    assert_string_equal(fn->schema, "s");
    assert_string_equal(fn->name, "f");
    assert_int_equal(fn->kind, SG_FUNC_CALL);
    assert_true(fn->in_top_targetlist);
}

/* ---- statement-level facts ----------------------------------------------------------------- */

static void test_walker__select_into(void **state)
{
    (void)state;
    const char *sql = "SELECT a INTO newt FROM t";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(f->kind, SG_STMT_SELECT);
    assert_true(f->has_into);
    assert_int_equal(f->into_location, OFF(sql, "newt"));
    N_RELS(f, 1);
    REL(f, NULL, "t", R);
    NO_REL(f, NULL, "newt");

    f = parse_ok("SELECT a FROM t");
    assert_false(f->has_into);
}

static void test_walker__where_current_of(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok("UPDATE t SET a = 1 WHERE CURRENT OF c");
    assert_int_equal(f->kind, SG_STMT_UPDATE);
    assert_true(f->has_current_of);
    N_RELS(f, 1);
    REL(f, NULL, "t", WU);

    f = parse_ok("DELETE FROM t WHERE CURRENT OF c");
    assert_int_equal(f->kind, SG_STMT_DELETE);
    assert_true(f->has_current_of);
    REL(f, NULL, "t", WD);

    f = parse_ok("DELETE FROM t WHERE a = 1");
    assert_false(f->has_current_of);
}

/* The clause has no location in PostgreSQL's tree; the facts point at its
 * CURRENT, past look-alikes in literals, quoted names and comments. */
static void test_walker__where_current_of_location(void **state)
{
    (void)state;
    const char *sql = "UPDATE t SET a = 1 WHERE CURRENT OF c";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(f->current_of_location, OFF(sql, "CURRENT"));

    sql = "UPDATE t SET a = 'WHERE CURRENT OF x', \"WHERE CURRENT OF\" = 2 /* WHERE CURRENT OF y "
          "*/ -- WHERE CURRENT OF z\n WHERE\n  current  Of c";
    f = parse_ok(sql);
    assert_true(f->has_current_of);
    assert_int_equal(f->current_of_location, OFF(sql, "current"));

    sql = "WITH d AS (DELETE FROM t WHERE CURRENT OF c RETURNING a) SELECT a FROM d";
    f = parse_ok(sql);
    assert_true(f->has_current_of);
    assert_int_equal(f->current_of_location, OFF(sql, "CURRENT"));

    /* comments between the keywords: the scanner returns them as tokens of
     * their own, which are not the clause's */
    sql = "DELETE FROM t WHERE /* which */ CURRENT -- row\n OF c";
    f = parse_ok(sql);
    assert_true(f->has_current_of);
    assert_int_equal(f->current_of_location, OFF(sql, "CURRENT"));
}

static void test_walker__utility_statements(void **state)
{
    (void)state;
    static const struct {
        const char *sql;
        const char *name;
    } cases[] = {
        {"CREATE TABLE t (a int)", "CREATE TABLE"},
        {"COPY t FROM stdin", "COPY"},
        {"SET search_path = evil", "SET"},
        {"BEGIN", "transaction control"},
        {"EXPLAIN SELECT * FROM t WHERE a = $1", "EXPLAIN"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const sg__facts *f = parse_ok(cases[i].sql);
        assert_int_equal(f->kind, SG_STMT_OTHER);
        assert_non_null(f->other_name);
        assert_string_equal(f->other_name, cases[i].name);
        assert_int_equal(f->statement_count, 1);
        N_RELS(f, 0);
        assert_int_equal(f->params.count, 0);
        assert_int_equal(f->funcs.count, 0);
        assert_int_equal(f->ctes.count, 0);
    }
}

static void test_walker__statement_count(void **state)
{
    (void)state;
    sg__parse_error err;
    int rc;
    const char *sql = "SELECT * FROM a; SELECT * FROM b";
    const sg__facts *f = parse_raw(sql, DEFAULT_DEPTH, &err, &rc);
    assert_int_equal(rc, 0);
    assert_null(err.message);
    assert_int_equal(f->statement_count, 2);
    assert_int_equal(f->kind, SG_STMT_NONE);
    assert_int_equal(f->statement_location, OFF(sql, "SELECT * FROM b"));
    N_RELS(f, 0);

    const char *empty[] = {"", ";", " ;; ", "-- only a comment"};
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        f = parse_raw(empty[i], DEFAULT_DEPTH, &err, &rc);
        assert_int_equal(rc, 0);
        assert_null(err.message);
        assert_int_equal(f->statement_count, 0);
        assert_int_equal(f->kind, SG_STMT_NONE);
        assert_int_equal(f->statement_location, -1);
        N_RELS(f, 0);
    }

    f = parse_ok("SELECT 1;");
    assert_int_equal(f->statement_count, 1);
    assert_int_equal(f->kind, SG_STMT_SELECT);
}

static void test_walker__syntax_error(void **state)
{
    (void)state;
    static const struct {
        const char *sql;
        const char *message;
        const char *at; /* NULL: the end of the text */
    } cases[] = {
        {"SELEC 1", "syntax error at or near \"SELEC\"", "SELEC"},
        {"SELECT * FROM t WHERE", "syntax error at end of input", NULL},
        {"SELECT * FROM t WHERE a = = 1", "syntax error at or near \"=\"", "= 1"},
        /* Multi-byte characters before the error: the offset is in bytes. */
        {"SELECT 'é' FROM WHERE", "syntax error at or near \"WHERE\"", "WHERE"},
        {"SELECT '\xF0\x9F\x98\x80', \"ñame\" FROM WHERE", "syntax error at or near \"WHERE\"",
         "WHERE"},
        {"SELECT 'é', 'abc", "unterminated quoted string at or near \"'abc\"", "'abc"},
        {"SELECT é(", "syntax error at end of input", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg__parse_error err;
        int rc;
        const sg__facts *f = parse_raw(cases[i].sql, DEFAULT_DEPTH, &err, &rc);
        assert_int_equal(rc, 0);
        assert_non_null(err.message);
        assert_string_equal(err.message, cases[i].message);
        long expected = cases[i].at ? OFF(cases[i].sql, cases[i].at) : (long)strlen(cases[i].sql);
        assert_int_equal(err.offset, expected);
        assert_int_equal(f->kind, SG_STMT_NONE);
        assert_int_equal(f->statement_count, 0);
        N_RELS(f, 0);
    }
    /* The multi-byte offset really is a byte offset (17), not a character one (16). */
    assert_int_equal(OFF("SELECT 'é' FROM WHERE", "WHERE"), 17);
}

/* ---- the depth bound ----------------------------------------------------------------------- */

static char long_sql[16384];

static void test_walker__depth_long_expression(void **state)
{
    (void)state;
    /* SELECT 1+1+...+1+$1: 5001 terms, a left-deep tree 5000 levels deep. */
    size_t n = 0;
    n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "SELECT 1");
    for (int i = 1; i < 5000; i++)
        n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "+1");
    n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "+$1");
    assert_true(n < sizeof long_sql);

    sg__parse_error err;
    int rc;
    const sg__facts *f = parse_raw(long_sql, 400, &err, &rc);
    assert_int_equal(rc, 0);
    assert_null(err.message);
    assert_int_equal(f->kind, SG_STMT_SELECT);
    assert_true(f->depth_exceeded);
    assert_false(f->incomplete);
    /* At the operator where the bound was crossed: 400 levels are the target
     * list, its entry and 398 operators, the first of them the last "+"
     * (each one further in is two bytes to the left). */
    assert_int_equal(f->depth_location, (int)n - 3 - 2 * 398);
    assert_int_equal(long_sql[f->depth_location], '+');

    f = parse_raw(long_sql, 100000, &err, &rc);
    assert_int_equal(rc, 0);
    assert_null(err.message);
    assert_false(f->depth_exceeded);
    assert_false(f->incomplete);
    assert_int_equal(f->unsupported.count, 0);
    /* The walk reached the far end of the tree. */
    assert_int_equal(f->params.count, 1);
    PARAM(f, 0, 1, (int)n - 2);
}

static void test_walker__depth_nested_subqueries(void **state)
{
    (void)state;
    /* 200 nested scalar subqueries around a table reference. */
    size_t n = 0;
    n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "SELECT ");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "(SELECT ");
    n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "x FROM deep");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, ")");
    assert_true(n < sizeof long_sql);

    sg__parse_error err;
    int rc;
    const sg__facts *f = parse_raw(long_sql, 400, &err, &rc);
    assert_int_equal(rc, 0);
    assert_null(err.message);
    assert_true(f->depth_exceeded);
    /* inside the nest, at a subquery's opening parenthesis */
    assert_true(f->depth_location > 7 && f->depth_location < (int)n / 2);
    assert_int_equal(long_sql[f->depth_location], '(');

    f = parse_raw(long_sql, 100000, &err, &rc);
    assert_int_equal(rc, 0);
    assert_false(f->depth_exceeded);
    N_RELS(f, 1);
    REL(f, NULL, "deep", R);

    /* 200 nested subqueries in FROM. */
    n = 0;
    n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "SELECT * FROM ");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "(SELECT * FROM ");
    n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, "deep");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, ") s%d", i);
    n += (size_t)snprintf(long_sql + n, sizeof long_sql - n, " FOR UPDATE");
    assert_true(n < sizeof long_sql);

    f = parse_raw(long_sql, 100, &err, &rc);
    assert_int_equal(rc, 0);
    assert_null(err.message);
    assert_true(f->depth_exceeded);

    f = parse_raw(long_sql, 100000, &err, &rc);
    assert_int_equal(rc, 0);
    assert_false(f->depth_exceeded);
    N_RELS(f, 1);
    /* FOR UPDATE reaches the relation through all 200 levels. */
    REL(f, NULL, "deep", R | L);
}

/* ---- parameters and functions -------------------------------------------------------------- */

static void test_walker__params_locations(void **state)
{
    (void)state;
    const char *sql = "SELECT $1, t.a FROM t WHERE t.b = $2 AND t.c = $1 LIMIT $3";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 0, 4, 0);
    assert_int_equal(f->params.count, 4);
    /* In walk order: target list, WHERE, LIMIT. */
    PARAM(f, 0, 1, NTH_OFF(sql, "$1", 0));
    PARAM(f, 1, 2, OFF(sql, "$2"));
    PARAM(f, 2, 1, NTH_OFF(sql, "$1", 1));
    PARAM(f, 3, 3, OFF(sql, "$3"));
    assert_int_equal(NTH_OFF(sql, "$1", 0), 7);
}

static void test_walker__top_targetlist_and_over(void **state)
{
    (void)state;
    const char *sql = "SELECT count(*), row_number() OVER (), (SELECT lower(n) FROM u), "
                      "upper(t.n) FROM t WHERE length(t.n) > 1 ORDER BY abs(t.x)";
    const sg__facts *f = parse_ok(sql);
    SHAPE(f, SG_STMT_SELECT, 6, 0, 0);
    N_RELS(f, 2);
    REL(f, NULL, "t", R);
    REL(f, NULL, "u", R);
    assert_int_equal(f->funcs.count, 6);

    const sg__funcref *c = FUNC(f, NULL, "count", SG_FUNC_CALL);
    assert_true(c->in_top_targetlist);
    assert_false(c->has_over);
    assert_int_equal(c->location, OFF(sql, "count"));
    const sg__funcref *rn = FUNC(f, NULL, "row_number", SG_FUNC_CALL);
    assert_true(rn->in_top_targetlist);
    assert_true(rn->has_over);
    const sg__funcref *lw = FUNC(f, NULL, "lower", SG_FUNC_CALL);
    assert_false(lw->in_top_targetlist);
    assert_true(FUNC(f, NULL, "upper", SG_FUNC_CALL)->in_top_targetlist);
    assert_false(FUNC(f, NULL, "length", SG_FUNC_CALL)->in_top_targetlist);
    assert_false(FUNC(f, NULL, "abs", SG_FUNC_CALL)->in_top_targetlist);

    /* Nothing in an INSERT, UPDATE or DELETE is in a top-level SELECT's target list. */
    f = parse_ok("INSERT INTO t SELECT count(*) FROM u RETURNING lower(a)");
    assert_false(FUNC(f, NULL, "count", SG_FUNC_CALL)->in_top_targetlist);
    assert_false(FUNC(f, NULL, "lower", SG_FUNC_CALL)->in_top_targetlist);

    /* The qualified name of a call. */
    f = parse_ok("SELECT pg_catalog.now(), public.f(1)");
    assert_true(FUNC(f, "pg_catalog", "now", SG_FUNC_CALL)->in_top_targetlist);
    FUNC(f, "public", "f", SG_FUNC_CALL);
}

static void test_walker__top_select_facts(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok("SELECT 1");
    SHAPE(f, SG_STMT_SELECT, 0, 0, 0);
    assert_false(f->top.has_from);
    assert_false(f->top.has_group_by);
    assert_false(f->top.has_having);
    assert_false(f->top.has_distinct);
    assert_false(f->top.has_order_by);
    assert_false(f->top.has_limit);
    assert_false(f->top.has_offset);
    assert_false(f->top.has_locking);
    assert_false(f->top.is_set_operation);
    assert_int_equal(f->top.values_rows, 0);
    N_RELS(f, 0);

    f = parse_ok("SELECT DISTINCT a FROM t GROUP BY a HAVING count(*) > 1 ORDER BY a "
                 "FETCH FIRST 10 ROWS ONLY");
    assert_true(f->top.has_from);
    assert_true(f->top.has_group_by);
    assert_true(f->top.has_having);
    assert_true(f->top.has_distinct);
    assert_true(f->top.has_order_by);
    assert_true(f->top.has_limit);
    assert_false(f->top.has_offset);
    assert_false(f->top.has_locking);
    assert_false(f->top.is_set_operation);

    /* The facts are those of the top level, not of a subquery. */
    f = parse_ok("SELECT * FROM (SELECT a FROM t GROUP BY a ORDER BY a LIMIT 1) s");
    assert_true(f->top.has_from);
    assert_false(f->top.has_group_by);
    assert_false(f->top.has_order_by);
    assert_false(f->top.has_limit);

    f = parse_ok("TABLE t");
    assert_true(f->top.has_from);
    N_RELS(f, 1);
    REL(f, NULL, "t", R);
}

/* ---- top-level FROM items and WHERE pins --------------------------------------------------- */

/* The i-th item of the top-level FROM clause: a relation named `rel` (NULL:
 * not a relation) that columns qualify with `name`. */
static void assert_from_(const sg__facts *f, size_t i, const char *rel, const char *name,
                         const char *file, int line)
{
    if (i >= f->top.from.count) {
        print_error("no FROM item %zu (%zu items)\n", i, f->top.from.count);
        _fail(file, line);
    }
    const sg__from_item *item = &SG__VEC_AT(f->top.from, sg__from_item, i);
    const char *got =
        item->relation >= 0 ? SG__VEC_AT(f->relations, sg__relref, item->relation).name : NULL;
    if (item->relation >= (long)f->relations.count || !same(got, rel) || !same(item->name, name)) {
        print_error("FROM item %zu: relation %s named %s, expected %s named %s\n", i, show(got),
                    show(item->name), show(rel), show(name));
        _fail(file, line);
    }
}
#define FROM_ITEM(f, i, rel, name) assert_from_((f), (i), (rel), (name), __FILE__, __LINE__)

static void assert_pin_(const sg__facts *f, size_t i, const char *qualifier, const char *column,
                        const char *file, int line)
{
    const sg__column_pin *p =
        i < f->top.pins.count ? &SG__VEC_AT(f->top.pins, sg__column_pin, i) : NULL;
    if (!p || !same(p->qualifier, qualifier) || !same(p->column, column)) {
        print_error("pin %zu: %s.%s, expected %s.%s (%zu pins)\n", i, p ? show(p->qualifier) : "-",
                    p ? show(p->column) : "-", show(qualifier), column, f->top.pins.count);
        _fail(file, line);
    }
}
#define PIN(f, i, qualifier, column)                                                               \
    assert_pin_((f), (i), (qualifier), (column), __FILE__, __LINE__)

static void test_walker__top_from_items(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok(
        "WITH c AS (SELECT 1 AS k) SELECT 1 FROM t1, s.t2 AS x "
        "JOIN t3 ON t3.k = (SELECT k FROM t4) LEFT JOIN (SELECT k FROM t5) AS sq ON true, "
        "generate_series(1, 2) AS g, c, (t6 JOIN t7 USING (k)) AS j, LATERAL (SELECT 1) AS l");
    assert_int_equal(f->top.from.count, 10);
    FROM_ITEM(f, 0, "t1", "t1");
    FROM_ITEM(f, 1, "t2", "x");
    FROM_ITEM(f, 2, "t3", "t3");
    FROM_ITEM(f, 3, NULL, "sq"); /* t4 and t5 are not items of the top level */
    FROM_ITEM(f, 4, NULL, NULL); /* a function: unnamed, whatever its alias */
    FROM_ITEM(f, 5, NULL, "c");  /* a CTE reference */
    FROM_ITEM(f, 6, NULL, "j");  /* an aliased join, before its operands */
    FROM_ITEM(f, 7, "t6", "t6");
    FROM_ITEM(f, 8, "t7", "t7");
    FROM_ITEM(f, 9, NULL, "l");

    /* only the top level's FROM clause */
    f = parse_ok("SELECT s.k FROM (SELECT k FROM t WHERE k = $1) AS s");
    assert_int_equal(f->top.from.count, 1);
    FROM_ITEM(f, 0, NULL, "s");
    f = parse_ok("SELECT k FROM t UNION SELECT k FROM u");
    assert_int_equal(f->top.from.count, 0);
    f = parse_ok("UPDATE t SET k = 1 FROM u WHERE u.k = t.k");
    assert_int_equal(f->top.from.count, 0);
    f = parse_ok("SELECT 1 FROM t TABLESAMPLE system (10)");
    assert_int_equal(f->top.from.count, 1);
    FROM_ITEM(f, 0, "t", "t");

    /* an alias with a column list renames the relation's columns */
    f = parse_ok("SELECT 1 FROM t AS a(x, y), u AS b, (SELECT 1) AS s(z)");
    assert_int_equal(f->top.from.count, 3);
    FROM_ITEM(f, 0, "t", "a");
    FROM_ITEM(f, 1, "u", "b");
    FROM_ITEM(f, 2, NULL, "s");
    assert_true(SG__VEC_AT(f->top.from, sg__from_item, 0).renames_columns);
    assert_false(SG__VEC_AT(f->top.from, sg__from_item, 1).renames_columns);
    assert_true(SG__VEC_AT(f->top.from, sg__from_item, 2).renames_columns);
}

/* A sub-select whose FROM is one relation named as itself records its WHERE's pins, to values
 * only, with its level; other sub-selects record none. */
static void test_walker__level_pins(void **state)
{
    (void)state;
    const sg__facts *f = parse_ok(
        "WITH c AS (SELECT k FROM t1 WHERE k = $1 AND t1.m = 'x' AND n = o AND (p = $2 OR q = $3)) "
        "SELECT 1 FROM c, (SELECT k FROM t2 AS y WHERE y.k = $4) AS s, "
        "(SELECT k FROM t3, t4 WHERE t3.k = $5) AS j, (SELECT a FROM t5 AS z(a) WHERE a = $6) AS "
        "r, "
        "(SELECT k FROM c WHERE k = $7) AS cc "
        "WHERE c.k = $8");
    /* the top level's own pin stays apart */
    assert_int_equal(f->top.pins.count, 1);
    assert_int_equal(f->level_pins.count, 3);
    const sg__column_pin *a = &SG__VEC_AT(f->level_pins, sg__column_pin, 0);
    const sg__column_pin *b = &SG__VEC_AT(f->level_pins, sg__column_pin, 1);
    const sg__column_pin *d = &SG__VEC_AT(f->level_pins, sg__column_pin, 2);
    assert_null(a->qualifier);
    assert_string_equal(a->column, "k");
    assert_string_equal(b->qualifier, "t1");
    assert_string_equal(b->column, "m");
    assert_string_equal(d->qualifier, "y");
    assert_string_equal(d->column, "k");
    assert_int_equal(a->level, b->level);
    assert_true(d->level != a->level);
    /* the levels with one relation name it; the join, the renaming alias and the CTE do not */
    size_t with_source = 0;
    for (size_t i = 0; i < f->levels.count; i++) {
        const sg__level *l = &SG__VEC_AT(f->levels, sg__level, i);
        if (l->only_source < 0)
            continue;
        with_source++;
        assert_true((int)i == a->level || (int)i == d->level);
        const sg__source *src = &SG__VEC_AT(f->sources, sg__source, (size_t)l->only_source);
        assert_int_equal(src->level, (int)i);
        assert_string_equal(src->name, (int)i == a->level ? "t1" : "y");
    }
    assert_int_equal(with_source, 2);
}

static void test_walker__top_where_pins(void **state)
{
    (void)state;
    /* s.t.n names item t when it is the one item of that name, of schema s when written */
    const sg__facts *q = parse_ok("SELECT 1 FROM s.t WHERE s.t.n = $1 AND other.t.m = $2");
    assert_int_equal(q->top.pins.count, 2);
    PIN(q, 0, "t", "n");
    PIN(q, 1, "\001other.t", "m");
    q = parse_ok("SELECT 1 FROM public.t, app.t WHERE app.t.n = $1");
    PIN(q, 0, "\001app.t", "n");
    q = parse_ok("SELECT 1 FROM t x WHERE public.x.n = $1");
    PIN(q, 0, "\001public.x", "n");
    /* in an ON, settled once the FROM clause is read: the one t, or none of two */
    q = parse_ok("SELECT 1 FROM s.t JOIN u ON s.t.n = $1");
    PIN(q, 0, "t", "n");
    q = parse_ok("SELECT 1 FROM s.t JOIN u ON s.t.n = $1, app.t");
    PIN(q, 0, "\001t", "n");
    const sg__facts *f =
        parse_ok("SELECT 1 FROM a WHERE a.k = $1 AND ($2 = b AND (c = 'x' AND d = 42)) AND -1 = r "
                 "AND e = f AND g = $3::int AND h <> $4 AND (i = $5 OR j = $6) AND NOT k = $7 "
                 "AND l IS NOT DISTINCT FROM $8 AND m = NULL AND s.t.n = $9 AND o = (SELECT 1) "
                 "AND EXISTS (SELECT 1 FROM z WHERE z.p = $10) AND q OPERATOR(pg_catalog.=) $11 "
                 "AND lower(u) = $12 AND v = w.x");
    assert_int_equal(f->top.pins.count, 8);
    PIN(f, 0, "a", "k");
    PIN(f, 1, NULL, "b");
    PIN(f, 2, NULL, "c");
    PIN(f, 3, NULL, "d");
    PIN(f, 4, NULL, "r");
    PIN(f, 5, NULL, "g");
    PIN(f, 6, "\001s.t", "n"); /* s.t.n: no one FROM item t of schema s, so no item's */
    PIN(f, 7, NULL, "q");      /* OPERATOR(pg_catalog.=) is = */
    for (size_t i = 0; i < 5; i++)
        assert_null(SG__VEC_AT(f->top.pins, sg__column_pin, i).cast);
    const sg__column_pin *g = &SG__VEC_AT(f->top.pins, sg__column_pin, 5);
    assert_string_equal(g->cast, "int4"); /* int is the grammar's pg_catalog.int4 */

    /* the cast of a pin's value is recorded as written, for the rule to judge */
    f = parse_ok("SELECT 1 FROM a WHERE k = $1::uuid AND 'x'::app.code = l AND m = $2::text[] "
                 "AND n = $3::float8::int8");
    assert_int_equal(f->top.pins.count, 4);
    /* a type of another schema keeps its schema (the rule compares it with the column's own
     * type); an array is a cast the walker does not describe (""); a value cast twice is one
     * value, with the cast at its top */
    assert_string_equal(SG__VEC_AT(f->top.pins, sg__column_pin, 0).cast, "uuid");
    assert_string_equal(SG__VEC_AT(f->top.pins, sg__column_pin, 1).cast, "app.code");
    assert_string_equal(SG__VEC_AT(f->top.pins, sg__column_pin, 2).cast, "");
    assert_string_equal(SG__VEC_AT(f->top.pins, sg__column_pin, 3).cast, "int8");

    /* expressions of values: operators, casts, pg_catalog's functions (named for the rule,
     * which knows max for an aggregate), SQL value keywords; never a column, a sub-select,
     * `count(*)` or another schema's function or operator */
    f = parse_ok("SELECT 1 FROM a WHERE k = upper(trim($1)) AND d = CURRENT_DATE - 1 AND "
                 "e = $2::date + interval '1 day' AND g = pg_catalog.lower($3) AND "
                 "h = upper(x) AND i = (SELECT $4) AND j = app.f($5) AND l = max($6) AND "
                 "m = count(*) AND n = lower($7) OPERATOR(app.||) 'x'");
    assert_int_equal(f->top.pins.count, 5);
    PIN(f, 0, NULL, "k");
    PIN(f, 1, NULL, "d");
    PIN(f, 2, NULL, "e");
    PIN(f, 3, NULL, "g");
    PIN(f, 4, NULL, "l");
    const sg__column_pin *k = &SG__VEC_AT(f->top.pins, sg__column_pin, 0);
    assert_int_equal(k->call_count, 2);
    assert_string_equal(k->calls[0], "upper");
    assert_string_equal(k->calls[1], "btrim"); /* trim(x) is the grammar's btrim */
    /* the SQL value keyword by its name, the casts inside as well as at the top */
    const sg__column_pin *d = &SG__VEC_AT(f->top.pins, sg__column_pin, 1);
    assert_int_equal(d->call_count, 1);
    assert_string_equal(d->calls[0], "current_date");
    const sg__column_pin *e = &SG__VEC_AT(f->top.pins, sg__column_pin, 2);
    assert_int_equal(e->cast_count, 2);
    assert_string_equal(e->casts[0], "date");
    assert_string_equal(e->casts[1], "interval");
    assert_null(e->cast); /* the top is the operator */

    /* a lone equality is a conjunct too; a lone OR is not */
    f = parse_ok("SELECT 1 FROM a WHERE \"Key\" = $1");
    assert_int_equal(f->top.pins.count, 1);
    PIN(f, 0, NULL, "Key");
    f = parse_ok("SELECT 1 FROM a WHERE k = $1 OR k = $2");
    assert_int_equal(f->top.pins.count, 0);

    /* never from a subquery, a CTE or a set operation's branches */
    f = parse_ok("WITH c AS (SELECT k FROM t WHERE k = $1) "
                 "SELECT s.k FROM (SELECT k FROM t WHERE k = $2) AS s, c WHERE s.k IN "
                 "(SELECT k FROM t WHERE k = $3)");
    assert_int_equal(f->top.pins.count, 0);
    f = parse_ok("SELECT k FROM t WHERE k = $1 UNION SELECT k FROM t WHERE k = $2");
    assert_int_equal(f->top.pins.count, 0);
    f = parse_ok("UPDATE t SET v = 1 WHERE k = $1");
    assert_int_equal(f->top.pins.count, 0);
}

/* ---- facts.c: parameter sort and lookup ---------------------------------------------------- */

static void test_walker__facts_sort_and_param_at(void **state)
{
    (void)state;
    const char *sql = "SELECT $3 FROM t WHERE a = $1 AND b = $2";
    sg__facts *f = (sg__facts *)parse_ok(sql);
    assert_int_equal(f->params.count, 3);
    sg__facts_sort_params(f);
    PARAM(f, 0, 3, OFF(sql, "$3"));
    PARAM(f, 1, 1, OFF(sql, "$1"));
    PARAM(f, 2, 2, OFF(sql, "$2"));
    const sg__paramref *p = sg__facts_param_at(f, OFF(sql, "$1"));
    assert_non_null(p);
    assert_int_equal(p->number, 1);
    assert_int_equal(p->location, OFF(sql, "$1"));
    assert_int_equal(sg__facts_param_at(f, OFF(sql, "$2"))->number, 2);
    assert_int_equal(sg__facts_param_at(f, OFF(sql, "$3"))->number, 3);
    assert_null(sg__facts_param_at(f, OFF(sql, "$1") + 1));
    assert_null(sg__facts_param_at(f, 0));
    assert_null(sg__facts_param_at(f, -1));

    /* Built by hand, out of order. */
    sg__arena *a = &arenas[parses - 1];
    sg__facts g;
    memset(&g, 0, sizeof g);
    const int locs[] = {30, 5, 17, 11, 2};
    for (size_t i = 0; i < sizeof locs / sizeof locs[0]; i++) {
        sg__paramref *r = sg__vec_push(a, &g.params, sizeof *r);
        assert_non_null(r);
        r->number = (int)i + 1;
        r->location = locs[i];
    }
    sg__facts_sort_params(&g);
    const int sorted[] = {2, 5, 11, 17, 30};
    const int numbers[] = {5, 2, 4, 3, 1};
    for (size_t i = 0; i < 5; i++) {
        PARAM(&g, i, numbers[i], sorted[i]);
        assert_int_equal(sg__facts_param_at(&g, sorted[i])->number, numbers[i]);
    }
    assert_null(sg__facts_param_at(&g, 12));
    assert_null(sg__facts_param_at(&g, 31));

    /* One parameter: sorting is a no-op. */
    sg__facts one;
    memset(&one, 0, sizeof one);
    sg__paramref *r = sg__vec_push(a, &one.params, sizeof *r);
    assert_non_null(r);
    r->number = 7;
    r->location = 9;
    sg__facts_sort_params(&one);
    assert_int_equal(sg__facts_param_at(&one, 9)->number, 7);
    assert_null(sg__facts_param_at(&one, 8));
}

/* Regression: with no $n the parameter array is NULL, and bsearch() may not
 * be given a NULL base even for a count of zero (UBSan stops the process). */
static void test_walker__facts_param_at_without_params(void **state)
{
    (void)state;
    sg__facts none;
    memset(&none, 0, sizeof none);
    sg__facts_sort_params(&none);
    assert_null(sg__facts_param_at(&none, 3));
}

/* ---- names PostgreSQL's walker skips
 * --------------------------------------------------------------------------- */

/* ORDER BY ... USING OPERATOR(public.<) sorts with a function outside
 * pg_catalog; the name sits in SortBy.useOp, which raw_expression_tree_walker
 * skips, so the walker must record it itself: in the top-level ORDER BY, in an
 * aggregate's ORDER BY and in a window's ORDER BY. */
static void test_walker__order_by_using_operator(void **state)
{
    (void)state;
    const char *sql = "SELECT * FROM t ORDER BY a USING OPERATOR(public.<)";
    const sg__facts *f = parse_ok(sql);
    N_RELS(f, 1);
    REL(f, NULL, "t", R);
    assert_true(f->top.has_order_by);
    FUNC(f, "public", "<", SG_FUNC_OPERATOR);

    f = parse_ok("SELECT array_agg(a ORDER BY a USING OPERATOR(public.<)) FROM t");
    FUNC(f, "public", "<", SG_FUNC_OPERATOR);

    f = parse_ok("SELECT row_number() OVER (ORDER BY a USING OPERATOR(public.<)) FROM t");
    FUNC(f, "public", "<", SG_FUNC_OPERATOR);
}

/* The CYCLE clause's mark value and default are analysed by PostgreSQL 15
 * (regclass 'a' resolves a name from a string) but skipped by its raw walker;
 * both casts must be recorded. */
static void test_walker__cte_cycle_mark_cast(void **state)
{
    (void)state;
    const char *sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                      "CYCLE n SET is_cycle TO regclass 'a' DEFAULT regclass 'b' USING path "
                      "SELECT * FROM r";
    const sg__facts *f = parse_ok(sql);
    N_RELS(f, 0);
    assert_int_equal(cte_named(f, "r")->references, 2);
    assert_int_equal(count_funcs(f, "regclass"), 2);
    assert_int_equal(func_at(f, 0)->kind, SG_FUNC_CAST);
    assert_int_equal(func_at(f, 0)->location, NTH_OFF(sql, "regclass", 0));
    assert_int_equal(func_at(f, 1)->kind, SG_FUNC_CAST);
    assert_int_equal(func_at(f, 1)->location, NTH_OFF(sql, "regclass", 1));
}

/* Name binding is linear in the CTE names in scope, so their number is bounded:
 * 1000 WITH queries walk, 1001 are unsupported (and the walk says it is incomplete). */
static void test_walker__with_queries_are_bounded(void **state)
{
    (void)state;
    for (int n = 1000; n <= 1001; n++) {
        size_t cap = (size_t)n * 32 + 64, len = 0;
        char *sql = malloc(cap);
        assert_non_null(sql);
        len += (size_t)snprintf(sql + len, cap - len, "WITH ");
        for (int i = 0; i < n; i++)
            len += (size_t)snprintf(sql + len, cap - len, "%sc%d AS (SELECT 1)", i ? ", " : "", i);
        snprintf(sql + len, cap - len, " SELECT * FROM c0");
        sg__parse_error err;
        int rc;
        const sg__facts *f = parse_raw(sql, DEFAULT_DEPTH, &err, &rc);
        assert_int_equal(rc, 0);
        assert_null(err.message);
        if (n == 1000) {
            assert_int_equal(f->ctes.count, 1000);
            assert_int_equal(f->unsupported.count, 0);
            assert_false(f->incomplete);
        } else {
            assert_int_equal(f->unsupported.count, 1);
            assert_true(f->incomplete);
        }
        free(sql);
    }
}

/* An XMLTABLE column's type converts document text with its input function;
 * PostgreSQL's raw walker skips RangeTableFuncCol.typeName. */
static void test_walker__xmltable_column_type(void **state)
{
    (void)state;
    const char *sql = "SELECT x.c FROM XMLTABLE('/r' PASSING '<r/>' COLUMNS c regclass PATH 'a') "
                      "AS x ORDER BY 1";
    const sg__facts *f = parse_ok(sql);
    N_RELS(f, 0);
    assert_int_equal(count_funcs(f, "regclass"), 1);
    /* XMLTABLE itself is XPath in libxml2: judged as xpath() */
    assert_int_equal(count_funcs(f, "xpath"), 1);
    assert_string_equal(func_at(f, 0)->keyword, "XMLTABLE");
    assert_int_equal(func_at(f, 1)->kind, SG_FUNC_CAST);
}

/* ---- type names ------------------------------------------------------------------------------ */

/* The one type fact schema.name (schema NULL: unqualified); NULL after a
 * failure reported at file:line. */
static const sg__typeref *assert_type_(const sg__facts *f, const char *schema, const char *name,
                                       const char *file, int line)
{
    const sg__typeref *found = NULL;
    size_t n = 0;
    for (size_t i = 0; i < f->types.count; i++) {
        const sg__typeref *t = &SG__VEC_AT(f->types, sg__typeref, i);
        if (same(t->schema, schema) && same(t->name, name)) {
            found = t;
            n++;
        }
    }
    if (n != 1) {
        print_error("expected one type %s.%s, found %zu\n", show(schema), name, n);
        for (size_t i = 0; i < f->types.count; i++) {
            const sg__typeref *t = &SG__VEC_AT(f->types, sg__typeref, i);
            print_error("  type %s.%s.%s array=%d loc=%d\n", show(t->catalog), show(t->schema),
                        t->name, t->array, t->location);
        }
        _fail(file, line);
    }
    return found;
}
#define TYPE(f, schema, name) assert_type_((f), (schema), (name), __FILE__, __LINE__)

/* Every type a cast, CAST, a typed literal or an array names, as PostgreSQL
 * sees it: SQL-standard spellings as pg_catalog names, quoted names kept,
 * unquoted ones folded, the element type of an array, and three parts. */
/* Types that pad every value to their length: char(n), bit(n), arrays. */
static void test_walker__type_pads(void **state)
{
    (void)state;
    const char *sql = "SELECT 'x'::char(10), CAST('y' AS character(7)), B'1'::bit(8)[], "
                      "'z'::varchar(5), 'w'::char, $1::bit varying(9), 'v'::public.bpchar(4), "
                      "'u'::bpchar(3)";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(f->types.count, 8);
    unsigned long long pads[8] = {0};
    for (size_t i = 0; i < 8; i++)
        pads[i] = SG__VEC_AT(f->types, sg__typeref, i).pad;
    assert_int_equal(pads[0], 10);
    assert_int_equal(pads[1], 7);
    assert_int_equal(pads[2], 8 * SG_PAD_ELEMENTS);
    assert_int_equal(pads[3], 0); /* varchar only limits */
    assert_int_equal(pads[4], 1); /* char is char(1) */
    assert_int_equal(pads[5], 0); /* bit varying only limits */
    assert_int_equal(pads[6], 0); /* another schema's type */
    assert_int_equal(pads[7], 3);
    assert_int_equal(f->pads, 10 + 7 + 8 * SG_PAD_ELEMENTS + 1 + 3);
    assert_int_equal(f->pad_location, OFF(sql, "bit(8)[]"));
    assert_int_equal(parse_ok("SELECT 'x'::text, 1::int")->pads, 0);
    /* a parameter cast to a range type is noted for the rules to size */
    assert_true(parse_ok("SELECT $1::int4multirange")->range_casts);
    assert_true(parse_ok("SELECT CAST($1 AS daterange[])")->range_casts);
    assert_false(parse_ok("SELECT 'x'::int4multirange, $1::text")->range_casts);
    /* parameters read as text search queries */
    const sg__facts *q = parse_ok("SELECT 1 WHERE t @@ $1 AND $2::text @@@ t AND t @@ $3::tsquery "
                                  "AND t @@ to_tsquery($4) AND $5 = t AND $6::tsvector @@ t");
    assert_int_equal(q->query_params.count, 2);
    assert_int_equal(SG__VEC_AT(q->query_params, sg__paramref, 0).number, 1);
    assert_int_equal(SG__VEC_AT(q->query_params, sg__paramref, 1).number, 2);
    assert_true(q->query_casts); /* $3's is the type's fact */
    /* a parameter cast to text on the way to ranges is still the ranges' */
    const char *ranges = "SELECT $1::text::int4multirange, CAST($2::varchar AS daterange[]), "
                         "($3 || '')::int8multirange, $4::text::int4range";
    const sg__facts *r = parse_ok(ranges);
    assert_true(r->range_casts);
    assert_int_equal(TYPE(r, NULL, "int4multirange")->param, 1);
    assert_int_equal(TYPE(r, NULL, "int4multirange")->param_location, OFF(ranges, "$1"));
    assert_int_equal(TYPE(r, NULL, "daterange")->param, 2);
    assert_int_equal(TYPE(r, NULL, "int8multirange")->param, 0); /* an expression */
    assert_int_equal(TYPE(r, NULL, "int4range")->param, 0);      /* one range: no list */
}

/* Where the statement has a time zone argument, a derived item's columns
 * that are expressions are described as zone arguments at their own level;
 * bare columns are row.stored's, and nothing is described without a zone. */
static void test_walker__zone_outputs_of_derived_items(void **state)
{
    (void)state;
    const char *sql = "SELECT m.at AT TIME ZONE s.tz FROM m JOIN (SELECT a.uid, lower(a.region) "
                      "AS tz, a.region || b.code AS pair, row_number() OVER () AS n FROM a, b) "
                      "s(u) ON s.u = m.uid";
    const sg__facts *f = parse_ok(sql);
    const sg__source *sub = NULL;
    for (size_t i = 0; i < f->sources.count; i++)
        if (SG__VEC_AT(f->sources, sg__source, i).name &&
            strcmp(SG__VEC_AT(f->sources, sg__source, i).name, "s") == 0)
            sub = &SG__VEC_AT(f->sources, sg__source, i);
    assert_non_null(sub);
    assert_int_equal(sub->zone_count, 3); /* u is a column passed on */
    assert_string_equal(sub->zone_names[0], "tz");
    assert_true(sub->zone_values[0].values_only);
    assert_int_equal(sub->zone_values[0].value_column_count, 1);
    assert_int_equal(sub->zone_values[0].value_columns[0], OFF(sql, "a.region) AS tz"));
    assert_string_equal(sub->zone_values[0].value_calls[0], "lower");
    assert_string_equal(sub->zone_names[1], "pair");
    assert_false(sub->zone_values[1].values_only); /* two rows' columns joined */
    assert_string_equal(sub->zone_names[2], "n");
    assert_false(sub->zone_values[2].values_only); /* a window call */
    /* no zone argument: nothing described */
    const sg__facts *g = parse_ok("SELECT s.tz FROM (SELECT lower(a.region) AS tz FROM a) s");
    for (size_t i = 0; i < g->sources.count; i++)
        assert_int_equal(SG__VEC_AT(g->sources, sg__source, i).zone_count, 0);
}

/* Casts to path or polygon of constants and parameters are geometric
 * values, with their points; an operator that may compare two of them edge
 * by edge is noted, `@>` of a point is not. */
static void test_walker__geometries(void **state)
{
    (void)state;
    const char *sql = "SELECT $1::path <-> '[(0,0),(1,1)]'::path, polygon '0,0,1,1,2,0', "
                      "$2::text::polygon, x::path, '(1,2)'::point FROM t";
    const sg__facts *f = parse_ok(sql);
    assert_true(f->geometry_ops);
    assert_int_equal(f->geometries.count, 4);
    const sg__geometry *g = &SG__VEC_AT(f->geometries, sg__geometry, 0);
    assert_int_equal(g->param, 1);
    assert_int_equal(g->location, OFF(sql, "$1"));
    g = &SG__VEC_AT(f->geometries, sg__geometry, 1);
    assert_int_equal(g->param, 0);
    assert_int_equal(g->points, 2);
    assert_int_equal(SG__VEC_AT(f->geometries, sg__geometry, 2).points, 3); /* x1,y1,... */
    assert_int_equal(SG__VEC_AT(f->geometries, sg__geometry, 3).param, 2);  /* through text */
    /* of two polygons, `<@` compares edges; of a point, one pass */
    assert_true(parse_ok("SELECT $1::polygon @> point(1, 2), $2::polygon <@ $3::polygon FROM t")
                    ->geometry_ops);
    assert_false(parse_ok("SELECT $1::polygon @> point(1, 2) FROM t")->geometry_ops);
    assert_true(parse_ok("SELECT a && b FROM t")->geometry_ops); /* the rule asks for values */
    /* a point's distance, arrays' overlap: one pass */
    assert_false(parse_ok("SELECT $1::path <-> point(1, 2), $2::text[] && t.tags, "
                          "circle(point(0, 0), 1) && $3::polygon FROM t")
                     ->geometry_ops);
}

/* Every cast to tsquery but a parameter's own is judged as to_tsquery of
 * its operand, which it parses as that does; an ARRAY[...] as tsquery[] one
 * call an element. */
static void test_walker__query_casts_as_calls(void **state)
{
    (void)state;
    const char *sql = "SELECT $1::tsquery, $2::text::tsquery, CAST(lower($3) AS tsquery), "
                      "(x.j ->> 'q')::tsquery, 'a & b'::tsquery, tsquery 'c', "
                      "ARRAY['d', $4]::tsquery[], $5::tsquery[], $6::pg_catalog.tsquery, "
                      "$7::app.tsquery, y::tsvector FROM x";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(count_funcs(f, "to_tsquery"), 8);
    assert_true(f->query_casts); /* $1's and $6's are the type's facts */
    const char *operands[][2] = {
        {"$2::text", "a cast to tsquery"},    {"lower($3)", "a cast to tsquery"},
        {"x.j ->> 'q'", "a cast to tsquery"}, {"'a & b'", "a cast to tsquery"},
        {"'c'", "a cast to tsquery"},         {"'d'", "a cast to tsquery[]"},
        {"$4]", "a cast to tsquery[]"},       {"$5", "a cast to tsquery[]"}};
    size_t found = 0;
    for (size_t i = 0; i < f->funcs.count; i++) {
        const sg__funcref *fn = func_at(f, i);
        if (strcmp(fn->name, "to_tsquery") != 0)
            continue;
        assert_true(found < sizeof operands / sizeof *operands);
        assert_non_null(fn->keyword);
        assert_string_equal(fn->keyword, operands[found][1]);
        assert_int_equal(fn->arg_count, 1);
        assert_int_equal(fn->args[0].location, OFF(sql, operands[found][0]));
        found++;
    }
    assert_int_equal(found, sizeof operands / sizeof *operands);
    /* the parameters are the arguments, through casts that keep their text */
    const sg__funcref *second = NULL;
    for (size_t i = 0; i < f->funcs.count && !second; i++)
        if (strcmp(func_at(f, i)->name, "to_tsquery") == 0)
            second = func_at(f, i);
    assert_int_equal(second->args[0].param, 2);
    /* the JSON field's reference stands in the call's argument */
    assert_true(f->fields.count >= 1);
    const sg__field_ref *j = &SG__VEC_AT(f->fields, sg__field_ref, 0);
    assert_int_equal(j->location, OFF(sql, "x.j"));
    assert_true(j->call >= 0);
    assert_string_equal(func_at(f, (size_t)j->call)->name, "to_tsquery");
}

static void test_walker__type_names_of_casts(void **state)
{
    (void)state;
    const char *sql = "SELECT x::uuid, CAST(y AS integer), date '2024-01-01', z::TEXT[], "
                      "NULL::public.t, ROW(1)::\"Mixed\", w::double precision, v::db.s.ty, "
                      "u::character varying(3), 'a'::regclass, interval '1' day, $1::bit varying "
                      "FROM t WHERE t.a = ANY(ARRAY[]::app.kind[])";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(f->types.count, 13);
    const sg__typeref *t = TYPE(f, NULL, "uuid");
    assert_int_equal(t->location, OFF(sql, "uuid"));
    assert_false(t->array);
    assert_int_equal(TYPE(f, "pg_catalog", "int4")->location, OFF(sql, "integer"));
    assert_int_equal(TYPE(f, NULL, "date")->location, OFF(sql, "date"));
    t = TYPE(f, NULL, "text");
    assert_true(t->array);
    assert_int_equal(t->location, OFF(sql, "TEXT[]"));
    assert_int_equal(TYPE(f, "public", "t")->location, OFF(sql, "public.t"));
    assert_int_equal(TYPE(f, NULL, "Mixed")->location, OFF(sql, "\"Mixed\""));
    TYPE(f, "pg_catalog", "float8");
    t = TYPE(f, "s", "ty");
    assert_string_equal(t->catalog, "db");
    TYPE(f, "pg_catalog", "varchar");
    t = TYPE(f, NULL, "regclass");
    assert_true(t->resolves_names);
    assert_int_equal(count_funcs(f, "regclass"), 1); /* still func.denied's */
    TYPE(f, "pg_catalog", "interval");
    TYPE(f, "pg_catalog", "varbit");
    t = TYPE(f, "app", "kind");
    assert_true(t->array);
    assert_false(t->resolves_names);
}

/* Column definition lists of functions in FROM (plain and ROWS FROM), XMLTABLE
 * columns, XMLSERIALIZE, and casts in the clauses of a write. */
static void test_walker__type_names_beyond_casts(void **state)
{
    (void)state;
    const char *sql = "SELECT r.a FROM jsonb_to_recordset($1) AS r(a int, b app.kind), "
                      "ROWS FROM (json_to_record($2) AS (c numeric(12,2))) AS q, "
                      "XMLTABLE('/r' PASSING '<r/>' COLUMNS k app.t2 PATH 'a') AS xt "
                      "ORDER BY XMLSERIALIZE(CONTENT '<a/>' AS app.t3)";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(f->types.count, 5);
    TYPE(f, "pg_catalog", "int4");
    assert_int_equal(TYPE(f, "app", "kind")->location, OFF(sql, "app.kind"));
    TYPE(f, "pg_catalog", "numeric");
    assert_int_equal(TYPE(f, "app", "t2")->location, OFF(sql, "app.t2"));
    assert_int_equal(TYPE(f, "app", "t3")->location, OFF(sql, "app.t3"));

    const char *write = "WITH c AS (SELECT 1::app.a) "
                        "INSERT INTO t (x) VALUES ($1::app.b) "
                        "ON CONFLICT (x) DO UPDATE SET x = excluded.x::app.c RETURNING x::app.d";
    f = parse_ok(write);
    assert_int_equal(f->types.count, 4);
    TYPE(f, "app", "a");
    TYPE(f, "app", "b");
    TYPE(f, "app", "c");
    TYPE(f, "app", "d");
}

/* ---- names selected from rows ------------------------------------------------------------- */

/* The field fact named `name` at `location`; fails when there is none. */
static const sg__field_ref *field_at(const sg__facts *f, const char *name, int location)
{
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (same(r->name, name) && r->location == location)
            return r;
    }
    fail_msg("no field %s at %d (%zu fields)", name, location, f->fields.count);
    return NULL;
}

static bool has_column(const sg__field_ref *r, const char *name)
{
    for (size_t i = 0; i < r->column_count; i++)
        if (same(r->columns[i], name))
            return true;
    return false;
}

static void test_walker__fields_of_relations(void **state)
{
    (void)state;
    const char *sql = "SELECT a.f1, (a).f2, public.t.f3, t.f4, a.c.f5 FROM t, t AS a "
                      "WHERE a.f6 = 1 ORDER BY t.f7";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(f->fields.count, 7);
    const sg__field_ref *r = field_at(f, "f1", OFF(sql, "a.f1"));
    assert_int_equal(r->row, SG_ROW_RELATION);
    assert_true(same(SG__VEC_AT(f->relations, sg__relref, r->relation).name, "t"));
    assert_int_equal(r->relation, 1); /* the alias a, not the unaliased t */
    assert_int_equal(field_at(f, "f2", OFF(sql, "a).f2"))->row, SG_ROW_RELATION);
    r = field_at(f, "f3", OFF(sql, "public.t.f3"));
    assert_int_equal(r->row, SG_ROW_RELATION);
    assert_int_equal(r->relation, 0);
    assert_true(same(r->schema, "public"));
    assert_int_equal(field_at(f, "f4", OFF(sql, "t.f4"))->relation, 0);
    /* a.c.f5: a field of column c, whatever its type */
    assert_int_equal(field_at(f, "f5", OFF(sql, "a.c.f5"))->row, SG_ROW_UNKNOWN);
    assert_int_equal(field_at(f, "f6", OFF(sql, "a.f6"))->relation, 1);
    assert_int_equal(field_at(f, "f7", OFF(sql, "t.f7"))->relation, 0);
    /* plain columns and stars are no fields */
    f = parse_ok("SELECT x, t.*, * FROM t");
    assert_int_equal(f->fields.count, 0);
}

static void test_walker__fields_of_expressions(void **state)
{
    (void)state;
    const char *sql = "SELECT (42::bigint).pg_advisory_lock, ($1::int).f, (x).g, "
                      "(f(1)).h, ((1)).i, (t).j.k FROM t";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(f->fields.count, 7);
    assert_int_equal(field_at(f, "pg_advisory_lock", OFF(sql, "42::"))->row, SG_ROW_UNKNOWN);
    assert_int_equal(field_at(f, "f", OFF(sql, "$1"))->row, SG_ROW_UNKNOWN);
    /* (x).g: x is no range variable here: a column's field */
    assert_int_equal(field_at(f, "g", OFF(sql, "x).g"))->row, SG_ROW_UNKNOWN);
    assert_int_equal(field_at(f, "h", OFF(sql, "f(1)"))->row, SG_ROW_UNKNOWN);
    assert_int_equal(field_at(f, "i", OFF(sql, "1)).i"))->row, SG_ROW_UNKNOWN);
    assert_int_equal(field_at(f, "j", OFF(sql, "t).j"))->row, SG_ROW_RELATION);
    /* k selects from the field j: unknown */
    for (size_t i = 0; i < f->fields.count; i++) {
        const sg__field_ref *r = &SG__VEC_AT(f->fields, sg__field_ref, i);
        if (same(r->name, "k"))
            assert_int_equal(r->row, SG_ROW_UNKNOWN);
    }
}

static void test_walker__fields_of_derived_rows(void **state)
{
    (void)state;
    const char *sql =
        "WITH c AS (SELECT a AS version, b, count(*), x.y, (z).w, $1::int AS p FROM t), "
        "d(k1, k2) AS (SELECT 1, 2) "
        "SELECT c.version, d.k2, s.q, s.m, v.column2, r.e1, g.h1, j.n "
        "FROM c, d, (SELECT 1 AS q, *, 2 AS m FROM t) s, (VALUES (1, 2)) v, "
        "jsonb_to_record($2) AS r(e1 int, e2 text), generate_series(1, 2) AS g(h1), "
        "(t AS t1 JOIN t AS t2 USING (id)) AS j";
    const sg__facts *f = parse_ok(sql);
    const sg__field_ref *r = field_at(f, "version", OFF(sql, "c.version"));
    assert_int_equal(r->row, SG_ROW_COLUMNS);
    assert_true(has_column(r, "version") && has_column(r, "b") && has_column(r, "count") &&
                has_column(r, "y") && has_column(r, "w") && has_column(r, "p"));
    assert_false(has_column(r, "a"));
    r = field_at(f, "k2", OFF(sql, "d.k2"));
    assert_int_equal(r->row, SG_ROW_COLUMNS);
    assert_true(has_column(r, "k1") && has_column(r, "k2"));
    r = field_at(f, "q", OFF(sql, "s.q"));
    assert_int_equal(r->row, SG_ROW_COLUMNS);
    /* before the `*` the position is sure; after it the name still is */
    assert_true(has_column(r, "q") && has_column(r, "m"));
    r = field_at(f, "column2", OFF(sql, "v.column2"));
    assert_true(has_column(r, "column1") && has_column(r, "column2"));
    r = field_at(f, "e1", OFF(sql, "r.e1"));
    assert_true(has_column(r, "e1") && has_column(r, "e2"));
    assert_true(has_column(field_at(f, "h1", OFF(sql, "g.h1")), "h1"));
    /* an aliased join's columns are not worked out */
    assert_int_equal(field_at(f, "n", OFF(sql, "j.n"))->row, SG_ROW_UNKNOWN);

    /* an alias's column list renames the first columns; after a `*` (which
     * may stand for no column at all) the renamed positions are unsure, so
     * only the alias names and the columns surely past them are known */
    sql = "SELECT s.a, s.y FROM (SELECT *, x, y FROM t) AS s(a)";
    f = parse_ok(sql);
    r = field_at(f, "a", OFF(sql, "s.a"));
    assert_true(has_column(r, "a") && has_column(r, "y"));
    assert_false(has_column(r, "x")); /* x may be the first column, renamed to a */
    /* PostgreSQL's names: a CASE is named after its ELSE result when that has a
     * name of its own, else "case"; a cast of such a fallback after its type */
    sql = "SELECT s.x FROM (SELECT CASE WHEN p THEN 1 ELSE x END, CASE WHEN p THEN 1 END, "
          "(CASE WHEN p THEN 1 END)::text, y::int, ARRAY[1]::int[], 1::numeric FROM t) s";
    r = field_at(parse_ok(sql), "x", OFF(sql, "s.x"));
    assert_true(has_column(r, "x") && has_column(r, "case") && has_column(r, "text") &&
                has_column(r, "y") && has_column(r, "array") && has_column(r, "numeric"));
    assert_false(has_column(r, "int4"));
    sql = "SELECT s.b FROM (SELECT x, y, z FROM t) AS s(a, b)";
    r = field_at(parse_ok(sql), "b", OFF(sql, "s.b"));
    assert_true(has_column(r, "a") && has_column(r, "b") && has_column(r, "z"));
    assert_false(has_column(r, "x") || has_column(r, "y"));
}

/* A qualifier resolves only among the FROM items PostgreSQL has in sight:
 * not those of the level around a WITH query or a non-LATERAL sub-select in
 * FROM, not the items after a LATERAL one, and in a JOIN's ON clause only the
 * join's own. A name out of sight is a column (of unknown type) or nothing. */
static void test_walker__fields_in_sight(void **state)
{
    (void)state;
    static const struct {
        const char *sql, *at;
        sg__row_kind row;
    } cases[] = {
        {"WITH c AS (SELECT a.f FROM u) SELECT 1 FROM t AS a, c", "a.f", SG_ROW_UNKNOWN},
        {"SELECT 1 FROM t AS a, (SELECT a.f FROM u) s", "a.f", SG_ROW_UNKNOWN},
        {"SELECT 1 FROM t AS a, LATERAL (SELECT a.f FROM u) s", "a.f", SG_ROW_RELATION},
        {"SELECT 1 FROM LATERAL (SELECT a.f FROM u) s, t AS a", "a.f", SG_ROW_UNKNOWN},
        {"SELECT 1 FROM u JOIN v ON a.f = 1, t AS a", "a.f", SG_ROW_UNKNOWN},
        {"SELECT 1 FROM t AS a JOIN v ON a.f = 1", "a.f", SG_ROW_RELATION},
        {"SELECT 1 FROM t AS a, u JOIN v ON a.f = 1", "a.f", SG_ROW_UNKNOWN},
        {"SELECT (SELECT a.f FROM u) FROM t AS a", "a.f", SG_ROW_RELATION},
        {"SELECT 1 FROM t AS a WHERE EXISTS (SELECT 1 FROM u WHERE u.x = a.f)", "a.f",
         SG_ROW_RELATION},
        {"SELECT 1 FROM t AS a JOIN u ON EXISTS (SELECT a.f)", "a.f", SG_ROW_RELATION},
        {"SELECT 1 FROM t AS a, u JOIN v ON EXISTS (SELECT a.f)", "a.f", SG_ROW_UNKNOWN},
        {"WITH c AS (SELECT 1) INSERT INTO t AS a SELECT a.f FROM u", "a.f", SG_ROW_UNKNOWN},
        {"INSERT INTO t AS a VALUES (1) RETURNING a.f", "a.f", SG_ROW_RELATION},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const sg__facts *f = parse_ok(cases[i].sql);
        const sg__field_ref *r = field_at(f, "f", OFF(cases[i].sql, cases[i].at));
        if (r->row != cases[i].row)
            fail_msg("%s: row %d, want %d", cases[i].sql, (int)r->row, (int)cases[i].row);
    }
}

static void test_walker__fields_of_writes(void **state)
{
    (void)state;
    const char *sql = "INSERT INTO t AS tt (a) SELECT s.a FROM s "
                      "ON CONFLICT (a) DO UPDATE SET a = excluded.a + tt.b RETURNING tt.c";
    const sg__facts *f = parse_ok(sql);
    assert_int_equal(field_at(f, "a", OFF(sql, "s.a"))->relation, 1);
    const sg__field_ref *r = field_at(f, "a", OFF(sql, "excluded.a"));
    assert_int_equal(r->row, SG_ROW_RELATION);
    assert_int_equal(r->relation, 0); /* the target */
    assert_int_equal(field_at(f, "b", OFF(sql, "tt.b"))->relation, 0);
    assert_int_equal(field_at(f, "c", OFF(sql, "tt.c"))->relation, 0);

    sql = "UPDATE t SET a = u.a FROM u WHERE u.id = t.id RETURNING t.a";
    f = parse_ok(sql);
    assert_int_equal(field_at(f, "a", OFF(sql, "u.a"))->relation, 1);
    assert_int_equal(field_at(f, "id", OFF(sql, "t.id"))->relation, 0);
    sql = "DELETE FROM t USING u WHERE u.id = t.id";
    f = parse_ok(sql);
    assert_int_equal(field_at(f, "id", OFF(sql, "u.id"))->relation, 1);
    sql = "MERGE INTO t USING u AS src ON src.id = t.id WHEN MATCHED THEN UPDATE SET a = src.a";
    f = parse_ok(sql);
    assert_int_equal(field_at(f, "a", OFF(sql, "src.a"))->relation, 1);
    /* correlated: an outer query's range variable */
    sql = "SELECT 1 FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.x = t.y)";
    f = parse_ok(sql);
    assert_int_equal(field_at(f, "y", OFF(sql, "t.y"))->relation, 0);
    assert_int_equal(field_at(f, "x", OFF(sql, "u.x"))->relation, 1);
}

/* ---- every node type ------------------------------------------------------------------------ */

/* PostgreSQL's walker ends the process on a node type it does not know; say
 * which type got there if that ever happens. */
static int tag_in_walk = -1;

static void report_tag_in_walk(void)
{
    if (tag_in_walk >= 0)
        fprintf(stderr,
                "test_walker: the walk of node type %d ended the process: it reached "
                "PostgreSQL's walker, which does not know it\n",
                tag_in_walk);
}

/* Walks SELECT ... WHERE <a node of type `tag`, every field zero> and returns
 * how many unsupported constructs the facts record. */
static size_t walk_zeroed_node(int tag)
{
    Node *node = calloc(1, 4096); /* larger than any node type */
    SelectStmt *select = calloc(1, sizeof *select);
    assert_non_null(node);
    assert_non_null(select);
    node->type = (NodeTag)tag;
    select->type = T_SelectStmt;
    select->whereClause = node;

    sg__arena arena;
    sg__arena_init(&arena);
    sg__facts facts;
    memset(&facts, 0, sizeof facts);
    tag_in_walk = tag;
    assert_int_equal(sg__walk_statement(&arena, select, DEFAULT_DEPTH, &facts), 0);
    tag_in_walk = -1;
    assert_false(facts.incomplete);
    assert_false(facts.depth_exceeded);
    size_t unsupported = facts.unsupported.count;
    sg__arena_release(&arena);
    free(select);
    free(node);
    return unsupported;
}

/* Every NodeTag of PostgreSQL 15, and a few values past the last: each has
 * one class; NOTE and RAW nodes go through PostgreSQL's walker without ending
 * the process, and an UNSUPPORTED node is recorded, never looked into. */
static void test_walker__every_node_type(void **state)
{
    (void)state;
    atexit(report_tag_in_walk);
    size_t counts[4] = {0};
    for (int tag = T_Invalid; tag <= T_SupportRequestWFuncMonotonic + 8; tag++) {
        sg__tag_class class = sg__walker_tag_class(tag);
        assert_in_range(class, SG__TAG_UNSUPPORTED, SG__TAG_RAW);
        counts[class]++;
        size_t unsupported = walk_zeroed_node(tag);
        if (class == SG__TAG_UNSUPPORTED || tag == T_WithClause || tag == T_CommonTableExpr) {
            /* WITH lists are walked with their statement, never on their own */
            if (unsupported != 1)
                print_error("node type %d: %zu unsupported\n", tag, unsupported);
            assert_int_equal(unsupported, 1);
        } else {
            if (unsupported != 0)
                print_error("node type %d of class %d: %zu unsupported\n", tag, class, unsupported);
            assert_int_equal(unsupported, 0);
        }
    }
    /* the raw DML node types: statements, FROM items, expressions, clauses */
    assert_int_equal(counts[SG__TAG_OWN], 17);
    assert_int_equal(counts[SG__TAG_NOTE], 20);
    assert_int_equal(counts[SG__TAG_RAW], 23);
    assert_false(sg__walker_tag_class(T_Query) != SG__TAG_UNSUPPORTED);
    assert_false(sg__walker_tag_class(T_CreateStmt) != SG__TAG_UNSUPPORTED);
    assert_false(sg__walker_tag_class(T_OpExpr) != SG__TAG_UNSUPPORTED);
}

/* Nodes of types the walker does not know, where a raw parse tree could hold
 * them, are each recorded once and the walk goes on past them. */
static void test_walker__unsupported_nodes_are_recorded(void **state)
{
    (void)state;
    static const NodeTag tags[] = {T_Query, T_OpExpr, T_Var, T_CreateStmt, T_Invalid};
    Node *nodes[5];
    List *targets = NIL;
    MemoryContext ctx = pg_query_enter_memory_context();
    for (size_t i = 0; i < 5; i++) {
        nodes[i] = calloc(1, 4096);
        assert_non_null(nodes[i]);
        nodes[i]->type = tags[i];
        ResTarget *rt = calloc(1, sizeof *rt);
        assert_non_null(rt);
        rt->type = T_ResTarget;
        rt->val = nodes[i];
        targets = lappend(targets, rt);
    }
    SelectStmt select;
    memset(&select, 0, sizeof select);
    select.type = T_SelectStmt;
    select.targetList = targets;
    ParamRef param;
    memset(&param, 0, sizeof param);
    param.type = T_ParamRef;
    param.number = 7;
    param.location = 3;
    select.whereClause = (Node *)&param;

    sg__arena arena;
    sg__arena_init(&arena);
    sg__facts facts;
    memset(&facts, 0, sizeof facts);
    assert_int_equal(sg__walk_statement(&arena, &select, DEFAULT_DEPTH, &facts), 0);
    assert_int_equal(facts.unsupported.count, 5);
    for (size_t i = 0; i < 5; i++) {
        const sg__unsupported *u = &SG__VEC_AT(facts.unsupported, sg__unsupported, i);
        char what[32];
        snprintf(what, sizeof what, "node type %d", (int)tags[i]);
        assert_string_equal(u->what, what);
        assert_int_equal(u->location, -1);
    }
    /* the walk went on to the WHERE clause */
    assert_int_equal(facts.params.count, 1);
    assert_int_equal(SG__VEC_AT(facts.params, sg__paramref, 0).number, 7);
    sg__arena_release(&arena);
    for (size_t i = 0; i < 5; i++)
        free(nodes[i]);
    ListCell *lc;
    foreach (lc, targets)
        free(lfirst(lc));
    pg_query_exit_memory_context(ctx);
}

/* One classifier names the kind of a statement and of a WITH query. */
static void test_walker__statement_kind(void **state)
{
    (void)state;
    static const struct {
        NodeTag tag;
        sg__stmt_kind kind;
    } kinds[] = {
        {T_SelectStmt, SG_STMT_SELECT}, {T_InsertStmt, SG_STMT_INSERT},
        {T_UpdateStmt, SG_STMT_UPDATE}, {T_DeleteStmt, SG_STMT_DELETE},
        {T_MergeStmt, SG_STMT_MERGE},   {T_VariableSetStmt, SG_STMT_OTHER},
    };
    assert_int_equal(sg__statement_kind(NULL), SG_STMT_NONE);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        Node n = {kinds[i].tag};
        assert_int_equal(sg__statement_kind(&n), kinds[i].kind);
    }

    const sg__facts *f =
        parse_ok("WITH a AS (SELECT 1), b AS (INSERT INTO t VALUES (1) RETURNING "
                 "x), c AS (MERGE INTO t USING u ON true WHEN MATCHED THEN DELETE) "
                 "DELETE FROM t");
    assert_int_equal(f->kind, SG_STMT_DELETE);
    assert_int_equal(SG__VEC_AT(f->ctes, sg__cte, 0).kind, SG_STMT_SELECT);
    assert_int_equal(SG__VEC_AT(f->ctes, sg__cte, 1).kind, SG_STMT_INSERT);
    assert_int_equal(SG__VEC_AT(f->ctes, sg__cte, 2).kind, SG_STMT_MERGE);
}

#define T(name) cmocka_unit_test_setup_teardown(test_walker__##name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(target_list_subquery),
        T(call_arguments),
        T(from),
        T(from_join_on),
        T(where),
        T(literal_comparisons),
        T(group_by),
        T(having),
        T(window_clause),
        T(order_by),
        T(limit_offset),
        T(values),
        T(insert_values_returning),
        T(on_conflict),
        T(update_from),
        T(delete_using),
        T(merge),
        T(merge_using_subquery),
        T(write_changes),
        T(cte_reference_is_not_a_relation),
        T(cte_nested),
        T(cte_recursive_self_reference),
        T(cte_sibling_plain_with),
        T(cte_sibling_recursive_with),
        T(cte_shadows_table),
        T(cte_qualified_name_never_binds),
        T(cte_write_target_same_name),
        T(cte_in_dml_from_and_using),
        T(cte_data_modifying),
        T(lateral),
        T(rows_from),
        T(tablesample),
        T(set_operations),
        T(function_argument_subquery),
        T(filter_subquery),
        T(case_subqueries),
        T(array_and_exists_sublinks),
        T(regclass_casts),
        T(qualified_operator),
        T(for_update_locks_from),
        T(for_update_skips_cte_function_sublink),
        T(for_update_of_alias),
        T(for_share),
        T(for_update_inside_subquery_only),
        T(quoting_and_case_folding),
        T(three_part_name),
        T(select_into),
        T(where_current_of),
        T(where_current_of_location),
        T(utility_statements),
        T(statement_count),
        T(syntax_error),
        T(depth_long_expression),
        T(depth_nested_subqueries),
        T(params_locations),
        T(top_targetlist_and_over),
        T(top_select_facts),
        T(top_from_items),
        T(top_where_pins),
        T(level_pins),
        T(facts_sort_and_param_at),
        T(facts_param_at_without_params),
        T(order_by_using_operator),
        T(cte_cycle_mark_cast),
        T(xmltable_column_type),
        T(type_pads),
        T(query_casts_as_calls),
        T(geometries),
        T(zone_outputs_of_derived_items),
        T(type_names_of_casts),
        T(type_names_beyond_casts),
        T(fields_of_relations),
        T(fields_of_expressions),
        T(expansions),
        T(recursive_doubling),
        T(recursive_doubling_spellings),
        T(fields_of_derived_rows),
        T(fields_of_writes),
        T(fields_in_sight),
        T(with_queries_are_bounded),
        T(every_node_type),
        T(unsupported_nodes_are_recorded),
        T(statement_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
