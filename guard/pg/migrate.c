/*
 * migrate.c - applies a migration file's DDL to a table model, as PostgreSQL
 * 15 would apply it to a database: the statements that make, change or drop
 * tables, their columns and their keys change the sg__schema; the others are
 * passed over, or reported when they could change a table in a way the model
 * does not follow.
 *
 * Each statement is applied to a working copy of the model and kept only when
 * all of it applies: a statement the server would refuse (a table that exists
 * already, a column that does not, a key a foreign key still needs) is one
 * note and changes nothing, as its failed transaction would. Constraint and
 * index names are chosen as PostgreSQL chooses them (makeObjectName,
 * ChooseRelationName and ChooseConstraintName in the server), against the
 * names the model knows; sequences and views are not in the model, so a name
 * that only clashes with one of theirs is chosen differently.
 *
 * Defaults are kept as the migration writes them (its source text, not
 * pg_get_expr()'s spelling); serial columns get the nextval() default the
 * server makes, identity columns the words of their GENERATED clause, and
 * generated columns their expression.
 *
 * This file holds the statements: the dispatch, CREATE TABLE, ALTER TABLE,
 * CREATE INDEX, the drops and CREATE SCHEMA. Columns and domains are in
 * migrate_column.c, keys and constraints in migrate_constraint.c, renames in
 * migrate_rename.c, temporary tables, the search path and transactions in
 * migrate_session.c, psql's conditionals in migrate_psql.c, the routines and
 * DO blocks whose DDL from-sql does not follow in migrate_routine.c, and what
 * all of them use in migrate_common.c; they share migrate_int.h. DO blocks
 * of plain statements stay here: they apply statements as the file's do.
 */
#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "catalog/pg_class.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pg/migrate.h"
#include "pg/migrate_int.h"
#include "pg/parse.h"
#include "pg/split.h"
#include "pg/walk.h"
#include "util/text.h"

/* ---- statements ------------------------------------------------------------------------- */

static int apply_create(mig *m, CreateStmt *cs)
{
    const RangeVar *rv = cs->relation;
    const char *schema = sg__mig_creation_schema_of(m, rv), *why = NULL;
    if (rv->relpersistence == RELPERSISTENCE_TEMP || strcmp(schema, "pg_temp") == 0)
        return sg__mig_make_temp_table(m, rv, cs->oncommit, "CREATE TEMP TABLE");
    if (cs->partbound)
        why = "a partition (PARTITION OF) takes its parent's columns, which are not followed";
    else if (cs->inhRelations)
        why = "inherited columns (INHERITS) are not followed";
    else if (cs->ofTypename)
        why = "a table of a composite type (OF) takes the type's columns, which are not followed";
    const ListCell *lc;
    foreach (lc, cs->tableElts)
        if (IsA(lfirst(lc), TableLikeClause))
            why = "copied columns (LIKE) are not followed";
    if (why)
        return sg__mig_note(m, rv->location, "CREATE TABLE %s is not applied: %s",
                            sg__mig_qualified(m, schema, rv->relname), why);
    if (sg__mig_find_table(m, schema, rv->relname) >= 0 ||
        sg__mig_relation_name_used(m, schema, rv->relname)) {
        if (cs->if_not_exists)
            return APPLIED;
        return sg__mig_refuse_as(
            m, "duplicate_table", rv->location,
            "CREATE TABLE %s: the name is taken already; the statement is not applied",
            sg__mig_qualified(m, schema, rv->relname));
    }
    long ti = sg__mig_add_table(m, schema, rv->relname);
    if (ti < 0)
        return STOP;
    pending p = {0};
    int rc = APPLIED;
    foreach (lc, cs->tableElts) {
        Node *e = lfirst(lc);
        if (IsA(e, ColumnDef))
            rc = sg__mig_add_column(m, (size_t)ti, (ColumnDef *)e, &p);
        else if (IsA(e, Constraint))
            rc = sg__mig_add_pending(m, &p, (Constraint *)e, NULL);
        if (rc != APPLIED)
            return rc;
    }
    foreach (lc, cs->constraints) /* none from the grammar; kept for completeness */
        if ((rc = sg__mig_add_pending(m, &p, lfirst(lc), NULL)) != APPLIED)
            return rc;
    return sg__mig_apply_pending(m, (size_t)ti, &p);
}

/* The pass of ALTER TABLE (AT_PASS_* in tablecmds.c) a subcommand runs in:
 * drops first, then type changes, new columns, column attributes and new
 * constraints, whatever order the statement writes them in. */
enum { PASS_DROP, PASS_TYPE, PASS_ADD_COLUMN, PASS_COLUMN, PASS_CONSTRAINT, PASS_MISC, PASSES };

static int pass_of(const AlterTableCmd *cmd)
{
    switch (cmd->subtype) {
    case AT_DropColumn:
    case AT_DropConstraint:
    case AT_DropNotNull:
    case AT_DropIdentity:
    case AT_DropExpression:
        return PASS_DROP;
    case AT_ColumnDefault:
        return cmd->def ? PASS_CONSTRAINT : PASS_DROP;
    case AT_AlterColumnType:
        return PASS_TYPE;
    case AT_AddColumn:
        return PASS_ADD_COLUMN;
    case AT_SetNotNull:
        return PASS_COLUMN;
    case AT_AddConstraint:
    case AT_AddIdentity:
        return PASS_CONSTRAINT;
    default:
        return PASS_MISC;
    }
}

/* The subcommands that can change no column or key: applied as nothing. */
static bool changes_nothing(AlterTableType t)
{
    switch (t) {
    case AT_SetStatistics:
    case AT_SetOptions:
    case AT_ResetOptions:
    case AT_SetStorage:
    case AT_SetCompression:
    case AT_AlterConstraint:
    case AT_ValidateConstraint:
    case AT_AlterColumnGenericOptions:
    case AT_ChangeOwner:
    case AT_ClusterOn:
    case AT_DropCluster:
    case AT_SetLogged:
    case AT_SetUnLogged:
    case AT_DropOids:
    case AT_SetAccessMethod:
    case AT_SetTableSpace:
    case AT_SetRelOptions:
    case AT_ResetRelOptions:
    case AT_ReplaceRelOptions:
    case AT_EnableTrig:
    case AT_EnableAlwaysTrig:
    case AT_EnableReplicaTrig:
    case AT_DisableTrig:
    case AT_EnableTrigAll:
    case AT_DisableTrigAll:
    case AT_EnableTrigUser:
    case AT_DisableTrigUser:
    case AT_EnableRule:
    case AT_EnableAlwaysRule:
    case AT_EnableReplicaRule:
    case AT_DisableRule:
    case AT_ReplicaIdentity:
    case AT_EnableRowSecurity:
    case AT_DisableRowSecurity:
    case AT_ForceRowSecurity:
    case AT_NoForceRowSecurity:
    case AT_GenericOptions:
        return true;
    default:
        return false;
    }
}

/* The one character of token i, or 0 (none, or a longer token). */
static char token_char_at(const mig *m, size_t i)
{
    return i < m->ntokens && m->tokens[i].end - m->tokens[i].start == 1 ? m->sql[m->tokens[i].start]
                                                                        : 0;
}

/* Where the k-th subcommand of `as` starts in the text: the first token
 * after the table's name, then after each comma outside parentheses; the
 * statement's start when the text does not show it. *words: the bytes of
 * its first word, or of two when the first is ATTACH or DETACH. */
static int subcommand_at(const mig *m, const AlterTableStmt *as, int k, size_t *words)
{
    *words = 0;
    /* past the name (its parts and dots) and ONLY's star */
    size_t i = sg__mig_code_token(m, sg__mig_token_at(m, as->relation->location));
    while (token_char_at(m, sg__mig_code_token(m, i + 1)) == '.')
        i = sg__mig_code_token(m, sg__mig_code_token(m, i + 1) + 1);
    i = sg__mig_code_token(m, i + 1);
    if (token_char_at(m, i) == '*')
        i = sg__mig_code_token(m, i + 1);
    for (int piece = 0, depth = 0; i < m->ntokens; i = sg__mig_code_token(m, i + 1)) {
        const sg__sql_token *t = &m->tokens[i];
        char c = token_char_at(m, i);
        if (c == ';')
            break;
        if (piece == k) {
            size_t next = sg__mig_code_token(m, i + 1);
            bool two = t->end - t->start == 6 && next < m->ntokens &&
                       (strncasecmp(m->sql + t->start, "attach", 6) == 0 ||
                        strncasecmp(m->sql + t->start, "detach", 6) == 0);
            *words = (two ? m->tokens[next].end : t->end) - t->start;
            return (int)t->start;
        }
        if (c == '(')
            depth++;
        else if (c == ')')
            depth--;
        else if (c == ',' && depth == 0)
            piece++;
    }
    return m->stmt_at;
}

