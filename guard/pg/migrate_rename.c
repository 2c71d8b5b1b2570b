/*
 * migrate_rename.c - the renames and moves of a migration: a table, an
 * index, a constraint, a column or a schema renamed (ALTER ... RENAME), and a
 * table moved to another schema (SET SCHEMA). The keys, constraints and
 * foreign keys that name what was renamed follow it, as they follow it in the
 * server, where they refer to it by its object id.
 */
#include <string.h>

#include "pg/migrate_int.h"

/* ---- renames ---------------------------------------------------------------------------- */

/* Column `old` of table ti is now `new`: its table's keys, constraints and
 * indexes and every foreign key that references it follow. */
static int rename_column(mig *m, size_t ti, const char *old, const char *new_name)
{
    sg__arena *a = &m->s->arena;
    sg__sc_table *t = sg__mig_edit(m, ti);
    const char *new = sg__arena_strdup(a, new_name);
    if (!t || !new)
        return STOP;
    sg__schema_column(t, old)->name = new;
    bool ok = sg__mig_names_rename(a, &t->primary_key, old, new);
    sg__vec *lists[] = {&t->unique, &t->other_constraints, &t->other_indexes};
    for (size_t l = 0; l < 3; l++)
        for (size_t k = 0; ok && k < lists[l]->count; k++)
            ok = sg__mig_names_rename(a, &SG__VEC_AT(*lists[l], sg__sc_names, k), old, new);
    for (size_t k = 0; ok && k < t->fkeys.count; k++)
        ok = sg__mig_names_rename(a, &SG__VEC_AT(t->fkeys, sg__sc_fkey, k).columns, old, new);
    for (size_t i = 0; ok && i < m->nwork; i++) {
        for (size_t k = 0; ok && k < m->work[i].fkeys.count; k++) {
            sg__sc_fkey *f = &SG__VEC_AT(m->work[i].fkeys, sg__sc_fkey, k);
            if (!sg__mig_fk_references(m, f, &m->work[i], ti) ||
                !sg__mig_names_has(&f->ref_columns, old))
                continue;
            sg__sc_table *o = sg__mig_edit(m, i);
            if (!o)
                return STOP;
            f = &SG__VEC_AT(o->fkeys, sg__sc_fkey, k);
            ok = sg__mig_names_rename(a, &f->ref_columns, old, new);
        }
    }
    return ok ? APPLIED : STOP;
}

/* Table ti is now schema.name: the foreign keys that reference it follow,
 * and its own references to its old schema stay there. */
static int move_table(mig *m, size_t ti, const char *schema, const char *name)
{
    sg__arena *a = &m->s->arena;
    const char *old_schema = m->work[ti].schema, *old_name = m->work[ti].name;
    const char *ns = sg__arena_strdup(a, schema), *nn = sg__arena_strdup(a, name);
    if (!ns || !nn || !sg__mig_edit(m, ti))
        return STOP;
    for (size_t i = 0; i < m->nwork; i++) {
        for (size_t k = 0; k < m->work[i].fkeys.count; k++) {
            sg__sc_fkey *f = &SG__VEC_AT(m->work[i].fkeys, sg__sc_fkey, k);
            const char *rs = f->ref_schema ? f->ref_schema : m->work[i].schema;
            bool to_moved = strcmp(rs, old_schema) == 0 && strcmp(f->ref_table, old_name) == 0;
            if (!to_moved && i != ti)
                continue;
            sg__sc_table *o = sg__mig_edit(m, i);
            if (!o)
                return STOP;
            f = &SG__VEC_AT(o->fkeys, sg__sc_fkey, k);
            if (to_moved) {
                f->ref_table = nn;
                rs = ns;
            }
            /* the referencing table's schema as it will be */
            const char *own = i == ti ? ns : o->schema;
            f->ref_schema = strcmp(rs, own) == 0 ? NULL : rs;
        }
    }
    m->work[ti].schema = ns;
    m->work[ti].name = nn;
    sg__mig_names_changed(m);
    return APPLIED;
}

/* The table and place of the key, constraint or index called `name` in
 * schema `schema`, if any: *kind is 'p' (primary key), 'u' (unique key),
 * 'i' (other index), else 0. */
