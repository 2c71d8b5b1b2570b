/*
 * relations.h - the relations and write targets of a statement, read a second
 * time, independently of the guard, for the soundness test.
 */
#ifndef SG_TEST_RELATIONS_H
#define SG_TEST_RELATIONS_H

#include <stdbool.h>
#include <stddef.h>

/* A table of the scope: where it lives and whether it is scoped write. */
typedef struct rel_scoped {
    const char *schema;
    const char *name; /* physical */
    bool write;
} rel_scoped;

/* What one statement names. */
typedef struct rel_report {
    int relations;  /* relations read (CTE references not counted) */
    int ctes;       /* references to a WITH query */
    int writes;     /* tables written or row-locked */
    char *problems; /* NULL when every one is in the scope; else one line each (malloc'd) */
} rel_report;

/*
 * Parses `sql` with libpg_query (its JSON output, not the parse tree the guard walks) and
 * checks every relation it names against the scope. A relation read must be a table of the
 * scope: schema-qualified with its schema, or unqualified and in `default_schema`, or an
 * unqualified name of a WITH query visible where it appears (earlier siblings of a plain
 * WITH, all of a WITH RECURSIVE, and those of enclosing statements). A table that an INSERT,
 * UPDATE, DELETE or MERGE writes, or that FOR UPDATE/SHARE locks, must be scoped write.
 * Planning never enters into it, so a relation the planner would prune is still seen.
 * Returns false only when the text does not parse (the report says why).
 */
bool rel_check(const char *sql, const rel_scoped *scope, size_t count, const char *default_schema,
               rel_report *out);

void rel_report_free(rel_report *report);

#endif