static int apply_alter_cmd(mig *m, size_t ti, AlterTableCmd *cmd, pending *p,
                           const AlterTableStmt *as, int k)
{
    switch (cmd->subtype) {
    case AT_AddColumn: {
        ColumnDef *cd = (ColumnDef *)cmd->def;
        if (cmd->missing_ok && sg__schema_column(&m->work[ti], cd->colname))
            return APPLIED;
        return sg__mig_add_column(m, ti, cd, p);
    }
    case AT_DropColumn:
        if (!sg__schema_column(&m->work[ti], cmd->name))
            return cmd->missing_ok
                       ? APPLIED
                       : sg__mig_refuse(m, -1,
                                        "%s has no column \"%s\"; the statement is not applied",
                                        sg__mig_table_name(m, ti), cmd->name);
        return sg__mig_drop_column(m, ti, cmd->name, cmd->behavior == DROP_CASCADE);
    case AT_AlterColumnType:
        return sg__mig_set_type(m, ti, cmd);
    case AT_SetNotNull:
    case AT_DropNotNull:
        return sg__mig_set_not_null(m, ti, cmd, cmd->subtype == AT_SetNotNull);
    case AT_ColumnDefault:
        return sg__mig_set_default(m, ti, cmd);
    case AT_AddIdentity:
    case AT_SetIdentity:
    case AT_DropIdentity:
    case AT_DropExpression:
        return sg__mig_alter_identity(m, ti, cmd);
    case AT_AddConstraint:
        return sg__mig_add_pending(m, p, (Constraint *)cmd->def, NULL);
    case AT_DropConstraint:
        return sg__mig_drop_constraint(m, ti, cmd);
    case AT_AddInherit:
    case AT_DropInherit:
    case AT_AddOf:
    case AT_DropOf:
        /* INHERIT and OF require the columns to be there and to match, NO
         * INHERIT and NOT OF only unlink: no column or key changes */
        return APPLIED;
    default: {
        if (changes_nothing(cmd->subtype))
            return APPLIED;
        /* ATTACH/DETACH PARTITION and whatever a later release adds: they
         * could change columns or keys in ways not followed */
        size_t words;
        int at = subcommand_at(m, as, k, &words);
        return sg__mig_note(m, at,
                            "%.*s%sof ALTER TABLE %s is not applied: it may change columns or "
                            "keys in a way that is not followed",
                            (int)words, m->sql + at, words ? " " : "a subcommand ",
                            sg__mig_table_name(m, ti));
    }
    }
}

static int apply_alter(mig *m, AlterTableStmt *as)
{
    if (as->objtype != OBJECT_TABLE || sg__mig_temp_table(m, as->relation))
        return APPLIED; /* ALTER INDEX, VIEW, SEQUENCE, TYPE, ...: no table's columns */
    /* pg_dump alters sequences and views as tables too (OWNER TO): what
     * changes nothing of a table is no concern, whatever the relation is */
    bool neutral = true;
    const ListCell *c;
    foreach (c, as->cmds)
        neutral = neutral && changes_nothing(((const AlterTableCmd *)lfirst(c))->subtype);
    int rc;
    long ti = sg__mig_target_table(m, as->relation, as->missing_ok || neutral, "ALTER TABLE", &rc);
    if (ti < 0)
        return rc;
    pending p = {0};
    for (int pass = 0; pass < PASSES; pass++) {
        const ListCell *lc;
        foreach (lc, as->cmds) {
            AlterTableCmd *cmd = lfirst(lc);
            if (pass_of(cmd) == pass &&
                (rc = apply_alter_cmd(m, (size_t)ti, cmd, &p, as, foreach_current_index(lc))) !=
                    APPLIED)
                return rc;
        }
        if (pass == PASS_CONSTRAINT && (rc = sg__mig_apply_pending(m, (size_t)ti, &p)) != APPLIED)
            return rc;
    }
    return APPLIED;
}

/* One column of CREATE INDEX: its name for the index's own name (as
 * ChooseIndexColumnNames takes it: the column, the expression's
 * FigureColname, else "expr"), a key column when it is a plain column of
 * the key part, and the columns it names. */
static int index_elem(mig *m, size_t ti, IndexElem *e, bool key, sg__vec *keys, sg__vec *colnames,
                      col_refs *all)
{
    const char **cn = sg__vec_push(&m->tmp, colnames, sizeof *cn);
    if (!cn)
        return STOP;
    if (!e->name) {
        const char *figured = sg__walk_figure_colname(e->expr);
        *cn = e->indexcolname ? e->indexcolname : figured ? figured : "expr";
        return sg__mig_refs_of(all, e->expr) ? APPLIED : STOP;
    }
    if (!sg__schema_column(&m->work[ti], e->name))
        return sg__mig_refuse(m, -1,
                              "%s has no column \"%s\" to index; the statement is not applied",
                              sg__mig_table_name(m, ti), e->name);
    *cn = e->indexcolname ? e->indexcolname : e->name;
    const char **slot = key ? sg__vec_push(&m->tmp, keys, sizeof *slot) : NULL;
    if (key && !slot)
        return STOP;
    if (slot)
        *slot = e->name;
    return sg__mig_add_ref(all, e->name) ? APPLIED : STOP;
}

static int apply_index(mig *m, IndexStmt *ix)
{
    if (sg__mig_temp_table(m, ix->relation))
        return APPLIED;
    int rc;
    long ti = sg__mig_target_table(m, ix->relation, false, "CREATE INDEX ON", &rc);
    if (ti < 0)
        return rc;
    sg__sc_table *t = sg__mig_edit(m, (size_t)ti);
    if (!t)
        return STOP;
    /* the key columns, and the columns the index names anywhere; and the
     * names PostgreSQL gives its columns, for its own name */
    col_refs all = {&m->tmp, {0}, false};
    sg__vec keys = {0}, colnames = {0};
    bool plain = !ix->whereClause, ok = true;
    /* a key column with a collation or operator class of its own, and
     * nothing else that keeps it from being a key */
    bool own_compare = false, columns_only = !ix->whereClause;
    for (int part = 0; part < 2 && ok; part++) {
        const ListCell *lc;
        foreach (lc, part == 0 ? ix->indexParams : ix->indexIncludingParams) {
            int erc = index_elem(m, (size_t)ti, lfirst(lc), part == 0, &keys, &colnames, &all);
            if (erc == REFUSED)
                return erc;
            ok = ok && erc == APPLIED;
            /* a key column with a collation or operator class of its own
             * (`email COLLATE "C"`, `slug text_pattern_ops`) is unique as
             * that compares, which need not be as `=` on the column does */
            const IndexElem *e = lfirst(lc);
            plain = plain && (part == 1 || (e->name && e->collation == NIL && e->opclass == NIL));
            columns_only = columns_only && (part == 1 || e->name);
            own_compare = own_compare || (part == 0 && (e->collation != NIL || e->opclass != NIL));
        }
    }
    ok = ok && sg__mig_refs_of(&all, ix->whereClause);
    if (!ok)
        return STOP;
    const char *name = ix->idxname;
    if (name && sg__mig_relation_name_used(m, t->schema, name))
        return ix->if_not_exists
                   ? APPLIED
                   : sg__mig_refuse_as(m, "duplicate_table", ix->relation->location,
                                       "the name \"%s\" is taken in schema %s; the statement "
                                       "is not applied",
                                       name, t->schema);
    if (name) {
        name = sg__arena_strdup(&m->s->arena, name);
    } else {
        /* ChooseIndexColumnNames: a name repeated gets a number */
        for (size_t i = 0; i < colnames.count; i++) {
            const char *orig = SG__VEC_AT(colnames, const char *, i), *cur = orig;
            for (int n = 1;; n++) {
                bool clash = false;
                for (size_t j = 0; j < i && !clash; j++)
                    clash = strcmp(SG__VEC_AT(colnames, const char *, j), cur) == 0;
                if (!clash)
                    break;
                char num[16];
                int nl = snprintf(num, sizeof num, "%d", n);
                size_t keep = sg__mig_clip_utf8(orig, strlen(orig) < (size_t)(NAME_MAX_BYTES - nl)
                                                          ? strlen(orig)
                                                          : (size_t)(NAME_MAX_BYTES - nl));
                cur = sg__arena_printf(&m->tmp, "%.*s%s", (int)keep, orig, num);
                if (!cur)
                    return STOP;
            }
            SG__VEC_AT(colnames, const char *, i) = cur;
        }
        sg__sc_names cn = {.names = colnames.items, .count = colnames.count};
        const char *addition = sg__mig_name_addition(&m->tmp, &cn);
        name = addition ? sg__mig_choose_name(m, t->schema, t->name, addition, "idx", true, false)
                        : NULL;
    }
    if (!name)
        return STOP;
    own_compare = own_compare && columns_only;
    /* A unique index with expressions or a predicate is no key by columns
     * alone: ON CONFLICT (a) can use it only with the same expressions and
     * predicate, so the model keeps it apart from the keys; nor is one with a
     * key column's own collation or operator class. */
    bool key = ix->unique && plain;
    sg__sc_names n = key || own_compare ? (sg__sc_names){.names = keys.items, .count = keys.count}
                                        : sg__mig_refs_names(&all);
    n.name = name;
    n.index_only = key;
    n.unique_index = ix->unique && own_compare;
    sg__sc_names *slot =
        sg__vec_push(&m->s->arena, key ? &t->unique : &t->other_indexes, sizeof *slot);
    if (!slot)
        return STOP;
    *slot = n;
    return sg__mig_names_keep(m, t, slot) ? APPLIED : STOP;
}

/* The schema and name of one object of a DROP (a list of String nodes). */
static bool object_name_of(const mig *m, const Node *obj, const char **schema, const char **name)
{
    if (!IsA(obj, List))
        return false;
    const List *l = (const List *)obj;
    int n = list_length(l);
    if (n == 0 || n > 3 || !IsA(llast(l), String))
        return false;
    *name = strVal(llast(l));
    *schema = n >= 2 ? strVal(list_nth(l, n - 2)) : m->default_schema;
    return true;
}

