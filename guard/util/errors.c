/*
 * errors.c - names and messages of the SG_E* codes, from SG_ERRNO_MAP.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"

const char *sg_err_name(int code)
{
    switch (code) {
    case SG_OK:
        return "OK";
#define SG__ERR_NAME(name, value, msg)                                                             \
    case SG_##name:                                                                                \
        return #name;
        SG_ERRNO_MAP(SG__ERR_NAME)
#undef SG__ERR_NAME
    default:
        return "EUNKNOWN";
    }
}

const char *sg_strerror(int code)
{
    switch (code) {
    case SG_OK:
        return "success";
#define SG__ERR_MSG(name, value, msg)                                                              \
    case SG_##name:                                                                                \
        return msg;
        SG_ERRNO_MAP(SG__ERR_MSG)
#undef SG__ERR_MSG
    default:
        return "unknown error";
    }
}

int sg__vset_error(sg_error *err, int code, const char *fmt, va_list ap)
{
    if (err) {
        char msg[sizeof err->message]; /* the arguments may point into err->message */
        vsnprintf(msg, sizeof msg, fmt, ap);
        err->code = code;
        memcpy(err->message, msg, sizeof msg);
    }
    return code;
}

int sg__set_error(sg_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sg__vset_error(err, code, fmt, ap);
    va_end(ap);
    return code;
}

int sg__fail(sg__failure *f, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    f->code = sg__vset_error(f->err, code, fmt, ap);
    va_end(ap);
    return -1;
}
