/*
 * migrate_constraint.c - the keys, constraints and foreign keys of a
 * migration's tables: those of a statement wait until its columns are there,
 * then apply in the order PostgreSQL adds them, each refused where the server
 * would refuse it (a column missing, a name taken, no key to reference).
 * Dropping a column or a constraint takes what depends on it along; a foreign
 * key of another table on what a statement drops needs CASCADE.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include <string.h>

#include "nodes/nodeFuncs.h"

#include "pg/migrate_int.h"

/* ---- the columns expressions name -------------------------------------------------------- */

/* Adds `name` unless *r has it; false when memory ran out. */
bool sg__mig_add_ref(col_refs *r, const char *name)
{
    for (size_t i = 0; i < r->names.count; i++)
        if (strcmp(SG__VEC_AT(r->names, const char *, i), name) == 0)
            return true;
    const char **slot = sg__vec_push(r->arena, &r->names, sizeof *slot);
    if (!slot) {
        r->failed = true;
        return false;
    }
    *slot = name;
    return true;
}

static bool collect_refs(Node *node, void *ctx)
{
    col_refs *r = ctx;
    if (!node)
        return false;
    if (IsA(node, ColumnRef)) {
        Node *last = llast(((ColumnRef *)node)->fields);
        return IsA(last, String) && !sg__mig_add_ref(r, strVal(last));
    }
    return raw_expression_tree_walker(node, collect_refs, ctx);
}

/* Adds the distinct columns `expr` names to *r; false when memory ran out. */
bool sg__mig_refs_of(col_refs *r, Node *expr)
{
    if (expr)
        collect_refs(expr, r);
    return !r->failed;
}

sg__sc_names sg__mig_refs_names(const col_refs *r)
{
    return (sg__sc_names){.names = r->names.items, .count = r->names.count};
}

/* ---- constraints waiting for their table's columns ------------------------------------------ */

/* Files constraint c, of column `column` (NULL: a table constraint). */
int sg__mig_add_pending(mig *m, pending *p, Constraint *c, const char *column)
{
    sg__vec *v = c->contype == CONSTR_CHECK     ? &p->checks
                 : c->contype == CONSTR_FOREIGN ? &p->fkeys
                                                : &p->keys;
    pending_con *pc = sg__vec_push(&m->tmp, v, sizeof *pc);
    if (!pc)
        return STOP;
    pc->c = c;
    bool ok = true;
    if (c->contype == CONSTR_CHECK) {
        col_refs r = {&m->tmp, {0}, false};
        ok = sg__mig_refs_of(&r, c->raw_expr);
        pc->cols = sg__mig_refs_names(&r);
    } else if (c->contype == CONSTR_EXCLUSION) {
        col_refs r = {&m->tmp, {0}, false};
        const ListCell *lc;
        foreach (lc, c->exclusions) {
            IndexElem *e = linitial(lfirst(lc));
            ok = ok && (e->name ? sg__mig_add_ref(&r, e->name) : sg__mig_refs_of(&r, e->expr));
        }
        pc->cols = sg__mig_refs_names(&r);
    } else if (column) {
        ok = sg__mig_names_of_one(&m->tmp, column, &pc->cols);
    } else {
        ok = sg__mig_names_from_list(&m->tmp, c->contype == CONSTR_FOREIGN ? c->fk_attrs : c->keys,
                                     &pc->cols) &&
             sg__mig_names_from_list(&m->tmp, c->including, &pc->including);
    }
    return ok ? APPLIED : STOP;
}

static const char *fk_action(char a)
{
    switch (a) {
    case FKCONSTR_ACTION_RESTRICT:
        return "RESTRICT";
    case FKCONSTR_ACTION_CASCADE:
        return "CASCADE";
    case FKCONSTR_ACTION_SETNULL:
        return "SET NULL";
    case FKCONSTR_ACTION_SETDEFAULT:
        return "SET DEFAULT";
    default:
        return "NO ACTION";
    }
}