long sg__mig_find_index(const mig *m, const char *schema, const char *name, char *kind, size_t *at)
{
    for (size_t i = 0; i < m->nwork; i++) {
        const sg__sc_table *t = &m->work[i];
        if (strcmp(t->schema, schema) != 0)
            continue;
        if (t->primary_key.name && strcmp(t->primary_key.name, name) == 0) {
            *kind = 'p';
            return (long)i;
        }
        for (size_t k = 0; k < t->unique.count; k++) {
            const char *u = SG__VEC_AT(t->unique, sg__sc_names, k).name;
            if (u && strcmp(u, name) == 0) {
                *kind = 'u';
                *at = k;
                return (long)i;
            }
        }
        for (size_t k = 0; k < t->other_indexes.count; k++) {
            if (strcmp(SG__VEC_AT(t->other_indexes, sg__sc_names, k).name, name) == 0) {
                *kind = 'i';
                *at = k;
                return (long)i;
            }
        }
    }
    *kind = 0;
    return -1;
}

/* The name of an index, and of the constraint it belongs to, is now
 * `new_name` (ALTER INDEX RENAME renames both, as RENAME CONSTRAINT does). */
static int rename_index(mig *m, size_t ti, char kind, size_t at, const char *new_name)
{
    sg__sc_table *t = sg__mig_edit(m, ti);
    const char *nn = sg__arena_strdup(&m->s->arena, new_name);
    if (!t || !nn)
        return STOP;
    if (kind == 'p') {
        t->primary_key.name = nn;
        return APPLIED;
    }
    sg__vec *v = kind == 'u' ? &t->unique : &t->other_indexes;
    const char *old = SG__VEC_AT(*v, sg__sc_names, at).name;
    SG__VEC_AT(*v, sg__sc_names, at).name = nn;
    if (kind == 'i') /* an exclusion constraint's index */
        for (size_t k = 0; k < t->other_constraints.count; k++)
            if (strcmp(SG__VEC_AT(t->other_constraints, sg__sc_names, k).name, old) == 0)
                SG__VEC_AT(t->other_constraints, sg__sc_names, k).name = nn;
    return APPLIED;
}

/* ---- the statements that rename and move ------------------------------------------------ */

static int rename_table_or_index(mig *m, RenameStmt *r)
{
    const RangeVar *rv = r->relation;
    const char *schema = sg__mig_schema_of(m, rv);
    char kind = 0;
    size_t at = 0;
    long ti = r->renameType == OBJECT_TABLE ? sg__mig_find_table(m, schema, rv->relname) : -1;
    long ii = ti < 0 ? sg__mig_find_index(m, schema, rv->relname, &kind, &at) : -1;
    /* an unqualified index the model lacks may be a temporary table's,
     * whose index names it does not keep */
    bool temp_index = r->renameType == OBJECT_INDEX && !rv->schemaname && m->temp_tables.count;
    if (ti < 0 && ii < 0)
        return r->missing_ok || temp_index
                   ? APPLIED
                   : sg__mig_refuse(m, rv->location, "ALTER ... RENAME: %s is unknown; not applied",
                                    sg__mig_qualified(m, schema, rv->relname));
    if (sg__mig_relation_name_used(m, schema, r->newname))
        return sg__mig_refuse(
            m, rv->location, "ALTER ... RENAME: the name \"%s\" is taken in schema %s; not applied",
            r->newname, schema);
    if (ti >= 0)
        return move_table(m, (size_t)ti, schema, r->newname);
    return rename_index(m, (size_t)ii, kind, at, r->newname);
}