static int drop_tables(mig *m, DropStmt *d)
{
    bool *dropping = sg__arena_alloc(&m->tmp, (m->nwork + 1) * sizeof *dropping);
    if (!dropping)
        return STOP;
    bool cascade = d->behavior == DROP_CASCADE;
    const ListCell *lc;
    foreach (lc, d->objects) {
        const char *schema, *name;
        if (sg__mig_drop_temp_table(m, lfirst(lc)) ||
            !object_name_of(m, lfirst(lc), &schema, &name))
            continue;
        long ti = sg__mig_find_table(m, schema, name);
        if (ti < 0 && !d->missing_ok)
            return sg__mig_refuse(m, -1,
                                  "DROP TABLE %s: no table of that name is created before it; "
                                  "not applied",
                                  sg__mig_qualified(m, schema, name));
        if (ti >= 0)
            dropping[ti] = true;
    }
    for (size_t i = 0; i < m->nwork; i++) {
        if (!dropping[i])
            continue;
        const char *what = sg__arena_printf(&m->tmp, "table %s", sg__mig_table_name(m, i));
        int rc = what ? sg__mig_drop_dependents(m, i, sg__mig_fk_any, NULL, dropping, cascade, what)
                      : STOP;
        if (rc != APPLIED)
            return rc;
    }
    for (size_t i = m->nwork; i-- > 0;)
        if (dropping[i])
            sg__mig_remove_table(m, i);
    return APPLIED;
}

static int drop_indexes(mig *m, DropStmt *d)
{
    const ListCell *lc;
    foreach (lc, d->objects) {
        const char *schema, *name;
        if (!object_name_of(m, lfirst(lc), &schema, &name))
            continue;
        char kind;
        size_t at = 0;
        long ti = sg__mig_find_index(m, schema, name, &kind, &at);
        /* an unqualified name the model lacks may be an index of a
         * temporary table, whose names it does not keep */
        bool temp_index = m->temp_tables.count && list_length((const List *)lfirst(lc)) == 1;
        if (ti < 0 && (d->missing_ok || temp_index))
            continue;
        if (ti < 0)
            return sg__mig_refuse(m, -1, "DROP INDEX %s: no such index; not applied",
                                  sg__mig_qualified(m, schema, name));
        sg__sc_table *t = sg__mig_edit(m, (size_t)ti);
        if (!t)
            return STOP;
        if (kind == 'p' || (kind == 'u' && !SG__VEC_AT(t->unique, sg__sc_names, at).index_only))
            return sg__mig_refuse(
                m, -1,
                "DROP INDEX %s: the index belongs to a constraint of %s (drop the "
                "constraint instead); not applied",
                sg__mig_qualified(m, schema, name), sg__mig_table_name(m, (size_t)ti));
        if (kind == 'i') {
            sg__mig_vec_remove(&t->other_indexes, at, sizeof(sg__sc_names));
            continue;
        }
        const char *what =
            sg__arena_printf(&m->tmp, "index %s", sg__mig_qualified(m, schema, name));
        int rc = what ? sg__mig_drop_dependents(m, (size_t)ti, sg__mig_fk_uses_key,
                                                &SG__VEC_AT(t->unique, sg__sc_names, at), NULL,
                                                d->behavior == DROP_CASCADE, what)
                      : STOP;
        if (rc != APPLIED)
            return rc;
        sg__mig_vec_remove(&m->work[ti].unique, at, sizeof(sg__sc_names));
    }
    return APPLIED;
}

/* DROP SCHEMA: its tables go with it when CASCADE says so. */
static int drop_schemas(mig *m, DropStmt *d)
{
    bool *dropping = sg__arena_alloc(&m->tmp, (m->nwork + 1) * sizeof *dropping);
    if (!dropping)
        return STOP;
    const ListCell *lc;
    foreach (lc, d->objects) {
        if (!IsA(lfirst(lc), String))
            continue;
        const char *schema = strVal(lfirst(lc));
        for (size_t i = 0; i < m->nwork; i++) {
            if (strcmp(m->work[i].schema, schema) != 0)
                continue;
            if (d->behavior != DROP_CASCADE)
                return sg__mig_refuse(
                    m, -1, "DROP SCHEMA %s: it holds %s; not applied (CASCADE would drop it)",
                    schema, sg__mig_table_name(m, i));
            dropping[i] = true;
        }
    }
    for (size_t i = 0; i < m->nwork; i++) {
        if (!dropping[i])
            continue;
        int rc = sg__mig_drop_dependents(m, i, sg__mig_fk_any, NULL, dropping, true, "");
        if (rc != APPLIED)
            return rc;
    }
    for (size_t i = m->nwork; i-- > 0;)
        if (dropping[i])
            sg__mig_remove_table(m, i);
    return APPLIED;
}

static int apply_drop(mig *m, DropStmt *d)
{
    switch (d->removeType) {
    case OBJECT_TABLE:
        return drop_tables(m, d);
    case OBJECT_INDEX:
        return drop_indexes(m, d);
    case OBJECT_SCHEMA:
        return drop_schemas(m, d);
    default:
        return APPLIED; /* views, sequences, functions, types, ...: no table's columns */
    }
}

static int apply_statement(mig *m, Node *stmt);

/* CREATE SCHEMA s CREATE TABLE ...: the elements are in schema s, which
 * PostgreSQL (CreateSchemaCommand) puts in front of the search path for
 * them, tables and views made before indexes, triggers and grants, so a table they name that s
 * lacks is found on the path as it was, and their types, which s cannot hold yet, are the path's.
 * Without a name, the schema is the AUTHORIZATION role's. */
static int apply_create_schema(mig *m, CreateSchemaStmt *cs)
{
    const char *name = cs->schemaname;
    if (!name && cs->authrole && cs->authrole->roletype == ROLESPEC_CSTRING)
        name = cs->authrole->rolename;
    if (!cs->schemaElts)
        return APPLIED;
    if (!name)
        return sg__mig_note(m, -1,
                            "CREATE SCHEMA AUTHORIZATION %s is not applied: the schema is named "
                            "after the role that runs the migration, which the file does not say "
                            "(name the schema)",
                            !cs->authrole                                     ? "?"
                            : cs->authrole->roletype == ROLESPEC_SESSION_USER ? "SESSION_USER"
                            : cs->authrole->roletype == ROLESPEC_CURRENT_ROLE ? "CURRENT_ROLE"
                                                                              : "CURRENT_USER");
    const char *outer = m->default_schema, *outer_types = m->type_schema;
    const char *outer_path[SG__MIG_PATH_MAX];
    size_t outer_rest = m->path_rest_len;
    memcpy(outer_path, m->path_rest, sizeof outer_path);
    m->type_schema = sg__mig_type_schema(m);
    m->default_schema = name;
    m->path_rest[0] = outer;
    for (size_t i = 0; i < outer_rest && i + 1 < SG__MIG_PATH_MAX; i++)
        m->path_rest[i + 1] = outer_path[i];
    m->path_rest_len = outer_rest + 1 < SG__MIG_PATH_MAX ? outer_rest + 1 : SG__MIG_PATH_MAX;
    /* in the order PostgreSQL 15 runs them (transformCreateSchemaStmt):
     * sequences, tables, views, then indexes, triggers and grants, whatever
     * order the statement writes them in */
    static const NodeTag order[] = {T_CreateSeqStmt, T_CreateStmt,     T_ViewStmt,
                                    T_IndexStmt,     T_CreateTrigStmt, T_GrantStmt};
    int rc = APPLIED;
    for (size_t k = 0; k < sizeof order / sizeof order[0] && rc == APPLIED; k++) {
        const ListCell *lc;
        foreach (lc, cs->schemaElts) {
            NodeTag tag = nodeTag(lfirst(lc));
            bool listed = false;
            for (size_t j = 0; j < sizeof order / sizeof order[0]; j++)
                listed |= order[j] == tag;
            if ((tag == order[k] || (!listed && k == 0)) &&
                (rc = apply_statement(m, lfirst(lc))) != APPLIED)
                break;
        }
    }
    m->default_schema = outer;
    m->type_schema = outer_types;
    m->path_rest_len = outer_rest;
    memcpy(m->path_rest, outer_path, sizeof outer_path);
    return rc;
}

/* CREATE RULE "_RETURN" AS ON SELECT TO t DO INSTEAD SELECT ...: PostgreSQL
 * (15 and older) turns the table t into a view, as pg_dump writes a view
 * that takes part in a loop of dependencies; the table leaves the model.
 * The server refuses a table with indexes or triggers (keys, foreign keys
 * either way). Another rule changes no table. */
static int apply_rule(mig *m, const RuleStmt *r)
{
    if (strcmp(r->rulename, "_RETURN") != 0 || r->event != CMD_SELECT || !r->instead ||
        sg__mig_temp_table(m, r->relation))
        return APPLIED;
    long ti = sg__mig_find_table(m, sg__mig_schema_of(m, r->relation), r->relation->relname);
    if (ti < 0)
        return APPLIED; /* a view's own rule, or a relation that is no table of the model */
    const sg__sc_table *t = &m->work[ti];
    const char *why = t->primary_key.count || t->unique.count || t->other_indexes.count ? "indexes"
                      : t->fkeys.count ? "triggers (its foreign keys)"
                                       : NULL;
    for (size_t i = 0; i < m->nwork && !why; i++)
        for (size_t k = 0; k < m->work[i].fkeys.count && !why; k++)
            if (sg__mig_fk_references(m, &SG__VEC_AT(m->work[i].fkeys, sg__sc_fkey, k), &m->work[i],
                                      (size_t)ti))
                why = "triggers (the foreign keys that reference it)";
    if (why)
        return sg__mig_refuse(m, r->relation->location,
                              "CREATE RULE \"_RETURN\": table %s has %s, so it cannot become a "
                              "view; not applied",
                              sg__mig_table_name(m, (size_t)ti), why);
    sg__mig_remove_table(m, (size_t)ti);
    return APPLIED;
}