/* The first column of `cols` that table t lacks, or NULL. */
static const char *missing_column(const sg__sc_table *t, const sg__sc_names *cols)
{
    for (size_t i = 0; i < cols->count; i++)
        if (!sg__schema_column((sg__sc_table *)t, cols->names[i]))
            return cols->names[i];
    return NULL;
}

static int apply_check(mig *m, size_t ti, pending_con *pc)
{
    sg__sc_table *t = sg__mig_edit(m, ti);
    if (!t)
        return STOP;
    const char *name = pc->c->conname;
    if (name && sg__mig_constraint_on(t, name))
        return sg__mig_refuse_as(
            m, "duplicate_object", pc->c->location,
            "constraint \"%s\" of %s exists already; the statement is not applied", name,
            sg__mig_table_name(m, ti));
    /* AddRelationNewConstraints: table_column_check when the expression
     * names one column, else table_check. */
    name = name ? sg__arena_strdup(&m->s->arena, name)
                : sg__mig_choose_name(m, t->schema, t->name,
                                      pc->cols.count == 1 ? pc->cols.names[0] : NULL, "check",
                                      false, true);
    sg__sc_names *o = name ? sg__vec_push(&m->s->arena, &t->other_constraints, sizeof *o) : NULL;
    if (!o)
        return STOP;
    *o = pc->cols;
    o->name = name;
    return sg__mig_names_keep(m, t, o) ? APPLIED : STOP;
}

/* Whether two index constraints of one statement are the same index, which
 * PostgreSQL makes once (transformIndexConstraints). */
static bool same_index(const pending_con *a, const pending_con *b)
{
    return a->c->contype != CONSTR_EXCLUSION && b->c->contype != CONSTR_EXCLUSION &&
           sg__schema_names_equal(&a->cols, &b->cols) &&
           sg__schema_names_equal(&a->including, &b->including) &&
           a->c->nulls_not_distinct == b->c->nulls_not_distinct &&
           a->c->deferrable == b->c->deferrable && a->c->initdeferred == b->c->initdeferred &&
           !a->c->indexname && !b->c->indexname;
}

/* ADD CONSTRAINT ... UNIQUE / PRIMARY KEY USING INDEX: the unique index
 * becomes the constraint's, renamed after it when it is named. */
static int apply_using_index(mig *m, size_t ti, pending_con *pc)
{
    sg__sc_table *t = sg__mig_edit(m, ti);
    if (!t)
        return STOP;
    Constraint *c = pc->c;
    for (size_t k = 0; k < t->unique.count; k++) {
        sg__sc_names *u = &SG__VEC_AT(t->unique, sg__sc_names, k);
        if (!u->index_only || !u->name || strcmp(u->name, c->indexname) != 0)
            continue;
        const char *name = c->conname ? sg__arena_strdup(&m->s->arena, c->conname) : u->name;
        if (!name)
            return STOP;
        if (c->contype == CONSTR_UNIQUE) {
            u->index_only = false;
            u->name = name;
            return APPLIED;
        }
        if (t->primary_key.count > 0)
            return sg__mig_refuse(m, c->location,
                                  "%s has a primary key already; the statement is not applied",
                                  sg__mig_table_name(m, ti));
        t->primary_key = *u;
        t->primary_key.index_only = false;
        t->primary_key.name = name;
        for (size_t i = 0; i < u->count; i++)
            sg__schema_column(t, u->names[i])->nullable = false;
        memmove(u, u + 1, (t->unique.count - k - 1) * sizeof *u);
        t->unique.count--;
        return APPLIED;
    }
    return sg__mig_refuse(
        m, c->location,
        "%s has no unique index \"%s\" on columns alone; the statement is not applied",
        sg__mig_table_name(m, ti), c->indexname);
}

