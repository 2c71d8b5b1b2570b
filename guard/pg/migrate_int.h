/*
 * migrate_int.h - what the files that apply a migration's DDL to the table
 * model share (migrate.c, migrate_column.c, migrate_constraint.c,
 * migrate_rename.c, migrate_session.c, migrate_routine.c, migrate_psql.c,
 * migrate_common.c): the state of one application, what applying a piece of
 * a statement came to, the constraints that wait for their table's columns,
 * and the functions one of them calls in another. They call each other in
 * one direction only: migrate.c calls all the others, migrate_column.c and
 * migrate_rename.c call migrate_constraint.c, and everything calls
 * migrate_common.c, which calls none of them. Seen only by those files.
 */
#ifndef SG_PG_MIGRATE_INT_H
#define SG_PG_MIGRATE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <pg_query.h>
#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

#include "pg/migrate.h"
#include "pg/split.h"

/* PostgreSQL's NAMEDATALEN: a name holds at most 63 bytes. */
enum { NAME_MAX_BYTES = 63 };

/* What applying a piece of a statement came to: APPLIED (also when there was
 * nothing to do), REFUSED (the server would fail the statement; noted), or
 * STOP (memory ran out, or the note callback asked to stop). */
enum { APPLIED = 0, REFUSED = 1, STOP = -1 };

enum { SG__MIG_PATH_MAX = 8 };

typedef struct mig {
    sg__schema *s;
    sg__arena tmp; /* scratch memory of one call */
    const char *sql;
    size_t len; /* strlen(sql) */
    /* the file as written, before psql's text and placeholders were blanked
     * or rewritten in `sql` (the same length, the same places) */
    const char *original;
    /* where unqualified tables are created: the first schema of the search
     * path as the file's `SET search_path` leaves it (at first, the caller's
     * default schema, `file_schema`); `path_rest` the schemas after it, where
     * an unqualified name is looked for when the first has no such table */
    const char *default_schema;
    const char *file_schema;
    const char *path_rest[SG__MIG_PATH_MAX];
    size_t path_rest_len;
    /* where an unqualified type or domain is looked for: NULL for
     * default_schema; the outer path's first schema inside CREATE SCHEMA's
     * elements, which cannot make types */
    const char *type_schema;
    /* the temporary tables the file made that are still there (mig_temp):
     * an unqualified name finds one of them before the path */
    sg__vec temp_tables;
    /* `SET LOCAL search_path` in the transaction: the path it hides, which
     * COMMIT brings back (the session's) */
    bool local_set;
    const char *session_schema;
    const char *session_rest[SG__MIG_PATH_MAX];
    size_t session_rest_len;
    /* the notes so far of what from-sql does not follow (and CALLs of
     * procedures it does not read): while there are none, the model holds
     * what the server holds, and a refusal is the server's error */
    unsigned long unfollowed;
    /* the functions and procedures the file makes, and whether their
     * bodies run DDL that could change a table, themselves or through
     * another of them (mig_routine in migrate.c): a call of one is noted */
    sg__vec ddl_routines;
    size_t ddl_known; /* how many of them were found to run DDL */
    /* the condition (PostgreSQL's name, as an EXCEPTION handler writes it)
     * of the last refusal, NULL when it is none of the "already exists"
     * ones a DO block's handler may name */
    const char *condition;
    /* added to every place a note is given: the statements of a DO block
     * are read apart from the file, and their places count from the first */
    int shift;
    /* the file's transaction: the model as it stood at its BEGIN (the
     * first mark, named NULL) and at each SAVEPOINT since, which ROLLBACK
     * and ROLLBACK TO bring back (mig_mark in migrate_session.c). The
     * tables are not copied at a mark: `undo` (mig_undo) holds each slot
     * of s->tables as it was before the first commit after the latest mark
     * that wrote it (`logged[slot]` the serial of the mark it was logged
     * under), and a mark the length of `undo` when it was taken. The marks' copies of the
     * domains and of the temporary tables are stacked in `mark_domains` and
     * `mark_temps`; all of them are reused after COMMIT and RELEASE. */
    sg__vec marks;
    sg__vec undo;
    sg__vec mark_domains;
    sg__vec mark_temps;
    unsigned long *logged;
    size_t nlogged;
    unsigned long mark_serial, serials;
    bool in_transaction;
    int begin_at; /* where the open transaction's BEGIN stands */
    sg__migrate_note_fn note;
    void *ctx;
    sg__sql_token *tokens;
    size_t ntokens;
    int stmt_at; /* where the statement being applied starts */
    /* The tables as the statement being applied leaves them, committed to
     * s->tables when all of it applies. A table's arrays are shared with the
     * model until `owned` says they are this statement's copies. The copy
     * lasts from statement to statement: `dirty` lists the tables a
     * statement edited or added (each edit goes through sg__mig_edit), which
     * its commit copies to the model and the next statement's start restores
     * from it when it was not committed; a table removed (`structural`)
     * makes both copy every table. */
    sg__sc_table *work;
    bool *owned;
    size_t nwork, capwork;
    sg__vec dirty; /* size_t */
    bool synced, structural, committed;
    /* the tables' (schema, name) hashed: slot = index + 1, 0 empty; `stale`
     * after a table was removed, renamed or moved (adding one inserts it) */
    size_t *slots;
    size_t slot_mask;
    bool stale;
    bool oom; /* memory ran out where the caller could not say so (a message's part) */
} mig;

