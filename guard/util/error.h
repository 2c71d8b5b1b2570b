/*
 * error.h - filling a caller's sg_error.
 */
#ifndef SG_UTIL_ERROR_H
#define SG_UTIL_ERROR_H

#include <stdarg.h>

#include "sqlguard.h"

/* Fills *err (when given) with `code` and a message; returns `code`. */
int sg__set_error(sg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same with a va_list. The arguments may point into err->message. */
int sg__vset_error(sg_error *err, int code, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* The first failure of a load: its code and the caller's sg_error. */
typedef struct sg__failure {
    sg_error *err; /* may be NULL */
    int code;
} sg__failure;

/* Records `code` and its message (through sg__vset_error) in *f; returns -1. */
int sg__fail(sg__failure *f, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