static int apply_key(mig *m, size_t ti, pending_con *pc)
{
    Constraint *c = pc->c;
    if (c->indexname)
        return apply_using_index(m, ti, pc);
    sg__sc_table *t = sg__mig_edit(m, ti);
    if (!t)
        return STOP;
    const char *missing = missing_column(t, &pc->cols);
    if (!missing)
        missing = missing_column(t, &pc->including);
    if (missing)
        return sg__mig_refuse(
            m, c->location,
            "%s has no column \"%s\" for the constraint; the statement is not applied",
            sg__mig_table_name(m, ti), missing);
    bool primary = c->contype == CONSTR_PRIMARY;
    if (primary && t->primary_key.count > 0)
        return sg__mig_refuse(m, c->location,
                              "%s has a primary key already; the statement is not applied",
                              sg__mig_table_name(m, ti));
    const char *name = c->conname;
    if (name && (sg__mig_relation_name_used(m, t->schema, name) || sg__mig_constraint_on(t, name)))
        return sg__mig_refuse_as(
            m,
            sg__mig_relation_name_used(m, t->schema, name) ? "duplicate_table" : "duplicate_object",
            c->location, "the name \"%s\" is taken in schema %s; the statement is not applied",
            name, t->schema);
    if (name) {
        name = sg__arena_strdup(&m->s->arena, name);
    } else {
        sg__sc_names all = pc->cols;
        if (pc->including.count) {
            all.names =
                sg__arena_alloc(&m->tmp, (all.count + pc->including.count) * sizeof *all.names);
            if (!all.names)
                return STOP;
            memcpy(all.names, pc->cols.names, pc->cols.count * sizeof *all.names);
            memcpy(all.names + pc->cols.count, pc->including.names,
                   pc->including.count * sizeof *all.names);
            all.count += pc->including.count;
        }
        const char *addition = primary ? NULL : sg__mig_name_addition(&m->tmp, &all);
        if (!primary && !addition)
            return STOP;
        name = sg__mig_choose_name(m, t->schema, t->name, addition,
                                   primary                          ? "pkey"
                                   : c->contype == CONSTR_EXCLUSION ? "excl"
                                                                    : "key",
                                   true, true);
    }
    if (!name)
        return STOP;
    sg__sc_names key = pc->cols;
    key.name = name;
    if (!sg__mig_names_keep(m, t, &key))
        return STOP;
    if (c->contype == CONSTR_EXCLUSION) {
        sg__sc_names *o = sg__vec_push(&m->s->arena, &t->other_constraints, sizeof *o);
        sg__sc_names *x = sg__vec_push(&m->s->arena, &t->other_indexes, sizeof *x);
        if (!o || !x)
            return STOP;
        *o = *x = key;
        return APPLIED;
    }
    if (primary) {
        t->primary_key = key;
        for (size_t i = 0; i < key.count; i++)
            sg__schema_column(t, key.names[i])->nullable = false;
        return APPLIED;
    }
    sg__sc_names *u = sg__vec_push(&m->s->arena, &t->unique, sizeof *u);
    if (!u)
        return STOP;
    *u = key;
    return APPLIED;
}

/* Whether table t has a key on exactly the columns `cols`, in any order: a
 * key a foreign key may reference (transformFkeyCheckAttrs). */
static bool has_key_on(const sg__sc_table *t, const sg__sc_names *cols)
{
    if (t->primary_key.count && sg__mig_names_same_set(&t->primary_key, cols))
        return true;
    for (size_t k = 0; k < t->unique.count; k++)
        if (sg__mig_names_same_set(&SG__VEC_AT(t->unique, sg__sc_names, k), cols))
            return true;
    /* a unique index with a key column's own collation or operator class */
    for (size_t k = 0; k < t->other_indexes.count; k++) {
        const sg__sc_names *x = &SG__VEC_AT(t->other_indexes, sg__sc_names, k);
        if (x->unique_index && sg__mig_names_same_set(x, cols))
            return true;
    }
    return false;
}

