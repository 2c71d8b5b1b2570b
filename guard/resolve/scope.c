/*
 * scope.c - resolves the declared scope against the catalog, and binds each
 * relation the SQL names to a scoped table.
 *
 * Binding follows PostgreSQL's name resolution as the executor pins it: an
 * unqualified name lives in the data source's default schema, except names
 * beginning with pg_, which PostgreSQL's catalog owns; a database-qualified
 * name, or a name in any other schema, never binds.
 */
#include <string.h>

#include "resolve/scope.h"
#include "util/text.h"

int sg__resolve_scope(sg__arena *arena, const sg_catalog *catalog, const sg__operation *op,
                      sg__scope *scope, sg__diags *d)
{
    memset(scope, 0, sizeof *scope);
    scope->tables = sg__arena_alloc(arena, (op->scope_count + 1) * sizeof *scope->tables);
    if (!scope->tables)
        return -1;
    if (op->data_source_uid) {
        scope->source = sg__catalog_source(catalog, op->data_source_uid);
        if (!scope->source) {
            /* No table can be resolved on an unknown data source. */
            const char *uid = sg__quoted(arena, op->data_source_uid);
            return uid ? sg__report(d, &sg__rule_scope_invalid, SG_AT_NONE, -1,
                                    "scope.data_source_uid %s is not a data source of the catalog",
                                    uid)
                       : -1;
        }
    }
    for (size_t i = 0; i < op->scope_count; i++) {
        const sg__scope_entry *e = &op->scope[i];
        int rc = 0;
        const sg__meta_table *t = sg__catalog_table_by_uid(catalog, e->meta_table_uid);
        bool duplicate_alias = false, duplicate_table = false;
        for (size_t k = 0; k < i; k++) {
            duplicate_alias |= strcmp(op->scope[k].alias, e->alias) == 0;
            duplicate_table |= strcmp(op->scope[k].meta_table_uid, e->meta_table_uid) == 0;
        }
        if (!t) {
            const char *uid = sg__quoted(arena, e->meta_table_uid);
            rc = uid ? sg__report(d, &sg__rule_scope_invalid, SG_AT_NONE, -1,
                                  "scope.tables[%zu]: meta_table_uid %s is not in the catalog", i,
                                  uid)
                     : -1;
        } else if (scope->source && strcmp(t->data_source_uid, scope->source->uid) != 0) {
            rc = sg__report(d, &sg__rule_scope_invalid, SG_AT_NONE, -1,
                            "scope.tables[%zu]: table %s lives on data source %s, not on the "
                            "scope's %s",
                            i, t->identifier ? t->identifier : t->name, t->data_source_uid,
                            scope->source->uid);
        } else if (e->access == SG_ACCESS_NONE) {
            const char *access = sg__quoted(arena, e->access_text);
            rc = access ? sg__report(d, &sg__rule_scope_invalid, SG_AT_NONE, -1,
                                     "scope.tables[%zu]: access %s is not \"read\" or \"write\"", i,
                                     access)
                        : -1;
        } else if (duplicate_alias) {
            const char *alias = sg__quoted(arena, e->alias);
            rc = alias ? sg__report(d, &sg__rule_scope_invalid, SG_AT_NONE, -1,
                                    "scope.tables[%zu]: alias %s is used twice", i, alias)
                       : -1;
        } else if (duplicate_table) {
            const char *uid = sg__quoted(arena, e->meta_table_uid);
            rc = uid ? sg__report(d, &sg__rule_scope_invalid, SG_AT_NONE, -1,
                                  "scope.tables[%zu]: meta_table_uid %s is scoped twice", i, uid)
                     : -1;
        } else {
            sg__scoped_table *st = &scope->tables[scope->count++];
            st->table = t;
            st->entry = e;
            st->declared = e->access;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

int sg__scope_set_search_path(sg__arena *arena, sg__scope *scope, const char *text)
{
    size_t len = strlen(text), cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += text[i] == ',';
    const char **path = sg__arena_alloc(arena, cap * sizeof *path);
    char *names = sg__arena_alloc(arena, len + 1);
    if (!path || !names)
        return -1;
    size_t count = 0, i = 0;
    while (i <= len) {
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
            i++;
        char *name = names, *o = names;
        bool quoted = i < len && text[i] == '"';
        if (quoted) {
            for (i++; i < len; i++) {
                if (text[i] == '"' && !(i + 1 < len && text[i + 1] == '"'))
                    break;
                *o++ = text[i];
                i += text[i] == '"'; /* "" is one quote */
            }
            i++;
        }
        for (; i < len && text[i] != ','; i++)
            if (!quoted && text[i] != ' ' && text[i] != '\t' && text[i] != '\n')
                *o++ = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
        *o++ = '\0';
        names = o;
        i++; /* the comma */
        if (*name && strcmp(name, "$user") != 0 && strcmp(name, "pg_temp") != 0)
            path[count++] = name;
    }
    scope->path = path;
    scope->path_count = count;
    return 0;
}

/* The first schema of the search path with a table of that name in the
 * scope, else the path's first (where PostgreSQL would not find it either,
 * as far as the catalog knows). */
static const char *on_path(const sg__scope *scope, const char *name)
{
    for (size_t p = 0; p < scope->path_count; p++)
        for (size_t k = 0; k < scope->count; k++)
            if (strcmp(scope->tables[k].table->name, name) == 0 &&
                strcmp(scope->tables[k].table->schema, scope->path[p]) == 0)
                return scope->path[p];
    return scope->path[0];
}

/* Whether `column` is one of the NULL-terminated `list`. */
static bool listed(const char *const *list, const char *column)
{
    for (; list && *list; list++)
        if (strcmp(*list, column) == 0)
            return true;
    return false;
}

/* Whether `SET column = EXCLUDED.column` of an ON CONFLICT DO UPDATE of
 * `relation` writes back the very value the row has: the column is one of
 * the arbiter's (`ON CONFLICT (column, ...)`), so the conflict found a row
 * whose column equals EXCLUDED's, and equal values of its type are the same
 * bytes, as a foreign key's action compares them (uuid, integers, dates,
 * timestamps, boolean). Text is not among them: a column under a
 * nondeterministic collation (which the catalog does not record) takes
 * 'ABC' for 'abc'. */
static bool arbiter_unchanged(const sg__facts *facts, long relation, const sg__meta_table *t,
                              const char *column)
{
    size_t c = 0;
    while (c < t->column_count && strcmp(t->columns[c], column) != 0)
        c++;
    if (c == t->column_count || !t->column_type_read || !t->column_type_read[c])
        return false;
    const sg__pgtype *type = &t->column_pgtypes[c];
    switch (type->array_dims ? SG__PGKIND_OTHER : type->kind) {
    case SG__PGKIND_UUID:
    case SG__PGKIND_INT2:
    case SG__PGKIND_INT4:
    case SG__PGKIND_INT8:
    case SG__PGKIND_DATE:
    case SG__PGKIND_TIMESTAMP:
    case SG__PGKIND_TIMESTAMPTZ:
    case SG__PGKIND_BOOL:
        break;
    default:
        return false;
    }
    for (size_t i = 0; i < facts->conflicts.count; i++) {
        const sg__conflict_target *ct = &SG__VEC_AT(facts->conflicts, sg__conflict_target, i);
        for (size_t k = 0; ct->relation == relation && ct->judgeable && k < ct->count; k++)
            if (strcmp(ct->columns[k], column) == 0)
                return true;
    }
    return false;
}

const char *sg__fk_action_fires(const sg__facts *facts, long relation, const sg__meta_table *t,
                                const sg__fk_action *a, bool *on_delete)
{
    const sg__relref *r = &SG__VEC_AT(facts->relations, sg__relref, (size_t)relation);
    *on_delete = (r->use & SG_USE_DELETE) && a->on_delete;
    if (*on_delete)
        return a->on_delete;
    if (!(r->use & SG_USE_UPDATE) || !a->on_update)
        return NULL;
    const char *const *referenced = a->referenced ? a->referenced : t->primary_key;
    for (size_t i = 0; i < facts->writes.count; i++) {
        const sg__column_write *w = &SG__VEC_AT(facts->writes, sg__column_write, i);
        if (w->relation == relation && w->set && !w->value &&
            (!w->name || !referenced || listed(referenced, w->name)) && !w->keeps_value &&
            !(w->from_excluded && arbiter_unchanged(facts, relation, t, w->name)))
            return a->on_update;
    }
    return NULL;
}

/* Whether a write of the NULL-terminated `columns` of a table (NULL: any of
 * them) changes a column of `referenced` (NULL: the table's primary key,
 * `primary`; a table without one may be referenced by any). */
static bool changes_any(const char *const *columns, const char *const *referenced,
                        const char *const *primary)
{
    const char *const *keys = referenced ? referenced : primary;
    if (!columns || !keys)
        return true;
    for (; *keys; keys++)
        if (listed(columns, *keys))
            return true;
    return false;
}

int sg__fk_actions_each(const sg__facts *facts, long relation, const sg__meta_table *t,
                        sg__fk_visit visit, void *ctx)
{
    /* each action fired so far and what it does to its table: deletes its
     * rows (`deleted`), or sets its referencing columns (a->columns) */
    struct effect {
        const sg__fk_action *a;
        bool deleted;
    } fired[SG_FK_ACTIONS_MAX];
    size_t count = 0;
    for (size_t k = 0; k < t->referrer_count; k++) {
        bool on_delete;
        const char *action = sg__fk_action_fires(facts, relation, t, &t->referrers[k], &on_delete);
        if (!action)
            continue;
        if (count == SG_FK_ACTIONS_MAX)
            return 1;
        fired[count++] =
            (struct effect){&t->referrers[k], on_delete && strcmp(action, "CASCADE") == 0};
        int rc = visit(&t->referrers[k], on_delete, action, NULL, ctx);
        if (rc != 0)
            return rc;
    }
    /* each fired action writes its table in turn: a CASCADE delete deletes
     * rows there, which sets off their referrers' ON DELETE actions; a
     * CASCADE update, SET NULL or SET DEFAULT sets the referencing columns,
     * which sets off the ON UPDATE actions of keys that reference them */
    for (size_t e = 0; e < count; e++) {
        const sg__fk_action *via = fired[e].a;
        const sg__meta_table *u = via->table;
        for (size_t k = 0; k < u->referrer_count; k++) {
            const sg__fk_action *b = &u->referrers[k];
            bool on_delete = fired[e].deleted && b->on_delete;
            const char *action = on_delete ? b->on_delete
                                 : !fired[e].deleted && b->on_update &&
                                         changes_any(via->columns, b->referenced, u->primary_key)
                                     ? b->on_update
                                     : NULL;
            if (!action)
                continue;
            bool deletes = on_delete && strcmp(action, "CASCADE") == 0, seen = false;
            for (size_t j = 0; j < count && !seen; j++)
                seen = fired[j].a == b && fired[j].deleted == deletes;
            if (seen)
                continue;
            if (count == SG_FK_ACTIONS_MAX)
                return 1;
            fired[count++] = (struct effect){b, deletes};
            int rc = visit(b, on_delete, action, via, ctx);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

/* A scoped table that a foreign key's action writes requires write access
 * (sg__fk_actions_each's visit). */
static int require_write(const sg__fk_action *a, bool on_delete, const char *action,
                         const sg__fk_action *via, void *ctx)
{
    (void)on_delete;
    (void)action;
    (void)via;
    sg__scope *scope = ctx;
    for (size_t s = 0; s < scope->count; s++)
        if (scope->tables[s].table == a->table)
            scope->tables[s].required = SG_ACCESS_WRITE;
    return 0;
}

/* A scoped table that a foreign key's action of a write of relation `i`
 * writes, directly or through the writes of other actions, requires write
 * access; past SG_FK_ACTIONS_MAX actions, scope.access-denied refuses the
 * statement. */
static void require_fk_writes(const sg__facts *facts, sg__scope *scope, size_t i,
                              const sg__meta_table *t)
{
    sg__fk_actions_each(facts, (long)i, t, require_write, scope);
}

/* Binds every relation reference; fills required access of scoped tables. */
int sg__bind_relations(sg__arena *arena, const sg__facts *facts, sg__scope *scope,
                       const sg__relation_binding **out)
{
    size_t n = facts->relations.count;
    sg__relation_binding *b = sg__arena_alloc(arena, (n + 1) * sizeof *b);
    if (!b)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const sg__relref *r = &SG__VEC_AT(facts->relations, sg__relref, i);
        b[i].scoped = -1;
        if (r->catalog)
            continue;
        if (r->schema)
            b[i].schema = r->schema;
        else if (strncmp(r->name, "pg_", 3) == 0)
            b[i].schema = "pg_catalog";
        else if (scope->path) /* an empty path (`SET search_path = ''`) finds no table */
            b[i].schema = scope->path_count ? on_path(scope, r->name) : NULL;
        else if (scope->source)
            b[i].schema = scope->source->default_schema;
        if (!b[i].schema)
            continue;
        for (size_t k = 0; k < scope->count; k++) {
            sg__scoped_table *t = &scope->tables[k];
            if (strcmp(t->table->name, r->name) != 0 || strcmp(t->table->schema, b[i].schema) != 0)
                continue;
            b[i].scoped = (long)k;
            sg_access need =
                (r->use & (SG_USE_WRITE | SG_USE_LOCK)) ? SG_ACCESS_WRITE : SG_ACCESS_READ;
            if (need > t->required)
                t->required = need;
            if ((r->use & (SG_USE_DELETE | SG_USE_UPDATE)) && t->table->referrer_count)
                require_fk_writes(facts, scope, i, t->table);
            break;
        }
    }
    *out = b;
    return 0;
}