/* ---- DO blocks and CALL ------------------------------------------------------------------- */

static int statement_start(const mig *m, int at);

/* What apply_plain_block() says of a body that is no plain SQL. */
enum { NOT_PLAIN = 2 };

/* What a DO block's EXCEPTION handler catches, as PostgreSQL names the
 * conditions: the "already exists" errors a statement of the model can be
 * refused with, or any error (OTHERS, or the class of all of them). */
typedef struct handler {
    bool any, dup_table, dup_object, dup_column;
    bool other; /* a condition none of the model's refusals is */
} handler;

/* Drizzle's shape of a DO block, `BEGIN <statements> [EXCEPTION WHEN
 * duplicate_object [OR ...] THEN null; ...] END`: the statements' bytes of
 * the body, [from, to), and what the handler catches. */
typedef struct plain_block {
    size_t from, to;
    bool has_handler;
    handler catches;
} plain_block;

/* A condition of a WHEN clause (tokens k...), into *h; the token after it,
 * or 0 when it is none this shape knows. */
static size_t read_condition(const char *s, const sg__sql_token *t, size_t n, size_t k, handler *h)
{
    if (k >= n)
        return 0;
    if (sg__mig_word_is(s, &t[k], "sqlstate")) {
        if (k + 1 >= n || t[k + 1].end - t[k + 1].start != 7 || s[t[k + 1].start] != '\'')
            return 0;
        const char *code = s + t[k + 1].start + 1;
        /* a class's code (its last three characters 000) catches every
         * condition of the class: class 42 holds the model's refusals */
        h->any |= strncmp(code, "42000", 5) == 0;
        h->dup_table |= strncasecmp(code, "42P07", 5) == 0;
        h->dup_object |= strncmp(code, "42710", 5) == 0;
        h->dup_column |= strncmp(code, "42701", 5) == 0;
        h->other |= strncasecmp(code, "42P07", 5) != 0 && strncmp(code, "42710", 5) != 0 &&
                    strncmp(code, "42701", 5) != 0;
        return k + 2;
    }
    if (sg__mig_word_is(s, &t[k], "others") ||
        sg__mig_word_is(s, &t[k], "syntax_error_or_access_rule_violation"))
        h->any = true;
    else if (sg__mig_word_is(s, &t[k], "duplicate_table"))
        h->dup_table = true;
    else if (sg__mig_word_is(s, &t[k], "duplicate_object"))
        h->dup_object = true;
    else if (sg__mig_word_is(s, &t[k], "duplicate_column"))
        h->dup_column = true;
    /* another condition: caught, but by none of the model's refusals */
    else if (!sg__ident_start((unsigned char)s[t[k].start]))
        return 0;
    else
        h->other = true;
    return k + 1;
}

/* Whether the code tokens `t` (n of them) of `body` are Drizzle's shape;
 * fills *b. */
static bool read_plain_block(const char *s, const sg__sql_token *t, size_t n, plain_block *b)
{
    *b = (plain_block){0};
    if (n < 2 || !sg__mig_word_is(s, &t[0], "begin"))
        return false;
    size_t end = n - 1;
    if (sg__mig_char_is(s, &t[end], ';'))
        end--;
    if (end == 0 || !sg__mig_word_is(s, &t[end], "end"))
        return false;
    size_t exc = end;
    for (size_t k = 1; k < end && exc == end; k++)
        if (sg__mig_word_is(s, &t[k], "exception") &&
            (k == 1 || sg__mig_char_is(s, &t[k - 1], ';')))
            exc = k;
    b->from = t[0].end;
    b->to = t[exc].start;
    b->has_handler = exc < end;
    /* WHEN cond [OR cond] THEN NULL; | RAISE NOTICE ...; ... */
    size_t k = exc + 1;
    while (b->has_handler && k < end) {
        if (!sg__mig_word_is(s, &t[k], "when"))
            return false;
        k++;
        for (;;) {
            k = read_condition(s, t, end, k, &b->catches);
            if (k == 0 || k >= end)
                return false;
            if (!sg__mig_word_is(s, &t[k], "or"))
                break;
            k++;
        }
        if (!sg__mig_word_is(s, &t[k], "then"))
            return false;
        k++;
        bool actions = false;
        while (k < end && !sg__mig_word_is(s, &t[k], "when")) {
            if (sg__mig_word_is(s, &t[k], "null") && k + 1 < end &&
                sg__mig_char_is(s, &t[k + 1], ';')) {
                k += 2;
            } else if (sg__mig_word_is(s, &t[k], "raise") && k + 1 < end &&
                       (sg__mig_word_is(s, &t[k + 1], "notice") ||
                        sg__mig_word_is(s, &t[k + 1], "warning") ||
                        sg__mig_word_is(s, &t[k + 1], "info") ||
                        sg__mig_word_is(s, &t[k + 1], "log") ||
                        sg__mig_word_is(s, &t[k + 1], "debug"))) {
                while (k < end && !sg__mig_char_is(s, &t[k], ';'))
                    k++;
                if (k == end)
                    return false;
                k++;
            } else {
                return false;
            }
            actions = true;
        }
        if (!actions)
            return false;
    }
    return !b->has_handler || k == end;
}

/* Whether a refusal of condition `condition` (NULL: another error) is one
 * the handler catches. */
static bool catches(const handler *h, const char *condition)
{
    if (h->any)
        return true;
    if (!condition)
        return false;
    return (h->dup_table && strcmp(condition, "duplicate_table") == 0) ||
           (h->dup_object && strcmp(condition, "duplicate_object") == 0) ||
           (h->dup_column && strcmp(condition, "duplicate_column") == 0);
}

/* Whether statement `stmt` of a DO block's body means in PL/pgSQL what it
 * means as SQL: not SELECT ... INTO (a variable there), EXECUTE (a string
 * there) or a transaction's end. */
static bool plain_sql(const Node *stmt)
{
    return !(IsA(stmt, SelectStmt) && ((const SelectStmt *)stmt)->intoClause) &&
           !IsA(stmt, ExecuteStmt) && !IsA(stmt, TransactionStmt);
}

/* A note kept while a DO block with a handler is applied: its notes are
 * said when the block applies, or when it fails with an error the handler
 * does not catch, and dropped when it catches the error. */
typedef struct held_note {
    int location;
    const char *message; /* in the scratch arena */
    bool applied;
} held_note;

typedef struct note_hold {
    sg__arena *arena;
    sg__vec notes; /* held_note */
} note_hold;

static int hold_note(void *ctx, int location, const char *message, bool applied)
{
    note_hold *h = ctx;
    held_note *n = sg__vec_push(h->arena, &h->notes, sizeof *n);
    if (!n)
        return -1;
    *n = (held_note){location, message, applied};
    return 0;
}

/* Where the text of a DO block's body starts in the file: inside its
 * dollar quotes, which hold it as written; -1 when it is quoted otherwise. */
static long body_offset(const mig *m, const char *body)
{
    size_t blen = strlen(body);
    for (size_t i = sg__mig_token_at(m, m->stmt_at); i < m->ntokens; i++) {
        const sg__sql_token *t = &m->tokens[i];
        if (sg__mig_char_is(m->sql, t, ';'))
            break;
        if (t->comment || m->sql[t->start] != '$')
            continue;
        const char *close = memchr(m->sql + t->start + 1, '$', t->end - t->start - 1);
        if (!close)
            continue;
        size_t tag = (size_t)(close - (m->sql + t->start)) + 1;
        if (t->end - t->start == 2 * tag + blen && memcmp(m->sql + t->start + tag, body, blen) == 0)
            return (long)(t->start + tag);
    }
    return -1;
}

static bool statement_changes_nothing(NodeTag tag);

/* Whether a column definition that ALTER TABLE ... ADD COLUMN adds may
 * fail on the table's rows: NOT NULL or CHECK, a key, a generated value, or
 * a UNIQUE or REFERENCES a default fills. */
static bool added_column_checks_rows(const ColumnDef *cd)
{
    bool fills = false, keyed = false;
    const ListCell *lc;
    foreach (lc, cd->constraints) {
        const Constraint *c = lfirst(lc);
        switch (c->contype) {
        case CONSTR_NULL:
        case CONSTR_IDENTITY:
        case CONSTR_ATTR_DEFERRABLE:
        case CONSTR_ATTR_NOT_DEFERRABLE:
        case CONSTR_ATTR_DEFERRED:
        case CONSTR_ATTR_IMMEDIATE:
            break;
        case CONSTR_DEFAULT:
            fills = true;
            break;
        case CONSTR_UNIQUE:
        case CONSTR_FOREIGN:
            keyed = true;
            break;
        default:
            return true;
        }
    }
    return fills && keyed;
}

/* Why statement `stmt` of a DO block may fail for a reason from-sql cannot
 * decide (the rows of a table, an object it does not follow), or NULL when
 * the model decides whether it fails: as a phrase for a note. */
