/*
 * diff.c - what changed between a catalog's tables and a database's: one
 * finding per difference, each with a stable kind, the table, the column
 * and the two values. The comparison reads the model exactly as the
 * contract hash does (types in format_type()'s spelling, a primary key's
 * columns NOT NULL, unique keys other than the primary key, referential
 * actions in upper case), so that two tables differ here exactly when their
 * hashes differ.
 */
#include <string.h>

#include "schema/diff.h"

typedef struct differ {
    sg__arena *arena;
    sg__vec *out;
    const sg__sc_table *old_t, *new_t; /* the tables being compared */
    bool failed;
} differ;

/* A copy in the diff's arena (NULL stays NULL). */
static const char *keep(differ *d, const char *s)
{
    if (!s)
        return NULL;
    const char *c = sg__arena_strdup(d->arena, s);
    if (!c)
        d->failed = true;
    return c;
}

static void finding(differ *d, const char *kind, const sg__sc_table *t, const char *column,
                    const char *old_value, const char *new_value, const char *message)
{
    sg_drift *f = message ? sg__vec_push(d->arena, d->out, sizeof *f) : NULL;
    if (!f) {
        d->failed = true;
        return;
    }
    /* the findings outlive both models: every string is the diff's own */
    f->kind = kind;
    f->schema = keep(d, t->schema);
    f->table = keep(d, t->name);
    f->column = keep(d, column);
    f->old_value = keep(d, old_value);
    f->new_value = keep(d, new_value);
    f->message = message;
}

/* ---- spelling values ---- */

static const char *type_of(differ *d, const sg__sc_column *c)
{
    if (!c->type)
        return "";
    const char *t = sg__schema_canonical_type(d->arena, c->type);
    if (!t)
        d->failed = true;
    return t ? t : "";
}

static bool in_names(const sg__sc_names *names, const char *name)
{
    for (size_t i = 0; i < names->count; i++)
        if (strcmp(names->names[i], name) == 0)
            return true;
    return false;
}

static bool nullable(const sg__sc_table *t, const sg__sc_column *c)
{
    return c->nullable && !in_names(&t->primary_key, c->name);
}

/* "(a, b)"; NULL for an empty list. */
static const char *spell_names(differ *d, const sg__sc_names *n)
{
    if (n->count == 0)
        return NULL;
    sg__strbuf b = SG__STRBUF_INIT(d->arena);
    sg__strbuf_put(&b, "(", 1);
    for (size_t i = 0; i < n->count; i++) {
        if (i)
            sg__strbuf_put(&b, ", ", 2);
        sg__strbuf_puts(&b, n->names[i]);
    }
    sg__strbuf_put(&b, ")", 1);
    if (b.failed)
        d->failed = true;
    return b.data;
}

static const char *action(const char *a)
{
    return a ? a : "NO ACTION";
}

static const char *spell_fkey(differ *d, const sg__sc_table *t, const sg__sc_fkey *fk)
{
    const char *cols = spell_names(d, &fk->columns);
    const char *refs = spell_names(d, &fk->ref_columns);
    char *s = sg__arena_printf(d->arena, "%s references %s.%s%s%s on delete %s on update %s",
                               cols ? cols : "()", fk->ref_schema ? fk->ref_schema : t->schema,
                               fk->ref_table ? fk->ref_table : "", refs ? " " : "",
                               refs ? refs : "", action(fk->on_delete), action(fk->on_update));
    if (!s)
        d->failed = true;
    return s;
}

/* ---- columns ---- */

static void compare_column(differ *d, const sg__sc_column *o, const sg__sc_column *n)
{
    const char *ot = type_of(d, o), *nt = type_of(d, n);
    if (strcmp(ot, nt) != 0)
        finding(d, "drift.column-retyped", d->old_t, o->name, ot, nt,
                sg__arena_printf(d->arena, "column \"%s\" is %s in the catalog, %s in the database",
                                 o->name, ot, nt));
    bool on = nullable(d->old_t, o), nn = nullable(d->new_t, n);
    if (on != nn)
        finding(d, "drift.column-nullability", d->old_t, o->name, on ? "NULL" : "NOT NULL",
                nn ? "NULL" : "NOT NULL",
                sg__arena_printf(d->arena, "column \"%s\" is %s in the catalog, %s in the database",
                                 o->name, on ? "nullable" : "NOT NULL",
                                 nn ? "nullable" : "NOT NULL"));
    bool od = sg__schema_has_default(o), nd = sg__schema_has_default(n);
    const char *otext = o->default_expr ? o->default_expr : "identity or generated";
    const char *ntext = n->default_expr ? n->default_expr : "identity or generated";
    if (!od && nd)
        finding(d, "drift.column-default-added", d->old_t, o->name, NULL, ntext,
                sg__arena_printf(d->arena,
                                 "column \"%s\" has a default in the database (%s), none in the "
                                 "catalog",
                                 o->name, ntext));
    if (od && !nd)
        finding(d, "drift.column-default-removed", d->old_t, o->name, otext, NULL,
                sg__arena_printf(d->arena,
                                 "column \"%s\" has a default in the catalog (%s), none in the "
                                 "database",
                                 o->name, otext));
}