static int rename_constraint(mig *m, size_t ti, const char *old, const char *new_name)
{
    sg__sc_table *t = sg__mig_edit(m, ti);
    if (!t)
        return STOP;
    if (!sg__mig_constraint_on(t, old))
        return sg__mig_refuse(m, -1, "%s has no constraint \"%s\"; the statement is not applied",
                              sg__mig_table_name(m, ti), old);
    if (sg__mig_constraint_on(t, new_name))
        return sg__mig_refuse(m, -1,
                              "%s has a constraint \"%s\" already; the statement is not applied",
                              sg__mig_table_name(m, ti), new_name);
    char kind;
    size_t at = 0;
    long ii = sg__mig_find_index(m, t->schema, old, &kind, &at);
    if (ii == (long)ti) {
        if (sg__mig_relation_name_used(m, t->schema, new_name))
            return sg__mig_refuse(
                m, -1, "the name \"%s\" is taken in schema %s; the statement is not applied",
                new_name, t->schema);
        return rename_index(m, ti, kind, at, new_name);
    }
    const char *nn = sg__arena_strdup(&m->s->arena, new_name);
    if (!nn)
        return STOP;
    for (size_t k = 0; k < t->fkeys.count; k++) {
        sg__sc_fkey *f = &SG__VEC_AT(t->fkeys, sg__sc_fkey, k);
        if (f->name && strcmp(f->name, old) == 0)
            f->name = nn;
    }
    for (size_t k = 0; k < t->other_constraints.count; k++)
        if (strcmp(SG__VEC_AT(t->other_constraints, sg__sc_names, k).name, old) == 0)
            SG__VEC_AT(t->other_constraints, sg__sc_names, k).name = nn;
    return APPLIED;
}

static int rename_schema(mig *m, const char *old, const char *new_name)
{
    for (size_t i = 0; i < m->nwork; i++) {
        if (strcmp(m->work[i].schema, old) != 0)
            continue;
        int rc = move_table(m, i, new_name, m->work[i].name);
        if (rc != APPLIED)
            return rc;
    }
    return APPLIED;
}

int sg__mig_apply_rename(mig *m, RenameStmt *r)
{
    switch (r->renameType) {
    case OBJECT_TABLE:
    case OBJECT_INDEX:
        return rename_table_or_index(m, r);
    case OBJECT_COLUMN:
    case OBJECT_TABCONSTRAINT: {
        if (r->relationType != OBJECT_TABLE && r->renameType == OBJECT_COLUMN)
            return APPLIED; /* a view's or a composite type's column */
        int rc;
        long ti = sg__mig_target_table(m, r->relation, r->missing_ok, "ALTER TABLE", &rc);
        if (ti < 0)
            return rc;
        if (r->renameType == OBJECT_TABCONSTRAINT)
            return rename_constraint(m, (size_t)ti, r->subname, r->newname);
        if (!sg__schema_column(&m->work[ti], r->subname))
            return sg__mig_refuse(m, -1, "%s has no column \"%s\"; the statement is not applied",
                                  sg__mig_table_name(m, (size_t)ti), r->subname);
        if (sg__schema_column(&m->work[ti], r->newname))
            return sg__mig_refuse(m, -1,
                                  "%s has a column \"%s\" already; the statement is not applied",
                                  sg__mig_table_name(m, (size_t)ti), r->newname);
        return rename_column(m, (size_t)ti, r->subname, r->newname);
    }
    case OBJECT_SCHEMA:
        return rename_schema(m, r->subname, r->newname);
    default:
        return APPLIED; /* views, sequences, functions, types, ...: no table's columns */
    }
}

int sg__mig_apply_set_schema(mig *m, AlterObjectSchemaStmt *a)
{
    if (a->objectType != OBJECT_TABLE)
        return APPLIED;
    int rc;
    long ti = sg__mig_target_table(m, a->relation, a->missing_ok, "ALTER TABLE", &rc);
    if (ti < 0)
        return rc;
    const sg__sc_table *t = &m->work[ti];
    if (strcmp(t->schema, a->newschema) == 0)
        return APPLIED;
    /* the table moves with its indexes: none of their names may be taken there */
    const char *taken = sg__mig_relation_name_used(m, a->newschema, t->name) ? t->name : NULL;
    if (!taken && t->primary_key.name &&
        sg__mig_relation_name_used(m, a->newschema, t->primary_key.name))
        taken = t->primary_key.name;
    const sg__vec *lists[] = {&t->unique, &t->other_indexes};
    for (size_t l = 0; l < 2 && !taken; l++)
        for (size_t k = 0; k < lists[l]->count && !taken; k++) {
            const char *n = SG__VEC_AT(*lists[l], sg__sc_names, k).name;
            if (n && sg__mig_relation_name_used(m, a->newschema, n))
                taken = n;
        }
    if (taken)
        return sg__mig_refuse(
            m, a->relation->location,
            "ALTER TABLE %s SET SCHEMA: the name \"%s\" is taken in schema %s; not "
            "applied",
            sg__mig_table_name(m, (size_t)ti), taken, a->newschema);
    return move_table(m, (size_t)ti, a->newschema, t->name);
}