static int apply_fkey(mig *m, size_t ti, pending_con *pc)
{
    Constraint *c = pc->c;
    sg__sc_table *t = sg__mig_edit(m, ti);
    if (!t)
        return STOP;
    const char *missing = missing_column(t, &pc->cols);
    if (missing)
        return sg__mig_refuse(
            m, c->location,
            "%s has no column \"%s\" for the foreign key; the statement is not applied",
            sg__mig_table_name(m, ti), missing);
    const char *rschema = sg__mig_schema_of(m, c->pktable);
    long ri = sg__mig_find_table(m, rschema, c->pktable->relname);
    sg__sc_names rcols;
    if (!sg__mig_names_from_list(&m->tmp, c->pk_attrs, &rcols))
        return STOP;
    if (ri >= 0) {
        const sg__sc_table *r = &m->work[ri];
        if (rcols.count == 0 && r->primary_key.count == 0)
            return sg__mig_refuse(
                m, c->location, "%s has no primary key to reference; the statement is not applied",
                sg__mig_table_name(m, (size_t)ri));
        if (rcols.count == 0)
            rcols = r->primary_key;
        missing = missing_column(r, &rcols);
        if (missing)
            return sg__mig_refuse(
                m, c->location,
                "%s has no column \"%s\" to reference; the statement is not applied",
                sg__mig_table_name(m, (size_t)ri), missing);
        if (!has_key_on(r, &rcols))
            return sg__mig_refuse(
                m, c->location,
                "%s has no unique key on the referenced columns; the statement is not "
                "applied",
                sg__mig_table_name(m, (size_t)ri));
    } else {
        int rc = sg__mig_remark(
            m, c->pktable->location,
            "the foreign key references %s, which the migrations do not create (another "
            "service's table, as Supabase's auth.users); it is kept as written",
            sg__mig_qualified(m, rschema, c->pktable->relname));
        if (rc != APPLIED)
            return rc;
    }
    if (rcols.count && rcols.count != pc->cols.count)
        return sg__mig_refuse(
            m, c->location,
            "the foreign key has %zu columns and references %zu; the statement is not "
            "applied",
            pc->cols.count, rcols.count);
    if (c->conname && sg__mig_constraint_on(t, c->conname))
        return sg__mig_refuse_as(
            m, "duplicate_object", c->location,
            "constraint \"%s\" of %s exists already; the statement is not applied", c->conname,
            sg__mig_table_name(m, ti));
    /* made only for a name to choose: its memory running out is a failure then */
    const char *addition = c->conname ? NULL : sg__mig_name_addition(&m->tmp, &pc->cols);
    const char *name =
        c->conname ? sg__arena_strdup(&m->s->arena, c->conname)
        : addition ? sg__mig_choose_name(m, t->schema, t->name, addition, "fkey", false, true)
                   : NULL;
    sg__sc_fkey *f = name ? sg__vec_push(&m->s->arena, &t->fkeys, sizeof *f) : NULL;
    if (!f)
        return STOP;
    f->name = name;
    f->columns = pc->cols;
    f->ref_schema =
        strcmp(rschema, t->schema) == 0 ? NULL : sg__arena_strdup(&m->s->arena, rschema);
    f->ref_table = sg__arena_strdup(&m->s->arena, c->pktable->relname);
    f->ref_columns = rcols;
    f->ref_columns.name = NULL;
    f->ref_columns.index_only = false;
    f->on_delete = fk_action(c->fk_del_action);
    f->on_update = fk_action(c->fk_upd_action);
    bool ok = (f->ref_schema || strcmp(rschema, t->schema) == 0) && f->ref_table &&
              sg__mig_names_keep(m, t, &f->columns) &&
              sg__mig_names_keep(m, ri >= 0 ? &m->work[ri] : t, &f->ref_columns);
    return ok ? APPLIED : STOP;
}

/* The constraints of a statement on table ti, after its columns. */
int sg__mig_apply_pending(mig *m, size_t ti, pending *p)
{
    int rc = APPLIED;
    for (size_t i = 0; rc == APPLIED && i < p->checks.count; i++)
        rc = apply_check(m, ti, &SG__VEC_AT(p->checks, pending_con, i));
    /* the primary key first, then the others; one index for a repeated key */
    for (int primary = 1; primary >= 0; primary--) {
        for (size_t i = 0; rc == APPLIED && i < p->keys.count; i++) {
            pending_con *pc = &SG__VEC_AT(p->keys, pending_con, i);
            if ((pc->c->contype == CONSTR_PRIMARY) != primary)
                continue;
            bool repeated = false;
            for (size_t j = 0; !primary && j < p->keys.count && !repeated; j++) {
                pending_con *prior = &SG__VEC_AT(p->keys, pending_con, j);
                repeated = (prior->c->contype == CONSTR_PRIMARY || j < i) && same_index(prior, pc);
            }
            if (!repeated)
                rc = apply_key(m, ti, pc);
        }
    }
    for (size_t i = 0; rc == APPLIED && i < p->fkeys.count; i++)
        rc = apply_fkey(m, ti, &SG__VEC_AT(p->fkeys, pending_con, i));
    return rc;
}