/* ---- migrate_common.c ---- */

int sg__mig_note(mig *m, int location, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The schema of a table a statement names: its own, else the first schema
 * of the search path that has a table of that name, else the first; and
 * where CREATE puts an unqualified one (the first). */
const char *sg__mig_schema_of(const mig *m, const RangeVar *rv);
const char *sg__mig_creation_schema_of(const mig *m, const RangeVar *rv);
int sg__mig_remark(mig *m, int location, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A refusal whose error is the "already exists" condition `condition`
 * (duplicate_table, duplicate_object, duplicate_column), or another (NULL:
 * sg__mig_refuse). */
int sg__mig_refuse_as(mig *m, const char *condition, int location, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define sg__mig_refuse(m, location, ...) sg__mig_refuse_as(m, NULL, location, __VA_ARGS__)
/* Where an unqualified type or domain name is looked for. */
const char *sg__mig_type_schema(const mig *m);
int sg__mig_begin_statement(mig *m);
int sg__mig_commit_statement(mig *m);
/* A slot of s->tables as it was before a commit wrote it, kept for the
 * ROLLBACK of the marks taken before. */
typedef struct mig_undo {
    size_t slot;
    sg__sc_table table;
} mig_undo;
sg__sc_table *sg__mig_edit(mig *m, size_t i);
long sg__mig_find_table(const mig *m, const char *schema, const char *name);
/* A table's schema or name was changed in place: the lookup hash is made
 * again. */
void sg__mig_names_changed(mig *m);
/* Whether the statement being applied changed the tables: one added,
 * removed or edited. */
bool sg__mig_changed_tables(const mig *m);
long sg__mig_add_table(mig *m, const char *schema, const char *name);
void sg__mig_remove_table(mig *m, size_t i);
long sg__mig_target_table(mig *m, const RangeVar *rv, bool missing_ok, const char *what, int *rc);
bool sg__mig_names_has(const sg__sc_names *n, const char *name);
bool sg__mig_names_same_set(const sg__sc_names *a, const sg__sc_names *b);
bool sg__mig_names_from_list(sg__arena *a, const List *list, sg__sc_names *out);
bool sg__mig_names_of_one(sg__arena *a, const char *name, sg__sc_names *out);
bool sg__mig_names_rename(sg__arena *a, sg__sc_names *n, const char *old, const char *new);
bool sg__mig_names_keep(mig *m, const sg__sc_table *t, sg__sc_names *n);
const char *sg__mig_qualified(mig *m, const char *schema, const char *name);
const char *sg__mig_table_name(mig *m, size_t i);
size_t sg__mig_clip_utf8(const char *s, size_t len);
char *sg__mig_object_name(sg__arena *a, const char *name1, const char *name2, const char *label);
char *sg__mig_name_addition(sg__arena *a, const sg__sc_names *cols);
bool sg__mig_relation_name_used(const mig *m, const char *schema, const char *name);
bool sg__mig_constraint_on(const sg__sc_table *t, const char *name);
const char *sg__mig_choose_name(mig *m, const char *schema, const char *name1, const char *name2,
                                const char *label, bool is_index, bool is_constraint);
size_t sg__mig_token_at(const mig *m, int at);
const char *sg__mig_expr_text(mig *m, Node *expr, const char *keyword, bool parenthesized, int stop,
                              bool *oom);

/* ---- migrate_constraint.c ---- */

typedef struct col_refs {
    sg__arena *arena;
    sg__vec names; /* const char * */
    bool failed;
} col_refs;

typedef struct pending_con {
    Constraint *c;
    sg__sc_names cols;      /* key, referencing or named columns */
    sg__sc_names including; /* INCLUDE columns of a key */
} pending_con;

/* The constraints of one statement, applied after its columns in the order
 * PostgreSQL adds them: CHECK (with the table), then the indexes of keys
 * (the primary key first), then foreign keys. */
typedef struct pending {
    sg__vec checks; /* pending_con */
    sg__vec keys;   /* pending_con: PRIMARY KEY, UNIQUE, EXCLUDE */
    sg__vec fkeys;  /* pending_con */
} pending;

/* What sg__mig_drop_dependents looks for in a foreign key (`arg`: the
 * column, the key, or nothing). */
typedef bool (*fk_hit_fn)(const sg__sc_fkey *f, const void *arg);

bool sg__mig_add_ref(col_refs *r, const char *name);
bool sg__mig_refs_of(col_refs *r, Node *expr);
sg__sc_names sg__mig_refs_names(const col_refs *r);
int sg__mig_add_pending(mig *m, pending *p, Constraint *c, const char *column);
int sg__mig_apply_pending(mig *m, size_t ti, pending *p);
bool sg__mig_fk_references(const mig *m, const sg__sc_fkey *f, const sg__sc_table *owner,
                           size_t ti);
void sg__mig_vec_remove(sg__vec *v, size_t k, size_t size);
int sg__mig_drop_dependents(mig *m, size_t ti, fk_hit_fn hit, const void *arg, const bool *dropping,
                            bool cascade, const char *what);
bool sg__mig_fk_any(const sg__sc_fkey *f, const void *arg);
bool sg__mig_fk_uses_key(const sg__sc_fkey *f, const void *arg);
int sg__mig_drop_column(mig *m, size_t ti, const char *column, bool cascade);
int sg__mig_drop_constraint(mig *m, size_t ti, const AlterTableCmd *cmd);

/* ---- migrate_column.c ---- */

int sg__mig_apply_domain(mig *m, Node *stmt);
int sg__mig_retype(mig *m, const List *names, const char *new_schema, const char *new_name);
int sg__mig_types_moved(mig *m, size_t ti, const char *from);
int sg__mig_drop_types(mig *m, const DropStmt *d);
int sg__mig_add_column(mig *m, size_t ti, ColumnDef *cd, pending *p);
int sg__mig_set_default(mig *m, size_t ti, AlterTableCmd *cmd);
int sg__mig_set_not_null(mig *m, size_t ti, AlterTableCmd *cmd, bool not_null);
int sg__mig_set_type(mig *m, size_t ti, AlterTableCmd *cmd);
int sg__mig_alter_identity(mig *m, size_t ti, AlterTableCmd *cmd);

/* ---- migrate_rename.c ---- */

long sg__mig_find_index(const mig *m, const char *schema, const char *name, char *kind, size_t *at);
int sg__mig_apply_rename(mig *m, RenameStmt *r);
int sg__mig_apply_set_schema(mig *m, AlterObjectSchemaStmt *a);

/* The first token at or after token i that is no comment. */
size_t sg__mig_code_token(const mig *m, size_t i);
/* Whether token t of `s` is the word `word` (case aside), or the one
 * character c. */
bool sg__mig_word_is(const char *s, const sg__sql_token *t, const char *word);
bool sg__mig_char_is(const char *s, const sg__sql_token *t, char c);

/* A function or procedure the file makes: whether its body runs DDL, or
 * calls one of the file's routines that does (at any depth). */
typedef struct mig_routine {
    const char *name;
    const char *ddl;  /* the DDL's label; NULL: none found */
    const char *body; /* SQL or PL/pgSQL; NULL for another language */
} mig_routine;

/* A temporary table the file made that is still there: `drop_at_commit`
 * for ON COMMIT DROP, which the end of its transaction drops. */
typedef struct mig_temp {
    const char *name;
    bool drop_at_commit;
} mig_temp;

/* ---- migrate_session.c ---- */

/* Whether `rv` makes a temporary table (TEMP, or in pg_temp); and whether
 * it names one the file made (unqualified: found before the search path). */
bool sg__mig_made_temp(const RangeVar *rv);
bool sg__mig_temp_table(const mig *m, const RangeVar *rv);
/* A temporary table made by `how` (CREATE TABLE, ...): a remark. */
int sg__mig_make_temp_table(mig *m, const RangeVar *rv, OnCommitAction on_commit, const char *how);
/* DROP TABLE of a temporary table the file made: whether `obj` names one. */
bool sg__mig_drop_temp_table(mig *m, const Node *obj);
/* RENAME of a temporary table the file made (or of its column or
 * constraint): whether `r` renames one (APPLIED or REFUSED in *rc). */
bool sg__mig_rename_temp_table(mig *m, const RenameStmt *r, int *rc);
int sg__mig_apply_set(mig *m, const VariableSetStmt *v);
/* Copies the `count` items of `size` bytes at `items` to the end of the
 * stack `v`; false when memory ran out. */
bool sg__mig_stack_copy(mig *m, sg__vec *v, const void *items, size_t count, size_t size);
/* The transaction ends with its changes kept. */
void sg__mig_commit_transaction(mig *m);
int sg__mig_apply_transaction(mig *m, const TransactionStmt *t);
int sg__mig_apply_discard(mig *m, const DiscardStmt *d);

/* ---- migrate_routine.c ---- */

/* DDL that a DO block's or routine's body (SQL or PL/pgSQL when
 * `plpgsql`, else another language) runs in a shape not followed: its
 * label, or NULL (also when memory ran out: m->oom). */
const char *sg__mig_ddl_in_body(mig *m, const char *body, bool plpgsql);
/* The latest routine of the file called `name` (n bytes), when it runs
 * DDL; NULL otherwise. */
const mig_routine *sg__mig_ddl_routine(const mig *m, const char *name, size_t n);
/* The first routine of the file with DDL that tokens t (n of them) of `s`
 * call, or NULL. */
const mig_routine *sg__mig_calls_ddl_routine(const mig *m, const char *s, const sg__sql_token *t,
                                             size_t n);
/* CREATE FUNCTION and CREATE PROCEDURE: kept when its body runs DDL. */
int sg__mig_apply_create_routine(mig *m, const CreateFunctionStmt *f);
/* The note a call of routine `r` gets. */
int sg__mig_note_routine_call(mig *m, const mig_routine *r);

/* ---- migrate_psql.c ---- */

/* Blanks in `text` the branches of psql's `\if` that psql does not run, into
 * *dead (sg__span), and notes what it cannot decide: APPLIED, or STOP when
 * memory ran out or a note stopped the file (migrate_psql.c says how). */
int sg__mig_follow_psql_branches(mig *m, char *text, sg__vec *dead);

#endif