static const char *may_fail_unseen(const Node *stmt)
{
    static const char rows[] = "it checks or changes rows of a table";
    static const char object[] = "it names an object from-sql does not follow";
    switch (nodeTag(stmt)) {
    case T_CreateStmt:
    case T_VariableSetStmt:
    case T_CommentStmt:
        return NULL;
    case T_IndexStmt:
        return ((const IndexStmt *)stmt)->unique ? rows : NULL;
    case T_DropStmt: {
        const DropStmt *d = (const DropStmt *)stmt;
        return d->missing_ok || d->removeType == OBJECT_TABLE || d->removeType == OBJECT_INDEX
                   ? NULL
                   : object;
    }
    case T_RenameStmt: {
        ObjectType t = ((const RenameStmt *)stmt)->renameType;
        return t == OBJECT_TABLE || t == OBJECT_INDEX || t == OBJECT_COLUMN ||
                       t == OBJECT_TABCONSTRAINT
                   ? NULL
                   : object;
    }
    case T_AlterObjectSchemaStmt:
        return ((const AlterObjectSchemaStmt *)stmt)->objectType == OBJECT_TABLE ? NULL : object;
    case T_AlterTableStmt: {
        const ListCell *lc;
        foreach (lc, ((const AlterTableStmt *)stmt)->cmds) {
            const AlterTableCmd *cmd = lfirst(lc);
            switch (cmd->subtype) {
            case AT_AddColumn:
                if (added_column_checks_rows((const ColumnDef *)cmd->def))
                    return rows;
                break;
            case AT_AddConstraint: {
                const Constraint *c = (const Constraint *)cmd->def;
                if (!((c->contype == CONSTR_FOREIGN || c->contype == CONSTR_CHECK) &&
                      c->skip_validation))
                    return rows;
                break;
            }
            case AT_DropColumn:
            case AT_DropConstraint:
            case AT_DropNotNull:
            case AT_ColumnDefault:
            case AT_AddIdentity:
            case AT_SetIdentity:
            case AT_DropIdentity:
            case AT_DropExpression:
            case AT_SetStatistics:
            case AT_SetStorage:
            case AT_SetCompression:
            case AT_SetOptions:
            case AT_ResetOptions:
            case AT_EnableTrigAll:
            case AT_DisableTrigAll:
            case AT_EnableTrigUser:
            case AT_DisableTrigUser:
            case AT_EnableRowSecurity:
            case AT_DisableRowSecurity:
            case AT_ForceRowSecurity:
            case AT_NoForceRowSecurity:
                break;
            case AT_SetNotNull:
            case AT_AlterColumnType:
            case AT_ValidateConstraint:
            case AT_AddIndexConstraint:
                return rows;
            default:
                return object;
            }
        }
        return NULL;
    }
    default:
        return statement_changes_nothing(nodeTag(stmt)) && !IsA(stmt, InsertStmt) &&
                       !IsA(stmt, UpdateStmt) && !IsA(stmt, DeleteStmt) && !IsA(stmt, MergeStmt) &&
                       !IsA(stmt, CopyStmt) && !IsA(stmt, TruncateStmt)
                   ? object
                   : rows;
    }
}

/* Whether statement `stmt` may change a domain in place (its default, its
 * name or schema, or drop it), which a caught error takes back. */
static bool edits_domains(const Node *stmt)
{
    if (IsA(stmt, AlterDomainStmt))
        return true;
    if (IsA(stmt, RenameStmt))
        return ((const RenameStmt *)stmt)->renameType == OBJECT_DOMAIN;
    if (IsA(stmt, AlterObjectSchemaStmt))
        return ((const AlterObjectSchemaStmt *)stmt)->objectType == OBJECT_DOMAIN;
    if (IsA(stmt, DropStmt))
        return ((const DropStmt *)stmt)->removeType == OBJECT_DOMAIN ||
               ((const DropStmt *)stmt)->removeType == OBJECT_TYPE;
    return false;
}

/* How many foreign keys of `n` tables have an action that writes to their
 * table when the referenced row is deleted or updated (CASCADE, SET NULL,
 * SET DEFAULT): what makes `check` ask for the referencing table. */
static size_t writing_fkeys(const sg__sc_table *tables, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < tables[i].fkeys.count; k++) {
            const sg__sc_fkey *f = &SG__VEC_AT(tables[i].fkeys, sg__sc_fkey, k);
            const char *acts[] = {f->on_delete, f->on_update};
            for (int a = 0; a < 2; a++)
                count += acts[a] &&
                         (strcmp(acts[a], "CASCADE") == 0 || strcmp(acts[a], "SET NULL") == 0 ||
                          strcmp(acts[a], "SET DEFAULT") == 0);
        }
    return count;
}

/* Applies the statements [b->from, b->to) of a DO block's body as if they
 * were written outside it, in one transaction (the block's): a statement the
 * server would refuse fails the block, which changes nothing, silently when
 * its handler catches the error (as Drizzle's `EXCEPTION WHEN
 * duplicate_object THEN null` does for a foreign key that exists already).
 * The statements are read by the parser apart from the file, their notes
 * placed where they are written (inside dollar quotes; else at the block).
 * NOT_PLAIN when they are not plain SQL (the block is another shape). */
static int apply_plain_block(mig *m, const char *body, const plain_block *b)
{
    long at = body_offset(m, body);
    int shift = m->shift + (at >= 0 ? (int)at + (int)b->from : m->stmt_at);
    size_t size = b->to - b->from;
    char *text = sg__arena_strndup(&m->tmp, body + b->from, size);
    if (!text)
        return STOP;
    PgQueryInternalParsetreeAndError parsed = pg_query_raw_parse(text);
    bool plain = !parsed.error;
    const ListCell *lc;
    foreach (lc, plain ? parsed.tree : NIL)
        plain = plain && plain_sql(lfirst_node(RawStmt, lc)->stmt);
    if (parsed.error)
        pg_query_free_error(parsed.error);
    free(parsed.stderr_buffer);
    if (!plain)
        return NOT_PLAIN;
    sg__sql_token *tokens;
    size_t ntokens;
    if (sg__sql_scan(&m->tmp, text, size, &tokens, &ntokens) < 0)
        return STOP;
    /* the file's state that a caught error takes back */
    const char *sql = m->sql, *path = m->default_schema;
    sg__sql_token *file_tokens = m->tokens;
    size_t file_ntokens = m->ntokens, rest = m->path_rest_len, domains = m->s->domains.count;
    const char *path_rest[SG__MIG_PATH_MAX];
    memcpy(path_rest, m->path_rest, sizeof path_rest);
    sg__vec temps = {0}, doms = {0};
    if (!sg__mig_stack_copy(m, &temps, m->temp_tables.items, m->temp_tables.count,
                            sizeof(mig_temp)))
        return STOP;
    /* the domains as they are, when a statement may change one in place */
    bool domain_edits = false;
    foreach (lc, parsed.tree)
        domain_edits = domain_edits || edits_domains(lfirst_node(RawStmt, lc)->stmt);
    if (domain_edits &&
        !sg__mig_stack_copy(m, &doms, m->s->domains.items, domains, sizeof(sg__sc_domain)))
        return STOP;
    /* a handler that catches more than the "already exists" errors: the
     * first statement that may fail for a reason the model does not see
     * (the rows of a table, an object it does not follow) */
    bool unseen_caught = b->has_handler && (b->catches.any || b->catches.other);
    const char *unseen = NULL;
    int unseen_at = -1;
    /* outside BEGIN the block is a transaction of its own, which SET LOCAL
     * and ON COMMIT DROP end with */
    bool in_transaction = m->in_transaction, own_transaction = !in_transaction && !m->marks.count;
    unsigned long unfollowed = m->unfollowed;
    m->in_transaction = true;
    int stmt_at = m->stmt_at, file_shift = m->shift;
    size_t file_len = m->len;
    sg__migrate_note_fn note = m->note;
    void *ctx = m->ctx;
    note_hold hold = {&m->tmp, {0}};
    if (b->has_handler) {
        m->note = hold_note;
        m->ctx = &hold;
    }
    m->sql = text;
    m->len = size;
    m->tokens = tokens;
    m->ntokens = ntokens;
    m->shift = shift;
    int rc = APPLIED;
    foreach (lc, parsed.tree) {
        RawStmt *raw = lfirst_node(RawStmt, lc);
        m->stmt_at = statement_start(m, raw->stmt_location);
        if (unseen_caught && !unseen && (unseen = may_fail_unseen(raw->stmt)))
            unseen_at = at >= 0 ? shift - file_shift + m->stmt_at : stmt_at;
        if ((rc = apply_statement(m, raw->stmt)) != APPLIED)
            break;
    }
    m->sql = sql;
    m->len = file_len;
    m->tokens = file_tokens;
    m->ntokens = file_ntokens;
    m->stmt_at = stmt_at;
    m->shift = file_shift;
    m->note = note;
    m->ctx = ctx;
    m->in_transaction = in_transaction;
    if (rc == STOP || m->oom)
        return STOP;
    /* A refusal the handler catches is the server's error, and the block
     * says nothing, only when the model held what the server holds: nothing
     * in the block went unfollowed, and the error is an "already exists"
     * one of tables the model has, or none went unfollowed before it either
     * (else a table the model lacks may be all the error is). */
    bool followed = m->unfollowed == unfollowed, sure = followed && (m->condition || !unfollowed);
    /* A block that applied, and that a statement may have failed with an
     * error its handler catches, which the model cannot tell: the server
     * may have applied it or rolled it back. Both are possible, and the
     * catalog keeps the one with more foreign keys whose actions write to
     * their tables (check then asks for those tables), the block as applied
     * when they have as many. */
    const char *kept = NULL;
    bool roll_back = rc == REFUSED;
    if (rc == APPLIED && unseen) {
        bool changed =
            sg__mig_changed_tables(m) || m->s->domains.count != domains ||
            (domain_edits && domains &&
             memcmp(doms.items, m->s->domains.items, domains * sizeof(sg__sc_domain)) != 0) ||
            m->temp_tables.count != temps.count ||
            (temps.count &&
             memcmp(temps.items, m->temp_tables.items, temps.count * sizeof(mig_temp)) != 0) ||
            m->default_schema != path || m->path_rest_len != rest ||
            memcmp(m->path_rest, path_rest, sizeof path_rest) != 0;
        if (changed) {
            roll_back = writing_fkeys(m->s->tables.items, m->s->tables.count) >
                        writing_fkeys(m->work, m->nwork);
            kept = roll_back ? "rolled back" : "applied";
        }
    }
    if (roll_back) {
        /* the block's subtransaction is rolled back: it changes nothing */
        m->default_schema = path;
        m->path_rest_len = rest;
        memcpy(m->path_rest, path_rest, sizeof path_rest);
        if (domain_edits && domains)
            memcpy(m->s->domains.items, doms.items, domains * sizeof(sg__sc_domain));
        m->s->domains.count = domains;
        m->temp_tables.count = 0;
        if (!sg__mig_stack_copy(m, &m->temp_tables, temps.items, temps.count, sizeof(mig_temp)) ||
            sg__mig_begin_statement(m) != APPLIED)
            return STOP;
        /* the handler does nothing: the block says nothing either */
        if (rc == REFUSED && b->has_handler && catches(&b->catches, m->condition) && sure)
            return APPLIED;
    } else if (own_transaction) {
        sg__mig_commit_transaction(m);
    }
    for (size_t i = 0; i < hold.notes.count; i++) {
        const held_note *n = &SG__VEC_AT(hold.notes, held_note, i);
        if (m->note(m->ctx, n->location, n->message, n->applied) < 0)
            return STOP;
    }
    if (kept &&
        sg__mig_note(m, unseen_at,
                     "the DO block's EXCEPTION handler may catch an error of this statement (%s), "
                     "which from-sql cannot tell: the server applies the block or rolls all of it "
                     "back; the catalog holds it %s, the outcome with more foreign keys whose "
                     "actions write to their tables (compare it with the database with catalog "
                     "diff)",
                     unseen, kept) != APPLIED)
        return STOP;
    return rc;
}