static sg__sc_column *column(const sg__sc_table *t, const char *name)
{
    return sg__schema_column((sg__sc_table *)t, name);
}

/* The columns both tables have, in `t`'s order, as "a, b, c". */
static const char *shared_order(differ *d, const sg__sc_table *t, const sg__sc_table *other)
{
    sg__strbuf b = SG__STRBUF_INIT(d->arena);
    bool first = true;
    for (size_t i = 0; i < t->columns.count; i++) {
        const char *name = SG__VEC_AT(t->columns, sg__sc_column, i).name;
        if (!column(other, name))
            continue;
        sg__strbuf_puts(&b, first ? "" : ", ");
        sg__strbuf_puts(&b, name);
        first = false;
    }
    if (b.failed)
        d->failed = true;
    return b.data ? b.data : "";
}

static void compare_columns(differ *d)
{
    const sg__sc_table *o = d->old_t, *n = d->new_t;
    for (size_t i = 0; i < o->columns.count; i++) {
        const sg__sc_column *oc = &SG__VEC_AT(o->columns, sg__sc_column, i);
        const sg__sc_column *nc = column(n, oc->name);
        if (nc) {
            compare_column(d, oc, nc);
            continue;
        }
        const char *t = type_of(d, oc);
        finding(d, "drift.column-dropped", o, oc->name, t, NULL,
                sg__arena_printf(d->arena,
                                 "column \"%s\" (%s) is in the catalog, not in the database",
                                 oc->name, t));
    }
    for (size_t i = 0; i < n->columns.count; i++) {
        const sg__sc_column *nc = &SG__VEC_AT(n->columns, sg__sc_column, i);
        if (column(o, nc->name))
            continue;
        const char *t = type_of(d, nc);
        finding(d, "drift.column-added", o, nc->name, NULL, t,
                sg__arena_printf(d->arena,
                                 "column \"%s\" (%s) is in the database, not in the catalog",
                                 nc->name, t));
    }
    const char *oo = shared_order(d, o, n), *no = shared_order(d, n, o);
    if (strcmp(oo, no) != 0)
        finding(d, "drift.column-order", o, NULL, oo, no,
                sg__arena_printf(d->arena,
                                 "the columns are in another order: (%s) in the catalog, (%s) in "
                                 "the database",
                                 oo, no));
}

/* ---- keys ---- */

static bool has_unique(const sg__sc_table *t, const sg__sc_names *key)
{
    for (size_t i = 0; i < t->unique.count; i++)
        if (sg__schema_names_equal(&SG__VEC_AT(t->unique, sg__sc_names, i), key))
            return true;
    return false;
}

/* The unique keys of `t` that `other` lacks, as findings of `kind`. */
static void unique_only_in(differ *d, const sg__sc_table *t, const sg__sc_table *other,
                           const char *kind, bool old_side)
{
    for (size_t i = 0; i < t->unique.count; i++) {
        const sg__sc_names *key = &SG__VEC_AT(t->unique, sg__sc_names, i);
        if (key->count == 0 || sg__schema_names_equal(key, &t->primary_key) ||
            has_unique(other, key) || sg__schema_names_equal(key, &other->primary_key))
            continue;
        const char *k = spell_names(d, key);
        finding(d, kind, d->old_t, NULL, old_side ? k : NULL, old_side ? NULL : k,
                sg__arena_printf(d->arena, "unique key %s is in the %s, not in the %s", k,
                                 old_side ? "catalog" : "database",
                                 old_side ? "database" : "catalog"));
    }
}

static bool same_action(const char *a, const char *b)
{
    a = action(a);
    b = action(b);
    for (; *a && *b; a++, b++) {
        char ca = (*a >= 'a' && *a <= 'z') ? (char)(*a - 32) : *a;
        char cb = (*b >= 'a' && *b <= 'z') ? (char)(*b - 32) : *b;
        if (ca != cb)
            return false;
    }
    return *a == *b;
}

static bool same_fkey(const sg__sc_table *ta, const sg__sc_fkey *a, const sg__sc_table *tb,
                      const sg__sc_fkey *b)
{
    const char *sa = a->ref_schema ? a->ref_schema : ta->schema;
    const char *sb = b->ref_schema ? b->ref_schema : tb->schema;
    return sg__schema_names_equal(&a->columns, &b->columns) && strcmp(sa, sb) == 0 &&
           strcmp(a->ref_table ? a->ref_table : "", b->ref_table ? b->ref_table : "") == 0 &&
           sg__schema_names_equal(&a->ref_columns, &b->ref_columns) &&
           same_action(a->on_delete, b->on_delete) && same_action(a->on_update, b->on_update);
}

