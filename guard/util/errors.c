/*
 * errors.c - names and messages of the SG_E* codes, from SG_ERRNO_MAP.
 */
#include <stdarg.h>
#include <stdio.h>

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

int sg__set_error(sg_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}