/* DO: a PL/pgSQL block of plain statements (Drizzle's shape) applies as
 * those statements would outside it; a block in another shape that runs DDL
 * is noted, since its effect depends on the code around it; a block
 * without DDL (RAISE NOTICE, a data loop) changes no table. */
static int apply_do(mig *m, const DoStmt *d)
{
    const char *body = NULL, *lang = "plpgsql";
    const ListCell *lc;
    foreach (lc, d->args) {
        const DefElem *e = lfirst(lc);
        if (e->arg && IsA(e->arg, String))
            *(strcmp(e->defname, "as") == 0 ? &body : &lang) = strVal(e->arg);
    }
    if (!body)
        return APPLIED;
    bool plpgsql = strcasecmp(lang, "plpgsql") == 0;
    if (plpgsql) {
        sg__sql_token *t;
        size_t n, code = 0;
        int rc = sg__sql_scan(&m->tmp, body, strlen(body), &t, &n);
        if (rc < 0)
            return STOP;
        const mig_routine *r = rc == 0 ? sg__mig_calls_ddl_routine(m, body, t, n) : NULL;
        if (r)
            return sg__mig_note_routine_call(m, r);
        for (size_t i = 0; rc == 0 && i < n; i++)
            if (!t[i].comment)
                t[code++] = t[i];
        plain_block b;
        if (rc == 0 && read_plain_block(body, t, code, &b) &&
            (rc = apply_plain_block(m, body, &b)) != NOT_PLAIN)
            return rc;
    }
    const char *ddl = sg__mig_ddl_in_body(m, body, plpgsql);
    if (m->oom)
        return STOP;
    if (!ddl)
        return APPLIED;
    return sg__mig_note(m, -1,
                        "the DO block here runs %s, which from-sql does not follow: it applies a "
                        "DO block only when its body is plain SQL statements between BEGIN and "
                        "END, with at most an EXCEPTION WHEN duplicate_object (duplicate_table, "
                        "...) THEN null handler (write the DDL outside the block, or take the "
                        "catalog from the database with catalog pull)",
                        ddl);
}

/* CALL: the procedure's body is not read, but one the file makes with DDL
 * is noted. */
static int apply_call(mig *m, const CallStmt *c)
{
    const char *name = c->funccall && c->funccall->funcname ? strVal(llast(c->funccall->funcname))
                                                            : "the procedure";
    const mig_routine *r = sg__mig_ddl_routine(m, name, strlen(name));
    if (r)
        return sg__mig_note_routine_call(m, r);
    m->unfollowed++; /* what it makes, a later statement may name */
    return sg__mig_remark(m, -1,
                          "CALL %s: what the procedure does is not followed (a table it makes "
                          "or changes is not in the catalog)",
                          name);
}

/*
 * Statements that can change no table's columns or keys, applied as nothing
 * and never noted: data (INSERT, UPDATE, DELETE, MERGE, SELECT without INTO,
 * COPY, TRUNCATE), session control (SET but search_path, ...), transactions
 * (sg__mig_apply_transaction() follows their ROLLBACKs first), privileges and ownership (GRANT,
 * REVOKE, ALTER DEFAULT PRIVILEGES, policies, roles), comments and security
 * labels, and the creation and change of every object that is not a table:
 * functions, procedures, triggers, rules, extensions, sequences, types,
 * domains, views, materialized views, statistics, publications, ...
 * A table made any other way (CREATE TABLE AS, SELECT INTO, CREATE FOREIGN
 * TABLE, IMPORT FOREIGN SCHEMA) is noted, and so is any statement not listed.
 */
static bool statement_changes_nothing(NodeTag tag)
{
    static const NodeTag tags[] = {
        T_InsertStmt,
        T_UpdateStmt,
        T_DeleteStmt,
        T_MergeStmt,
        T_CopyStmt,
        T_TruncateStmt,
        T_VariableShowStmt,
        T_TransactionStmt,
        T_GrantStmt,
        T_GrantRoleStmt,
        T_AlterDefaultPrivilegesStmt,
        T_CreatePolicyStmt,
        T_AlterPolicyStmt,
        T_CreateRoleStmt,
        T_AlterRoleStmt,
        T_AlterRoleSetStmt,
        T_DropRoleStmt,
        T_AlterOwnerStmt,
        T_CommentStmt,
        T_SecLabelStmt,
        T_CreateFunctionStmt,
        T_AlterFunctionStmt,
        T_CreateTrigStmt,
        T_CreateEventTrigStmt,
        T_AlterEventTrigStmt,
        T_CreateExtensionStmt,
        T_AlterExtensionStmt,
        T_AlterExtensionContentsStmt,
        T_CreateSeqStmt,
        T_AlterSeqStmt,
        T_CompositeTypeStmt,
        T_CreateEnumStmt,
        T_AlterEnumStmt,
        T_CreateRangeStmt,
        T_CreateDomainStmt,
        T_AlterDomainStmt,
        T_AlterTypeStmt,
        T_DefineStmt,
        T_ViewStmt,
        T_RefreshMatViewStmt,
        T_CreateStatsStmt,
        T_AlterStatsStmt,
        T_CreateCastStmt,
        T_CreateOpClassStmt,
        T_CreateOpFamilyStmt,
        T_AlterOpFamilyStmt,
        T_AlterOperatorStmt,
        T_CreateConversionStmt,
        T_CreateTransformStmt,
        T_CreatePLangStmt,
        T_CreateAmStmt,
        T_AlterCollationStmt,
        T_AlterTSDictionaryStmt,
        T_AlterTSConfigurationStmt,
        T_CreatePublicationStmt,
        T_AlterPublicationStmt,
        T_CreateSubscriptionStmt,
        T_AlterSubscriptionStmt,
        T_DropSubscriptionStmt,
        T_CreateFdwStmt,
        T_AlterFdwStmt,
        T_CreateForeignServerStmt,
        T_AlterForeignServerStmt,
        T_CreateUserMappingStmt,
        T_AlterUserMappingStmt,
        T_DropUserMappingStmt,
        T_CreateTableSpaceStmt,
        T_DropTableSpaceStmt,
        T_AlterTableSpaceOptionsStmt,
        T_AlterTableMoveAllStmt,
        T_AlterObjectDependsStmt,
        T_AlterDatabaseStmt,
        T_AlterDatabaseSetStmt,
        T_AlterDatabaseRefreshCollStmt,
        T_AlterSystemStmt,
        T_CreatedbStmt,
        T_DropdbStmt,
        T_LockStmt,
        T_ConstraintsSetStmt,
        T_VacuumStmt,
        T_ClusterStmt,
        T_ReindexStmt,
        T_CheckPointStmt,
        T_DiscardStmt,
        T_ListenStmt,
        T_UnlistenStmt,
        T_NotifyStmt,
        T_LoadStmt,
        T_ExplainStmt,
        T_PrepareStmt,
        T_ExecuteStmt,
        T_DeallocateStmt,
        T_DeclareCursorStmt,
        T_FetchStmt,
        T_ClosePortalStmt,
        T_ReassignOwnedStmt,
    };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (tags[i] == tag)
            return true;
    return false;
}

