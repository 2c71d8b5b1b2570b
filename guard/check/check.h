/*
 * check.h - the check's entry for the library's own lint.
 */
#ifndef SG_CHECK_CHECK_H
#define SG_CHECK_CHECK_H

#include <stddef.h>

#include "sqlguard.h"

/* sg_check() as part of a lint run (an operation file): lint-only rule
 * options, such as func.denied's deny-only mode, apply. */
int sg__check_for_lint(const sg_catalog *catalog, const char *operation_json, size_t len,
                       const sg_check_options *options, sg_verdict **out);

/* sg_lint_sql() of a statement of a text whose statements before it created
 * the temporary tables `temp_tables` (sg_verdict's temp_created of each),
 * which its unqualified names find before any other. */
int sg__lint_sql_after(const sg_catalog *catalog, const char *sql, size_t len,
                       const sg_lint_options *options, const char *const *temp_tables,
                       size_t temp_table_count, sg_verdict **out);

/* The caller's lint options (NULL: SG_LINT_OPTIONS_INIT) as this version of
 * the library reads them into *out: only the fields the caller's version
 * has are copied. SG_EINVAL for a version or a value outside the enums. */
int sg__lint_options_read(const sg_lint_options *options, sg_lint_options *out);

#endif
