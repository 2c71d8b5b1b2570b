/*
 * pgvalue.h - whether PostgreSQL 15 takes a bound value's text as a value of
 * a column's type, judged before the statement runs.
 *
 * The text is what the executor sends for a JSON value (JSON true and false
 * as "true" and "false", numbers as written, strings as they are, arrays as
 * array literals with NULL for null, objects as JSON text). The judgement is
 * PostgreSQL's own for a value assigned to a column of the type (INSERT,
 * UPDATE SET, MERGE): its input function, then the type's modifiers as an
 * assignment applies them (a varchar(3) refuses "USDX"). A comparison
 * (`code = %(code)s`) types the parameter without modifiers: there the
 * caller passes the type with mod1 and mod2 at -1, since `col = 'USDX'` on a
 * varchar(3) column is no error.
 *
 * A problem is reported only where PostgreSQL surely refuses the text: a
 * false "mismatch" denies a good operation. Where its reading is subtle
 * (dates and times outside the ISO forms, hexadecimal floats, array
 * dimension decorations) the text is taken as accepted.
 */
#ifndef SG_RULES_PGVALUE_H
#define SG_RULES_PGVALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/pgtype.h"

/*
 * Sets *problem to NULL when PostgreSQL 15 takes `text` as a value of `type`,
 * or when the type is none this module judges (see sg__pgvalue_judged).
 * Otherwise to a short reason, written into `why` (n bytes, always
 * terminated when n > 0): "is not a uuid", "is out of range for integer",
 * "is longer than 3 characters", "is not a valid date", "is not valid JSON",
 * "element 2 is not an integer", ... The reason never quotes the value.
 * Returns 0, or -1 when memory ran out (json and jsonb values go through the
 * library's JSON loader, which allocates; nothing else does).
 *
 * Judged: uuid; smallint, integer, bigint; numeric with its precision and
 * scale; real and double precision; boolean; date and timestamp with or
 * without time zone; character and character varying with their length;
 * text; json and jsonb; arrays of all of these (the literal's syntax, its
 * shape, and each element). Any type's text that is not valid UTF-8 is a
 * problem too: the server refuses it before any input function runs.
 */
int sg__pgvalue_check(const sg__pgtype *type, const char *text, char *why, size_t n,
                      const char **problem);

/* Whether sg__pgvalue_check judges values of `type` (for an array, of its
 * element type) beyond their UTF-8. */
bool sg__pgvalue_judged(const sg__pgtype *type);

#endif