static int apply_statement(mig *m, Node *stmt)
{
    switch (nodeTag(stmt)) {
    case T_CreateStmt:
        return apply_create(m, (CreateStmt *)stmt);
    case T_AlterTableStmt:
        return apply_alter(m, (AlterTableStmt *)stmt);
    case T_IndexStmt:
        return apply_index(m, (IndexStmt *)stmt);
    case T_DropStmt: {
        DropStmt *d = (DropStmt *)stmt;
        if (d->removeType == OBJECT_DOMAIN || d->removeType == OBJECT_TYPE) {
            int rc = sg__mig_drop_types(m, d);
            return rc == APPLIED && d->removeType == OBJECT_DOMAIN ? sg__mig_apply_domain(m, stmt)
                                                                   : rc;
        }
        return apply_drop(m, d);
    }
    case T_RenameStmt: {
        RenameStmt *r = (RenameStmt *)stmt;
        int rc;
        if (sg__mig_rename_temp_table(m, r, &rc))
            return rc;
        if (r->renameType != OBJECT_DOMAIN && r->renameType != OBJECT_TYPE)
            return sg__mig_apply_rename(m, r);
        rc = r->renameType == OBJECT_DOMAIN ? sg__mig_apply_domain(m, stmt) : APPLIED;
        return rc == APPLIED && r->object && IsA(r->object, List)
                   ? sg__mig_retype(m, (List *)r->object, NULL, r->newname)
                   : rc;
    }
    case T_AlterObjectSchemaStmt: {
        AlterObjectSchemaStmt *a = (AlterObjectSchemaStmt *)stmt;
        if ((a->objectType == OBJECT_TYPE || a->objectType == OBJECT_DOMAIN) && a->object &&
            IsA(a->object, List))
            return sg__mig_retype(m, (List *)a->object, a->newschema, NULL);
        if (a->objectType == OBJECT_TABLE && a->relation && sg__mig_temp_table(m, a->relation))
            return sg__mig_refuse(m, a->relation->location,
                                  "ALTER TABLE %s SET SCHEMA: a temporary table cannot move out "
                                  "of its session's schema; not applied",
                                  a->relation->relname);
        /* a table moved: its columns' types are spelled for its new schema */
        const char *from =
            a->objectType == OBJECT_TABLE && a->relation ? sg__mig_schema_of(m, a->relation) : NULL;
        int rc = sg__mig_apply_set_schema(m, a);
        long ti = rc == APPLIED && from && strcmp(from, a->newschema) != 0
                      ? sg__mig_find_table(m, a->newschema, a->relation->relname)
                      : -1;
        return ti >= 0 ? sg__mig_types_moved(m, (size_t)ti, from) : rc;
    }
    case T_CreateSchemaStmt:
        return apply_create_schema(m, (CreateSchemaStmt *)stmt);
    case T_RuleStmt:
        return apply_rule(m, (RuleStmt *)stmt);
    case T_DoStmt:
        return apply_do(m, (DoStmt *)stmt);
    case T_TransactionStmt:
        return sg__mig_apply_transaction(m, (TransactionStmt *)stmt);
    case T_CallStmt:
        return apply_call(m, (CallStmt *)stmt);
    case T_CreateFunctionStmt:
        return sg__mig_apply_create_routine(m, (CreateFunctionStmt *)stmt);
    case T_VariableSetStmt:
        return sg__mig_apply_set(m, (VariableSetStmt *)stmt);
    case T_DiscardStmt:
        return sg__mig_apply_discard(m, (DiscardStmt *)stmt);
    case T_CreateDomainStmt:
    case T_AlterDomainStmt:
        return sg__mig_apply_domain(m, stmt);
    case T_CreateTableAsStmt: {
        const CreateTableAsStmt *ctas = (const CreateTableAsStmt *)stmt;
        if (ctas->objtype != OBJECT_TABLE)
            return APPLIED; /* a materialized view */
        if (ctas->into && ctas->into->rel && sg__mig_made_temp(ctas->into->rel))
            return sg__mig_make_temp_table(m, ctas->into->rel, ctas->into->onCommit,
                                           "CREATE TEMP TABLE ... AS");
        return sg__mig_note(m, -1,
                            "CREATE TABLE ... AS is not applied: the table's columns come from a "
                            "query");
    }
    case T_SelectStmt: {
        const IntoClause *into = ((SelectStmt *)stmt)->intoClause;
        if (!into)
            return APPLIED;
        if (into->rel && sg__mig_made_temp(into->rel))
            return sg__mig_make_temp_table(m, into->rel, into->onCommit, "SELECT ... INTO TEMP");
        return sg__mig_note(
            m, -1, "SELECT ... INTO is not applied: the table's columns come from a query");
    }
    case T_CreateForeignTableStmt:
    case T_ImportForeignSchemaStmt:
        return sg__mig_note(m, -1, "a foreign table is not applied: only tables are followed");
    default:
        if (statement_changes_nothing(nodeTag(stmt)))
            return APPLIED;
        return sg__mig_note(m, -1, "a statement that is not understood is not applied");
    }
}

/* The first byte of the statement's first token (the parser's start includes
 * the blanks and comments before it). */
static int statement_start(const mig *m, int at)
{
    for (size_t i = sg__mig_token_at(m, at); i < m->ntokens; i++)
        if (!m->tokens[i].comment)
            return (int)m->tokens[i].start;
    return at;
}

/* Where in the statement of `raw` (from its first token to its last) a
 * migration tool's placeholder (`${schema}`), a psql variable (`:tbl`,
 * `:"s"`) or sqlc's parameter was rewritten for the parser, or -1: the
 * statement's real text is what the tool puts there, which only the tool
 * knows. psql's commands and a goose file's down sections are blanked to
 * spaces, and are not the statement's. */
static long rewritten_at(const mig *m, const RawStmt *raw)
{
    size_t len = m->len;
    size_t end = raw->stmt_len > 0 ? (size_t)raw->stmt_location + (size_t)raw->stmt_len : len;
    if (end > len)
        end = len;
    while (end > (size_t)m->stmt_at && strchr(" \t\r\n", m->sql[end - 1]))
        end--;
    for (size_t i = (size_t)m->stmt_at; i < end; i++)
        if (m->sql[i] != m->original[i] && (m->sql[i] != ' ' || m->original[i] == ':'))
            return (long)i;
    return -1;
}

/* The placeholder or variable as written at `at`, for a message: `${...}`,
 * or `:` and the name, quoted name or `{?name}` after it (a copy in the
 * scratch arena). */
static const char *written_at(mig *m, size_t at)
{
    const char *s = m->original + at;
    size_t n = 1;
    if (s[0] == '$' && s[1] == '{') {
        const char *close = strchr(s, '}');
        n = close && close - s < 130 ? (size_t)(close - s) + 1 : 2;
    } else if (s[0] == ':' && (s[1] == '"' || s[1] == '\'' || s[1] == '{')) {
        const char *close = strchr(s + 2, s[1] == '{' ? '}' : s[1]);
        n = close && close - s < 130 ? (size_t)(close - s) + 1 : 2;
    } else {
        while (n < 64 && sg__ident_char((unsigned char)s[n]))
            n++;
    }
    const char *copy = sg__arena_strndup(&m->tmp, s, n);
    if (!copy)
        m->oom = true;
    return copy ? copy : "";
}

/* Whether `stmt` skips what it does not find (IF EXISTS) where it would
 * change a table's columns or keys: found under the name the tool puts in
 * its place, it would (ALTER TABLE IF EXISTS ... ADD COLUMN, DROP TABLE IF
 * EXISTS, RENAME); an owner or tablespace alone changes no table. */
static bool skips_missing_table(const Node *stmt)
{
    if (IsA(stmt, DropStmt))
        return ((const DropStmt *)stmt)->missing_ok;
    if (IsA(stmt, RenameStmt))
        return ((const RenameStmt *)stmt)->missing_ok;
    if (!IsA(stmt, AlterTableStmt) || !((const AlterTableStmt *)stmt)->missing_ok)
        return false;
    const ListCell *lc;
    foreach (lc, ((const AlterTableStmt *)stmt)->cmds) {
        const AlterTableCmd *c = lfirst(lc);
        if (!IsA(c, AlterTableCmd) ||
            (c->subtype != AT_ChangeOwner && c->subtype != AT_SetTableSpace))
            return true;
    }
    return false;
}

/* A note taken and dropped, while a statement is only tried: *ctx (a
 * bool) says whether one was about something not applied. */
static int quiet_note(void *ctx, int location, const char *message, bool applied)
{
    (void)location;
    (void)message;
    if (!applied)
        *(bool *)ctx = true;
    return 0;
}

/* Whether the statement being applied changed the working copy of the
 * tables: one added, dropped or edited. */
static bool changes_tables(const mig *m)
{
    return sg__mig_changed_tables(m);
}

/* Notes every psql include (`\\i`, `\\ir`, `\\include`, `\\include_relative`) of
 * the file: psql reads another file there, which this one does not hold. */
