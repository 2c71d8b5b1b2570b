/*
 * regex.h - PCRE2 on the library's allocator.
 *
 * Every pattern the library compiles from a policy, and the match data of
 * every match, comes from a PCRE2 general context whose memory functions are
 * sg__malloc()/sg__free(), so PCRE2's allocations are counted and bounded like
 * the library's own (and an allocation test can fail them).
 */
#ifndef SG_UTIL_REGEX_H
#define SG_UTIL_REGEX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* A new general context on the library's allocator, or NULL when memory ran
 * out; released with pcre2_general_context_free(). */
pcre2_general_context *sg__regex_context(void);

#endif
