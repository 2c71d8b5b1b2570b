/*
 * error.h - filling a caller's sg_error.
 */
#ifndef SG_UTIL_ERROR_H
#define SG_UTIL_ERROR_H

#include "sqlguard.h"

/* Fills *err (when given) with `code` and a message; returns `code`. */
int sg__set_error(sg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