static int note_includes(mig *m, const sg__vec *dead)
{
    size_t *at, count;
    if (sg__sql_psql_includes(&m->tmp, m->original, strlen(m->original), &at, &count) < 0)
        return STOP;
    for (size_t i = 0; i < count; i++) {
        bool runs = true;
        for (size_t k = 0; k < dead->count && runs; k++)
            runs = at[i] < SG__VEC_AT(*dead, sg__span, k).start ||
                   at[i] >= SG__VEC_AT(*dead, sg__span, k).end;
        if (!runs)
            continue;
        const char *s = m->original + at[i] + 1;
        size_t n = 0;
        while (sg__ident_char((unsigned char)s[n]))
            n++;
        if (sg__mig_note(m, (int)at[i],
                         "psql reads another file here (\\%.*s), which from-sql does not "
                         "follow: name that file in its place among the migrations",
                         (int)n, s) != APPLIED)
            return STOP;
    }
    return APPLIED;
}

static int apply_tree(mig *m, List *tree)
{
    const ListCell *lc;
    foreach (lc, tree) {
        RawStmt *raw = lfirst_node(RawStmt, lc);
        m->stmt_at = statement_start(m, raw->stmt_location);
        if (sg__mig_begin_statement(m) != APPLIED)
            return STOP;
        long at = statement_changes_nothing(nodeTag(raw->stmt)) ? -1 : rewritten_at(m, raw);
        int rc;
        const mig_routine *r = NULL;
        if (m->ddl_known && !IsA(raw->stmt, CallStmt) && !IsA(raw->stmt, DoStmt) &&
            !IsA(raw->stmt, CreateFunctionStmt)) {
            /* SELECT f(), INSERT ... SELECT f(), ...: the statement's tokens */
            size_t from = sg__mig_token_at(m, m->stmt_at), to = from;
            while (to < m->ntokens && !sg__mig_char_is(m->sql, &m->tokens[to], ';'))
                to++;
            r = sg__mig_calls_ddl_routine(m, m->sql, m->tokens + from, to - from);
        }
        if (r) {
            rc = sg__mig_note_routine_call(m, r);
        } else if (at < 0) {
            rc = apply_statement(m, raw->stmt);
        } else {
            /* tried quietly: one that changes no table (an owner, a plain
             * index's tablespace, a schema) passes whatever the value is */
            sg__migrate_note_fn note = m->note;
            void *ctx = m->ctx;
            const char *path = m->default_schema;
            size_t rest = m->path_rest_len;
            bool unfollowed = false; /* a part not applied (INHERITS, LIKE, ...) */
            m->note = quiet_note;
            m->ctx = &unfollowed;
            rc = apply_statement(m, raw->stmt);
            m->note = note;
            m->ctx = ctx;
            /* `SET search_path TO ${schema}` names the tool's schema, which
             * only the tool knows: the path stays as it was */
            m->default_schema = path;
            m->path_rest_len = rest;
            if (rc != STOP && (rc != APPLIED || changes_tables(m) || unfollowed ||
                               skips_missing_table(raw->stmt)))
                rc = sg__mig_refuse(m, (int)at,
                                    "%s stands for a value the migration tool or psql puts here, "
                                    "which the file does not hold; the statement is not applied "
                                    "(apply the file as the tool writes it out, or take the "
                                    "catalog from the database with catalog pull)",
                                    written_at(m, (size_t)at));
        }
        if (rc == STOP || m->oom)
            return STOP;
        if (rc == APPLIED && sg__mig_commit_statement(m) != APPLIED)
            return STOP;
    }
    return APPLIED;
}

/* Blanks the down sections of `text` (the tokens `tokens` found in it):
 * from each down marker to the next up marker or the end, every byte but
 * line breaks becomes a space, so the up sections alone are applied and
 * places are kept. Whether anything was blanked. */
static bool blank_down_sections(char *text, size_t len, const sg__sql_token *tokens, size_t ntokens)
{
    size_t from = SIZE_MAX;
    bool blanked = false;
    for (size_t i = 0; i <= ntokens; i++) {
        sg__migration_mark mark =
            i < ntokens && tokens[i].comment
                ? sg__migration_marker(text + tokens[i].start, tokens[i].end - tokens[i].start)
                : SG__MIGRATION_MARK_NONE;
        if (from == SIZE_MAX) {
            if (mark == SG__MIGRATION_MARK_DOWN)
                from = tokens[i].start;
            continue;
        }
        if (i < ntokens && mark != SG__MIGRATION_MARK_UP)
            continue;
        size_t to = i < ntokens ? tokens[i].start : len;
        for (size_t k = from; k < to; k++)
            if (text[k] != '\n' && text[k] != '\r')
                text[k] = ' ';
        from = SIZE_MAX;
        blanked = true;
    }
    return blanked;
}

int sg__migrate_apply(sg__schema *s, const char *sql, const char *default_schema,
                      sg__migrate_note_fn note_fn, void *ctx)
{
    mig m = {0};
    m.s = s;
    m.sql = sql;
    m.default_schema = m.file_schema = default_schema;
    m.note = note_fn;
    m.ctx = ctx;
    sg__arena_init(&m.tmp);
    /* a psql script (pg_dump's \connect and \restrict, COPY ... FROM stdin
     * data) is read as lint reads it: psql's text blanked, offsets kept */
    size_t len = strlen(sql), blanked = 0;
    char *text = sg__arena_alloc_raw(&m.tmp, len + 1);
    int rc = text ? APPLIED : STOP;
    m.original = sql;
    m.len = len;
    if (text) {
        memcpy(text, sql, len + 1);
        if (sg__sql_blank_psql(&m.tmp, text, len, &blanked, NULL) < 0)
            rc = STOP;
        m.sql = sql = text;
    }
    if (rc == APPLIED && sg__sql_scan(&m.tmp, sql, len, &m.tokens, &m.ntokens) < 0)
        rc = STOP;
    /* psql's branches that do not run are blanked, and read again */
    sg__vec dead = {0};
    if (rc == APPLIED && blanked &&
        (memmem(m.original, len, "\\if", 3) || memmem(m.original, len, "\\gexec", 6))) {
        rc = sg__mig_follow_psql_branches(&m, text, &dead);
        if (rc == APPLIED && dead.count &&
            sg__sql_scan(&m.tmp, sql, len, &m.tokens, &m.ntokens) < 0)
            rc = STOP;
    }
    if (rc == APPLIED && blanked)
        rc = note_includes(&m, &dead);
    /* a goose, sql-migrate or dbmate file: only its up sections are applied */
    if (rc == APPLIED && blank_down_sections(text, len, m.tokens, m.ntokens) &&
        sg__sql_scan(&m.tmp, sql, len, &m.tokens, &m.ntokens) < 0)
        rc = STOP;

    MemoryContext pg_ctx = pg_query_enter_memory_context();
    PgQueryInternalParsetreeAndError parsed = pg_query_raw_parse(sql);
    if (rc == APPLIED && parsed.error) {
        long at = sg__pg_cursor_offset(sql, parsed.error->cursorpos);
        rc = sg__mig_note(&m, at >= 0 ? (int)at : 0,
                          "the file does not parse (%s); nothing of it is applied",
                          parsed.error->message ? parsed.error->message : "syntax error");
    } else if (rc == APPLIED) {
        rc = apply_tree(&m, parsed.tree);
        /* psql ends its session there, and the server rolls the
         * transaction back; a migration tool may commit it */
        if (rc == APPLIED && m.in_transaction)
            rc = sg__mig_note(&m, m.begin_at,
                              "the transaction begun here is still open at the end of the file: "
                              "psql's session ends and the server rolls it back, which from-sql "
                              "does not do (what it applied is kept; end it with COMMIT)");
    }
    /* libpg_query allocates these with malloc and documents plain free(). */
    if (parsed.error)
        pg_query_free_error(parsed.error);
    free(parsed.stderr_buffer);
    pg_query_exit_memory_context(pg_ctx);
    sg__arena_release(&m.tmp);
    return rc == STOP ? -1 : 0;
}

void sg__migrate_finish(sg__schema *s)
{
    for (size_t t = 0; t < s->tables.count; t++) {
        sg__sc_table *table = &SG__VEC_AT(s->tables, sg__sc_table, t);
        /* a key repeated (`UNIQUE (a) INCLUDE (b)` and `UNIQUE NULLS NOT
         * DISTINCT (a)` are two constraints of PostgreSQL's), or the primary
         * key's columns again, is one key of the catalog, as `catalog pull`
         * writes it */
        size_t kept = 0;
        for (size_t k = 0; k < table->unique.count; k++) {
            const sg__sc_names *u = &SG__VEC_AT(table->unique, sg__sc_names, k);
            bool seen = sg__schema_names_equal(u, &table->primary_key);
            for (size_t j = 0; j < kept && !seen; j++)
                seen = sg__schema_names_equal(u, &SG__VEC_AT(table->unique, sg__sc_names, j));
            if (!seen)
                SG__VEC_AT(table->unique, sg__sc_names, kept++) = *u;
        }
        table->unique.count = kept;
        for (size_t c = 0; c < table->columns.count; c++) {
            sg__sc_column *col = &SG__VEC_AT(table->columns, sg__sc_column, c);
            /* the domain's own default, else its base domain's, and on */
            for (size_t at = col->domain, hops = 0; !col->default_expr && at && hops < 64; hops++) {
                const sg__sc_domain *d = &SG__VEC_AT(s->domains, sg__sc_domain, at - 1);
                col->default_expr = d->default_expr;
                at = d->base;
            }
        }
    }
}
