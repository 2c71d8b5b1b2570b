/*
 * migrate_session.c - what lasts in a migration's session beside the
 * tables: the temporary tables the file made (no tables of the catalog,
 * but they hide permanent ones of their name), the search path `SET
 * [LOCAL]` leaves, and the transactions and savepoints whose ROLLBACK
 * brings the model back as it stood (DISCARD too). migrate.c calls it from
 * its dispatch.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "catalog/pg_class.h"

#include <string.h>

#include "pg/migrate_int.h"

/* Whether `rv` makes a temporary table (TEMP, or in pg_temp); and whether it
 * names one: also an unqualified name of a temporary table the file made,
 * which PostgreSQL finds before the tables of the search path. */
bool sg__mig_made_temp(const RangeVar *rv)
{
    return rv->relpersistence == RELPERSISTENCE_TEMP ||
           (rv->schemaname && strcmp(rv->schemaname, "pg_temp") == 0);
}

bool sg__mig_temp_table(const mig *m, const RangeVar *rv)
{
    if (sg__mig_made_temp(rv))
        return true;
    for (size_t i = 0; !rv->schemaname && i < m->temp_tables.count; i++)
        if (strcmp(SG__VEC_AT(m->temp_tables, mig_temp, i).name, rv->relname) == 0)
            return true;
    return false;
}

/* A temporary table made by `how`: it lives only in the migration's
 * session, so it is no table of the catalog; a remark, and its name is kept
 * so that the statements that use or drop it pass, until it is dropped or
 * its transaction ends (ON COMMIT DROP; outside a transaction, the
 * statement's own ends at once) or is rolled back. */
int sg__mig_make_temp_table(mig *m, const RangeVar *rv, OnCommitAction on_commit, const char *how)
{
    bool at_commit = on_commit == ONCOMMIT_DROP;
    if (!at_commit || m->in_transaction || m->marks.count) {
        mig_temp *slot = sg__vec_push(&m->tmp, &m->temp_tables, sizeof *slot);
        if (!slot)
            return STOP;
        *slot = (mig_temp){rv->relname, at_commit};
    }
    return sg__mig_remark(m, rv->location,
                          "%s %s%s%s: a temporary table lives only in its session; it is not in "
                          "the catalog",
                          how, rv->schemaname ? rv->schemaname : "", rv->schemaname ? "." : "",
                          rv->relname);
}

/* The temporary tables a transaction's end drops (ON COMMIT DROP); all of
 * them (DISCARD TEMP). */
static void drop_temp_tables(mig *m, bool all)
{
    size_t kept = 0;
    for (size_t i = 0; i < m->temp_tables.count; i++)
        if (!all && !SG__VEC_AT(m->temp_tables, mig_temp, i).drop_at_commit)
            SG__VEC_AT(m->temp_tables, mig_temp, kept++) = SG__VEC_AT(m->temp_tables, mig_temp, i);
    m->temp_tables.count = kept;
}

/* DROP TABLE of a temporary table the file made (a list of String nodes):
 * it is forgotten. Whether `obj` names one. */
bool sg__mig_drop_temp_table(mig *m, const Node *obj)
{
    if (!IsA(obj, List) || list_length((const List *)obj) > 2 ||
        !IsA(llast((const List *)obj), String))
        return false;
    const List *l = (const List *)obj;
    const char *name = strVal(llast(l));
    bool qualified = list_length(l) == 2;
    if (qualified && strcmp(strVal(linitial(l)), "pg_temp") != 0)
        return false;
    for (size_t i = 0; i < m->temp_tables.count; i++)
        if (strcmp(SG__VEC_AT(m->temp_tables, mig_temp, i).name, name) == 0) {
            sg__mig_vec_remove(&m->temp_tables, i, sizeof(mig_temp));
            return true;
        }
    return false; /* pg_temp holds only what the file made */
}

/* ALTER TABLE ... RENAME of a temporary table the file made (the table,
 * or a column or constraint of it): the table takes its new name, which it
 * then hides a permanent table of; nothing of the catalog changes. Whether
 * `r` renames one (APPLIED or REFUSED in *rc). */