/* ---- drops and the foreign keys that depend on what they drop --------------------------- */

/* The foreign keys of any table that reference table ti through a key that
 * includes column `column` (NULL: through the key `key`). */
typedef struct fk_ref {
    size_t table, index;
} fk_ref;

bool sg__mig_fk_references(const mig *m, const sg__sc_fkey *f, const sg__sc_table *owner, size_t ti)
{
    const sg__sc_table *t = &m->work[ti];
    const char *rs = f->ref_schema ? f->ref_schema : owner->schema;
    return strcmp(rs, t->schema) == 0 && strcmp(f->ref_table, t->name) == 0;
}

/* Removes element k of an array of `size`-byte elements. */
void sg__mig_vec_remove(sg__vec *v, size_t k, size_t size)
{
    char *items = v->items;
    memmove(items + k * size, items + (k + 1) * size, (v->count - k - 1) * size);
    v->count--;
}

/*
 * Finds the foreign keys (of any table but those in `dropping`, a set of
 * table indexes flagged true) that reference table ti on columns meeting
 * `hit`; refuses when there are any and !cascade, else drops them (DROP
 * ... CASCADE). `what` says what is dropped, for the note.
 */
int sg__mig_drop_dependents(mig *m, size_t ti, fk_hit_fn hit, const void *arg, const bool *dropping,
                            bool cascade, const char *what)
{
    for (size_t i = 0; i < m->nwork; i++) {
        if (dropping && dropping[i])
            continue;
        for (size_t k = 0; k < m->work[i].fkeys.count; k++) {
            const sg__sc_fkey *f = &SG__VEC_AT(m->work[i].fkeys, sg__sc_fkey, k);
            if (!sg__mig_fk_references(m, f, &m->work[i], ti) || !hit(f, arg))
                continue;
            if (!cascade)
                return sg__mig_refuse(
                    m, -1,
                    "the foreign key %s of %s depends on %s; the statement is not "
                    "applied (CASCADE would drop it)",
                    f->name ? f->name : "(unnamed)", sg__mig_table_name(m, i), what);
            sg__sc_table *t = sg__mig_edit(m, i);
            if (!t)
                return STOP;
            sg__mig_vec_remove(&t->fkeys, k, sizeof(sg__sc_fkey));
            k--;
        }
    }
    return APPLIED;
}

bool sg__mig_fk_any(const sg__sc_fkey *f, const void *arg)
{
    (void)f;
    (void)arg;
    return true;
}

static bool fk_uses_column(const sg__sc_fkey *f, const void *arg)
{
    return sg__mig_names_has(&f->ref_columns, arg);
}

bool sg__mig_fk_uses_key(const sg__sc_fkey *f, const void *arg)
{
    return sg__mig_names_same_set(&f->ref_columns, arg);
}

/* Removes from vec (of sg__sc_names) every entry naming column `column`. */
static void drop_names_with(sg__vec *v, const char *column)
{
    for (size_t k = 0; k < v->count; k++) {
        if (sg__mig_names_has(&SG__VEC_AT(*v, sg__sc_names, k), column)) {
            sg__mig_vec_remove(v, k, sizeof(sg__sc_names));
            k--;
        }
    }
}

/* ALTER TABLE ... DROP COLUMN: the keys, constraints and indexes that
 * include the column go with it, as their dependencies make PostgreSQL drop
 * them; another table's foreign key on it needs CASCADE. */