static void fkeys_only_in(differ *d, const sg__sc_table *t, const sg__sc_table *other,
                          const char *kind, bool old_side)
{
    for (size_t i = 0; i < t->fkeys.count; i++) {
        const sg__sc_fkey *fk = &SG__VEC_AT(t->fkeys, sg__sc_fkey, i);
        bool found = false;
        for (size_t k = 0; !found && k < other->fkeys.count; k++)
            found = same_fkey(t, fk, other, &SG__VEC_AT(other->fkeys, sg__sc_fkey, k));
        if (found)
            continue;
        const char *s = spell_fkey(d, t, fk);
        finding(d, kind, d->old_t, NULL, old_side ? s : NULL, old_side ? NULL : s,
                sg__arena_printf(d->arena, "foreign key %s is in the %s, not in the %s", s,
                                 old_side ? "catalog" : "database",
                                 old_side ? "database" : "catalog"));
    }
}

static void compare_keys(differ *d)
{
    const sg__sc_table *o = d->old_t, *n = d->new_t;
    if (!sg__schema_names_equal(&o->primary_key, &n->primary_key)) {
        const char *ok = spell_names(d, &o->primary_key), *nk = spell_names(d, &n->primary_key);
        finding(d, "drift.primary-key-changed", o, NULL, ok, nk,
                sg__arena_printf(d->arena,
                                 "the primary key is %s in the catalog, %s in the database",
                                 ok ? ok : "none", nk ? nk : "none"));
    }
    unique_only_in(d, o, n, "drift.unique-dropped", true);
    unique_only_in(d, n, o, "drift.unique-added", false);
    fkeys_only_in(d, o, n, "drift.foreign-key-dropped", true);
    fkeys_only_in(d, n, o, "drift.foreign-key-added", false);
}

/* ---- tables ---- */

static const char *hash_of(differ *d, const sg__sc_table *t)
{
    if (!t || t->columns_unknown)
        return NULL;
    const char *h = sg__schema_hash(d->arena, t);
    if (!h)
        d->failed = true;
    return h;
}

static void compare_table(differ *d, const sg__sc_table *o, const sg__sc_table *n, sg__vec *tables)
{
    sg_diff_table *row = sg__vec_push(d->arena, tables, sizeof *row);
    if (!row) {
        d->failed = true;
        return;
    }
    const sg__sc_table *t = o ? o : n;
    row->schema = keep(d, t->schema);
    row->table = keep(d, t->name);
    row->old_hash = hash_of(d, o);
    row->new_hash = hash_of(d, n);
    if (o && o->contract_hash && row->old_hash && strcmp(o->contract_hash, row->old_hash) != 0)
        finding(d, "drift.contract-hash-stale", o, NULL, o->contract_hash, row->old_hash,
                sg__arena_printf(d->arena,
                                 "the catalog states contract hash %s, but its columns and keys "
                                 "hash to %s",
                                 o->contract_hash, row->old_hash));
    if (!n) {
        finding(d, "drift.table-missing", o, NULL, row->old_hash, NULL,
                sg__arena_printf(d->arena, "table %s.%s is in the catalog, not in the database",
                                 o->schema, o->name));
        return;
    }
    if (!o) {
        finding(d, "drift.table-added", n, NULL, NULL, row->new_hash,
                sg__arena_printf(d->arena, "table %s.%s is in the database, not in the catalog",
                                 n->schema, n->name));
        return;
    }
    if (o->columns_unknown)
        return;
    d->old_t = o;
    d->new_t = n;
    compare_columns(d);
    compare_keys(d);
}

int sg__schema_diff(sg__arena *arena, const sg__schema *old_side, const sg__schema *new_side,
                    sg__vec *drift, sg__vec *tables)
{
    differ d = {arena, drift, NULL, NULL, false};
    for (size_t i = 0; !d.failed && i < old_side->tables.count; i++) {
        const sg__sc_table *o = &SG__VEC_AT(old_side->tables, sg__sc_table, i);
        compare_table(&d, o, sg__schema_table((sg__schema *)new_side, o->schema, o->name), tables);
    }
    for (size_t i = 0; !d.failed && i < new_side->tables.count; i++) {
        const sg__sc_table *n = &SG__VEC_AT(new_side->tables, sg__sc_table, i);
        if (!sg__schema_table((sg__schema *)old_side, n->schema, n->name))
            compare_table(&d, NULL, n, tables);
    }
    return d.failed ? -1 : 0;
}