bool sg__mig_rename_temp_table(mig *m, const RenameStmt *r, int *rc)
{
    *rc = APPLIED;
    bool of_table = r->renameType == OBJECT_TABLE || r->renameType == OBJECT_TABCONSTRAINT ||
                    (r->renameType == OBJECT_COLUMN && r->relationType == OBJECT_TABLE);
    if (!of_table || !r->relation || !sg__mig_temp_table(m, r->relation))
        return false;
    if (r->renameType != OBJECT_TABLE)
        return true;
    mig_temp *found = NULL;
    for (size_t i = 0; i < m->temp_tables.count; i++) {
        mig_temp *t = &SG__VEC_AT(m->temp_tables, mig_temp, i);
        if (strcmp(t->name, r->newname) == 0) {
            *rc = sg__mig_refuse(m, r->relation->location,
                                 "ALTER TABLE ... RENAME: the temporary table \"%s\" exists "
                                 "already; not applied",
                                 r->newname);
            return true;
        }
        if (strcmp(t->name, r->relation->relname) == 0)
            found = t;
    }
    if (found)
        found->name = r->newname;
    else if (!r->missing_ok)
        *rc = sg__mig_refuse(m, r->relation->location,
                             "ALTER TABLE ... RENAME: pg_temp.%s is unknown; not applied",
                             r->relation->relname);
    return true;
}

/* The search path as `SET search_path` leaves it: `first` NULL for the
 * caller's default schema. */
static void set_path(mig *m, const char *first, const char *const *rest, size_t nrest)
{
    m->default_schema = first ? first : m->file_schema;
    m->path_rest_len = first ? nrest : 0;
    if (first && nrest)
        memmove(m->path_rest, rest, nrest * sizeof *rest);
}

/* The path a `SET LOCAL` hid comes back: its transaction ended. */
static void end_local_path(mig *m)
{
    if (m->local_set) {
        m->default_schema = m->session_schema;
        m->path_rest_len = m->session_rest_len;
        memcpy(m->path_rest, m->session_rest, sizeof m->path_rest);
    }
    m->local_set = false;
}

/* `SET [LOCAL] search_path TO a, b` moves where the statements after it
 * create unqualified tables (the first schema, "$user" and pg_catalog and
 * pg_temp aside, as they hold no table a migration makes) and where they look
 * for them (each in order); RESET and DEFAULT bring back the caller's
 * default schema. SET LOCAL lasts until its transaction ends, COMMIT bringing
 * back the path it hid (a ROLLBACK the path the transaction started with);
 * outside BEGIN it is taken to be in the migration tool's transaction, which
 * lasts to the file's end. A search path naming no such schema leaves it as
 * it was. */
int sg__mig_apply_set(mig *m, const VariableSetStmt *v)
{
    bool path = v->name && strcmp(v->name, "search_path") == 0;
    if (!path && v->kind == VAR_RESET_ALL) {
        set_path(m, NULL, NULL, 0);
        m->local_set = false;
    }
    if (!path || (v->kind != VAR_SET_VALUE && v->kind != VAR_SET_DEFAULT && v->kind != VAR_RESET))
        return APPLIED;
    const char *first = NULL, *rest[SG__MIG_PATH_MAX];
    size_t nrest = 0;
    const ListCell *lc;
    foreach (lc, v->kind == VAR_SET_VALUE ? v->args : NIL) {
        const Node *arg = lfirst(lc);
        if (!IsA(arg, A_Const) || ((const A_Const *)arg)->isnull ||
            !IsA(&((const A_Const *)arg)->val, String))
            continue;
        const char *name = strVal(&((const A_Const *)arg)->val);
        if (!*name || strcmp(name, "$user") == 0 || strcmp(name, "pg_catalog") == 0 ||
            strcmp(name, "pg_temp") == 0)
            continue;
        if (!first)
            first = name;
        else if (nrest < SG__MIG_PATH_MAX)
            rest[nrest++] = name;
    }
    if (v->kind == VAR_SET_VALUE && !first)
        return APPLIED;
    if (v->is_local && !m->in_transaction) {
        /* the migration tool's transaction, as a SAVEPOINT outside BEGIN:
         * to the file's end */
        set_path(m, first, rest, nrest);
        return APPLIED;
    }
    if (v->is_local && !m->local_set) {
        m->session_schema = m->default_schema;
        m->session_rest_len = m->path_rest_len;
        memcpy(m->session_rest, m->path_rest, sizeof m->session_rest);
        m->local_set = true;
    } else if (!v->is_local) {
        m->local_set = false; /* the session's path from here, after COMMIT too */
    }
    set_path(m, first, rest, nrest);
    return APPLIED;
}

