/*
 * hints.h - hints for SQL written for another dialect.
 */
#ifndef SG_CHECK_HINTS_H
#define SG_CHECK_HINTS_H

#include <stddef.h>

/* Hints for SQL of another dialect (hints.c): a sentence naming the
 * PostgreSQL form, or NULL. Thread-safe. */
const char *sg__dialect_hint(const char *sql, size_t len);
const char *sg__function_hint(const char *name);

#endif