int sg__mig_drop_column(mig *m, size_t ti, const char *column, bool cascade)
{
    const char *what =
        sg__arena_printf(&m->tmp, "column %s of %s", column, sg__mig_table_name(m, ti));
    if (!what)
        return STOP;
    /* a foreign key of the table itself that includes the column goes with it */
    sg__sc_table *t = sg__mig_edit(m, ti);
    if (!t)
        return STOP;
    for (size_t k = 0; k < t->fkeys.count; k++) {
        if (sg__mig_names_has(&SG__VEC_AT(t->fkeys, sg__sc_fkey, k).columns, column)) {
            sg__mig_vec_remove(&t->fkeys, k, sizeof(sg__sc_fkey));
            k--;
        }
    }
    int rc = sg__mig_drop_dependents(m, ti, fk_uses_column, column, NULL, cascade, what);
    if (rc != APPLIED)
        return rc;
    t = &m->work[ti];
    if (sg__mig_names_has(&t->primary_key, column))
        t->primary_key = (sg__sc_names){0};
    drop_names_with(&t->unique, column);
    drop_names_with(&t->other_constraints, column);
    drop_names_with(&t->other_indexes, column);
    for (size_t k = 0; k < t->columns.count; k++)
        if (strcmp(SG__VEC_AT(t->columns, sg__sc_column, k).name, column) == 0)
            sg__mig_vec_remove(&t->columns, k, sizeof(sg__sc_column));
    return APPLIED;
}

/* ALTER TABLE ... DROP CONSTRAINT name. */
int sg__mig_drop_constraint(mig *m, size_t ti, const AlterTableCmd *cmd)
{
    sg__sc_table *t = sg__mig_edit(m, ti);
    if (!t)
        return STOP;
    const char *name = cmd->name;
    bool cascade = cmd->behavior == DROP_CASCADE;
    const char *what =
        sg__arena_printf(&m->tmp, "constraint %s of %s", name, sg__mig_table_name(m, ti));
    if (!what)
        return STOP;
    if (t->primary_key.name && strcmp(t->primary_key.name, name) == 0) {
        int rc = sg__mig_drop_dependents(m, ti, sg__mig_fk_uses_key, &t->primary_key, NULL, cascade,
                                         what);
        if (rc == APPLIED)
            m->work[ti].primary_key = (sg__sc_names){0};
        return rc;
    }
    for (size_t k = 0; k < t->unique.count; k++) {
        sg__sc_names *u = &SG__VEC_AT(t->unique, sg__sc_names, k);
        if (u->index_only || !u->name || strcmp(u->name, name) != 0)
            continue;
        int rc = sg__mig_drop_dependents(m, ti, sg__mig_fk_uses_key, u, NULL, cascade, what);
        if (rc == APPLIED)
            sg__mig_vec_remove(&m->work[ti].unique, k, sizeof(sg__sc_names));
        return rc;
    }
    for (size_t k = 0; k < t->fkeys.count; k++) {
        const char *f = SG__VEC_AT(t->fkeys, sg__sc_fkey, k).name;
        if (f && strcmp(f, name) == 0) {
            sg__mig_vec_remove(&t->fkeys, k, sizeof(sg__sc_fkey));
            return APPLIED;
        }
    }
    for (size_t k = 0; k < t->other_constraints.count; k++) {
        if (strcmp(SG__VEC_AT(t->other_constraints, sg__sc_names, k).name, name) == 0) {
            sg__mig_vec_remove(&t->other_constraints, k, sizeof(sg__sc_names));
            /* an exclusion constraint's index goes with it */
            for (size_t x = 0; x < t->other_indexes.count; x++)
                if (strcmp(SG__VEC_AT(t->other_indexes, sg__sc_names, x).name, name) == 0)
                    sg__mig_vec_remove(&t->other_indexes, x--, sizeof(sg__sc_names));
            return APPLIED;
        }
    }
    if (cmd->missing_ok)
        return APPLIED;
    return sg__mig_refuse(m, -1, "%s has no constraint \"%s\"; the statement is not applied",
                          sg__mig_table_name(m, ti), name);
}