/* ---- transactions ------------------------------------------------------------------------ */

/* The model as it stood at a BEGIN or a SAVEPOINT. A committed table's
 * arrays are never changed in place (each statement edits copies), and a
 * domain's fields are replaced, not written into, so the slots of the
 * tables (in m->undo, from `undo_at`) and copies of the domain structs (in
 * m->mark_domains) are enough to bring it back. */
typedef struct mig_mark {
    const char *name; /* the savepoint's; NULL for the transaction's start */
    unsigned long serial;
    size_t ntables, undo_at;
    size_t domains_at, ndomains;
    size_t temps_at, ntemps;
    const char *default_schema;
    const char *path_rest[SG__MIG_PATH_MAX];
    size_t path_rest_len;
    bool local_set;
    const char *session_schema;
    const char *session_rest[SG__MIG_PATH_MAX];
    size_t session_rest_len;
} mig_mark;

/* Copies the `count` items of `size` bytes at `items` to the end of the
 * stack `v`; false when memory ran out. */
bool sg__mig_stack_copy(mig *m, sg__vec *v, const void *items, size_t count, size_t size)
{
    for (size_t i = 0; i < count; i++) {
        void *slot = sg__vec_push(&m->tmp, v, size);
        if (!slot)
            return false;
        memcpy(slot, (const char *)items + i * size, size);
    }
    return true;
}

static int push_mark(mig *m, const char *name)
{
    mig_mark *k = sg__vec_push(&m->tmp, &m->marks, sizeof *k);
    if (!k)
        return STOP;
    const sg__vec *d = &m->s->domains;
    *k = (mig_mark){.name = name,
                    .serial = ++m->serials,
                    .ntables = m->s->tables.count,
                    .undo_at = m->undo.count,
                    .domains_at = m->mark_domains.count,
                    .ndomains = d->count,
                    .temps_at = m->mark_temps.count,
                    .ntemps = m->temp_tables.count,
                    .default_schema = m->default_schema,
                    .path_rest_len = m->path_rest_len,
                    .local_set = m->local_set,
                    .session_schema = m->session_schema,
                    .session_rest_len = m->session_rest_len};
    memcpy(k->path_rest, m->path_rest, sizeof k->path_rest);
    memcpy(k->session_rest, m->session_rest, sizeof k->session_rest);
    m->mark_serial = k->serial;
    if (!sg__mig_stack_copy(m, &m->mark_domains, d->items, d->count, sizeof(sg__sc_domain)) ||
        !sg__mig_stack_copy(m, &m->mark_temps, m->temp_tables.items, m->temp_tables.count,
                            sizeof(mig_temp)))
        return STOP;
    return APPLIED;
}

/* The marks from `count` on are gone (COMMIT, RELEASE, ROLLBACK): their
 * copies' room is used again. The slots logged since stay while a mark
 * before them needs them. */
static void pop_marks(mig *m, size_t count)
{
    if (count >= m->marks.count)
        return;
    const mig_mark *k = &SG__VEC_AT(m->marks, mig_mark, count);
    m->mark_domains.count = k->domains_at;
    m->mark_temps.count = k->temps_at;
    if (count == 0)
        m->undo.count = 0;
    m->marks.count = count;
    m->mark_serial = count ? SG__VEC_AT(m->marks, mig_mark, count - 1).serial : 0;
}

/* The model, and the working copy of the statement being applied, as mark
 * k (which stays, as a new mark) left them. */
