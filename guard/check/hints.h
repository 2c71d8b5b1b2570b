/*
 * hints.h - hints for SQL written for another dialect.
 */
#ifndef SG_CHECK_HINTS_H
#define SG_CHECK_HINTS_H

#include <stddef.h>

/* A hint for SQL of another dialect, or of a PostgreSQL later than the
 * grammar's 15, that the parser refused with `message`: *hint is a sentence
 * naming the form the grammar takes, or NULL. Returns 0, or -1 when memory
 * ran out. Thread-safe. */
int sg__dialect_hint(const char *sql, size_t len, const char *message, const char **hint);
/* The PostgreSQL form of another dialect's function `name`, or NULL. */
const char *sg__function_hint(const char *name);

#endif