static int restore_mark(mig *m, size_t at)
{
    mig_mark *k = &SG__VEC_AT(m->marks, mig_mark, at);
    pop_marks(m, at + 1);
    /* the slots in the reverse of the order they were written: each is
     * brought back to what it was before its first write after the mark;
     * the vector only grows, so they fit where they were */
    for (size_t i = m->undo.count; i-- > k->undo_at;) {
        const mig_undo *u = &SG__VEC_AT(m->undo, mig_undo, i);
        SG__VEC_AT(m->s->tables, sg__sc_table, u->slot) = u->table;
    }
    m->undo.count = k->undo_at;
    m->s->tables.count = k->ntables;
    if (k->ndomains)
        memcpy(m->s->domains.items, &SG__VEC_AT(m->mark_domains, sg__sc_domain, k->domains_at),
               k->ndomains * sizeof(sg__sc_domain));
    m->s->domains.count = k->ndomains;
    m->temp_tables.count = 0;
    if (!sg__mig_stack_copy(m, &m->temp_tables, &SG__VEC_AT(m->mark_temps, mig_temp, k->temps_at),
                            k->ntemps, sizeof(mig_temp)))
        return STOP;
    m->default_schema = k->default_schema;
    m->path_rest_len = k->path_rest_len;
    memcpy(m->path_rest, k->path_rest, sizeof m->path_rest);
    m->local_set = k->local_set;
    m->session_schema = k->session_schema;
    m->session_rest_len = k->session_rest_len;
    memcpy(m->session_rest, k->session_rest, sizeof m->session_rest);
    /* the slots logged under its serial are logged no more */
    k->serial = ++m->serials;
    m->mark_serial = k->serial;
    m->synced = false;
    m->stale = true;
    return sg__mig_begin_statement(m);
}

/* The latest savepoint called `name`: its index in the marks, or -1. */
static long find_mark(const mig *m, const char *name)
{
    for (size_t i = m->marks.count; name && i-- > 0;) {
        const char *n = SG__VEC_AT(m->marks, mig_mark, i).name;
        if (n && strcmp(n, name) == 0)
            return (long)i;
    }
    return -1;
}

/* The transaction commits: ON COMMIT DROP's tables go, SET LOCAL's path
 * ends. */
void sg__mig_commit_transaction(mig *m)
{
    pop_marks(m, 0);
    drop_temp_tables(m, false);
    end_local_path(m);
}

/* BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE and ROLLBACK TO, as the
 * server runs them: what a transaction or a savepoint rolled back applied is
 * undone (tables, keys, domains' defaults, the search path, temporary
 * tables); COMMIT ends SET LOCAL and drops the ON COMMIT DROP tables. A
 * SAVEPOINT outside BEGIN is taken to be in the migration tool's
 * transaction. */
int sg__mig_apply_transaction(mig *m, const TransactionStmt *t)
{
    long at;
    switch (t->kind) {
    case TRANS_STMT_BEGIN:
    case TRANS_STMT_START:
        if (m->in_transaction)
            return APPLIED; /* a warning, and nothing else */
        m->in_transaction = true;
        m->begin_at = m->stmt_at;
        pop_marks(m, 0);
        return push_mark(m, NULL);
    case TRANS_STMT_COMMIT:
    case TRANS_STMT_PREPARE:
        if (m->in_transaction)
            sg__mig_commit_transaction(m);
        m->in_transaction = m->in_transaction && t->chain;
        return m->in_transaction ? push_mark(m, NULL) : APPLIED;
    case TRANS_STMT_ROLLBACK: {
        int rc = APPLIED;
        if (m->in_transaction && m->marks.count)
            rc = restore_mark(m, 0);
        pop_marks(m, 0);
        m->local_set = false;
        m->in_transaction = m->in_transaction && t->chain;
        return rc == APPLIED && m->in_transaction ? push_mark(m, NULL) : rc;
    }
    case TRANS_STMT_SAVEPOINT:
        return push_mark(m, t->savepoint_name);
    case TRANS_STMT_RELEASE:
        if ((at = find_mark(m, t->savepoint_name)) >= 0)
            pop_marks(m, (size_t)at);
        return APPLIED;
    case TRANS_STMT_ROLLBACK_TO:
        if ((at = find_mark(m, t->savepoint_name)) < 0)
            return APPLIED; /* no such savepoint: the server refuses it */
        return restore_mark(m, (size_t)at);
    default:
        return APPLIED;
    }
}

/* DISCARD TEMP drops the session's temporary tables; DISCARD ALL (refused
 * in a transaction) also resets the search path. */
int sg__mig_apply_discard(mig *m, const DiscardStmt *d)
{
    if (d->target == DISCARD_ALL && m->in_transaction)
        return APPLIED;
    if (d->target == DISCARD_TEMP || d->target == DISCARD_ALL)
        drop_temp_tables(m, true);
    if (d->target == DISCARD_ALL) {
        set_path(m, NULL, NULL, 0);
        m->local_set = false;
    }
    return APPLIED;
}
